/**
 * What S3 sends for an object event: the notification record that queues,
 * topics and functions receive from a bucket's direct notifications, and the
 * event EventBridge receives from a bucket with EventBridge notifications on
 * (S3 user guide, "Event message structure" and "EventBridge message structure").
 */
import type { BucketNode } from '../routing/buckets';
import { eventTime, EventBridgeEvent, PayloadContext } from './payloads';

/** How the object was created: the API call, as the event names it. */
export type ObjectCreatedMethod = 'Put' | 'Post' | 'Copy' | 'CompleteMultipartUpload';

/** Put an object in a bucket, and see its notifications and EventBridge event. */
export interface ObjectCreatedInput {
  /** Discriminates the simulation inputs. */
  readonly kind: 'objectCreated';
  /** The bucket: name, construct path (or fragment), address or ARN. */
  readonly bucket: string;
  /** The object key, e.g. `invoices/42.pdf`. */
  readonly key: string;
  /** Object size in bytes. @default 0 */
  readonly size?: number;
  /** The API call that created the object. @default 'Put' */
  readonly method?: ObjectCreatedMethod;
}

/** One record of an S3 event notification (event message structure version 2.1). */
export interface S3EventRecord {
  /** `2.1`. */
  readonly eventVersion: '2.1';
  /** `aws:s3`. */
  readonly eventSource: 'aws:s3';
  /** The bucket's Region. */
  readonly awsRegion: string;
  /** When the event happened (ISO 8601). */
  readonly eventTime: string;
  /** `ObjectCreated:Put`, … (without the `s3:` of the configured event types). */
  readonly eventName: string;
  /** Who caused the event. */
  readonly userIdentity: S3Principal;
  /** The request's source IP address. */
  readonly requestParameters: {
    /** IP address the request came from. */
    readonly sourceIPAddress: string;
  };
  /** S3's request IDs. */
  readonly responseElements: {
    /** The request ID. */
    readonly 'x-amz-request-id': string;
    /** The host that answered. */
    readonly 'x-amz-id-2': string;
  };
  /** The bucket and object. */
  readonly s3: S3EventEntity;
}

/** A principal in an S3 event record. */
export interface S3Principal {
  /** The principal's ID. */
  readonly principalId: string;
}

/** The `s3` part of an S3 event record. */
export interface S3EventEntity {
  /** `1.0`. */
  readonly s3SchemaVersion: '1.0';
  /** The notification configuration's ID. */
  readonly configurationId: string;
  /** The bucket. */
  readonly bucket: {
    /** Bucket name. */
    readonly name: string;
    /** The bucket owner. */
    readonly ownerIdentity: S3Principal;
    /** Bucket ARN. */
    readonly arn: string;
  };
  /** The object. */
  readonly object: {
    /** The key, URL-encoded (spaces as `+`), as S3 writes it. */
    readonly key: string;
    /** Size in bytes. */
    readonly size: number;
    /** The object's ETag. */
    readonly eTag: string;
    /** The version created (versioned buckets). */
    readonly versionId: string;
    /** Orders the events of one key. */
    readonly sequencer: string;
  };
}

/** What one object event is, before each configuration gets its copy. */
export interface ObjectEvent {
  readonly eventName: string;
  readonly key: string;
  readonly size: number;
  readonly requestId: string;
  readonly versionId: string;
  readonly sequencer: string;
  readonly reason: string;
}

const ETAG = 'd41d8cd98f00b204e9800998ecf8427e';
const SOURCE_IP = '192.0.2.1';

/** The event of an `objectCreated` input. */
export function objectCreatedEvent(ctx: PayloadContext, input: ObjectCreatedInput): ObjectEvent {
  if (typeof input.key !== 'string' || input.key.length === 0) throw new Error('objectCreated needs a key');
  const method = input.method ?? 'Put';
  const reasons: Record<ObjectCreatedMethod, string> = { Put: 'PutObject', Post: 'PostObject', Copy: 'CopyObject', CompleteMultipartUpload: 'CompleteMultipartUpload' };
  if (!(method in reasons)) throw new Error(`objectCreated method must be one of ${Object.keys(reasons).join(', ')}, got ${String(method)}`);
  return {
    eventName: `ObjectCreated:${method}`,
    key: input.key,
    size: input.size ?? 0,
    requestId: ctx.nextId().replace(/-/g, '').slice(0, 16).toUpperCase(),
    versionId: ctx.nextId().replace(/-/g, ''),
    sequencer: ctx.nextSequence(),
    reason: reasons[method],
  };
}

/** The notification S3 sends for one configuration: `{ Records: [record] }`. */
export function s3Notification(ctx: PayloadContext, bucket: BucketNode, configurationId: string, event: ObjectEvent): { Records: [S3EventRecord] } {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: ctx.region,
        eventTime: ctx.time.toISOString(),
        eventName: event.eventName,
        userIdentity: { principalId: `AWS:${ctx.account}` },
        requestParameters: { sourceIPAddress: SOURCE_IP },
        responseElements: { 'x-amz-request-id': event.requestId, 'x-amz-id-2': `${event.requestId}/id2` },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId,
          bucket: { name: bucket.name, ownerIdentity: { principalId: ctx.account }, arn: bucket.arn },
          object: { key: urlEncodedKey(event.key), size: event.size, eTag: ETAG, versionId: event.versionId, sequencer: event.sequencer },
        },
      },
    ],
  };
}

/** The event S3 puts on the default bus for a bucket with EventBridge notifications on. */
export function s3EventBridgeEvent(ctx: PayloadContext, bucket: BucketNode, event: ObjectEvent): EventBridgeEvent {
  return {
    version: '0',
    id: ctx.nextId(),
    'detail-type': event.eventName.startsWith('ObjectCreated') ? 'Object Created' : 'Object Deleted',
    source: 'aws.s3',
    account: ctx.account,
    time: eventTime(ctx.time),
    region: ctx.region,
    resources: [bucket.arn],
    detail: {
      version: '0',
      bucket: { name: bucket.name },
      // EventBridge events carry the key as it is, not URL-encoded.
      object: { key: event.key, size: event.size, etag: ETAG, 'version-id': event.versionId, sequencer: event.sequencer },
      'request-id': event.requestId,
      requester: ctx.account,
      'source-ip-address': SOURCE_IP,
      reason: event.reason,
    },
  };
}

/** A key as S3 notification records write it: URL-encoded, spaces as `+`, `/` kept. */
function urlEncodedKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');
}
