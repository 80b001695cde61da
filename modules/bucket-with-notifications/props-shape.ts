import { shape, SHAPES } from '../core/shape';

const { string, number, boolean } = shape;

/** The shape of {@link BucketWithNotificationsProps}, checked before any value. */
export const BUCKET_PROPS = shape.object(
  {
    name: string,
    encryption: shape.described(
      '"s3-managed", "customer-managed" or { kmsKeyArn }',
      shape.oneOf(shape.literal('s3-managed', 'customer-managed'), shape.object({ kmsKeyArn: string }, ['kmsKeyArn'])),
    ),
    eventbridge: boolean,
    noncurrentVersionExpirationDays: number,
    abortIncompleteMultipartUploadDays: number,
    accessLogging: shape.object({ targetBucket: string, targetPrefix: string }, ['targetBucket']),
    forceDestroy: boolean,
    tags: SHAPES.tags,
  },
  ['name'],
);

/** The shape of {@link BucketNotificationOptions}. */
export const NOTIFICATION_OPTIONS = shape.object({ events: shape.array(string), prefix: string, suffix: string });

/** The shape of {@link ForwardEventsOptions}. */
export const FORWARD_OPTIONS = shape.object({ ruleName: string, detailTypes: shape.array(string), deadLetterAlarm: SHAPES.depthAlarm, failedInvocationsAlarm: SHAPES.depthAlarm, tags: SHAPES.tags });
