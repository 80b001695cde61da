import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { PipesPipe } from '@cdktf/provider-aws/lib/pipes-pipe';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { InvokeHop, RoutingModel, simulate, SqsMessage } from '../../modules/testing';
import '../../modules/testing';
import { allowSend, consumer, queueWithDlq, stack } from './fixtures';

function queues() {
  const s = stack('sqs');
  const work = queueWithDlq(s, 'work', 3);
  consumer(s, 'worker', work.queue.arn, { functionResponseTypes: ['ReportBatchItemFailures'] });
  consumer(s, 'dlq-reader', work.dlq.arn);

  const bare = new SqsQueue(s, 'bare', { name: 'bare', messageRetentionSeconds: 86_400 });
  consumer(s, 'bare-worker', bare.arn);

  const filtered = new SqsQueue(s, 'filtered', { name: 'filtered' });
  consumer(s, 'picky', filtered.arn, { filterCriteria: { filter: [{ pattern: JSON.stringify({ body: { type: ['wanted'] } }) }] } });

  const shared = new SqsQueue(s, 'shared', { name: 'shared' });
  const first = consumer(s, 'first', shared.arn);
  new LambdaEventSourceMapping(s, 'second-mapping', { eventSourceArn: shared.arn, functionName: first.functionName, enabled: false });
  new SqsQueue(s, 'unread', { name: 'unread' });
  return RoutingModel.from(s);
}
const model = queues();
const send = (queue: string, body: string | Record<string, unknown> = { job: 1 }) => ({ kind: 'sendMessage' as const, queue, body, attributes: { origin: 'test', weight: 3 } });

test('a consumer receives the SQS event for the message', () => {
  const trace = simulate(model, send('work'));
  const message = trace.deliveries[0].payload as SqsMessage;
  expect(message).toEqual({
    MessageId: '00000000-0000-4000-8000-000000000001',
    ReceiptHandle: 'receipt-00000000-0000-4000-8000-000000000001',
    MD5OfBody: 'c5e179508b1710fec2b8c51a8a5efd8e',
    Body: '{"job":1}',
    Attributes: { SenderId: '123456789012', SentTimestamp: '1704067200000', ApproximateReceiveCount: '0', ApproximateFirstReceiveTimestamp: '1704067200000' },
    MessageAttributes: { origin: { DataType: 'String', StringValue: 'test' }, weight: { DataType: 'Number', StringValue: '3' } },
  });
  expect(trace.deliveriesTo('worker')[0].payload).toEqual({
    Records: [
      {
        messageId: '00000000-0000-4000-8000-000000000001',
        receiptHandle: 'receipt-00000000-0000-4000-8000-000000000001',
        body: '{"job":1}',
        attributes: { SenderId: '123456789012', SentTimestamp: '1704067200000', ApproximateReceiveCount: '1', ApproximateFirstReceiveTimestamp: '1704067200000' },
        messageAttributes: {
          origin: { stringValue: 'test', stringListValues: [], binaryListValues: [], dataType: 'String' },
          weight: { stringValue: '3', stringListValues: [], binaryListValues: [], dataType: 'Number' },
        },
        md5OfBody: 'c5e179508b1710fec2b8c51a8a5efd8e',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:work',
        awsRegion: 'eu-west-1',
      },
    ],
  });
});

test('a consumer that fails fewer than maxReceiveCount times gets the message again and succeeds', () => {
  const trace = simulate(model, send('work'), { consumerFailures: { worker: 2 } });
  const invokes = trace.hops.filter((h): h is InvokeHop => h.kind === 'invoke');
  expect(invokes.map((h) => [h.attempt, h.succeeded])).toEqual([
    [1, false],
    [2, false],
    [3, true],
  ]);
  expect(invokes.map((h) => (h.event as { Records: Array<{ attributes: Record<string, string> }> }).Records[0].attributes.ApproximateReceiveCount)).toEqual(['1', '2', '3']);
  expect(trace).not.toEndInDeadLetterQueue();
});

test('after maxReceiveCount failed receives, redrive moves the message itself to the DLQ', () => {
  const trace = simulate(model, send('work'), { consumerFailures: { worker: Infinity } });
  expect(trace.hops.filter((h) => h.kind === 'invoke' && h.resource.name === 'worker')).toHaveLength(3);
  expect(trace).toEndInDeadLetterQueue('work-dlq');
  expect(trace).toBeDeliveredWith('work-dlq', { MessageId: '00000000-0000-4000-8000-000000000001', Body: { job: 1 } });
  // The DLQ's own consumer then reads it.
  expect(trace).toBeDeliveredTo('dlq-reader');
  expect(trace.hops.find((h) => h.kind === 'deadLetter')).toMatchObject({ reason: expect.stringContaining('maxReceiveCount 3') });
});

test.each([
  ['the queue it reads, by name', 'work'],
  ['the queue, by ARN', 'arn:aws:sqs:eu-west-1:123456789012:work'],
  ['the function, by name', 'worker'],
  ['the function, by ARN', 'arn:aws:lambda:eu-west-1:123456789012:function:worker'],
  ['the event source mapping, by construct id', 'worker-mapping'],
])('consumerFailures names a consumer by %s', (_how, ref) => {
  const trace = simulate(model, send('work'), { consumerFailures: { [ref]: Infinity } });
  expect(trace).toEndInDeadLetterQueue('work-dlq');
});

