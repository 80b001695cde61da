import { Testing } from 'cdktf';
import { RoutingModel, simulate, analyzeRouting } from '../../modules/testing';
import { ENVIRONMENTS } from '../../stacks/environments';
import { OrdersStack } from '../../stacks/orders-stack';
import { toOrderEvents } from '../../functions/order-events/handler';

const dev = ENVIRONMENTS.find((e) => e.name === 'dev')!;
const model = RoutingModel.from(new OrdersStack(Testing.app(), dev, {}));
const threshold = dev.highValueThreshold;
// The pipe's enrichment runs the real handler code.
const options = {
  time: '2026-11-23T12:00:00Z',
  account: '123456789012',
  enrichments: { 'orders-dev-order-events': (records: unknown[]) => toOrderEvents(records as never) },
};

function order(overrides: Record<string, unknown> = {}) {
  return {
    orderId: 'o-1',
    customerId: 'c-1',
    status: 'PLACED',
    total: 120,
    currency: 'EUR',
    items: [{ sku: 'BOOK-1', quantity: 2, unitPrice: 60 }],
    notifications: { optIn: true },
    version: 1,
    ...overrides,
  };
}

function put(detailType: string, detail: Record<string, unknown>, source = 'orders.service', sim = options) {
  return simulate(model, { kind: 'putEvents', bus: 'orders-dev-orders', entry: { Source: source, DetailType: detailType, Detail: detail } }, sim);
}

