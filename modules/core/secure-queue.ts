import { Construct } from 'constructs';
import { SqsQueue, SqsQueueConfig } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IQueueTarget } from './contracts';
import { addMetricAlarm } from './metric-alarm';
import { denyInsecureTransport, PolicyDocument, policyDocument, PolicyStatement, ResourcePolicy } from './policy';
import { QueueEncryption, queueKmsKeyArn } from './queue-limits';

/** Props of a {@link SecureQueue}: the provider's queue arguments, minus what it sets itself. */
export interface SecureQueueProps extends Omit<SqsQueueConfig, 'sqsManagedSseEnabled' | 'kmsMasterKeyId' | 'kmsDataKeyReusePeriodSeconds' | 'policy' | 'redrivePolicy' | 'redriveAllowPolicy' | 'namePrefix'> {
  readonly name: string;
  readonly encryption?: QueueEncryption;
}

/** A CloudWatch alarm on one SQS metric of a queue. */
export interface QueueMetricAlarm {
  readonly metricName: 'ApproximateNumberOfMessagesVisible' | 'ApproximateAgeOfOldestMessage';
  readonly threshold: number;
  readonly description: string;
  readonly alarmName: string;
  readonly alarmActions?: string[];
  readonly okActions?: string[];
  readonly tags?: Record<string, string>;
}

/**
 * An encrypted SQS queue with exactly one queue policy, which denies requests
 * without TLS and gathers every grant made to the queue. The building block of
 * QueueWithDlq and DeadLetterQueue.
 */
export class SecureQueue extends Construct implements IQueueTarget {
  readonly queue: SqsQueue;
  readonly queueArn: string;
  readonly queueUrl: string;
  readonly queueName: string;
  readonly fifo: boolean;
  readonly kmsKeyArn?: string;
  private readonly policy: ResourcePolicy;

  constructor(scope: Construct, id: string, props: SecureQueueProps) {
    super(scope, id);
    const { encryption, ...queueArgs } = props;
    this.fifo = props.fifoQueue === true;
    this.kmsKeyArn = queueKmsKeyArn(encryption);
    const kms = typeof encryption === 'object' ? encryption : undefined;
    this.queue = new SqsQueue(this, 'Queue', {
      ...queueArgs,
      sqsManagedSseEnabled: kms ? undefined : true,
      kmsMasterKeyId: kms?.kmsKeyArn,
      kmsDataKeyReusePeriodSeconds: kms ? (kms.dataKeyReusePeriodSeconds ?? 300) : undefined,
    });
    this.queueArn = this.queue.arn;
    this.queueUrl = this.queue.url;
    this.queueName = this.queue.name;
    this.policy = new ResourcePolicy([denyInsecureTransport('sqs:*', this.queueArn)]);
    new SqsQueuePolicy(this, 'Policy', { queueUrl: this.queue.url, policy: this.policy.render() });
  }

  /** Lets `servicePrincipal` send to this queue on behalf of `sourceArn` (and `sourceAccount`, when given) only. */
  allowSendFrom(servicePrincipal: string, sourceArn: string, sourceAccount?: string): void {
    this.policy.allowService(servicePrincipal, ['sqs:SendMessage'], this.queueArn, sourceArn, sourceAccount);
  }

  /** The statements of the queue policy so far. */
  get policyStatements(): PolicyStatement[] {
    return this.policy.current;
  }

  /** IAM policy for a producer: send, plus the KMS actions when a customer-managed key is used. */
  producerPolicy(): PolicyDocument {
    return policyDocument([
      { Sid: 'SendMessages', Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], Resource: this.queueArn },
      ...this.kmsStatements(['kms:GenerateDataKey', 'kms:Decrypt']),
    ]);
  }

  /** IAM policy for a consumer (e.g. a Lambda event source mapping), plus KMS decrypt when a key is used. */
  consumerPolicy(): PolicyDocument {
    return policyDocument([
      {
        Sid: 'ConsumeMessages',
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
        Resource: this.queueArn,
      },
      ...this.kmsStatements(['kms:Decrypt']),
    ]);
  }

  /** Adds a CloudWatch alarm on one of this queue's metrics (maximum over 1 minute). */
  addAlarm(id: string, alarm: QueueMetricAlarm): CloudwatchMetricAlarm {
    return addMetricAlarm(this, id, {
      alarmName: alarm.alarmName,
      description: alarm.description,
      namespace: 'AWS/SQS',
      metricName: alarm.metricName,
      dimensions: { QueueName: this.queueName },
      statistic: 'Maximum',
      threshold: alarm.threshold,
      alarmActions: alarm.alarmActions,
      okActions: alarm.okActions,
      tags: alarm.tags,
    });
  }

  private kmsStatements(actions: string[]): PolicyStatement[] {
    return this.kmsKeyArn ? [{ Sid: 'UseQueueKey', Effect: 'Allow', Action: actions, Resource: this.kmsKeyArn }] : [];
  }
}
