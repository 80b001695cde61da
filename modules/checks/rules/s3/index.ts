/** The rules on S3 buckets: every rule exported here is in the pack. */
export * from './bucket-encrypted';
export * from './public-access-blocked';
export * from './notification-destinations-admit-s3';
export * from './one-notification-per-bucket';
