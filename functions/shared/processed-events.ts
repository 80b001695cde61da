import { randomUUID } from 'node:crypto';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClientFromEnvironment, isConditionFailure } from './dynamodb';
import { OrderDetail } from './order';

/** Days a consumer remembers an event it acted on: SQS keeps a message at most 14 days, and a DLQ redrive can bring it back within another 14. */
export const PROCESSED_EVENT_RETENTION_DAYS = 30;

/** What {@link ProcessedEvents.claim} found. */
export type ClaimResult =
  /** This delivery holds the event until `leaseExpiresAt`: act on it, then complete or release the claim. */
  | { readonly outcome: 'claimed'; readonly claim: Claim }
  /** A delivery already acted on the event: acknowledge this one without acting again. */
  | { readonly outcome: 'done' }
  /** Another delivery holds an unexpired claim: retry later, when it has completed or its lease has run out. */
  | { readonly outcome: 'in-progress' };

/** A claim on one event by one delivery. */
export interface Claim {
  readonly key: string;
  /** Random: tells this delivery's claim from a later one's after the lease ran out. */
  readonly token: string;
}

/**
 * Remembers which order events a consumer acted on, so that an event delivered
 * twice (SQS, SNS and EventBridge all deliver at least once, and the stream pipe
 * may publish one table write twice) is acted on once.
 *
 * The key is the write the event reports, `<consumer>#<orderId>#<version>`, not
 * the EventBridge event ID: a pipe that publishes a stream record again gives
 * it a new event ID, while the order ID and version stay. One conditional
 * PutItem claims the key with a lease; the consumer acts, then marks it done,
 * or releases it when acting failed so that the retry may act. A claim whose
 * holder crashed expires with its lease (the invocation's deadline), so the
 * next delivery takes it over. Items expire by TTL (`expiresAt`) after
 * {@link PROCESSED_EVENT_RETENTION_DAYS} days.
 */
export class ProcessedEvents {
  constructor(private readonly client: DynamoDBDocumentClient, private readonly tableName: string, private readonly consumer: string) {}

  /** Key of an event's claim. */
  keyOf(detail: Pick<OrderDetail, 'orderId' | 'version'>): string {
    return `${this.consumer}#${detail.orderId}#${detail.version}`;
  }

  /** Claims the event until `leaseExpiresAt` (epoch milliseconds), unless a delivery already acted on it or holds it. */
  async claim(detail: Pick<OrderDetail, 'orderId' | 'version'>, eventId: string, leaseExpiresAt: number, now = Date.now()): Promise<ClaimResult> {
    const claim: Claim = { key: this.keyOf(detail), token: randomUUID() };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: claim.key,
            state: 'IN_PROGRESS',
            token: claim.token,
            eventId,
            leaseExpiresAt,
            expiresAt: Math.ceil(now / 1000) + PROCESSED_EVENT_RETENTION_DAYS * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :inProgress AND #leaseExpiresAt < :now)',
          ExpressionAttributeNames: { '#state': 'state', '#leaseExpiresAt': 'leaseExpiresAt' },
          ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':now': now },
        }),
      );
      return { outcome: 'claimed', claim };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: claim.key }, ConsistentRead: true }));
    return Item?.state === 'DONE' ? { outcome: 'done' } : { outcome: 'in-progress' };
  }

  /** Marks the event done. False when the claim was lost (the lease ran out and another delivery took it). */
  async complete(claim: Claim): Promise<boolean> {
    return this.ifStillHeld(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: claim.key },
          UpdateExpression: 'SET #state = :done REMOVE #leaseExpiresAt',
          ConditionExpression: '#token = :token',
          ExpressionAttributeNames: { '#state': 'state', '#leaseExpiresAt': 'leaseExpiresAt', '#token': 'token' },
          ExpressionAttributeValues: { ':done': 'DONE', ':token': claim.token },
        }),
      ),
    );
  }

  /** Gives the claim up after acting failed, so that the retry may act at once. */
  async release(claim: Claim): Promise<boolean> {
    return this.ifStillHeld(() =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: claim.key },
          ConditionExpression: '#token = :token',
          ExpressionAttributeNames: { '#token': 'token' },
          ExpressionAttributeValues: { ':token': claim.token },
        }),
      ),
    );
  }

  private async ifStillHeld(write: () => Promise<unknown>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

/**
 * The processed-events store of `consumer` in the table `PROCESSED_EVENTS_TABLE`
 * (partition key `pk`, S; TTL on `expiresAt`), or undefined when the variable is
 * unset: the consumer then acts on every delivery.
 */
export function processedEventsFromEnvironment(consumer: string, env: NodeJS.ProcessEnv = process.env): ProcessedEvents | undefined {
  const tableName = env.PROCESSED_EVENTS_TABLE;
  return tableName ? new ProcessedEvents(documentClientFromEnvironment(env), tableName, consumer) : undefined;
}
