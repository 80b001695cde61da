/** The rules on Kinesis data streams: every rule exported here is in the pack. */
export * from './shared-throughput-consumers';
export * from './stream-limits';
export * from './stream-encrypted';