describe('orders-dev routing', () => {
  it('has no routing warnings but the alarm topic without subscribers in dev', () => {
    expect(analyzeRouting(model).map((w) => `${w.code} ${w.resource}`)).toEqual(['ROUTING_DEAD_END orders-dev/alarms/Topic']);
  });

  it('delivers an OrderPlaced below the threshold to fulfillment, billing and notifications, not fraud review', () => {
    const trace = put('OrderPlaced', order({ total: threshold - 0.01 }));
    expect(trace).toBeDeliveredTo('orders-dev-fulfillment');
    expect(trace).toBeDeliveredTo('orders-dev-billing');
    expect(trace).toBeDeliveredTo('orders-dev-notifications');
    expect(trace).not.toBeDeliveredTo('orders-dev-fraud-review');
  });

  it('sends an OrderPlaced at the threshold to fraud review too', () => {
    const trace = put('OrderPlaced', order({ total: threshold }));
    expect(trace).toBeDeliveredTo('orders-dev-fraud-review');
    expect(trace).toBeDeliveredTo('orders-dev-fulfillment');
  });

  it('bills and notifies an OrderCancelled, without fulfilling or reviewing it', () => {
    const trace = put('OrderCancelled', order({ status: 'CANCELLED', total: threshold * 10 }));
    expect(trace).toBeDeliveredTo('orders-dev-billing');
    expect(trace).toBeDeliveredTo('orders-dev-notifications');
    expect(trace).not.toBeDeliveredTo('orders-dev-fulfillment');
    expect(trace).not.toBeDeliveredTo('orders-dev-fraud-review');
  });

  it('only notifies an OrderStatusChanged', () => {
    const trace = put('OrderStatusChanged', order({ status: 'SHIPPED' }));
    expect(trace).toBeDeliveredTo('orders-dev-notifications');
    for (const queue of ['fulfillment', 'billing', 'fraud-review']) expect(trace).not.toBeDeliveredTo(`orders-dev-${queue}`);
  });

  it('does not notify a customer who opted out', () => {
    const trace = put('OrderPlaced', order({ notifications: { optIn: false } }));
    expect(trace).not.toBeDeliveredTo('orders-dev-notifications');
    expect(trace).toBeDeliveredTo('orders-dev-fulfillment');
  });

  it('ignores an event from another source', () => {
    const trace = put('OrderPlaced', order({ total: threshold * 2 }), 'payments.service');
    expect(trace.deliveries.filter((d) => /queue/i.test(JSON.stringify(d)))).toEqual([]);
    for (const queue of ['fulfillment', 'billing', 'notifications', 'fraud-review']) expect(trace).not.toBeDeliveredTo(`orders-dev-${queue}`);
  });

  it('delivers the EventBridge event itself to each queue (raw delivery), and its consumer gets it as an SQS record', () => {
    const trace = put('OrderPlaced', order({ total: threshold }));
    const event = { source: 'orders.service', 'detail-type': 'OrderPlaced', detail: { orderId: 'o-1', total: threshold } };
    expect(trace).toBeDeliveredWith('orders-dev-fulfillment', { Body: event, Attributes: { SenderId: 'sns.amazonaws.com' } });
    expect(trace).toBeDeliveredWith('orders-dev-fraud-review', { Body: event, Attributes: { SenderId: 'events.amazonaws.com' } });
    expect(trace).toBeDeliveredWith('orders-dev-billing', { Records: [{ eventSource: 'aws:sqs', body: event }] });
    // The fulfillment queue's consumer is the fulfillment workflow: the pipe starts it with the batch as a JSON array.
    expect(trace).toBeDeliveredWith('orders-dev-order-fulfillment', [{ eventSource: 'aws:sqs', body: event }]);
  });

  it('turns a new order in the table into an OrderPlaced on the bus, through the pipe', () => {
    const trace = simulate(
      model,
      {
        kind: 'streamRecord',
        table: 'orders-dev-orders',
        eventName: 'INSERT',
        newImage: { pk: 'ORDER#o-9', eventType: 'OrderPlaced', ...order({ orderId: 'o-9', total: threshold + 1 }) },
      },
      options,
    );
    expect(trace).toBeDeliveredWith('orders-dev-fraud-review', {
      Body: { source: 'orders.service', 'detail-type': 'OrderPlaced', detail: { orderId: 'o-9', total: threshold + 1, notifications: { optIn: true } } },
    });
    expect(trace).toBeDeliveredTo('orders-dev-fulfillment');
  });

  it('draws the pipe calling its enrichment function', () => {
    expect(model.edges().filter((e) => e.label === 'enrichment').map((e) => `${e.from.name} -> ${e.to.name}`)).toEqual(['orders-dev-orders-stream -> orders-dev-order-events']);
  });

  it('needs the enrichment logic to simulate the pipe', () => {
    expect(() => simulate(model, { kind: 'streamRecord', table: 'orders-dev-orders', eventName: 'INSERT', newImage: { pk: 'ORDER#o-1', eventType: 'OrderPlaced', ...order() } }, { time: options.time })).toThrow(
      /pipe orders-dev-orders-stream is enriched by function orders-dev-order-events .*: pass its logic in options.enrichments/,
    );
  });

  it('lets the pipe drop a record without an event type (an edit by hand)', () => {
    const trace = simulate(model, { kind: 'streamRecord', table: 'orders-dev-orders', eventName: 'REMOVE', oldImage: { pk: 'ORDER#o-9', ...order() } }, options);
    for (const queue of ['fulfillment', 'billing', 'notifications', 'fraud-review']) expect(trace).not.toBeDeliveredTo(`orders-dev-${queue}`);
  });

  it('moves a message its consumer keeps failing to the queue DLQ after maxReceiveCount', () => {
    const trace = put('OrderPlaced', order(), 'orders.service', { ...options, consumerFailures: { 'orders-dev-fulfillment': Infinity } } as never);
    expect(trace).toEndInDeadLetterQueue('orders-dev-fulfillment-dlq');
    expect(trace).toBeDeliveredTo('orders-dev-billing');
  });

  it('sends an event the topic cannot take to the rule DLQ after retries', () => {
    const trace = put('OrderPlaced', order(), 'orders.service', { ...options, deliveryFailures: { 'orders-dev-order-events': Infinity } } as never);
    expect(trace).toEndInDeadLetterQueue('orders-dev-orders-order-lifecycle-dlq');
    expect(trace).not.toBeDeliveredTo('orders-dev-fulfillment');
  });
});
