/**
 * cdktf-eda/testing: answers offline, in milliseconds, "if this event
 * happens, who receives it, in what shape, and where does it end up when a
 * consumer fails?" for a synthesized stack. Importing it in a Jest test
 * registers the routing matchers (`toBeDeliveredTo`, `toBeDeliveredWith`,
 * `toEndInDeadLetterQueue`).
 */
import { registerRoutingMatchers } from './jest';

registerRoutingMatchers();
export { registerRoutingMatchers };
// The routing model and its analysis live in modules/routing (the checks read them too); re-exported here unchanged.
export * from '../routing';
export { simulate } from './simulate';
export type {
  SimulationInput,
  SimulationOptions,
  PutEventsInput,
  PutEventsEntry,
  StreamRecordInput,
  PutRecordInput,
  PublishInput,
  PublishAttribute,
  SendMessageInput,
  MessageAttribute,
} from './inputs';
export type { ObjectCreatedInput, ObjectCreatedMethod, S3EventRecord, S3EventEntity, S3Principal } from './s3-events';
export { Trace, describeRef } from './trace';
export type {
  Hop,
  Delivery,
  ResourceRef,
  EventHop,
  RuleHop,
  TargetHop,
  PublishHop,
  SubscriptionHop,
  MessageHop,
  FilterHop,
  InvokeHop,
  RecordHop,
  KinesisRecordHop,
  ObjectHop,
  NotificationHop,
  PipeHop,
  DeadLetterHop,
  DeniedHop,
  DroppedHop,
  ExecutionHop,
  ExternalHop,
} from './trace';
export type {
  EventBridgeEvent,
  SnsNotification,
  SnsMessageAttribute,
  SqsMessage,
  SqsMessageAttribute,
  SqsEventRecord,
  SnsEventRecord,
  DynamoDbStreamRecord,
} from './payloads';
export type { KinesisStreamRecord } from './kinesis';
export { marshallItem, toAttributeValue, toDynamoDbItem, isDynamoDbJson } from './dynamodb-json';
export type { AttributeValue, DynamoDbItem, ImageFormat } from './dynamodb-json';
export { toDot, renderSvg } from './dot';
export type { DotOptions } from './dot';
