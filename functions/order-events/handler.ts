import type { DynamoDBRecord } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { createLogger, parseLogLevel } from '../shared/logger';
import { ORDER_EVENT_TYPES, OrderDetail, OrderEventType } from '../shared/order';

/** A stream record with the event `detail` the pipe puts on the bus. */
export type OrderEventRecord = DynamoDBRecord & { readonly detail: OrderDetail & { readonly version: number } };

const logger = createLogger({ service: 'order-events', level: parseLogLevel(process.env.LOG_LEVEL) });

/**
 * Enrichment of the orders pipe: turns each stream record's `NewImage` from
 * DynamoDB JSON into the plain event `detail`. A pipe input template cannot do
 * this: it copies a DynamoDB number (`{"N": "1200"}`) as a JSON string, which
 * EventBridge numeric matching (`detail.total >= threshold`) never matches.
 * The record is returned whole, with `detail` added, so the pipe's dynamic
 * `detail-type` path (`$.dynamodb.NewImage.eventType.S`) reads the same
 * either way; records that are not order events are dropped (a pipe sends
 * only what its enrichment returns).
 */
export function toOrderEvents(records: readonly DynamoDBRecord[]): OrderEventRecord[] {
  const events: OrderEventRecord[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    const item = image ? unmarshall(image as Record<string, AttributeValue>) : undefined;
    if (!item || !ORDER_EVENT_TYPES.includes(item.eventType as OrderEventType)) {
      logger.warn('dropped a stream record that is not an order event', { eventId: record.eventID, eventName: record.eventName });
      continue;
    }
    const detail = {
      orderId: String(item.orderId),
      customerId: String(item.customerId),
      status: item.status,
      total: Number(item.total),
      currency: String(item.currency),
      items: (item.items ?? []).map((line: Record<string, unknown>) => ({ sku: String(line.sku), quantity: Number(line.quantity), unitPrice: Number(line.unitPrice) })),
      notifications: { optIn: item.notifications?.optIn === true },
      version: Number(item.version),
    };
    events.push({ ...record, detail });
  }
  return events;
}

/** Lambda entry point: Pipes invoke enrichments synchronously with the batch as an array. */
export const handler = async (records: DynamoDBRecord[]): Promise<OrderEventRecord[]> => toOrderEvents(records);
