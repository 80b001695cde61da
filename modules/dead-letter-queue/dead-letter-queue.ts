import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { IQueueTarget } from '../core/contracts';
import { PolicyDocument } from '../core/policy';
import { SQS } from '../core/aws-limits';
import { QueueEncryption, sqsQueueName, validateQueueEncryption, validateQueueName, baseQueueName } from '../core/queue-limits';
import { SecureQueue } from '../core/secure-queue';
import { checkProps, validScope } from '../core/shape';
import { PropsValidator } from '../core/validation';
import { requireOwnFramework } from '../core/framework';
import { DEAD_LETTER_QUEUE_PROPS } from './props-shape';

/** A CloudWatch alarm on the number of messages waiting in a dead-letter queue. */
export interface DepthAlarmProps {
  /** The alarm fires when more than this many messages are visible. @default 0 (any message) */
  readonly threshold?: number;
  /** ARNs notified when the alarm fires (e.g. an SNS topic). @default none */
  readonly alarmActions?: string[];
  /** ARNs notified when the alarm clears. @default none */
  readonly okActions?: string[];
}

/** Props of a {@link DeadLetterQueue}. */
export interface DeadLetterQueueProps {
  /**
   * Queue name; `.fifo` is appended for FIFO queues.
   * AWS limit: 1–80 letters, digits, hyphens and underscores, `.fifo` included.
   */
  readonly name: string;
  /**
   * A FIFO queue. EventBridge target and Pipe DLQs must be standard queues;
   * the DLQ of a FIFO queue or of a FIFO topic's subscription must be FIFO.
   * @default false
   */
  readonly fifo?: boolean;
  /** Seconds a message is kept. @default 1,209,600 (14 days, the AWS maximum; AWS allows 60–1,209,600) */
  readonly retentionSeconds?: number;
  /** Server-side encryption. @default 'sqs-managed' */
  readonly encryption?: QueueEncryption;
  /** Alarm on the queue's depth; `false` turns it off. @default alarm when more than 0 messages are visible */
  readonly alarm?: DepthAlarmProps | false;
  /** Tags for the queue and its alarm. @default none */
  readonly tags?: Record<string, string>;
}

/**
 * An encrypted SQS queue that receives what could not be delivered or
 * processed elsewhere (an EventBridge target, an SNS subscription, a Pipe, a
 * stream consumer), with a TLS-only policy and an alarm on its depth.
 */
export class DeadLetterQueue extends Construct implements IQueueTarget {
  /** The dead-letter queue resource. */
  readonly queue: SqsQueue;
  /** ARN of the dead-letter queue. */
  readonly queueArn: string;
  /** URL of the dead-letter queue (what SQS APIs and `aws_sqs_queue_policy` take). */
  readonly queueUrl: string;
  /** Name of the dead-letter queue, `.fifo` included. */
  readonly queueName: string;
  /** True for a FIFO dead-letter queue. */
  readonly fifo: boolean;
  /** The customer-managed KMS key that encrypts the dead-letter queue, when one does. */
  readonly kmsKeyArn?: string;
  /** The depth alarm, unless turned off. */
  readonly depthAlarm?: CloudwatchMetricAlarm;
  private readonly secureQueue: SecureQueue;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(validScope(scope, id, 'DeadLetterQueue'), id);
    requireOwnFramework(this);
    checkProps(this, props, DEAD_LETTER_QUEUE_PROPS);
    const fifo = props.fifo === true;
    const v = new PropsValidator(this);
    validateQueueName(v, 'name', props.name, fifo);
    v.integer('retentionSeconds', props.retentionSeconds, SQS.minRetentionSeconds, SQS.maxRetentionSeconds, 'seconds');
    validateQueueEncryption(v, 'encryption', props.encryption);
    if (props.alarm) v.number('alarm.threshold', props.alarm.threshold, 0, Number.MAX_SAFE_INTEGER);
    v.throwIfInvalid();

    const name = sqsQueueName(baseQueueName(props.name), fifo);
    this.secureQueue = new SecureQueue(this, 'Resource', {
      name,
      fifoQueue: fifo || undefined,
      messageRetentionSeconds: props.retentionSeconds ?? SQS.maxRetentionSeconds,
      encryption: props.encryption,
      tags: props.tags,
    });
    this.queue = this.secureQueue.queue;
    this.queueArn = this.secureQueue.queueArn;
    this.queueUrl = this.secureQueue.queueUrl;
    this.queueName = this.secureQueue.queueName;
    this.fifo = fifo;
    this.kmsKeyArn = this.secureQueue.kmsKeyArn;
    if (props.alarm !== false) {
      const alarm = props.alarm ?? {};
      this.depthAlarm = this.secureQueue.addAlarm('DepthAlarm', {
        alarmName: `${name}-depth`,
        description: `Messages are waiting in dead-letter queue ${name}: something failed to deliver or process them.`,
        metricName: 'ApproximateNumberOfMessagesVisible',
        threshold: alarm.threshold ?? 0,
        alarmActions: alarm.alarmActions,
        okActions: alarm.okActions,
        tags: props.tags,
      });
    }
  }

  /** Lets `servicePrincipal` send to this queue on behalf of `sourceArn` (and `sourceAccount`, when given) only, through the queue's one policy. */
  allowSendFrom(servicePrincipal: string, sourceArn: string, sourceAccount?: string): void {
    this.secureQueue.allowSendFrom(servicePrincipal, sourceArn, sourceAccount);
  }

  /** IAM policy for a consumer that redrives or inspects the dead letters. */
  consumerPolicy(): PolicyDocument {
    return this.secureQueue.consumerPolicy();
  }

  /** IAM policy for a producer that sends to this queue itself (e.g. a function's role). */
  producerPolicy(): PolicyDocument {
    return this.secureQueue.producerPolicy();
  }
}
