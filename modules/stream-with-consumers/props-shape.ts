import { shape, SHAPES } from '../core/shape';

const { string, number, boolean } = shape;

/** The shape of {@link StreamWithConsumersProps}, checked before any value. */
export const STREAM_PROPS = shape.object(
  {
    // name and encryption: shape and value are checked together, by the stream.
    capacity: shape.object({ mode: string, shardCount: number }, ['mode']),
    retentionPeriodHours: number,
    shardLevelMetrics: shape.array(string),
    writeThrottleAlarm: SHAPES.depthAlarm,
    tags: SHAPES.tags,
  },
);

/** The shape of {@link StreamLambdaConsumerProps}. */
export const STREAM_LAMBDA_CONSUMER_PROPS = shape.object(
  {
    functionArn: string,
    startingPosition: string,
    batchSize: number,
    maximumBatchingWindowSeconds: number,
    maximumRecordAgeSeconds: number,
    maximumRetryAttempts: number,
    parallelizationFactor: number,
    tumblingWindowSeconds: number,
    bisectBatchOnFunctionError: boolean,
    reportBatchItemFailures: boolean,
    filters: shape.array(shape.record(shape.json)),
    enhancedFanOut: shape.oneOf(boolean, shape.object({ consumerName: string }, ['consumerName'])),
    onFailureDestination: SHAPES.failureDestination({ name: string, retentionSeconds: number, encryption: SHAPES.queueEncryption, alarm: SHAPES.depthAlarm }),
    functionRoleName: string,
    enabled: boolean,
    dependsOn: shape.array(shape.construct('a Terraform resource or module (ITerraformDependable)', 'fqn')),
    iteratorAgeAlarm: shape.oneOf(shape.literal(false), shape.object({ thresholdMilliseconds: number, alarmActions: SHAPES.arns, okActions: SHAPES.arns })),
    tags: SHAPES.tags,
  },
  ['functionArn'],
);
