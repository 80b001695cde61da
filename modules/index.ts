/** cdktf-eda: constructs for event-driven architectures on AWS with CDK for Terraform. */
export * from './core/errors';
export type { IQueueTarget, ITopicTarget, IEventBusTarget } from './core/contracts';
export type { EncryptionContext, PolicyDocument, PolicyStatement } from './core/policy';
export { snsTopicEncryptionContext, sqsQueueEncryptionContext } from './core/policy';
export { jsonDocument } from './core/json-document';
export type { QueueEncryption } from './core/queue-limits';
export { ServiceKey } from './core/service-key';
export type { ServiceKeyProps } from './core/service-key';
export { TerraformModel } from './core/terraform-json';
export type { TerraformResource } from './core/terraform-json';
export type { TerraformReference } from './core/references';
export * from './dead-letter-queue';
export * from './queue-with-dlq';
export * from './topic-with-filtered-subscriptions';
export * from './event-bus-with-rules';
export * from './table-with-stream';
export * from './patterns';
export * from './checks';
