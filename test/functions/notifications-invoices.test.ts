/** The notifications consumer on the S3 events of new invoices, beside the order events it receives. */
import { handler as notifications } from '../../functions/notifications/handler';
import { parseInvoiceReady } from '../../functions/shared/invoice-event';
import { InvalidMessageError } from '../../functions/shared/order-event';
import { ORDER_ID, eventBridgeEvent, snsEnvelope, sqsEvent, sqsRecord } from './sqs-events';
import { captureLogs, logLines } from './logs';

/** An S3 Object Created event as EventBridge delivers it to the queue. */
function objectCreated(key: string, overrides: Record<string, unknown> = {}) {
  return JSON.stringify({
    version: '0',
    id: '17793124-05d4-b198-2fde-7ededc63b103',
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '123456789012',
    time: '2025-11-23T12:00:00Z',
    region: 'eu-west-1',
    resources: ['arn:aws:s3:::orders-dev-documents'],
    detail: { version: '0', bucket: { name: 'orders-dev-documents' }, object: { key, size: 5, etag: 'b1946ac92492d2347c6235b4d2611184', sequencer: '617f08299329d189' }, reason: 'PutObject' },
    ...overrides,
  });
}

const chunks = captureLogs();

describe('invoice events on the notifications queue', () => {
  test('a new invoice tells its customer, beside the order events of the same batch', async () => {
    const result = await notifications(
      sqsEvent(
        sqsRecord('invoice', objectCreated(`invoices/${ORDER_ID}.pdf`), 'notifications'),
        sqsRecord('order', snsEnvelope(eventBridgeEvent('OrderPlaced')), 'notifications'),
      ),
    );
    expect(result).toEqual({ batchItemFailures: [] });
    const sent = logLines(chunks).filter((l) => l.message === 'notification sent');
    expect(sent).toEqual([
      expect.objectContaining({ messageId: 'invoice', orderId: ORDER_ID, subject: 'Your invoice is ready', key: `invoices/${ORDER_ID}.pdf` }),
      expect.objectContaining({ orderId: ORDER_ID, subject: 'Your order is confirmed' }),
    ]);
  });

  test('an S3 event that is not an invoice is reported as failed, alone, so it reaches the DLQ', async () => {
    const result = await notifications(
      sqsEvent(
        sqsRecord('receipt', objectCreated(`receipts/${ORDER_ID}.pdf`), 'notifications'),
        sqsRecord('deleted', objectCreated(`invoices/${ORDER_ID}.pdf`, { 'detail-type': 'Object Deleted' }), 'notifications'),
        sqsRecord('good', objectCreated(`invoices/${ORDER_ID}.pdf`), 'notifications'),
      ),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'receipt' }, { itemIdentifier: 'deleted' }] });
    expect(logLines(chunks)).toContainEqual(
      expect.objectContaining({ messageId: 'receipt', level: 'error', message: 'invalid invoice event; reported as failed so it reaches the DLQ', problems: [{ pointer: '/detail/object/key', detail: 'must be invoices/<orderId>.pdf' }] }),
    );
  });
});

describe('parseInvoiceReady', () => {
  test('reads the order ID from the key', () => {
    expect(parseInvoiceReady(objectCreated('invoices/o-1.pdf'))).toEqual({ id: '17793124-05d4-b198-2fde-7ededc63b103', orderId: 'o-1', bucket: 'orders-dev-documents', key: 'invoices/o-1.pdf' });
  });

  test('lists every problem', () => {
    let error: unknown;
    try {
      parseInvoiceReady(objectCreated('invoices/a/b.pdf', { id: '', 'detail-type': 'Object Deleted' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidMessageError);
    expect((error as InvalidMessageError).problems).toEqual([
      { pointer: '/detail-type', detail: 'must be "Object Created"' },
      { pointer: '/id', detail: 'must be a non-empty string' },
      { pointer: '/detail/object/key', detail: 'must be invoices/<orderId>.pdf' },
    ]);
  });
});
