/**
 * Runs the four queue consumers on SQS events shaped like the ones AWS delivers:
 * SNS notification envelopes (topic → queue without raw delivery) and raw
 * EventBridge events (raw delivery, or the rule that targets fraud-review).
 */
import { handler as billing } from '../../functions/billing/handler';
import { handler as fraudReview } from '../../functions/fraud-review/handler';
import { handler as fulfillment } from '../../functions/fulfillment/handler';
import { handler as notifications } from '../../functions/notifications/handler';
import { createLogger } from '../../functions/shared/logger';
import { InvalidMessageError, parseOrderEvent } from '../../functions/shared/order-event';
import { createOrderEventConsumer } from '../../functions/shared/sqs-consumer';
import { ORDER_ID, eventBridgeEvent, snsEnvelope, sqsEvent, sqsRecord } from './sqs-events';
import { captureLogs, logLines } from './logs';

const chunks = captureLogs();

describe('a batch with good and bad messages', () => {
  test('only the bad messages come back as batch item failures', async () => {
    const result = await fulfillment(
      sqsEvent(
        sqsRecord('good-sns', snsEnvelope(eventBridgeEvent('OrderPlaced'))),
        sqsRecord('good-raw', JSON.stringify(eventBridgeEvent('OrderPlaced'))),
        sqsRecord('not-json', '{"Type": "Notification", "Message": '),
        sqsRecord('wrong-source', JSON.stringify(eventBridgeEvent('OrderPlaced', {}, { source: 'payments.service' }))),
        sqsRecord('no-order-id', snsEnvelope(eventBridgeEvent('OrderPlaced', { orderId: undefined }))),
      ),
      { awsRequestId: 'req-1' },
    );

    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'not-json' }, { itemIdentifier: 'wrong-source' }, { itemIdentifier: 'no-order-id' }] });
  });

  test('each message gets a structured log line carrying its order ID', async () => {
    await fulfillment(
      sqsEvent(
        sqsRecord('good-sns', snsEnvelope(eventBridgeEvent('OrderPlaced'))),
        sqsRecord('wrong-source', JSON.stringify(eventBridgeEvent('OrderPlaced', {}, { source: 'payments.service' }))),
      ),
      { awsRequestId: 'req-2' },
    );

    expect(logLines(chunks)).toContainEqual(
      expect.objectContaining({
        level: 'info',
        service: 'fulfillment',
        message: 'fulfillment requested',
        orderId: ORDER_ID,
        messageId: 'good-sns',
        awsRequestId: 'req-2',
        detailType: 'OrderPlaced',
        lines: 2,
        units: 5,
      }),
    );
    expect(logLines(chunks)).toContainEqual(
      expect.objectContaining({
        level: 'error',
        messageId: 'wrong-source',
        orderId: ORDER_ID,
        problems: [{ pointer: '/source', detail: 'must be "orders.service"' }],
      }),
    );
    expect(logLines(chunks).at(-1)).toMatchObject({ message: 'batch processed', records: 2, failed: 1 });
    for (const line of logLines(chunks)) expect(line).toEqual(expect.objectContaining({ timestamp: expect.any(String), level: expect.any(String), message: expect.any(String) }));
  });
});

describe('each consumer', () => {
  test('billing charges placed orders and refunds cancelled ones', async () => {
    const result = await billing(
      sqsEvent(
        sqsRecord('placed', snsEnvelope(eventBridgeEvent('OrderPlaced')), 'billing'),
        sqsRecord('cancelled', snsEnvelope(eventBridgeEvent('OrderCancelled')), 'billing'),
      ),
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(logLines(chunks).filter((l) => l.service === 'billing' && l.amount !== undefined).map((l) => [l.message, l.orderId, l.amount, l.currency])).toEqual([
      ['charge requested', ORDER_ID, 40.28, 'EUR'],
      ['refund requested', ORDER_ID, 40.28, 'EUR'],
    ]);
  });

  test('notifications notify opted-in customers of every event type, and never the others', async () => {
    const result = await notifications(
      sqsEvent(
        sqsRecord('placed', snsEnvelope(eventBridgeEvent('OrderPlaced')), 'notifications'),
        sqsRecord('changed', JSON.stringify(eventBridgeEvent('OrderStatusChanged')), 'notifications'),
        sqsRecord('opted-out', snsEnvelope(eventBridgeEvent('OrderCancelled', { notifications: { optIn: false } })), 'notifications'),
      ),
    );
    expect(result.batchItemFailures).toEqual([]);
    const sent = logLines(chunks).filter((l) => l.message === 'notification sent');
    expect(sent.map((l) => l.messageId)).toEqual(['placed', 'changed']);
    expect(logLines(chunks)).toContainEqual(expect.objectContaining({ messageId: 'opted-out', message: 'customer has not opted in; no notification sent' }));
  });

  test('fraud-review reads the raw events its EventBridge rule delivers', async () => {
    const result = await fraudReview(sqsEvent(sqsRecord('high-value', JSON.stringify(eventBridgeEvent('OrderPlaced', { total: 2500 })), 'fraud-review')));
    expect(result.batchItemFailures).toEqual([]);
    expect(logLines(chunks)).toContainEqual(expect.objectContaining({ service: 'fraud-review', message: 'fraud review opened', orderId: ORDER_ID, total: 2500 }));
  });

  test('a valid event of a type the consumer does not handle is acknowledged, not dead-lettered', async () => {
    const result = await fulfillment(sqsEvent(sqsRecord('cancelled', snsEnvelope(eventBridgeEvent('OrderCancelled')))));
    expect(result.batchItemFailures).toEqual([]);
    expect(logLines(chunks)).toContainEqual(expect.objectContaining({ level: 'warn', orderId: ORDER_ID, detailType: 'OrderCancelled' }));
  });

  test('an empty batch succeeds', async () => {
    await expect(billing(sqsEvent())).resolves.toEqual({ batchItemFailures: [] });
  });
});

describe('createOrderEventConsumer', () => {
  test('a message whose processing throws is reported for retry while the rest succeed', async () => {
    const seen: string[] = [];
    const consumer = createOrderEventConsumer({
      service: 'test',
      accepts: ['OrderPlaced'],
      handle: async (event) => {
        if (event.detail.customerId === 'flaky') throw new Error('downstream timeout');
        seen.push(event.detail.customerId);
      },
    });
    const result = await consumer(
      sqsEvent(
        sqsRecord('ok', JSON.stringify(eventBridgeEvent('OrderPlaced'))),
        sqsRecord('flaky', JSON.stringify(eventBridgeEvent('OrderPlaced', { customerId: 'flaky' }))),
      ),
    );
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'flaky' }]);
    expect(seen).toEqual(['cust-42']);
    expect(logLines(chunks)).toContainEqual(
      expect.objectContaining({ level: 'error', messageId: 'flaky', orderId: ORDER_ID, error: expect.objectContaining({ message: 'downstream timeout' }) }),
    );
  });
});

