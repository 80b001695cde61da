import { Testing } from 'cdktf';
import { KinesisStreamRecord, RoutingModel, simulate } from '../../modules/testing';
import { ENVIRONMENTS } from '../../stacks/environments';
import { OrdersStack } from '../../stacks/orders-stack';
import { toOrderEvents } from '../../functions/order-events/handler';

const dev = ENVIRONMENTS.find((e) => e.name === 'dev')!;
const stack = new OrdersStack(Testing.app(), dev, {});
const model = RoutingModel.from(stack);
const STREAM = 'orders-dev-order-analytics';

const put = (detailType: string, detail: Record<string, unknown>, source = 'orders.service') =>
  simulate(model, { kind: 'putEvents', bus: 'orders-dev-orders', entry: { Source: source, DetailType: detailType, Detail: detail } });
const data = (record: KinesisStreamRecord) => JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'));

describe('orders-dev order-analytics', () => {
  it.each(['OrderPlaced', 'OrderStatusChanged', 'OrderCancelled'])('streams every %s as one record keyed by its order id, with no call refused', (detailType) => {
    const trace = put(detailType, { orderId: 'o-42', total: 10 });
    expect(trace.denials).toEqual([]);
    expect(trace).toBeDeliveredTo(STREAM);
    const records = trace.deliveriesTo(STREAM).map((d) => d.payload as KinesisStreamRecord);
    expect(records).toHaveLength(1);
    expect(records[0].kinesis.partitionKey).toBe('o-42');
    expect(data(records[0])).toMatchObject({ source: 'orders.service', 'detail-type': detailType, detail: { orderId: 'o-42' } });
  });

  it('does not stream events of another source', () => {
    expect(put('OrderPlaced', { orderId: 'o-42' }, 'billing.service')).not.toBeDeliveredTo(STREAM);
  });

  it('streams a new order written to the table, through the pipe and the bus', () => {
    const trace = simulate(
      model,
      {
        kind: 'streamRecord',
        table: 'orders-dev-orders',
        eventName: 'INSERT',
        newImage: { pk: 'ORDER#o-7', eventType: 'OrderPlaced', orderId: 'o-7', customerId: 'c-1', status: 'PLACED', total: 120, currency: 'EUR', items: [{ sku: 'BOOK-1', quantity: 2, unitPrice: 60 }], notifications: { optIn: false }, version: 1 },
      },
      { time: '2026-11-23T12:00:00Z', enrichments: { 'orders-dev-order-events': (records: unknown[]) => toOrderEvents(records as never) } },
    );
    expect(trace).toBeDeliveredTo(STREAM);
    expect((trace.deliveriesTo(STREAM)[0].payload as KinesisStreamRecord).kinesis.partitionKey).toBe('o-7');
  });

  it('alarms on throttled writes to the stream, to the alarm topic', () => {
    const alarms = Object.values(JSON.parse(Testing.synth(stack)).resource.aws_cloudwatch_metric_alarm as Record<string, Record<string, unknown>>);
    expect(alarms.find((a) => a.metric_name === 'WriteProvisionedThroughputExceeded')).toMatchObject({
      alarm_name: `${STREAM}-write-throttles`,
      namespace: 'AWS/Kinesis',
      alarm_actions: [expect.stringContaining('aws_sns_topic.')],
    });
  });
});
