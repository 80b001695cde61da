export * from './conditions';
export * from './policy';
export * from './request-context';
export * from './authorizer';
