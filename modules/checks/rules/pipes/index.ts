/** The rules on EventBridge Pipes: every rule exported here is in the pack. */
export * from './role-allows-delivery';
export * from './source-limits';
export * from './stream-failure-handling';
