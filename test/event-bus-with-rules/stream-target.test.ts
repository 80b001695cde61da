import { RuleTarget } from '../../modules/event-bus-with-rules';
import { StreamWithConsumers } from '../../modules/stream-with-consumers';
import { resourceAt } from '../helpers/synth';
import { ACCOUNT, busStack, expectInvalid, ORDER_PLACED, policyOf, ref, synthJson } from './helpers';

const STREAM_ARN = `arn:aws:kinesis:eu-west-1:${ACCOUNT}:stream/order-analytics`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/stream-key`;

describe('Kinesis stream targets', () => {
  it('puts records on a stream through a role allowed kinesis:PutRecord on it only, with the partition key path', () => {
    const { stack, bus } = busStack();
    const stream = new StreamWithConsumers(stack, 'analytics', { name: 'order-analytics' });
    bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.stream(stream, { partitionKeyPath: '$.detail.orderId' })] });
    const json = synthJson(stack);
    const streamArn = ref(json, 'aws_kinesis_stream', 'analytics/Stream', 'arn');
    expect(resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-stream-1')).toMatchObject({
      arn: streamArn,
      role_arn: ref(json, 'aws_iam_role', 'orders/placed/Target-stream-1-Role', 'arn'),
      kinesis_target: { partition_key_path: '$.detail.orderId' },
    });
    const trust = policyOf(resourceAt(json, 'aws_iam_role', 'orders/placed/Target-stream-1-Role'), 'assume_role_policy');
    expect(trust.Statement[0]).toMatchObject({ Principal: { Service: 'events.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': ref(json, 'aws_cloudwatch_event_rule', 'orders/placed/Rule', 'arn') } } });
    expect(policyOf(resourceAt(json, 'aws_iam_role_policy', 'orders/placed/Target-stream-1-RolePolicy')).Statement).toEqual([
      { Sid: 'AllowTargetActionOnly', Effect: 'Allow', Action: 'kinesis:PutRecord', Resource: streamArn },
    ]);
  });

  it("with a customer-managed key, the role may also make the key's data keys", () => {
    const { stack, bus } = busStack();
    const stream = new StreamWithConsumers(stack, 'analytics', { name: 'order-analytics', encryption: { kmsKeyArn: KEY } });
    bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.stream(stream)] });
    const json = synthJson(stack);
    expect(policyOf(resourceAt(json, 'aws_iam_role_policy', 'Target-stream-1-RolePolicy')).Statement[1]).toEqual({
      Sid: 'EncryptWithStreamKey',
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey'],
      Resource: KEY,
    });
  });

  it('takes the ARN of a stream made elsewhere; without a path, no kinesis_target (EventBridge keys records by event ID)', () => {
    const { stack, bus } = busStack();
    bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.stream(STREAM_ARN)] });
    const target = resourceAt(synthJson(stack), 'aws_cloudwatch_event_target', 'Target-stream-1');
    expect(target.arn).toBe(STREAM_ARN);
    expect(target.kinesis_target).toBeUndefined();
  });

  it('refuses an ARN that is not a stream, naming the field, value and what is allowed', () => {
    const { bus } = busStack();
    const queueArn = `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`;
    expectInvalid(() => bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.stream(queueArn)] }), {
      path: 'test/orders/placed',
      field: 'targets[0].stream',
      value: queueArn,
      allowed: 'must be a Kinesis stream ARN (arn:<partition>:kinesis:<region>:<account>:stream/<name>)',
    });
  });

  it.each([
    ['not a JSON path', 'detail.orderId'],
    ['longer than 256 characters', `$.${'d'.repeat(255)}`],
  ])('refuses a partition key path %s', (_what, path) => {
    const { bus } = busStack();
    expectInvalid(() => bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.stream(STREAM_ARN, { partitionKeyPath: path })] }), {
      path: 'test/orders/placed',
      field: 'targets[0].partitionKeyPath',
      value: path,
      allowed: 'must be a JSON path into the event starting with "$" (e.g. "$.detail.orderId"), at most 256 characters',
    });
  });
});
