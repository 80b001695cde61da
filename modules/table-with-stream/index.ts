export * from './table-with-stream';
export type { AutoScalingProps, CapacityAutoScaling, IndexAutoScalingProps, OnDemandCapacity, ProvisionedCapacity, TableCapacity } from './capacity';
export type { GlobalSecondaryIndexProps, KeyAttribute, KeyAttributeType, LocalSecondaryIndexProps, ProjectionType } from './keys';
export type { TableConsumerProps, TableStreamLambdaConsumer } from './lambda-consumer';
export type { StreamViewType } from './table-stream';
export type { IteratorAgeAlarmProps } from '../core/metric-alarm';
export type { PipeLoggingOptions, PipeToEventBusOptions, StreamToBusPipe } from '../core/pipe-to-bus';
export type { StreamDeadLetterQueueOptions, StreamFailureDestination } from '../core/stream-reading';
export type { StartingPosition, StreamReadingOptions } from '../core/stream-consumer';
