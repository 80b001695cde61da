/** The rules on EventBridge buses, rules and targets: every rule exported here is in the pack. */
export * from './bus-has-policy';
export * from './bus-limits';
export * from './bus-not-open';
export * from './fifo-target-deduplication';
export * from './fifo-target-group';
export * from './rule-limits';
export * from './target-dlq';
export * from './target-has-dlq';
export * from './target-limits';
