export { BucketWithNotifications } from './bucket-with-notifications';
export type { AccessLoggingProps, BucketEncryption, BucketWithNotificationsProps } from './bucket-with-notifications';
export { S3_EVENT_TYPES } from './notifications';
export type { BucketNotificationOptions, NotificationEntry, S3EventType } from './notifications';
export { s3EventPattern } from './event-patterns';
export type { ObjectKeyFilter, S3EventDetailType } from './event-patterns';
export { bucketNameProblem, S3 } from './limits';
export type { ForwardEventsOptions } from './forward-events';
