/**
 * What constructs need of each other, so that a rule target, a subscription
 * endpoint or a pipe target can be one of our constructs or something made
 * elsewhere (see the `…Arn` alternatives on each API).
 */

/** An SQS queue that AWS services can be allowed to send to. */
export interface IQueueTarget {
  /** ARN of the queue. */
  readonly queueArn: string;
  /** URL of the queue. */
  readonly queueUrl: string;
  /** Name of the queue, `.fifo` included. */
  readonly queueName: string;
  /** True for a FIFO queue. */
  readonly fifo: boolean;
  /** The customer-managed KMS key that encrypts the queue, when one does. */
  readonly kmsKeyArn?: string;
  /**
   * Lets `servicePrincipal` send to this queue on behalf of `sourceArn` only, through the queue's one policy;
   * also on condition of `aws:SourceAccount` when `sourceAccount` is given (S3 buckets, whose ARNs name no account).
   */
  allowSendFrom(servicePrincipal: string, sourceArn: string, sourceAccount?: string): void;
}

/**
 * Whether a value is a queue construct (an {@link IQueueTarget}) rather than
 * an ARN: one test for every module that takes either, so they agree.
 */
export function isQueueTarget(value: unknown): value is IQueueTarget {
  return typeof value === 'object' && value !== null && 'queueArn' in value && typeof (value as IQueueTarget).allowSendFrom === 'function';
}

/** An SNS topic that AWS services can be allowed to publish to. */
export interface ITopicTarget {
  /** ARN of the topic. */
  readonly topicArn: string;
  /** Name of the topic, `.fifo` included. */
  readonly topicName: string;
  /** True for a FIFO topic. */
  readonly fifo: boolean;
  /** The KMS key that encrypts the topic, when one does. */
  readonly kmsKeyArn?: string;
  /**
   * Lets `servicePrincipal` publish on behalf of `sourceArn` only, through the
   * topic's one policy and, when the topic's key is ours, its key policy; also on condition of
   * `aws:SourceAccount` when `sourceAccount` is given (S3 buckets, whose ARNs name no account).
   */
  allowPublishFrom(servicePrincipal: string, sourceArn: string, sourceAccount?: string): void;
}

/** An EventBridge event bus that events can be put on. */
export interface IEventBusTarget {
  /** ARN of the event bus. */
  readonly eventBusArn: string;
  /** Name of the event bus. */
  readonly eventBusName: string;
  /** The customer-managed KMS key that encrypts the bus, when one does. */
  readonly kmsKeyArn?: string;
}

/** A Step Functions state machine that services can be allowed to start. */
export interface IStateMachineTarget {
  /** ARN of the state machine. */
  readonly stateMachineArn: string;
  /** Name of the state machine. */
  readonly stateMachineName: string;
  /** `STANDARD` or `EXPRESS`. */
  readonly type: 'STANDARD' | 'EXPRESS';
}

/** A Kinesis data stream that records can be put on. */
export interface IStreamTarget {
  /** ARN of the stream. */
  readonly streamArn: string;
  /** Name of the stream. */
  readonly streamName: string;
  /** The customer-managed KMS key that encrypts the stream, when one does (producers need `kms:GenerateDataKey` on it). */
  readonly kmsKeyArn?: string;
}