describe('parseOrderEvent', () => {
  test('tells the delivery shape apart', () => {
    expect(parseOrderEvent(snsEnvelope(eventBridgeEvent('OrderPlaced'))).delivery).toBe('sns');
    expect(parseOrderEvent(JSON.stringify(eventBridgeEvent('OrderPlaced'))).delivery).toBe('eventbridge');
  });

  test('accepts a detail built by a pipe input template from a DynamoDB NewImage', () => {
    // Lists copied from a NewImage stay DynamoDB JSON; quoted template values arrive as strings.
    const event = parseOrderEvent(
      JSON.stringify(
        eventBridgeEvent('OrderPlaced', {
          total: '40.28',
          items: [
            { M: { sku: { S: 'BOOK-1' }, quantity: { N: '2' }, unitPrice: { N: '19.99' } } },
            { M: { sku: { S: 'PEN-7' }, quantity: { N: '3' }, unitPrice: { N: '0.1' } } },
          ],
          notifications: { optIn: 'true' },
        }),
      ),
    );
    expect(event.detail).toMatchObject({
      total: 40.28,
      items: [
        { sku: 'BOOK-1', quantity: 2, unitPrice: 19.99 },
        { sku: 'PEN-7', quantity: 3, unitPrice: 0.1 },
      ],
      notifications: { optIn: true },
    });
  });

  test('lists every problem of an invalid event', () => {
    const body = JSON.stringify(
      eventBridgeEvent('OrderCancelled', { status: 'PLACED', total: -1, currency: 'eur', items: [], notifications: {} }, { 'detail-type': 'OrderCancelled', id: undefined }),
    );
    let error: unknown;
    try {
      parseOrderEvent(body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidMessageError);
    const invalid = error as InvalidMessageError;
    expect(invalid.orderId).toBe(ORDER_ID);
    expect(invalid.problems.map((p) => p.pointer)).toEqual([
      '/id',
      '/detail/total',
      '/detail/currency',
      '/detail/items',
      '/detail/notifications/optIn',
      '/detail/status',
    ]);
    expect(invalid.message).toMatch(/^invalid order event: \/id must be a non-empty string/);
  });

  test('refuses an unknown detail-type and an SNS envelope around something else', () => {
    expect(() => parseOrderEvent(JSON.stringify(eventBridgeEvent('OrderShipped')))).toThrow(/detail-type must be one of OrderPlaced, OrderStatusChanged, OrderCancelled/);
    expect(() => parseOrderEvent(snsEnvelope('just text'))).toThrow(/must be a JSON object/);
  });
});

describe('createLogger', () => {
  test('honours the level and writes one JSON object per line', () => {
    const lines: string[] = [];
    const log = createLogger({ service: 'svc', level: 'WARN', write: (line) => lines.push(line) }).child({ orderId: 'o-1' });
    log.info('hidden');
    log.warn('shown', { attempt: 2 });
    log.error('failed', { error: new TypeError('boom') });
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    expect(JSON.parse(lines[0])).toEqual({ timestamp: expect.any(String), level: 'warn', service: 'svc', orderId: 'o-1', message: 'shown', attempt: 2 });
    expect(JSON.parse(lines[1]).error).toMatchObject({ name: 'TypeError', message: 'boom' });
  });

  test('an unknown level falls back to info', () => {
    const lines: string[] = [];
    const log = createLogger({ service: 'svc', level: 'verbose', write: (line) => lines.push(line) });
    log.debug('hidden');
    log.info('shown');
    expect(lines.map((l) => JSON.parse(l).message)).toEqual(['shown']);
  });
});
