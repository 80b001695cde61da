import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { EventBusWithRules, QueueWithDlq, RuleTarget } from '../../modules';
import { StreamWithConsumers } from '../../modules/stream-with-consumers';
import { PipeToEventBusOptions } from '../../modules/table-with-stream';
import { RoutingModel, simulate } from '../../modules/testing';
import { stack } from './fixtures';

/** A Kinesis stream piped to a bus whose rule sends OrderPlaced events to a queue. */
function piped(options: Partial<PipeToEventBusOptions> = {}, key = false) {
  const s = stack('kinesis-pipe');
  const stream = new StreamWithConsumers(s, 'order-analytics', {
    name: 'order-analytics',
    encryption: key ? { kmsKeyArn: new KmsKey(s, 'key', { enableKeyRotation: true }).arn } : undefined,
  });
  const bus = new EventBusWithRules(s, 'bus', { name: 'orders' });
  const queue = new QueueWithDlq(s, 'placed', { name: 'placed' });
  bus.addRule('placed', { eventPattern: { source: ['orders.analytics'], 'detail-type': ['OrderPlaced'] }, targets: [RuleTarget.queue(queue)] });
  stream.addPipeToEventBus('ToBus', bus, { source: 'orders.analytics', detailType: '$.data.type', ...options });
  return RoutingModel.from(s);
}

const put = (data: unknown) => ({ kind: 'putRecord' as const, stream: 'order-analytics', data, partitionKey: 'o-1' });

describe('a pipe reading a Kinesis stream in the simulator', () => {
  const model = piped();

  test('puts the record on the bus with the detail-type read from the decoded data, and the rule routes it', () => {
    const trace = simulate(model, put({ type: 'OrderPlaced', orderId: 'o-1' }));
    expect(trace.denials).toEqual([]);
    expect(trace).toBeDeliveredTo('placed');
    const pipeHop = trace.hops.find((h) => h.kind === 'pipe')!;
    // Without an input template, the detail is the record as Kinesis gives it (data still base64).
    expect(pipeHop).toMatchObject({
      delivered: true,
      payload: { Source: 'orders.analytics', DetailType: 'OrderPlaced', Detail: { eventSource: 'aws:kinesis', kinesis: { partitionKey: 'o-1' } } },
    });
  });

  test('a record of another type reaches the bus but no rule', () => {
    const trace = simulate(model, put({ type: 'OrderCancelled', orderId: 'o-1' }));
    expect(trace.hops.find((h) => h.kind === 'pipe')).toMatchObject({ delivered: true, payload: { DetailType: 'OrderCancelled' } });
    expect(trace).not.toBeDeliveredTo('placed');
  });

  test('the pipe filter reads the decoded data', () => {
    const filtered = piped({ filters: [{ data: { total: [{ numeric: ['>', 100] }] } }] });
    expect(simulate(filtered, put({ type: 'OrderPlaced', total: 500 }))).toBeDeliveredTo('placed');
    const small = simulate(filtered, put({ type: 'OrderPlaced', total: 5 }));
    expect(small).not.toBeDeliveredTo('placed');
    expect(small.hops.find((h) => h.kind === 'filter')).toMatchObject({ matched: false });
  });

  test('the input template reads the decoded data', () => {
    const templated = piped({ inputTemplate: '{"order": <$.data.orderId>}' });
    const trace = simulate(templated, put({ type: 'OrderPlaced', orderId: 'o-7' }));
    const message = trace.deliveriesTo('placed')[0].payload as { Body: string };
    expect(JSON.parse(message.Body).detail).toEqual({ order: 'o-7' });
  });

  test('a failing pipe sends the Kinesis batch metadata to its DLQ after its retries', () => {
    const trace = simulate(model, put({ type: 'OrderPlaced' }), { consumerFailures: { 'order-analytics-ToBus': Infinity } });
    expect(trace.hops.filter((h) => h.kind === 'pipe')).toHaveLength(11);
    expect(trace).toEndInDeadLetterQueue('order-analytics-ToBus-dlq');
    const body = JSON.parse((trace.deliveriesTo('order-analytics-ToBus-dlq')[0].payload as { Body: string }).Body);
    expect(body.KinesisBatchInfo).toMatchObject({ streamArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/order-analytics' });
  });

  test("under a customer-managed key the pipe's role may decrypt the stream", () => {
    const trace = simulate(piped({}, true), put({ type: 'OrderPlaced' }));
    expect(trace.denials).toEqual([]);
    expect(trace).toBeDeliveredTo('placed');
  });
});
