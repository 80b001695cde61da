/** The rules on SQS queues: every rule exported here is in the pack. */
export * from './dlq-retention';
export * from './dlq-same-region';
export * from './dlq-same-type';
export * from './max-receive-count';
export * from './one-policy-per-queue';
export * from './queue-aws-managed-key';
export * from './queue-encrypted';
export * from './queue-has-dlq';
export * from './queue-limits';
export * from './queue-policy-allows-senders';
export * from './queue-policy-no-wildcard-actions';
export * from './queue-policy-not-public';
export * from './queue-tls-only';
