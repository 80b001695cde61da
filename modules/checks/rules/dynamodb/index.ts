/** The rules on DynamoDB tables and streams: every rule exported here is in the pack. */
export * from './capacity-scaling';
export * from './customer-key';
export * from './deletion-protection';
export * from './pitr';
export * from './stream-enabled';
export * from './stream-readers';
export * from './table-limits';
