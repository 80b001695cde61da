import { IEventBusTarget, IQueueTarget } from '../../modules';
import { TableWithStream, TableWithStreamProps } from '../../modules/table-with-stream';
import { synthJson, testStack } from '../helpers/synth';
import { document } from '../../modules/core/values';

/** A bus made elsewhere (the event-bus module implements the same contract). */
export const BUS: IEventBusTarget = {
  eventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders',
  eventBusName: 'orders',
};

export const BUS_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/bus-key';
export const TABLE_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/table-key';
export const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:orders-audit';

/** A queue made elsewhere, recording the grants made to it. */
export function fakeQueue(overrides: Partial<IQueueTarget> = {}): IQueueTarget & { grants: [string, string][] } {
  const grants: [string, string][] = [];
  return {
    queueArn: 'arn:aws:sqs:eu-west-1:123456789012:shared-dlq',
    queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/shared-dlq',
    queueName: 'shared-dlq',
    fifo: false,
    allowSendFrom: (principal: string, source: string) => void grants.push([principal, source]),
    grants,
    ...overrides,
  };
}

export const BASE: TableWithStreamProps = { name: 'orders', partitionKey: { name: 'pk', type: 'S' } };

/** A table in a fresh stack, `extra` run on it, and the synthesized JSON. */
export function build(props: Partial<TableWithStreamProps> = {}, extra?: (table: TableWithStream) => void) {
  const stack = testStack();
  const table = new TableWithStream(stack, 'orders', { ...BASE, ...props });
  extra?.(table);
  return { stack, table, json: synthJson(stack) };
}

export { errorOf } from '../helpers/errors';

/** `^<path>: <field> = <value> is invalid: <allowed…>`: exactly one issue, with everything it must name. */
export function oneIssue(path: string, field: string, value: unknown, allowed: string): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // As ValidationError writes values: JSON, cut to 200 characters.
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  const shown = text.length > 200 ? `${text.slice(0, 197)}...` : text;
  return new RegExp(`^${esc(path)}: ${esc(field)} = ${esc(shown)} is invalid: ${esc(allowed)}`);
}

/** The JSON document held in a string attribute. */
export function doc(value: unknown): any {
  expect(typeof value).toBe('string');
  return document<any>(value as string);
}
