import { createHash } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClientFromEnvironment, isConditionFailure } from '../shared/dynamodb';
import { OrderDetail, OrderEventType, OrderStatus, eventTypeFor, statusesLeadingTo } from '../shared/order';

/**
 * One order as stored in the table: the event detail plus bookkeeping.
 * Every attribute the stream pipe reads is a top-level attribute of this item.
 */
export interface OrderRecord extends OrderDetail {
  /** Partition key: `ORDER#<orderId>`. */
  readonly pk: string;
  /** `detail-type` of the event this write should produce; the pipe copies it. */
  readonly eventType: OrderEventType;
  /** The `Idempotency-Key` the order was created with. */
  readonly idempotencyKey: string;
  /** SHA-256 (hex) of the normalized create request, to tell a retry from a reused key. */
  readonly requestHash: string;
  /** ISO 8601 time of creation. */
  readonly createdAt: string;
  /** ISO 8601 time of the last write. */
  readonly updatedAt: string;
  /** 1 on creation, +1 on every status change; lets consumers drop out-of-order events. */
  readonly version: number;
}

/** Partition key of an order. */
export function orderKey(orderId: string): string {
  return `ORDER#${orderId}`;
}

/**
 * The order ID for a customer's idempotency key: a UUID (version 8, RFC 9562)
 * made from SHA-256 of both. Deriving it, instead of drawing a random one, is
 * what lets a single conditional PutItem be the idempotency check: a retry
 * computes the same key and finds the order already there. Scoping by customer
 * means two customers who happen to pick the same key get different orders.
 */
export function deriveOrderId(customerId: string, idempotencyKey: string): string {
  const hash = createHash('sha256').update(`orders-api/v1\n${customerId}\n${idempotencyKey}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x80; // version 8
  hash[8] = (hash[8] & 0x3f) | 0x80; // variant 10xx
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Matches the IDs {@link deriveOrderId} makes. */
export const ORDER_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Outcome of {@link OrderStore.create}. */
export interface CreateResult {
  /** False when the order already existed: the request was a retry. */
  readonly created: boolean;
  readonly order: OrderRecord;
}

/** Outcome of {@link OrderStore.changeStatus}. */
export type ChangeStatusResult =
  | { readonly outcome: 'changed'; readonly order: OrderRecord }
  /** The order already had the requested status; nothing was written (a retried PATCH). */
  | { readonly outcome: 'unchanged'; readonly order: OrderRecord }
  /** The current status does not allow the change. */
  | { readonly outcome: 'conflict'; readonly order: OrderRecord }
  | { readonly outcome: 'not-found' };

/** Reads and writes orders in the DynamoDB table; every write is conditional. */
export class OrderStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Writes a new order unless one with the same key exists. On a retry the
   * conditional write fails and the stored order is returned instead, so one
   * request creates exactly one order however many times it is sent.
   */
  async create(order: OrderRecord): Promise<CreateResult> {
    try {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: order, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return { created: true, order };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const existing = await this.get(order.orderId);
    // Orders are never deleted, so a failed attribute_not_exists means it is there.
    if (!existing) throw new Error(`order ${order.orderId} exists by condition but could not be read`);
    return { created: false, order: existing };
  }

  /** The order, read strongly consistent so that a create followed by a read sees it. */
  async get(orderId: string): Promise<OrderRecord | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: orderKey(orderId) }, ConsistentRead: true }));
    return result.Item as OrderRecord | undefined;
  }

  /**
   * Moves an order to `to` in one conditional UpdateItem: the condition lists
   * the statuses allowed to reach `to`, so two concurrent changes cannot both
   * succeed from a stale read. Sets `eventType` so that the stream pipe emits
   * OrderCancelled or OrderStatusChanged.
   */
  async changeStatus(orderId: string, to: OrderStatus, now: string): Promise<ChangeStatusResult> {
    const from = statusesLeadingTo(to);
    if (from.length > 0) {
      try {
        const values = Object.fromEntries(from.map((status, i) => [`:from${i}`, status]));
        const result = await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: orderKey(orderId) },
            UpdateExpression: 'SET #status = :to, #eventType = :eventType, #updatedAt = :now, #version = #version + :one',
            ConditionExpression: `attribute_exists(pk) AND #status IN (${Object.keys(values).join(', ')})`,
            ExpressionAttributeNames: { '#status': 'status', '#eventType': 'eventType', '#updatedAt': 'updatedAt', '#version': 'version' },
            ExpressionAttributeValues: { ...values, ':to': to, ':eventType': eventTypeFor(to), ':now': now, ':one': 1 },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { outcome: 'changed', order: result.Attributes as OrderRecord };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    // The condition failed (or no status leads to `to`): read to tell why.
    const current = await this.get(orderId);
    if (!current) return { outcome: 'not-found' };
    return { outcome: current.status === to ? 'unchanged' : 'conflict', order: current };
  }
}

/**
 * True for a failure after which the same request may well succeed in a moment:
 * throttling, a DynamoDB 5xx, a timed-out call, a refused or broken connection.
 * The API answers these with 503 and `Retry-After`; anything else is a 500.
 */
export function isTransientFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, $metadata } = error as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number } };
  if (TRANSIENT_ERROR_NAMES.has(name as string) || TRANSIENT_ERROR_CODES.has(code as string)) return true;
  return ($metadata?.httpStatusCode ?? 0) >= 500;
}

const TRANSIENT_ERROR_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
]);
const TRANSIENT_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * The store for the current environment: table `TABLE_NAME`, endpoint
 * `DYNAMODB_ENDPOINT` when set (see {@link documentClientFromEnvironment}).
 */
export function storeFromEnvironment(env: NodeJS.ProcessEnv = process.env): OrderStore {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  return new OrderStore(documentClientFromEnvironment(env), tableName);
}
