import { shape, SHAPES } from '../core/shape';

const { string, number, boolean } = shape;

/** The shape of {@link QueueWithDlqProps}, checked before any value. */
export const QUEUE_WITH_DLQ_PROPS = shape.object(
  {
    name: string,
    fifo: boolean,
    contentBasedDeduplication: boolean,
    deduplicationScope: string,
    fifoThroughputLimit: string,
    visibilityTimeoutSeconds: number,
    messageRetentionSeconds: number,
    delaySeconds: number,
    maxMessageSizeBytes: number,
    receiveWaitTimeSeconds: number,
    deadLetter: shape.object({ maxReceiveCount: number, retentionSeconds: number }),
    encryption: SHAPES.queueEncryption,
    alarms: shape.oneOf(
      shape.literal(false),
      shape.object({ dlqDepthThreshold: number, oldestMessageAgeSeconds: number, alarmActions: SHAPES.arns, okActions: SHAPES.arns }),
    ),
    tags: SHAPES.tags,
  },
  ['name'],
);

/** The shape of {@link QueueConsumerProps}. */
export const QUEUE_CONSUMER_PROPS = shape.object(
  {
    functionArn: string,
    functionTimeoutSeconds: number,
    batchSize: number,
    maximumBatchingWindowSeconds: number,
    maximumConcurrency: number,
    functionRoleName: string,
    dependsOn: shape.array(shape.construct('a Terraform resource or module (ITerraformDependable)', 'fqn')),
  },
  ['functionArn', 'functionTimeoutSeconds'],
);
