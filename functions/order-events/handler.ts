import type { DynamoDBRecord } from 'aws-lambda';
import { Logger, createLogger } from '../shared/logger';
import { ORDER_EVENT_TYPES, OrderDetail, OrderEventType, Problem, checkOrderDetail, exactNumber, isRecord, listedProblems, pointerTo } from '../shared/order';

/** A stream record with the event `detail` the pipe puts on the bus. */
export type OrderEventRecord = DynamoDBRecord & { readonly detail: OrderDetail };

const logger = createLogger({ service: 'order-events' });

/**
 * Enrichment of the orders pipe: turns each stream record's `NewImage` from
 * DynamoDB JSON into the plain event `detail`. A pipe input template cannot do
 * this: it copies a DynamoDB number (`{"N": "1200"}`) as a JSON string, which
 * EventBridge numeric matching (`detail.total >= threshold`) never matches.
 * The record is returned whole, with `detail` added, so the pipe's dynamic
 * `detail-type` path (`$.dynamodb.NewImage.eventType.S`) reads the same
 * either way.
 *
 * Each record is converted on its own: a record that is not an order event is
 * dropped with a warning, and one whose detail would break the event contract
 * (a missing id, a `NULL` total, `items` stored as a set, a number JavaScript
 * cannot hold exactly) is dropped with an error log line listing its problems.
 * Nothing is invented, and one bad record never fails the batch: a pipe sends
 * only what its enrichment returns, while a throw would make it retry the whole
 * batch and dead-letter the good records with the bad.
 */
export function toOrderEvents(records: readonly DynamoDBRecord[], log: Logger = logger): OrderEventRecord[] {
  const events: OrderEventRecord[] = [];
  for (const record of records) {
    const image: unknown = record.dynamodb?.NewImage;
    const eventType = isRecord(image) && isRecord(image.eventType) ? image.eventType.S : undefined;
    if (!ORDER_EVENT_TYPES.includes(eventType as OrderEventType)) {
      log.warn('dropped a stream record that is not an order event', { eventId: record.eventID, eventName: record.eventName });
      continue;
    }
    const problems: Problem[] = [];
    const detail = readDetail(image as Record<string, unknown>, problems);
    if (problems.length === 0) checkOrderDetail(eventType, detail, '/detail', problems);
    if (problems.length > 0) {
      log.error('dropped a stream record whose detail breaks the order event contract', {
        eventId: record.eventID,
        eventName: record.eventName,
        orderId: typeof detail.orderId === 'string' ? detail.orderId.slice(0, 128) : undefined,
        problems: listedProblems(problems),
        problemCount: problems.length,
      });
      continue;
    }
    events.push({ ...record, detail: detail as unknown as OrderDetail });
  }
  return events;
}

/** Lambda entry point: Pipes invoke enrichments synchronously with the batch as an array. */
export const handler = async (records: DynamoDBRecord[]): Promise<OrderEventRecord[]> => toOrderEvents(records);

const IMAGE = '/dynamodb/NewImage';

/** The detail's attributes of a `NewImage`, as plain values; an attribute that cannot be read exactly is reported. */
function readDetail(image: Record<string, unknown>, problems: Problem[]): Record<string, unknown> {
  const read = (name: string): unknown => (image[name] === undefined ? undefined : fromAttributeValue(image[name], pointerTo(IMAGE, name), problems));
  const items = read('items');
  return {
    orderId: read('orderId'),
    customerId: read('customerId'),
    status: read('status'),
    total: read('total'),
    currency: read('currency'),
    // Only the three fields of the contract: an attribute added to a line later stays in the table.
    items: Array.isArray(items) ? items.map((line) => (isRecord(line) ? { sku: line.sku, quantity: line.quantity, unitPrice: line.unitPrice } : line)) : items,
    // The API always writes it; an item without it has not opted in.
    notifications: image.notifications === undefined ? { optIn: false } : read('notifications'),
    version: read('version'),
  };
}

/**
 * One DynamoDB attribute value as a plain value: S, N, BOOL, NULL, L and M.
 * A number is kept only when JavaScript holds it exactly; sets and binaries have
 * no place in the event contract. Either is reported and read as undefined.
 */
function fromAttributeValue(value: unknown, pointer: string, problems: Problem[]): unknown {
  const [type, inner] = isRecord(value) && Object.keys(value).length === 1 ? Object.entries(value)[0] : [];
  switch (type) {
    case 'S':
    case 'BOOL':
      return inner;
    case 'NULL':
      return null;
    case 'N': {
      const number = typeof inner === 'string' ? exactNumber(inner) : undefined;
      if (number === undefined) problems.push({ pointer, detail: `is a number that JavaScript cannot hold exactly: ${String(inner).slice(0, 50)}` });
      return number;
    }
    case 'L':
      if (Array.isArray(inner)) return inner.map((element, i) => fromAttributeValue(element, pointerTo(pointer, i), problems));
      break;
    case 'M':
      if (isRecord(inner)) return Object.fromEntries(Object.entries(inner).map(([key, element]) => [key, fromAttributeValue(element, pointerTo(pointer, key), problems)]));
      break;
  }
  problems.push({ pointer, detail: `is a DynamoDB ${type ?? 'value'} of a kind the event contract has no place for` });
  return undefined;
}
