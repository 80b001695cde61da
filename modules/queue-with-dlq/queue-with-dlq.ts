import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { ITerraformDependable } from 'cdktf';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { SqsQueueRedrivePolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-policy';
import { IQueueTarget } from '../core/contracts';
import { grantTo, IGrantee } from '../core/grants';
import { PolicyDocument, PolicyStatement } from '../core/policy';
import { LAMBDA, SQS } from '../core/aws-limits';
import { fmt } from '../core/values';
import { baseQueueName, QueueEncryption, sqsQueueName, validateQueueBatching, validateQueueEncryption, validateQueueName } from '../core/queue-limits';
import { SecureQueue } from '../core/secure-queue';
import { checkArguments, checkProps, shape, validScope } from '../core/shape';
import { isToken, PropsValidator } from '../core/validation';
import { DeadLetterQueue } from '../dead-letter-queue';
import { jsonDocument } from '../core/json-document';
import { requireOwnFramework } from '../core/framework';
import { QUEUE_CONSUMER_PROPS, QUEUE_WITH_DLQ_PROPS } from './props-shape';

/** The dead-letter queue of a {@link QueueWithDlq}. */
export interface DeadLetterProps {
  /** Receives before a message moves to the DLQ. @default 5 (AWS allows 1–1,000) */
  readonly maxReceiveCount?: number;
  /**
   * Seconds the DLQ keeps a message; must be longer than the source queue's
   * retention, because a standard queue's message keeps its original enqueue
   * time in the DLQ. @default 1,209,600 (14 days, the AWS maximum)
   */
  readonly retentionSeconds?: number;
}

/** CloudWatch alarms of a {@link QueueWithDlq}. */
export interface QueueAlarmsProps {
  /** Alarm when more than this many messages are visible in the DLQ. @default 0 (any message) */
  readonly dlqDepthThreshold?: number;
  /**
   * Alarm when the oldest message in the queue is older than this many seconds
   * (consumers are behind or failing). Must be below the retention period.
   * @default 3,600 (1 hour), or half the retention period when that is shorter
   */
  readonly oldestMessageAgeSeconds?: number;
  /** ARNs notified when an alarm fires (e.g. an SNS topic). @default none */
  readonly alarmActions?: string[];
  /** ARNs notified when an alarm clears. @default none */
  readonly okActions?: string[];
}

/** A Lambda function that consumes a {@link QueueWithDlq}. */
export interface QueueConsumerProps {
  /** ARN (or name) of the function. */
  readonly functionArn: string;
  /**
   * The function's timeout in seconds: the queue's visibility timeout must be at
   * least six times it, or messages reappear while still being processed (AWS Lambda guidance).
   */
  readonly functionTimeoutSeconds: number;
  /** Messages per invocation. @default 10 (AWS allows 1–10 for FIFO queues, 1–10,000 for standard queues) */
  readonly batchSize?: number;
  /** Seconds to gather a batch; required (≥ 1) for batches above 10. @default 0 (AWS allows 0–300) */
  readonly maximumBatchingWindowSeconds?: number;
  /** Most concurrent invocations this queue drives. @default no limit beyond the function's (AWS allows 2–1,000) */
  readonly maximumConcurrency?: number;
  /**
   * Name of the function's execution role: when set, {@link QueueWithDlq.consumerPolicy}
   * is attached to it as an inline policy, and the mapping is created after it
   * (Lambda checks the role's permissions when it creates a mapping) and destroyed
   * before it. IAM limit: 1–64 letters, digits and `+=,.@_-`.
   * @default none: the role's policy is yours, name it in `dependsOn`
   */
  readonly functionRoleName?: string;
  /**
   * Resources the mapping waits for at create and outlives at destroy, such as
   * the role policy that lets the function receive from this queue.
   * @default the policy attached through `functionRoleName`, if any
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** Props of a {@link QueueWithDlq}. */
export interface QueueWithDlqProps {
  /**
   * Queue name; the construct appends `.fifo` for FIFO queues and names the
   * DLQ `<name>-dlq` (`.fifo` kept last). AWS limit: 1–80 letters, digits,
   * hyphens and underscores, counting the suffixes, so at most 76 here (71 for FIFO).
   */
  readonly name: string;
  /** A FIFO queue (and FIFO DLQ, as AWS requires). @default false */
  readonly fifo?: boolean;
  /** FIFO only: deduplicate by a SHA-256 of the body instead of a deduplication ID. @default false */
  readonly contentBasedDeduplication?: boolean;
  /** FIFO only: deduplicate per message group (high-throughput FIFO) or per queue. @default 'queue' */
  readonly deduplicationScope?: 'messageGroup' | 'queue';
  /** FIFO only: throughput quota per message group ID (high-throughput FIFO, needs `deduplicationScope: 'messageGroup'`) or per queue. @default 'perQueue' */
  readonly fifoThroughputLimit?: 'perMessageGroupId' | 'perQueue';
  /** Seconds a received message stays hidden; set to at least 6× the consuming Lambda's timeout. @default 30 (AWS allows 0–43,200) */
  readonly visibilityTimeoutSeconds?: number;
  /** Seconds a message is kept. @default 345,600 (4 days; AWS allows 60–1,209,600) */
  readonly messageRetentionSeconds?: number;
  /** Seconds every message is delayed. @default 0 (AWS allows 0–900) */
  readonly delaySeconds?: number;
  /**
   * Largest message accepted, in bytes. AWS allows 1,024–1,048,576 (1 MiB since
   * August 2025). @default 262,144 (256 KiB, the most SNS and EventBridge can deliver)
   */
  readonly maxMessageSizeBytes?: number;
  /** Long-polling wait of ReceiveMessage, in seconds. @default 20 (AWS allows 0–20) */
  readonly receiveWaitTimeSeconds?: number;
  /** The dead-letter queue. @default maxReceiveCount 5, retention 14 days */
  readonly deadLetter?: DeadLetterProps;
  /** Server-side encryption of the queue and its DLQ. @default 'sqs-managed' (SSE-SQS) */
  readonly encryption?: QueueEncryption;
  /** CloudWatch alarms; `false` turns them off. @default DLQ depth > 0 and oldest message > 1 hour, no actions */
  readonly alarms?: QueueAlarmsProps | false;
  /** Tags for every resource made here (provider default tags apply as well). @default none */
  readonly tags?: Record<string, string>;
}

const DEFAULT_MAX_RECEIVE_COUNT = 5;
const DEFAULT_OLDEST_AGE_SECONDS = 3_600;

/**
 * An SQS queue and its dead-letter queue, safe by default: encrypted, TLS-only
 * policies, redrive after 5 receives, a DLQ that only this queue may redrive
 * into and that keeps messages longer, and alarms on DLQ depth and on the age
 * of the oldest message.
 */
export class QueueWithDlq extends Construct implements IQueueTarget {
  /** The queue resource. */
  readonly queue: SqsQueue;
  /** ARN of the queue. */
  readonly queueArn: string;
  /** The queue URL (what SQS APIs and `aws_sqs_queue_policy` take). */
  readonly queueUrl: string;
  /** Name of the queue, `.fifo` included. */
  readonly queueName: string;
  /** True for a FIFO queue. */
  readonly fifo: boolean;
  /** FIFO only: true when SQS deduplicates by a hash of the body (what EventBridge targets need). */
  readonly contentBasedDeduplication: boolean;
  /** The KMS key ARN when a customer-managed key encrypts the queue. */
  readonly kmsKeyArn?: string;
  /** The dead-letter queue. */
  readonly deadLetterQueue: DeadLetterQueue;
  /** ARN of the dead-letter queue. */
  readonly dlqArn: string;
  /** URL of the dead-letter queue. */
  readonly dlqUrl: string;
  /** Name of the dead-letter queue. */
  readonly dlqName: string;
  /** Receives before a message moves to the DLQ. */
  readonly maxReceiveCount: number;
  /** Visibility timeout in seconds, for consumers that must fit in it. */
  readonly visibilityTimeoutSeconds: number;
  /** The alarm on the age of the oldest message, unless alarms are off. */
  readonly oldestMessageAgeAlarm?: CloudwatchMetricAlarm;
  private readonly secureQueue: SecureQueue;

  constructor(scope: Construct, id: string, props: QueueWithDlqProps) {
    super(validScope(scope, id, 'QueueWithDlq'), id);
    requireOwnFramework(this);
    checkProps(this, props, QUEUE_WITH_DLQ_PROPS);
    const fifo = props.fifo === true;
    const retention = props.messageRetentionSeconds ?? SQS.defaultRetentionSeconds;
    const dlqRetention = props.deadLetter?.retentionSeconds ?? SQS.maxRetentionSeconds;
    const alarms = props.alarms === false ? undefined : (props.alarms ?? {});
    const oldestAge = alarms?.oldestMessageAgeSeconds ?? Math.min(DEFAULT_OLDEST_AGE_SECONDS, Math.floor(retention / 2));

    const v = new PropsValidator(this);
    validateQueueName(v, 'name', props.name, fifo, '-dlq');
    for (const field of ['contentBasedDeduplication', 'deduplicationScope', 'fifoThroughputLimit'] as const) {
      v.check(fifo || props[field] === undefined, field, props[field], 'applies to FIFO queues only: set fifo: true or leave it unset');
    }
    v.oneOf('deduplicationScope', props.deduplicationScope, ['messageGroup', 'queue']);
    v.oneOf('fifoThroughputLimit', props.fifoThroughputLimit, ['perMessageGroupId', 'perQueue']);
    v.check(
      props.fifoThroughputLimit !== 'perMessageGroupId' || props.deduplicationScope === 'messageGroup',
      'fifoThroughputLimit',
      props.fifoThroughputLimit,
      'perMessageGroupId (high-throughput FIFO) needs deduplicationScope: "messageGroup"',
    );
    v.integer('visibilityTimeoutSeconds', props.visibilityTimeoutSeconds, 0, SQS.maxVisibilityTimeoutSeconds, 'seconds');
    v.integer('messageRetentionSeconds', props.messageRetentionSeconds, SQS.minRetentionSeconds, SQS.maxRetentionSeconds, 'seconds');
    v.integer('delaySeconds', props.delaySeconds, 0, SQS.maxDelaySeconds, 'seconds');
    v.integer('maxMessageSizeBytes', props.maxMessageSizeBytes, SQS.minMessageSizeBytes, SQS.maxMessageSizeBytes, 'bytes');
    v.integer('receiveWaitTimeSeconds', props.receiveWaitTimeSeconds, 0, SQS.maxReceiveWaitTimeSeconds, 'seconds');
    v.integer('deadLetter.maxReceiveCount', props.deadLetter?.maxReceiveCount, SQS.maxReceiveCountMin, SQS.maxReceiveCountMax);
    v.integer('deadLetter.retentionSeconds', props.deadLetter?.retentionSeconds, SQS.minRetentionSeconds, SQS.maxRetentionSeconds, 'seconds');
    v.check(
      dlqRetention > retention || dlqRetention === SQS.maxRetentionSeconds,
      'deadLetter.retentionSeconds',
      dlqRetention,
      `must be longer than the queue's messageRetentionSeconds (${retention}), or the AWS maximum ${fmt(SQS.maxRetentionSeconds)}: a message keeps its original enqueue time in the DLQ and would expire there early`,
    );
    validateQueueEncryption(v, 'encryption', props.encryption);
    if (alarms) {
      v.number('alarms.dlqDepthThreshold', alarms.dlqDepthThreshold, 0, Number.MAX_SAFE_INTEGER);
      v.check(
        oldestAge > 0 && oldestAge < retention,
        'alarms.oldestMessageAgeSeconds',
        oldestAge,
        `must be above 0 and below messageRetentionSeconds (${retention}): messages expire before they get older`,
      );
    }
    v.throwIfInvalid();

    const base = baseQueueName(props.name);
    this.fifo = fifo;
    this.contentBasedDeduplication = fifo && props.contentBasedDeduplication === true;
    this.maxReceiveCount = props.deadLetter?.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;
    this.visibilityTimeoutSeconds = props.visibilityTimeoutSeconds ?? 30;

    this.secureQueue = new SecureQueue(this, 'Resource', {
      name: sqsQueueName(base, fifo),
      fifoQueue: fifo || undefined,
      contentBasedDeduplication: props.contentBasedDeduplication,
      deduplicationScope: props.deduplicationScope,
      fifoThroughputLimit: props.fifoThroughputLimit,
      visibilityTimeoutSeconds: this.visibilityTimeoutSeconds,
      messageRetentionSeconds: retention,
      delaySeconds: props.delaySeconds ?? 0,
      maxMessageSize: props.maxMessageSizeBytes ?? 262_144,
      receiveWaitTimeSeconds: props.receiveWaitTimeSeconds ?? 20,
      encryption: props.encryption,
      tags: props.tags,
    });
    this.queue = this.secureQueue.queue;
    this.queueArn = this.secureQueue.queueArn;
    this.queueUrl = this.secureQueue.queueUrl;
    this.queueName = this.secureQueue.queueName;
    this.kmsKeyArn = this.secureQueue.kmsKeyArn;

    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      name: `${base}-dlq`,
      fifo,
      retentionSeconds: dlqRetention,
      encryption: props.encryption,
      alarm: alarms ? { threshold: alarms.dlqDepthThreshold, alarmActions: alarms.alarmActions, okActions: alarms.okActions } : false,
      tags: props.tags,
    });
    this.dlqArn = this.deadLetterQueue.queueArn;
    this.dlqUrl = this.deadLetterQueue.queueUrl;
    this.dlqName = this.deadLetterQueue.queueName;

    // The two policies point at each other's queue: as attributes of the
    // queues they would form a cycle, which Terraform refuses to plan.
    new SqsQueueRedrivePolicy(this, 'RedrivePolicy', {
      queueUrl: this.queueUrl,
      redrivePolicy: jsonDocument({ deadLetterTargetArn: this.dlqArn, maxReceiveCount: this.maxReceiveCount }),
    });
    new SqsQueueRedriveAllowPolicy(this, 'RedriveAllowPolicy', {
      queueUrl: this.dlqUrl,
      redriveAllowPolicy: jsonDocument({ redrivePermission: 'byQueue', sourceQueueArns: [this.queueArn] }),
    });

    if (alarms) {
      this.oldestMessageAgeAlarm = this.secureQueue.addAlarm('OldestMessageAgeAlarm', {
        alarmName: `${sqsQueueName(base, fifo)}-oldest-message-age`,
        description: `The oldest message in ${sqsQueueName(base, fifo)} is older than ${oldestAge} s: its consumers are behind or failing.`,
        metricName: 'ApproximateAgeOfOldestMessage',
        threshold: oldestAge,
        alarmActions: alarms.alarmActions,
        okActions: alarms.okActions,
        tags: props.tags,
      });
    }
  }

  /**
   * Makes `props.functionArn` consume this queue through an event source
   * mapping that reports partial batch failures (`ReportBatchItemFailures`), so
   * one bad message goes to the DLQ after `maxReceiveCount` receives without
   * failing its batch. The function's role needs {@link consumerPolicy}, before
   * the mapping exists: give `functionRoleName` to have it attached and waited for.
   */
  addLambdaConsumer(id: string, props: QueueConsumerProps): LambdaEventSourceMapping {
    checkArguments(this, [
      ['id', id, shape.id],
      [String(id), props, QUEUE_CONSUMER_PROPS],
    ]);
    const v = new PropsValidator(this);
    const timeout = props.functionTimeoutSeconds;
    v.integer(`${id}.functionTimeoutSeconds`, timeout, 1, LAMBDA.maxTimeoutSeconds, 'seconds');
    v.check(
      !Number.isInteger(timeout) || this.visibilityTimeoutSeconds >= 6 * timeout,
      'visibilityTimeoutSeconds',
      this.visibilityTimeoutSeconds,
      `must be at least 6 × the consuming function's timeout (6 × ${timeout} = ${6 * timeout} s) so that a message is not received again while it is processed`,
    );
    // Lambda reads 10 messages at a time unless told otherwise.
    validateQueueBatching(v, id, { ...props, fifo: this.fifo, defaultBatchSize: 10 }, LAMBDA);
    v.integer(`${id}.maximumConcurrency`, props.maximumConcurrency, LAMBDA.minMaximumConcurrency, LAMBDA.maxMaximumConcurrency);
    v.matches(`${id}.functionRoleName`, props.functionRoleName, /^[\w+=,.@-]{1,64}$/, 'IAM role names are 1–64 letters, digits and +=,.@_- (the name, not the ARN)');
    v.throwIfInvalid();
    const rolePolicy = props.functionRoleName
      ? new IamRolePolicy(this, `${id}-RolePolicy`, {
          name: `consume-${isToken(this.queueName) ? 'queue' : this.queueName}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 128),
          role: props.functionRoleName,
          policy: jsonDocument(this.consumerPolicy()),
        })
      : undefined;
    const dependsOn = [...(props.dependsOn ?? []), ...(rolePolicy ? [rolePolicy] : [])];
    return new LambdaEventSourceMapping(this, id, {
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
      eventSourceArn: this.queueArn,
      functionName: props.functionArn,
      batchSize: props.batchSize ?? 10,
      maximumBatchingWindowInSeconds: props.maximumBatchingWindowSeconds,
      functionResponseTypes: ['ReportBatchItemFailures'],
      scalingConfig: props.maximumConcurrency ? { maximumConcurrency: props.maximumConcurrency } : undefined,
    });
  }

  /** The DLQ depth alarm, unless alarms are off. */
  get dlqDepthAlarm(): CloudwatchMetricAlarm | undefined {
    return this.deadLetterQueue.depthAlarm;
  }

  /**
   * Lets an AWS service (e.g. `sns.amazonaws.com`, `events.amazonaws.com`)
   * send to this queue on behalf of `sourceArn` (and `sourceAccount`, when
   * given: S3 buckets' ARNs name no account) only, through the queue's one
   * policy. When the queue uses a customer-managed KMS key, that key's policy
   * must also let the service use `kms:GenerateDataKey*` and `kms:Decrypt`.
   */
  allowSendFrom(servicePrincipal: string, sourceArn: string, sourceAccount?: string): void {
    this.secureQueue.allowSendFrom(servicePrincipal, sourceArn, sourceAccount);
  }

  /** The queue policy's statements so far. */
  get policyStatements(): PolicyStatement[] {
    return this.secureQueue.policyStatements;
  }

  /** IAM policy document for producers: `sqs:SendMessage`, plus KMS actions when a key is used. */
  producerPolicy(): PolicyDocument {
    return this.secureQueue.producerPolicy();
  }

  /** IAM policy document for consumers: receive, delete, change visibility, attributes, plus KMS decrypt. */
  consumerPolicy(): PolicyDocument {
    return this.secureQueue.consumerPolicy();
  }

  /** Lets `grantee` send messages to the queue (the statements of {@link producerPolicy}), with the key's actions when a customer managed key encrypts it. */
  grantSendMessages(grantee: IGrantee): void {
    grantTo(grantee, this.producerPolicy().Statement);
  }

  /** Lets `grantee` receive and delete the queue's messages (the statements of {@link consumerPolicy}), with `kms:Decrypt` when a customer managed key encrypts it. */
  grantConsumeMessages(grantee: IGrantee): void {
    grantTo(grantee, this.consumerPolicy().Statement);
  }
}
