/** The rules on routing analysis: every rule exported here is in the pack. */
export * from './analysis';
export * from './authorized';
