import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { RoutingModel, simulate, SqsMessage, SubscriptionHop } from '../../modules/testing';
import '../../modules/testing';
import { allowInvoke, allowSend, consumer, orderPlaced, ordersStack, stack } from './fixtures';

function topicStack() {
  const s = stack('sns');
  const topic = new SnsTopic(s, 'topic', { name: 'events' });
  const envelope = new SqsQueue(s, 'envelope', { name: 'envelope' });
  const raw = new SqsQueue(s, 'raw', { name: 'raw' });
  const subDlq = new SqsQueue(s, 'sub-dlq', { name: 'sub-dlq' });
  const fn = new LambdaFunction(s, 'fn', { functionName: 'on-event', role: 'arn:aws:iam::123456789012:role/x' });
  new SnsTopicSubscription(s, 'envelope-sub', {
    topicArn: topic.arn,
    protocol: 'sqs',
    endpoint: envelope.arn,
    filterPolicy: JSON.stringify({ kind: ['order'] }),
    redrivePolicy: JSON.stringify({ deadLetterTargetArn: subDlq.arn }),
  });
  new SnsTopicSubscription(s, 'raw-sub', {
    topicArn: topic.arn,
    protocol: 'sqs',
    endpoint: raw.arn,
    rawMessageDelivery: true,
    filterPolicy: JSON.stringify({ amount: [{ numeric: ['>', 100] }] }),
  });
  new SnsTopicSubscription(s, 'fn-sub', { topicArn: topic.arn, protocol: 'lambda', endpoint: fn.arn });
  new SnsTopicSubscription(s, 'hook-sub', { topicArn: topic.arn, protocol: 'https', endpoint: 'https://hooks.example.com/in' });

  const fifo = new SnsTopic(s, 'fifo-topic', { name: 'events.fifo', fifoTopic: true });
  const fifoQueue = new SqsQueue(s, 'fifo-queue', { name: 'ordered.fifo', fifoQueue: true });
  new SnsTopicSubscription(s, 'fifo-sub', { topicArn: fifo.arn, protocol: 'sqs', endpoint: fifoQueue.arn, rawMessageDelivery: true });
  consumer(s, 'raw-consumer', raw.arn);
  for (const q of [envelope, raw, subDlq]) allowSend(q, 'sns.amazonaws.com', topic.arn);
  allowSend(fifoQueue, 'sns.amazonaws.com', fifo.arn);
  allowInvoke(fn, 'sns.amazonaws.com', topic.arn);
  return RoutingModel.from(s);
}
const model = topicStack();
const publish = (attributes: Record<string, string | number | string[]> = {}, message: string | Record<string, unknown> = { hello: 'world' }) =>
  ({ kind: 'publish' as const, topic: 'events', message, attributes, subject: 'greeting' });

