/** The rules on Step Functions state machines: every rule exported here is in the pack. */
export * from './logging';
export * from './tracing';
