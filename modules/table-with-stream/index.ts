export * from './table-with-stream';
export type { AutoScalingProps, CapacityAutoScaling, IndexAutoScalingProps, OnDemandCapacity, ProvisionedCapacity, TableCapacity } from './capacity';
export type { GlobalSecondaryIndexProps, KeyAttribute, KeyAttributeType, LocalSecondaryIndexProps, ProjectionType } from './keys';
export type {
  LambdaConsumerOptions,
  PipeToEventBusOptions,
  StartingPosition,
  StreamDeadLetterQueueOptions,
  StreamFailureDestination,
  StreamReadingOptions,
  StreamViewType,
  TableStreamLambdaConsumer,
  TableStreamPipe,
} from './stream-consumers';