describe('Publish on a topic', () => {
  test('MessageAttributes filters admit or reject, and the trace says which', () => {
    const trace = simulate(model, publish({ kind: 'order', amount: 50 }));
    const subs = trace.hops.filter((h): h is SubscriptionHop => h.kind === 'subscription');
    expect(subs.map((h) => [h.resource.name, h.admitted, h.filterPolicyScope])).toEqual([
      ['envelope-sub', true, 'MessageAttributes'],
      ['raw-sub', false, 'MessageAttributes'],
      ['fn-sub', true, 'MessageAttributes'],
      ['hook-sub', true, 'MessageAttributes'],
    ]);
    expect(trace).toBeDeliveredTo('envelope');
    expect(trace).not.toBeDeliveredTo('raw');
  });

  test('an SQS subscriber receives the SNS notification JSON', () => {
    const trace = simulate(model, publish({ kind: 'order' }));
    const message = trace.deliveriesTo('envelope')[0].payload as SqsMessage;
    expect(JSON.parse(message.Body)).toEqual({
      Type: 'Notification',
      MessageId: '00000000-0000-4000-8000-000000000001',
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:events',
      Subject: 'greeting',
      Message: '{"hello":"world"}',
      Timestamp: '2024-01-01T00:00:00.000Z',
      SignatureVersion: '1',
      Signature: 'EXAMPLE',
      SigningCertURL: expect.stringMatching(/^https:\/\/sns\.eu-west-1\.amazonaws\.com\/.*\.pem$/),
      UnsubscribeURL: expect.stringMatching(/^https:\/\/sns\.eu-west-1\.amazonaws\.com\/\?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:eu-west-1:123456789012:events:[0-9a-f-]{36}$/),
      MessageAttributes: { kind: { Type: 'String', Value: 'order' } },
    });
    expect(message).toMatchObject({ MessageId: '00000000-0000-4000-8000-000000000002', Attributes: { SenderId: 'sns.amazonaws.com' } });
    expect(message.MD5OfBody).toMatch(/^[0-9a-f]{32}$/);
  });

  test('raw message delivery sends the bare message, attributes as SQS attributes', () => {
    const trace = simulate(model, publish({ amount: 150, tags: ['a', 'b'] }, 'plain text'));
    expect(trace).toBeDeliveredWith('raw', {
      Body: 'plain text',
      MessageAttributes: {
        amount: { DataType: 'Number', StringValue: '150' },
        tags: { DataType: 'String.Array', StringValue: '["a","b"]' },
      },
    });
    expect(trace).toBeDeliveredWith('raw-consumer', {
      Records: [{ body: 'plain text', eventSource: 'aws:sqs', messageAttributes: { amount: { stringValue: '150', dataType: 'Number', stringListValues: [] } } }],
    });
  });

  test('a Lambda subscriber receives the SNS event', () => {
    const trace = simulate(model, publish({ kind: 'order' }));
    expect(trace).toBeDeliveredWith('on-event', {
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: expect.stringMatching(/^arn:aws:sns:eu-west-1:123456789012:events:/),
          Sns: { Type: 'Notification', Message: '{"hello":"world"}', Subject: 'greeting', MessageAttributes: { kind: { Type: 'String', Value: 'order' } } },
        },
      ],
    });
  });

  test('an HTTPS subscriber outside the stack receives the notification', () => {
    expect(simulate(model, publish())).toBeDeliveredWith('https://hooks.example.com/in', { Type: 'Notification', Message: '{"hello":"world"}' });
  });

  test('failed deliveries go to the subscription redrive DLQ after SNS gives up', () => {
    const trace = simulate(model, publish({ kind: 'order' }), { deliveryFailures: { 'envelope-sub': Infinity } });
    expect(trace).toEndInDeadLetterQueue('sub-dlq');
    expect(trace).not.toBeDeliveredTo('envelope');
    expect(trace.hops.find((h) => h.kind === 'deadLetter')).toMatchObject({ reason: expect.stringContaining('100,015') });
  });

  test('without a redrive policy SNS discards the message', () => {
    const trace = simulate(model, publish(), { deliveryFailures: { 'https://hooks.example.com/in': Infinity } });
    expect(trace.hops.find((h) => h.kind === 'dropped')).toMatchObject({ resource: { name: 'hook-sub' }, reason: expect.stringContaining('4 times') });
  });

  test('FIFO topics stamp a sequence number and message group', () => {
    const trace = simulate(model, { kind: 'publish', topic: 'events.fifo', message: 'm', messageGroupId: 'g1' });
    expect(trace).toBeDeliveredWith('ordered.fifo', { Attributes: { MessageGroupId: 'g1', MessageDeduplicationId: expect.any(String), SequenceNumber: expect.stringMatching(/^\d+$/) } });
  });
});

describe('EventBridge to SNS', () => {
  test('EventBridge publishes the event as the message body, without attributes: only MessageBody filters can match', () => {
    const trace = simulate(ordersStack(), orderPlaced({ notify: true }));
    expect(trace).toBeDeliveredWith('order-events', { Message: { 'detail-type': 'OrderPlaced', detail: { notify: true } } });
    expect(trace.deliveriesTo('order-events')[0].payload).not.toHaveProperty('MessageAttributes');
    expect(trace).toBeDeliveredTo('notifications');
    // Raw delivery hands the billing queue the event itself.
    expect(trace).toBeDeliveredWith('billing', { Body: { source: 'orders.service', detail: { orderId: 'o-1' } } });
    // Without raw delivery the fulfillment queue gets the notification wrapping it.
    expect(trace).toBeDeliveredWith('fulfillment/Queue', { Body: { Type: 'Notification', Message: { 'detail-type': 'OrderPlaced' } } });
  });
});
