import { TerraformStack } from 'cdktf';
import { ITopicTarget } from '../../modules/core/contracts';
import { formatValue, ValidationError } from '../../modules/core/errors';
import { EventBusWithRules, EventBusWithRulesProps } from '../../modules/event-bus-with-rules';
import { SynthesizedStack, synthJson, testStack } from '../helpers/synth';
import { document } from '../../modules/core/values';

export const ACCOUNT = '111122223333';
export const FUNCTION_ARN = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:fulfil-order`;
export const STATE_MACHINE_ARN = `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:order-saga`;
export const OTHER_BUS_ARN = `arn:aws:events:eu-west-1:444455556666:event-bus/central`;
export const ORDER_PLACED = { source: ['orders.service'], 'detail-type': ['OrderPlaced'] };

/** A stack with one bus. */
export function busStack(props: Partial<EventBusWithRulesProps> = {}): { stack: TerraformStack; bus: EventBusWithRules } {
  const stack = testStack();
  const bus = new EventBusWithRules(stack, 'orders', { name: 'orders', ...props });
  return { stack, bus };
}

/** A policy document held as JSON text in an attribute. */
export function policyOf(resource: Record<string, any>, attribute = 'policy'): { Version: string; Statement: any[] } {
  return document<any>(resource[attribute]);
}

/** The statement with this Sid. */
export function statement(policy: { Statement: any[] }, sid: string): any {
  const found = policy.Statement.filter((s) => s.Sid === sid);
  if (found.length !== 1) throw new Error(`expected one statement ${sid}, found ${found.length} in ${JSON.stringify(policy)}`);
  return found[0];
}

/** `${type.name.attr}` for the resource at the path, as the JSON writes references. */
export function ref(json: SynthesizedStack, type: string, pathSuffix: string, attribute: string): string {
  const found = Object.values(json.resource[type] ?? {}).filter((r: any) => String(r['//']?.metadata?.path).endsWith(pathSuffix));
  if (found.length !== 1) throw new Error(`expected one ${type} at …${pathSuffix}, found ${found.length}`);
  return `\${${type}.${(found[0] as any)['//'].metadata.uniqueId}.${attribute}}`;
}

export { synthJson };

/**
 * Runs `fn`, which must throw a ValidationError for construct `path` with an
 * issue on `field` whose value is `value` and whose rule contains `allowed`;
 * the message must show all of it as one line.
 */
export function expectInvalid(fn: () => unknown, expected: { path: string; field: string; value: unknown; allowed: string }): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  const v = error as ValidationError;
  expect(v.constructPath).toBe(expected.path);
  const issue = v.issues.find((i) => i.field === expected.field);
  expect(issue).toBeDefined();
  expect(issue!.value).toEqual(expected.value);
  expect(issue!.allowed).toContain(expected.allowed);
  expect(v.message).toContain(expected.path);
  expect(v.message).toContain(`${expected.field} = ${shown(expected.value)} is invalid: `);
  expect(v.message).toContain(expected.allowed);
}

/** A value as the error message shows it: JSON, cut at 200 characters. */
/** As ValidationError writes values (test/core/errors.test.ts pins that format). */
function shown(value: unknown): string {
  return formatValue(value);
}

/** An SNS topic stand-in that records the grants made to it. */
export class FakeTopic implements ITopicTarget {
  readonly grants: Array<{ principal: string; sourceArn: string }> = [];
  readonly topicName: string;
  readonly topicArn: string;
  constructor(
    name = 'order-events',
    readonly fifo = false,
    readonly kmsKeyArn?: string,
  ) {
    this.topicName = name;
    this.topicArn = `arn:aws:sns:eu-west-1:${ACCOUNT}:${name}`;
  }
  allowPublishFrom(principal: string, sourceArn: string): void {
    this.grants.push({ principal, sourceArn });
  }
}
