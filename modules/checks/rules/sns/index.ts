/** The rules on SNS topics and subscriptions: every rule exported here is in the pack. */
export * from './delivery-status-logging';
export * from './filter-scope-for-eventbridge';
export * from './one-policy-per-topic';
export * from './subscription-dlq';
export * from './subscription-endpoint-type';
export * from './subscription-has-dlq';
export * from './subscription-limits';
export * from './topic-aws-managed-key';
export * from './topic-encrypted';
export * from './topic-limits';
export * from './topic-policy-allows-publishers';
export * from './topic-policy-cross-account';
export * from './topic-policy-not-public';
export * from './topic-tls-only';
