import { shape, SHAPES } from '../core/shape';

const { string, number, boolean } = shape;

const STATEMENT = shape.record(shape.json);

/** The shape of {@link WorkflowProps}, checked before any value. */
export const WORKFLOW_PROPS = shape.object(
  {
    name: string,
    type: string,
    // Its states are checked with their values, by the definition's validation.
    definition: shape.object({ StartAt: shape.any, States: shape.any }, [], 'an Amazon States Language definition { StartAt, States }'),
    logging: shape.oneOf(shape.literal(false), shape.object({ level: string, includeExecutionData: boolean, retentionDays: number, logGroupName: string })),
    tracing: boolean,
    statements: shape.array(STATEMENT),
    alarms: shape.oneOf(
      shape.literal(false),
      shape.object({ failedThreshold: number, timedOutThreshold: number, throttledThreshold: number, alarmActions: SHAPES.arns, okActions: SHAPES.arns }),
    ),
    tags: SHAPES.tags,
  },
  ['name', 'definition'],
);

/** The shape of {@link StartFromQueueOptions}. */
export const START_FROM_QUEUE_OPTIONS = shape.object({
  name: string,
  description: string,
  batchSize: number,
  maximumBatchingWindowSeconds: number,
  inputTemplate: string,
  invocationType: string,
  desiredState: string,
  logging: shape.oneOf(shape.literal(false), shape.object({ level: string, retentionDays: number, logGroupName: string })),
  failureAlarm: SHAPES.depthAlarm,
  tags: SHAPES.tags,
});
