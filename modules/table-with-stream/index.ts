export * from './table-with-stream';
export type { AutoScalingProps, CapacityAutoScaling, IndexAutoScalingProps, OnDemandCapacity, ProvisionedCapacity, TableCapacity } from './capacity';
export type { GlobalSecondaryIndexProps, KeyAttribute, KeyAttributeType, LocalSecondaryIndexProps, ProjectionType } from './keys';
export type { IteratorAgeAlarmProps, TableConsumerProps, TableStreamLambdaConsumer } from './lambda-consumer';
export type { PipeLoggingOptions, PipeToEventBusOptions, StreamToBusPipe } from './stream-pipe';
export type { StartingPosition, StreamDeadLetterQueueOptions, StreamFailureDestination, StreamReadingOptions, StreamViewType } from './stream-reading';
