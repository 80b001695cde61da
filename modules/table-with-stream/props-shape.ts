import { shape, SHAPES } from '../core/shape';
import { STREAM_LAMBDA_READER_SHAPES } from '../core/stream-consumer';

const { string, number, boolean } = shape;

const KEY = shape.object({ name: string, type: string });
const AUTO_SCALING = shape.object({ minCapacity: number, maxCapacity: number, targetUtilizationPercent: number }, ['minCapacity', 'maxCapacity']);

/** The shape of {@link TableWithStreamProps}, checked before any value. */
export const TABLE_PROPS = shape.object(
  {
    // name, partitionKey, stream and encryption: shape and value are checked together, by the table.
    sortKey: KEY,
    globalSecondaryIndexes: shape.array(
      shape.object({ name: string, partitionKey: KEY, sortKey: KEY, projectionType: string, nonKeyAttributes: shape.array(string) }),
    ),
    localSecondaryIndexes: shape.array(shape.object({ name: string, sortKey: KEY, projectionType: string, nonKeyAttributes: shape.array(string) })),
    // One object for both modes: which fields a mode needs is checked with the values.
    capacity: shape.object(
      {
        maxReadRequestUnits: number,
        maxWriteRequestUnits: number,
        readCapacity: AUTO_SCALING,
        writeCapacity: AUTO_SCALING,
        globalSecondaryIndexes: shape.record(shape.object({ readCapacity: AUTO_SCALING, writeCapacity: AUTO_SCALING })),
        ignoreGlobalSecondaryIndexChanges: boolean,
      },
    ),
    pointInTimeRecovery: boolean,
    pointInTimeRecoveryPeriodDays: number,
    deletionProtection: boolean,
    timeToLiveAttribute: string,
    tableClass: string,
    tags: SHAPES.tags,
  },
);

/** The shape of {@link TableConsumerProps}. */
export const TABLE_CONSUMER_PROPS = shape.object(
  {
    ...STREAM_LAMBDA_READER_SHAPES,
    iteratorAgeAlarm: shape.oneOf(shape.literal(false), shape.object({ thresholdMilliseconds: shape.number, alarmActions: shape.array(shape.string), okActions: shape.array(shape.string) })),
    tags: SHAPES.tags,
  },
  ['functionArn'],
);
