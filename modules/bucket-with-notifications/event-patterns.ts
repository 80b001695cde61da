import type { EventPattern } from '../patterns/types';

/** Which objects an EventBridge pattern for S3 events matches, by key. */
export interface ObjectKeyFilter {
  /** Keys that start with this text. @default every key */
  readonly prefix?: string;
  /**
   * Keys that end with this text. With a prefix as well, the pattern is the
   * wildcard `<prefix>*<suffix>`, which also needs the key to be at least as
   * long as both together. @default every key
   */
  readonly suffix?: string;
}

/** The `detail-type` of the S3 events EventBridge receives from a bucket with EventBridge notifications on. */
export type S3EventDetailType =
  | 'Object Created'
  | 'Object Deleted'
  | 'Object Restore Initiated'
  | 'Object Restore Completed'
  | 'Object Restore Expired'
  | 'Object Tags Added'
  | 'Object Tags Deleted'
  | 'Object ACL Updated'
  | 'Object Storage Class Changed'
  | 'Object Access Tier Changed';

/** Escapes the characters a wildcard pattern treats as special (`*` and `\`). */
function escapeWildcard(text: string): string {
  return text.replace(/[\\*]/g, (c) => `\\${c}`);
}

/**
 * The EventBridge pattern of one kind of S3 event (source `aws.s3`) from one
 * bucket (`detail.bucket.name`), for the keys `filter` selects
 * (`detail.object.key`). S3 sends these events to the default bus of its
 * account and Region, only for buckets with EventBridge notifications on.
 */
export function s3EventPattern(detailType: S3EventDetailType, bucketName: string, filter: ObjectKeyFilter = {}): EventPattern {
  const { prefix, suffix } = filter;
  const key =
    prefix !== undefined && suffix !== undefined
      ? [{ wildcard: `${escapeWildcard(prefix)}*${escapeWildcard(suffix)}` }]
      : prefix !== undefined
        ? [{ prefix }]
        : suffix !== undefined
          ? [{ suffix }]
          : undefined;
  return {
    source: ['aws.s3'],
    'detail-type': [detailType],
    detail: { bucket: { name: [bucketName] }, ...(key ? { object: { key } } : {}) },
  };
}
