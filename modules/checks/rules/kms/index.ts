/** The rules on KMS keys: every rule exported here is in the pack. */
export * from './key-admits-publishers';
export * from './key-enabled';
export * from './key-limits';
export * from './key-policy-defined';
export * from './key-policy-not-public';
export * from './key-rotation';
