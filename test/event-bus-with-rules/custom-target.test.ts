import { IEventBusRule, IRuleTarget, RuleTarget, RuleTargetConfig, RuleTargetOptions, RuleTargetPlace, targetRole, ValidationError, ValidationIssue } from '../../modules';
import { resourceAt, resourcesOf } from '../helpers/synth';
import { ACCOUNT, busStack, expectInvalid, FUNCTION_ARN, ORDER_PLACED, policyOf, ref, statement, synthJson } from './helpers';

const RULE = 'test/orders/placed';
const STREAM_ARN = `arn:aws:kinesis:eu-west-1:${ACCOUNT}:stream/order-analytics`;

/** A target kind the library does not have, defined here: a Kinesis data stream. */
class StreamTarget implements IRuleTarget {
  readonly kind = 'stream';
  constructor(
    readonly streamArn: string,
    readonly options: RuleTargetOptions & { partitionKeyPath?: string } = {},
  ) {}

  validate(_rule: IEventBusRule, place: RuleTargetPlace): ValidationIssue[] {
    return /^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/[A-Za-z0-9_.-]{1,128}$/.test(this.streamArn)
      ? []
      : [{ field: `${place.field}.streamArn`, value: this.streamArn, allowed: 'must be a Kinesis stream ARN (arn:<partition>:kinesis:<region>:<account>:stream/<name>)' }];
  }

  bind(rule: IEventBusRule, place: RuleTargetPlace): RuleTargetConfig {
    return {
      arn: this.streamArn,
      roleArn: targetRole(rule, place, 'kinesis:PutRecord', this.streamArn, 'put records on the target stream'),
      kinesisTarget: { partitionKeyPath: this.options.partitionKeyPath ?? '$.id' },
    };
  }
}

describe('a rule target kind defined outside the library', () => {
  it('binds: its ARN, role and parameters reach the target, with the ID, retries and DLQ the rule gives every target', () => {
    const { stack, bus } = busStack();
    bus.addRule('placed', {
      eventPattern: ORDER_PLACED,
      targets: [RuleTarget.lambda(FUNCTION_ARN), new StreamTarget(STREAM_ARN, { partitionKeyPath: '$.detail.orderId', inputPath: '$.detail', retryPolicy: { maximumRetryAttempts: 4 } })],
    });
    const json = synthJson(stack);
    const target = resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-stream-2');
    expect(target).toMatchObject({
      target_id: 'stream-2',
      arn: STREAM_ARN,
      role_arn: ref(json, 'aws_iam_role', 'orders/placed/Target-stream-2-Role', 'arn'),
      kinesis_target: { partition_key_path: '$.detail.orderId' },
      input_path: '$.detail',
      retry_policy: { maximum_retry_attempts: 4, maximum_event_age_in_seconds: 86_400 },
      dead_letter_config: { arn: ref(json, 'aws_sqs_queue', 'orders/placed/DeadLetterQueue/Resource/Queue', 'arn') },
    });
    const role = resourceAt(json, 'aws_iam_role', 'orders/placed/Target-stream-2-Role');
    expect(statement(policyOf(role, 'assume_role_policy'), 'AllowEventBridgeForThisRuleOnly').Condition.ArnEquals['aws:SourceArn']).toBe(
      ref(json, 'aws_cloudwatch_event_rule', 'orders/placed/Rule', 'arn'),
    );
    const rolePolicy = resourceAt(json, 'aws_iam_role_policy', 'orders/placed/Target-stream-2-RolePolicy');
    expect(statement(policyOf(rolePolicy), 'AllowTargetActionOnly')).toEqual({ Sid: 'AllowTargetActionOnly', Effect: 'Allow', Action: 'kinesis:PutRecord', Resource: STREAM_ARN });
    // The built-in kind beside it is unchanged.
    expect(resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-lambda-1')).toMatchObject({ target_id: 'lambda-1', arn: FUNCTION_ARN });
  });

  it('refuses a bad value of its own with the rule path, its field under the target, the value and what is allowed', () => {
    expectInvalid(() => busStack().bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.lambda(FUNCTION_ARN), new StreamTarget('order-analytics')] }), {
      path: RULE,
      field: 'targets[1].streamArn',
      value: 'order-analytics',
      allowed: 'must be a Kinesis stream ARN (arn:<partition>:kinesis:<region>:<account>:stream/<name>)',
    });
  });

  it('reports its own issues with the rule\'s in one error, before anything is made', () => {
    const { stack, bus } = busStack();
    let error: unknown;
    try {
      bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [new StreamTarget('order-analytics', { inputPath: 'detail' })] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.field)).toEqual(['targets[0].inputPath', 'targets[0].streamArn']);
    expect(resourcesOf(synthJson(stack), 'aws_cloudwatch_event_rule')).toHaveLength(0);
  });

  it('refuses a later target of a kind whose bind throws, keeping nothing it made', () => {
    const { stack, bus } = busStack();
    const rule = bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.lambda(FUNCTION_ARN)] });
    const refusing: IRuleTarget = {
      kind: 'strict',
      bind(r: IEventBusRule, place: RuleTargetPlace): RuleTargetConfig {
        targetRole(r, place, 'kinesis:PutRecord', STREAM_ARN, 'put records');
        throw new ValidationError(r.node.path, [{ field: `${place.field}.mode`, value: 'x', allowed: 'must be known' }]);
      },
    };
    expectInvalid(() => rule.addTarget(refusing), { path: RULE, field: 'targets[1].mode', value: 'x', allowed: 'must be known' });
    const json = synthJson(stack);
    expect(resourcesOf(json, 'aws_iam_role')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_cloudwatch_event_target').map((t) => t.target_id)).toEqual(['lambda-1']);
  });

  it('refuses a kind that cannot start a target ID', () => {
    const target = { kind: 'kinesis stream', bind: () => ({ arn: STREAM_ARN }) } as IRuleTarget;
    let error: unknown;
    try {
      busStack().bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [target] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).constructPath).toBe(RULE);
    expect((error as ValidationError).issues).toEqual([
      {
        field: 'targets[0]',
        value: target,
        allowed: expect.stringContaining('or be another IRuleTarget (a kind of 1–40 letters, digits, ".", "-" or "_", and bind(rule, place))'),
      },
    ]);
  });

  it('takes its kind into the default target ID, which must be unique like any other', () => {
    expectInvalid(
      () => busStack().bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [new StreamTarget(STREAM_ARN), new StreamTarget(STREAM_ARN, { targetId: 'stream-1' })] }),
      { path: RULE, field: 'targets[1].targetId', value: 'stream-1', allowed: 'target IDs must be unique within a rule' },
    );
  });
});
