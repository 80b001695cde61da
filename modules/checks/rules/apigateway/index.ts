/** The rules on API Gateway: every rule exported here is in the pack. */
export * from './access-logging';
export * from './no-data-trace';
export * from './route-authorization';
