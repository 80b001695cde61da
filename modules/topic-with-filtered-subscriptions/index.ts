export * from './topic-with-filtered-subscriptions';
export * from './subscription-options';
export * from './subscriptions';
export type { BackoffFunction, HealthyRetryPolicy, HttpsDeliveryPolicy } from './delivery-policy';
export type { DeliveryStatusProtocol, DeliveryStatusLoggingProps } from './delivery-status-logging';