test('consumerFailures naming nothing lists what it could name', () => {
  const error = (() => {
    try {
      simulate(model, send('work'), { consumerFailures: { 'work-dlq-typo': Infinity } });
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  })();
  expect(error).toMatch(/^consumerFailures: "work-dlq-typo" matches no function, mapping, pipe, queue, table in the stack/);
  // Consumers, and the queues that have one; never a queue nobody reads.
  expect(error).toContain('function worker (');
  expect(error).toContain('queue work (');
  expect(error).toContain('mapping ');
  expect(error).not.toContain('queue unread');
});

test('without a redrive policy a failing message lives until retention expires', () => {
  const trace = simulate(model, send('bare'), { consumerFailures: { 'bare-worker': Infinity } });
  expect(trace.hops.at(-1)).toMatchObject({ kind: 'dropped', reason: expect.stringContaining('message_retention_seconds (86400)') });
});

test('event source mapping filters: a message no filter matches is deleted', () => {
  expect(simulate(model, send('filtered', { type: 'wanted' }))).toBeDeliveredTo('picky');
  const trace = simulate(model, send('filtered', { type: 'other' }));
  expect(trace).not.toBeDeliveredTo('picky');
  expect(trace.hops.map((h) => h.kind)).toEqual(['message', 'filter', 'dropped']);
  expect(simulate(model, send('filtered', 'not json'))).not.toBeDeliveredTo('picky');
});

test('consumers of one queue compete; disabled mappings poll nothing', () => {
  const trace = simulate(model, send('shared'));
  expect(trace.hops.filter((h) => h.kind === 'invoke').map((h) => h.kind === 'invoke' && h.via?.name)).toEqual(['first-mapping']);
});

test('queues are found by URL and ARN too', () => {
  expect(simulate(model, send('https://sqs.eu-west-1.amazonaws.com/123456789012/bare'))).toBeDeliveredTo('bare-worker');
  expect(simulate(model, send('arn:aws:sqs:eu-west-1:123456789012:bare'))).toBeDeliveredTo('bare-worker');
});

describe('a pipe reading a queue', () => {
  function piped() {
    const s = stack('piped');
    const inbox = queueWithDlq(s, 'inbox', 2);
    const bus = new CloudwatchEventBus(s, 'bus', { name: 'bus' });
    new PipesPipe(s, 'pipe', {
      name: 'inbox-pipe',
      roleArn: 'arn:aws:iam::123456789012:role/p',
      source: inbox.queue.arn,
      target: bus.arn,
      sourceParameters: { filterCriteria: { filter: [{ pattern: JSON.stringify({ body: { kind: ['job'] } }) }] } },
      targetParameters: { inputTemplate: '{"id": <$.body.id>, "from": <aws.pipes.source-arn>}', eventbridgeEventBusParameters: { detailType: '$.body.kind' } },
    });
    const fifo = new SqsQueue(s, 'fifo', { name: 'jobs.fifo', fifoQueue: true });
    const rule = new CloudwatchEventRule(s, 'rule', { name: 'jobs', eventBusName: bus.name, eventPattern: '{"detail-type":["job"]}' });
    new CloudwatchEventTarget(s, 'to-fifo', { rule: rule.name, eventBusName: bus.name, arn: fifo.arn, sqsTarget: { messageGroupId: 'jobs' } });
    allowSend(fifo, 'events.amazonaws.com', rule.arn);
    const fn = new LambdaFunction(s, 'fn', { functionName: 'fn', role: 'arn:aws:iam::123456789012:role/x' });
    const live = new LambdaAlias(s, 'live', { name: 'live', functionName: fn.functionName, functionVersion: '1' });
    new LambdaEventSourceMapping(s, 'fifo-mapping', { eventSourceArn: fifo.arn, functionName: live.arn });
    return RoutingModel.from(s);
  }
  const model = piped();
  const job = { kind: 'sendMessage' as const, queue: 'inbox', body: { kind: 'job', id: 7 } };

  test('filters on the parsed body, templates from it, and reads detail-type from it', () => {
    const trace = simulate(model, job);
    expect(trace).toBeDeliveredWith('bus', { source: 'Pipe inbox-pipe', 'detail-type': 'job', detail: { id: 7, from: 'arn:aws:sqs:eu-west-1:123456789012:inbox' } });
    expect(trace).toBeDeliveredWith('jobs.fifo', { Attributes: { MessageGroupId: 'jobs' } });
    // The mapping names an alias: the alias's function is invoked.
    expect(trace).toBeDeliveredTo('fn');
    expect(simulate(model, { ...job, body: { kind: 'other' } })).not.toBeDeliveredTo('bus');
  });

  test('a failing pipe leaves the message in the queue until redrive', () => {
    const trace = simulate(model, job, { deliveryFailures: { 'inbox-pipe': Infinity } });
    expect(trace.hops.filter((h) => h.kind === 'pipe')).toHaveLength(2);
    expect(trace).toEndInDeadLetterQueue('inbox-dlq');
    expect(simulate(model, job, { consumerFailures: { 'inbox-pipe': 1 } })).toBeDeliveredTo('bus');
  });
});
