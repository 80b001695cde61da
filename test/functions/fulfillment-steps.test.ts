import { handler as requestShipmentHandler } from '../../functions/fulfillment-request-shipment/handler';
import { handler as reserveStockHandler } from '../../functions/fulfillment-reserve-stock/handler';
import { InvalidMessageError } from '../../functions/shared/order-event';
import { ORDER_ID, eventBridgeEvent, snsEnvelope, sqsRecord } from './sqs-events';
import { captureLogs, logLines } from './logs';

const chunks = captureLogs();

const EVENT_ID = '6a7e8feb-b491-4cf7-a9f1-bf3703467718';

describe('reserve-stock', () => {
  it('reads an OrderPlaced event from the SQS record (SNS envelope or raw) and reserves its items', async () => {
    for (const body of [snsEnvelope(eventBridgeEvent('OrderPlaced')), JSON.stringify(eventBridgeEvent('OrderPlaced'))]) {
      await expect(reserveStockHandler(sqsRecord('m-1', body))).resolves.toEqual({
        act: true,
        orderId: ORDER_ID,
        eventId: EVENT_ID,
        lines: 2,
        units: 5,
        items: [
          { sku: 'BOOK-1', quantity: 2 },
          { sku: 'PEN-7', quantity: 3 },
        ],
      });
    }
    expect(logLines(chunks)).toContainEqual(expect.objectContaining({ level: 'info', service: 'fulfillment', message: 'stock reserved', orderId: ORDER_ID, messageId: 'm-1', lines: 2, units: 5 }));
  });

  it('does not act on another event type, and says so', async () => {
    const result = await reserveStockHandler(sqsRecord('m-2', snsEnvelope(eventBridgeEvent('OrderCancelled'))));
    expect(result.act).toBe(false);
    expect(logLines(chunks)).toContainEqual(expect.objectContaining({ level: 'warn', detailType: 'OrderCancelled', message: 'event type not handled by fulfillment; ended without action' }));
  });

  it('throws on an invalid event, listing its problems, so the workflow dead-letters the message', async () => {
    await expect(reserveStockHandler(sqsRecord('m-3', JSON.stringify(eventBridgeEvent('OrderPlaced', {}, { source: 'payments.service' }))))).rejects.toBeInstanceOf(InvalidMessageError);
    expect(logLines(chunks)).toContainEqual(expect.objectContaining({ level: 'error', messageId: 'm-3', orderId: ORDER_ID, problems: [{ pointer: '/source', detail: 'must be "orders.service"' }] }));
    await expect(reserveStockHandler(sqsRecord('m-4', '{"Type": '))).rejects.toThrow('is not valid JSON');
  });
});

describe('request-shipment', () => {
  it('requests the shipment keyed by the event ID, logging what it ships', async () => {
    const reservation = await reserveStockHandler(sqsRecord('m-5', JSON.stringify(eventBridgeEvent('OrderPlaced'))));
    await expect(requestShipmentHandler(reservation)).resolves.toEqual({ shipmentRequestId: EVENT_ID });
    expect(logLines(chunks)).toContainEqual(expect.objectContaining({ level: 'info', message: 'fulfillment requested', orderId: ORDER_ID, eventId: EVENT_ID, lines: 2, units: 5 }));
  });

  it('refuses a reservation it must not act on', async () => {
    await expect(requestShipmentHandler({ act: false, lines: 0, units: 0, items: [] })).rejects.toThrow('request-shipment needs a reservation to act on');
  });
});
