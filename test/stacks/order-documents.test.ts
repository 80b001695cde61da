import { Testing } from 'cdktf';
import { RoutingModel, simulate } from '../../modules/testing';
import { handler as notifications } from '../../functions/notifications/handler';
import { ENVIRONMENTS } from '../../stacks/environments';
import { documentsBucketName } from '../../stacks/order-documents';
import { OrdersStack } from '../../stacks/orders-stack';
import { sqsEvent, sqsRecord } from '../functions/sqs-events';

const dev = ENVIRONMENTS.find((e) => e.name === 'dev')!;
const model = RoutingModel.from(new OrdersStack(Testing.app(), dev, {}));
const options = { time: '2026-11-23T12:00:00Z', account: '123456789012' };
const ORDER_ID = '3f2b8c1e-9a4d-8e7f-a1b2-c3d4e5f60718';

function stored(key: string) {
  return simulate(model, { kind: 'objectCreated', bucket: 'orders-dev-documents', key }, options);
}

describe('order-documents', () => {
  it('names the bucket after the environment, and the account when it is known', () => {
    expect(documentsBucketName(dev)).toBe('orders-dev-documents');
    expect(documentsBucketName({ ...dev, accountId: '123456789012' })).toBe('orders-dev-documents-123456789012');
  });

  it('sends a new invoice from the default bus to the orders bus, and its invoice-ready rule to the notifications queue, every hop allowed', () => {
    const trace = stored(`invoices/${ORDER_ID}.pdf`);
    expect(trace).toBeDeliveredTo('default');
    expect(trace).toBeDeliveredTo('orders-dev-orders');
    expect(trace).toBeDeliveredTo('orders-dev-notifications');
    expect(trace.denials).toEqual([]);
    const rules = trace.hops.filter((h) => h.kind === 'rule' && h.matched).map((h) => h.resource.name);
    expect(rules).toEqual(['orders-dev-documents-events', 'invoice-ready']);
  });

  it('sends a document stored elsewhere to the orders bus, but to no queue', () => {
    const trace = stored(`receipts/${ORDER_ID}.pdf`);
    expect(trace).toBeDeliveredTo('orders-dev-orders');
    expect(trace).not.toBeDeliveredTo('orders-dev-notifications');
    expect(trace.deliveries.filter((d) => d.endpoint.kind === 'queue')).toEqual([]);
  });

  it('is understood by the notifications consumer, which tells the customer the invoice is ready', async () => {
    const [delivery] = stored(`invoices/${ORDER_ID}.pdf`).deliveriesTo('orders-dev-notifications');
    const body = (delivery.payload as { Body: string }).Body;
    const lines: Record<string, unknown>[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      String(chunk).split('\n').filter(Boolean).forEach((line) => lines.push(JSON.parse(line)));
      return true;
    });
    try {
      const result = await notifications(sqsEvent(sqsRecord('invoice', body, 'orders-dev-notifications')));
      expect(result).toEqual({ batchItemFailures: [] });
    } finally {
      jest.restoreAllMocks();
    }
    expect(lines).toContainEqual(expect.objectContaining({ message: 'notification sent', orderId: ORDER_ID, subject: 'Your invoice is ready', key: `invoices/${ORDER_ID}.pdf` }));
  });
});
