import { shape, SHAPES } from '../core/shape';
import { STREAM_LAMBDA_READER_SHAPES } from '../core/stream-consumer';

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
    ...STREAM_LAMBDA_READER_SHAPES,
    tumblingWindowSeconds: number,
    enhancedFanOut: shape.oneOf(boolean, shape.object({ consumerName: string }, ['consumerName'])),
    iteratorAgeAlarm: shape.oneOf(shape.literal(false), shape.object({ thresholdMilliseconds: number, alarmActions: SHAPES.arns, okActions: SHAPES.arns })),
    tags: SHAPES.tags,
  },
  ['functionArn'],
);
