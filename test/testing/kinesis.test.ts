import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { EventBusWithRules, RuleTarget } from '../../modules';
import { StreamWithConsumers, StreamWithConsumersProps } from '../../modules/stream-with-consumers';
import { KinesisStreamRecord, RoutingModel, simulate } from '../../modules/testing';
import { stack } from './fixtures';

/** A bus whose rule sends order events to a stream read by one Lambda function (its role given the consumer's policy). */
function analytics(streamProps: Partial<StreamWithConsumersProps> = {}, consumer: { enhancedFanOut?: boolean; filters?: object[]; grant?: boolean; key?: boolean } = {}) {
  const s = stack('analytics');
  // A key without a policy of its own admits the account's principals through IAM: the roles' grants decide.
  if (consumer.key) streamProps = { ...streamProps, encryption: { kmsKeyArn: new KmsKey(s, 'key', { enableKeyRotation: true }).arn } };
  const role = new IamRole(s, 'role', { name: 'reader', assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) });
  const fn = new LambdaFunction(s, 'reader', { functionName: 'reader', role: role.arn, handler: 'index.handler', runtime: 'nodejs20.x', filename: 'fn.zip' });
  const stream = new StreamWithConsumers(s, 'order-analytics', { name: 'order-analytics', ...streamProps });
  stream.addLambdaConsumer('reader', { functionArn: fn.arn, functionRoleName: consumer.grant === false ? undefined : role.name, enhancedFanOut: consumer.enhancedFanOut, filters: consumer.filters as never, maximumRetryAttempts: 2 });
  const bus = new EventBusWithRules(s, 'bus', { name: 'orders' });
  bus.addRule('order-analytics', { eventPattern: { source: ['orders.service'] }, targets: [RuleTarget.stream(stream, { partitionKeyPath: '$.detail.orderId' })] });
  return RoutingModel.from(s);
}

const placed = { kind: 'putEvents' as const, bus: 'orders', entry: { Source: 'orders.service', DetailType: 'OrderPlaced', Detail: { orderId: 'o-1', total: 10 } } };
const decode = (record: KinesisStreamRecord) => JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'));

describe('Kinesis streams in the simulator', () => {
  const model = analytics();

  test('the model has the stream, fed by the rule target and read by the mapping', () => {
    const [stream] = model.ofKind('stream');
    expect(stream).toMatchObject({ name: 'order-analytics', arn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/order-analytics' });
    expect(stream.consumers.map((c) => c.kind)).toEqual(['mapping']);
    const target = model.ofKind('target')[0];
    expect(target.endpoint).toBe(stream);
    expect(target.partitionKeyPath).toBe('$.detail.orderId');
    expect(model.edges().filter((e) => e.from === stream).map((e) => e.to.name)).toEqual(['reader']);
  });

  test('a rule delivers the event as a record: base64 data, partition key read from the event', () => {
    const trace = simulate(model, placed);
    expect(trace).toBeDeliveredTo('order-analytics');
    const record = trace.deliveriesTo('order-analytics')[0].payload as KinesisStreamRecord;
    expect(record).toMatchObject({
      eventSource: 'aws:kinesis',
      eventName: 'aws:kinesis:record',
      eventSourceARN: 'arn:aws:kinesis:eu-west-1:123456789012:stream/order-analytics',
      kinesis: { partitionKey: 'o-1', kinesisSchemaVersion: '1.0' },
    });
    expect(decode(record)).toMatchObject({ source: 'orders.service', 'detail-type': 'OrderPlaced', detail: { orderId: 'o-1' } });
  });

  test('the consumer receives the record in a Lambda Kinesis event', () => {
    const trace = simulate(model, placed);
    expect(trace).toBeDeliveredTo('reader');
    const event = trace.deliveriesTo('reader')[0].payload as { Records: KinesisStreamRecord[] };
    expect(event.Records).toHaveLength(1);
    expect(decode(event.Records[0]).detail.total).toBe(10);
  });

  test('a failing consumer sends the batch metadata to its on-failure queue after its retries', () => {
    const trace = simulate(model, placed, { consumerFailures: { reader: Infinity } });
    expect(trace.hops.filter((h) => h.kind === 'invoke' && h.resource.name === 'reader')).toHaveLength(3);
    expect(trace).toEndInDeadLetterQueue('order-analytics-reader-dlq');
    const message = trace.deliveriesTo('order-analytics-reader-dlq')[0].payload as { Body: string };
    expect(JSON.parse(message.Body)).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
      KinesisBatchInfo: { streamArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/order-analytics', batchSize: 1 },
    });
  });

  test('a putRecord input reaches the readers; Lambda filters read JSON data decoded', () => {
    const filtered = analytics({}, { filters: [{ data: { type: ['OrderPlaced'] } }] });
    const put = (type: string) => simulate(filtered, { kind: 'putRecord', stream: 'order-analytics', data: { type }, partitionKey: 'k' });
    expect(put('OrderPlaced')).toBeDeliveredTo('reader');
    expect(put('OrderCancelled')).not.toBeDeliveredTo('reader');
  });

  test('an enhanced fan-out consumer reads the stream through its consumer', () => {
    const fanOut = analytics({}, { enhancedFanOut: true });
    expect(fanOut.ofKind('stream')[0].consumers).toHaveLength(1);
    expect(simulate(fanOut, placed)).toBeDeliveredTo('reader');
  });

  test("a consumer whose role may not read the stream is refused, and the record expires unread", () => {
    const trace = simulate(analytics({}, { grant: false }), placed);
    expect(trace).not.toBeDeliveredTo('reader');
    expect(trace.denials.map((d) => d.call)).toEqual([expect.stringContaining('kinesis:')]);
  });

  test("with a customer-managed key, the rule target's role may encrypt and the consumer's role decrypt", () => {
    const trace = simulate(analytics({}, { key: true }), placed);
    expect(trace.denials).toEqual([]);
    expect(trace).toBeDeliveredTo('order-analytics');
    expect(trace).toBeDeliveredTo('reader');
  });
});
