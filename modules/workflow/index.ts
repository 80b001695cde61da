export * from './definition';
export * from './integrations';
export * from './queue-pipe';
export * from './workflow';
