import type { SQSRecord } from 'aws-lambda';
import { createLogger, Logger } from '../shared/logger';
import { InvalidMessageError, parseOrderEvent } from '../shared/order-event';
import { listedProblems } from '../shared/order';

/**
 * What the fulfillment workflow carries from step to step for one message
 * (stacks/order-fulfillment.ts): the order's identity and what to ship.
 */
export interface Reservation {
  /** False for an event that fulfillment does not act on: the workflow ends without shipping. */
  readonly act: boolean;
  readonly orderId?: string;
  /** EventBridge event ID: the same event delivered twice keeps it, so the warehouse can de-duplicate by it. */
  readonly eventId?: string;
  readonly lines: number;
  readonly units: number;
  readonly items: ReadonlyArray<{ readonly sku: string; readonly quantity: number }>;
}

/** What the shipment step returns. */
export interface ShipmentRequest {
  /** The key the warehouse de-duplicates requests by: the event ID. */
  readonly shipmentRequestId: string;
}

const log = (logger?: Logger) => logger ?? createLogger({ service: 'fulfillment' });

/**
 * Step 1, reserve stock: reads the order event from the SQS record the pipe
 * started the execution with (an SNS envelope or the EventBridge event),
 * checks it against the event contract, and reserves its items. Acts on
 * OrderPlaced only; another valid event ends the workflow without action, as
 * a routing choice upstream. An invalid event throws: the workflow's catcher
 * sends the message to the queue's DLQ.
 */
export async function reserveStock(record: Pick<SQSRecord, 'messageId' | 'body'>, logger?: Logger): Promise<Reservation> {
  const base = log(logger).child({ messageId: record?.messageId, step: 'reserve-stock' });
  let event;
  try {
    event = parseOrderEvent(record?.body);
  } catch (error) {
    if (error instanceof InvalidMessageError) {
      base.error('invalid order event; the workflow sends it to the DLQ', { orderId: error.orderId, problems: listedProblems(error.problems), problemCount: error.problems.length });
    }
    throw error;
  }
  const l = base.child({ orderId: event.detail.orderId, eventId: event.id, detailType: event.detailType });
  const items = event.detail.items.map((item) => ({ sku: item.sku, quantity: item.quantity }));
  const units = items.reduce((sum, item) => sum + item.quantity, 0);
  if (event.detailType !== 'OrderPlaced') {
    l.warn('event type not handled by fulfillment; ended without action', { accepts: ['OrderPlaced'] });
    return { act: false, orderId: event.detail.orderId, eventId: event.id, lines: items.length, units, items };
  }
  l.info('stock reserved', { lines: items.length, units });
  return { act: true, orderId: event.detail.orderId, eventId: event.id, lines: items.length, units, items };
}

/** Step 2, request shipment: asks the warehouse to pick and ship the reserved items, keyed by the event ID. */
export async function requestShipment(reservation: Reservation, logger?: Logger): Promise<ShipmentRequest> {
  if (!reservation?.act || typeof reservation.eventId !== 'string') throw new Error('request-shipment needs a reservation to act on, with its event ID');
  log(logger)
    .child({ orderId: reservation.orderId, eventId: reservation.eventId, step: 'request-shipment' })
    .info('fulfillment requested', { lines: reservation.lines, units: reservation.units });
  return { shipmentRequestId: reservation.eventId };
}
