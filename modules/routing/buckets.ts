/**
 * S3 buckets in the routing model: a bucket sends its object events to
 * EventBridge (the default bus of its account and Region) when its
 * notification configuration says `eventbridge`, and directly to the
 * queues, topics and functions of its queue, topic and lambda_function
 * configurations, each for its event types and key filters.
 */
import type { BusNode, EndpointNode, NodeBase } from './nodes';

/** One direct notification of a bucket (a `queue`, `topic` or `lambda_function` block of `aws_s3_bucket_notification`). */
export interface BucketNotificationNode {
  /** The configuration's `id` (S3 writes it as `configurationId` in each record). */
  readonly id: string;
  /** The event types, e.g. `s3:ObjectCreated:*`. */
  readonly events: readonly string[];
  /** `filter_prefix`. @default every key */
  readonly prefix?: string;
  /** `filter_suffix`. @default every key */
  readonly suffix?: string;
  /** The queue, topic or function notified. */
  readonly endpoint: EndpointNode;
}

/** `aws_s3_bucket`, with its notification configuration. */
export interface BucketNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'bucket';
  /** The default bus, when the bucket sends its events to EventBridge. */
  readonly eventBus?: BusNode;
  /** The direct notifications, in the configuration's order (queues, topics, functions). */
  readonly notifications: BucketNotificationNode[];
}

/**
 * Whether a configured event type (`s3:ObjectCreated:*`, `s3:ObjectCreated:Put`)
 * covers an event's name as records carry it (`ObjectCreated:Put`).
 */
export function eventTypeCovers(configured: string, eventName: string): boolean {
  const type = configured.replace(/^s3:/, '');
  return type === eventName || (type.endsWith(':*') && eventName.startsWith(type.slice(0, -1)));
}

/** Whether a notification is sent for an event on a key (event type, prefix and suffix all match). */
export function notificationMatches(n: BucketNotificationNode, eventName: string, key: string): boolean {
  return n.events.some((e) => eventTypeCovers(e, eventName)) && key.startsWith(n.prefix ?? '') && key.endsWith(n.suffix ?? '');
}

/** How a notification reads on an edge: `s3:ObjectCreated:* prefix invoices/`. */
export function notificationLabel(n: BucketNotificationNode): string {
  return [n.events.join(' | '), n.prefix ? `prefix ${n.prefix}` : '', n.suffix ? `suffix ${n.suffix}` : ''].filter(Boolean).join(' ');
}
