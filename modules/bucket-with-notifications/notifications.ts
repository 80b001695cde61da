import { isToken, PropsValidator } from '../core/validation';
import { S3 } from './limits';

/** The S3 event types a notification configuration may name (S3 user guide, "Supported event types"). */
export const S3_EVENT_TYPES = [
  's3:ObjectCreated:*',
  's3:ObjectCreated:Put',
  's3:ObjectCreated:Post',
  's3:ObjectCreated:Copy',
  's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*',
  's3:ObjectRemoved:Delete',
  's3:ObjectRemoved:DeleteMarkerCreated',
  's3:ObjectRestore:*',
  's3:ObjectRestore:Post',
  's3:ObjectRestore:Completed',
  's3:ObjectRestore:Delete',
  's3:ReducedRedundancyLostObject',
  's3:Replication:*',
  's3:Replication:OperationFailedReplication',
  's3:Replication:OperationMissedThreshold',
  's3:Replication:OperationReplicatedAfterThreshold',
  's3:Replication:OperationNotTracked',
  's3:LifecycleExpiration:*',
  's3:LifecycleExpiration:Delete',
  's3:LifecycleExpiration:DeleteMarkerCreated',
  's3:LifecycleTransition',
  's3:IntelligentTiering',
  's3:ObjectTagging:*',
  's3:ObjectTagging:Put',
  's3:ObjectTagging:Delete',
  's3:ObjectAcl:Put',
] as const;

/** An S3 event type, e.g. `s3:ObjectCreated:*` (every way an object is created) or `s3:ObjectCreated:Put`. */
export type S3EventType = (typeof S3_EVENT_TYPES)[number];

/** Which events of a bucket a direct notification carries, and for which object keys. */
export interface BucketNotificationOptions {
  /** The event types. @default ['s3:ObjectCreated:*'] */
  readonly events?: S3EventType[];
  /**
   * Only keys that start with this text. AWS limit: at most 1,024 characters.
   * @default every key
   */
  readonly prefix?: string;
  /**
   * Only keys that end with this text. AWS limit: at most 1,024 characters.
   * @default every key
   */
  readonly suffix?: string;
}

/** One direct notification of a bucket, as its notification configuration holds it. */
export interface NotificationEntry {
  /** The configuration's ID, unique in the bucket (S3 writes it as `configurationId` in each record). */
  readonly id: string;
  /** What is notified. */
  readonly kind: 'queue' | 'topic' | 'lambda';
  /** ARN of the queue, topic or function. */
  readonly arn: string;
  /** The event types. */
  readonly events: readonly S3EventType[];
  /** Only keys that start with this text. @default every key */
  readonly prefix?: string;
  /** Only keys that end with this text. @default every key */
  readonly suffix?: string;
}

/** The default events of a notification: every way an object is created. */
export const DEFAULT_EVENTS: readonly S3EventType[] = ['s3:ObjectCreated:*'];

/** True when two event types can name the same event (`s3:ObjectCreated:*` and `s3:ObjectCreated:Put`). */
export function eventTypesOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const covers = (wide: string, narrow: string): boolean => wide.endsWith(':*') && narrow.startsWith(wide.slice(0, -1));
  return covers(a, b) || covers(b, a);
}

/** True when some key can start with both prefixes (one starts with the other; no prefix overlaps all). */
function prefixesOverlap(a = '', b = ''): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** True when some key can end with both suffixes (one ends with the other; no suffix overlaps all). */
function suffixesOverlap(a = '', b = ''): boolean {
  return a.endsWith(b) || b.endsWith(a);
}

/**
 * The first notification already configured that S3 would refuse beside
 * `entry`: PutBucketNotificationConfiguration fails with "Configuration is
 * ambiguously defined. Cannot have overlapping suffixes in two rules if the
 * prefixes are overlapping for the same event type." Two configurations
 * clash when their event types, their prefixes and their suffixes all
 * overlap, whatever their destinations. Filters known only at apply are not compared.
 */
export function clashingNotification(entry: NotificationEntry, existing: readonly NotificationEntry[]): { other: NotificationEntry; eventType: string } | undefined {
  if ([entry.prefix, entry.suffix].some((f) => f !== undefined && isToken(f))) return undefined;
  for (const other of existing) {
    if ([other.prefix, other.suffix].some((f) => f !== undefined && isToken(f))) continue;
    if (!prefixesOverlap(entry.prefix, other.prefix) || !suffixesOverlap(entry.suffix, other.suffix)) continue;
    for (const e of entry.events) {
      if (other.events.some((o) => eventTypesOverlap(e, o))) return { other, eventType: e };
    }
  }
  return undefined;
}

/** Checks the events and key filters of a notification. */
export function validateNotificationOptions(v: PropsValidator, options: BucketNotificationOptions): void {
  const events = options.events ?? DEFAULT_EVENTS;
  v.check(events.length > 0, 'options.events', events, 'must name at least one event type, e.g. "s3:ObjectCreated:*"');
  events.forEach((e, i) => {
    v.check((S3_EVENT_TYPES as readonly string[]).includes(e), `options.events[${i}]`, e, `must be an S3 event type: ${S3_EVENT_TYPES.join(', ')}`);
  });
  v.check(new Set(events).size === events.length, 'options.events', events, 'must not name an event type twice');
  for (const field of ['prefix', 'suffix'] as const) {
    const value = options[field];
    if (value === undefined || isToken(value)) continue;
    v.check(
      value.length >= 1 && value.length <= S3.filterValueMaxLength,
      `options.${field}`,
      value,
      `must be 1–1,024 characters (S3 FilterRule); leave it unset to match every key`,
    );
  }
}

/** How a notification reads in messages: `queue notification "invoices" (s3:ObjectCreated:* under "invoices/")`. */
export function describeNotification(entry: NotificationEntry): string {
  const filter = [entry.prefix !== undefined ? `prefix "${entry.prefix}"` : undefined, entry.suffix !== undefined ? `suffix "${entry.suffix}"` : undefined]
    .filter(Boolean)
    .join(', ');
  return `${entry.kind} notification "${entry.id}" (${entry.events.join(', ')}${filter ? `, ${filter}` : ', every key'})`;
}
