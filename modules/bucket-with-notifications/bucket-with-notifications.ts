import { Annotations, dependable, ITerraformDependable } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketNotification, S3BucketNotificationLambdaFunction, S3BucketNotificationQueue, S3BucketNotificationTopic } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { FUNCTION_ARN, parseFunctionArn, STANDARD_QUEUE_ARN, STANDARD_TOPIC_ARN } from '../core/endpoints';
import { awsContext } from '../core/aws-context';
import { IQueueTarget, isQueueTarget, ITopicTarget } from '../core/contracts';
import { requireOwnFramework } from '../core/framework';
import { grantTo, IGrantee, keyGrant } from '../core/grants';
import { keyUseStatement, PolicyStatement, ResourcePolicy, sqsQueueEncryptionContext } from '../core/policy';
import { ServiceKey } from '../core/service-key';
import { checkArguments, checkProps, shape, validScope } from '../core/shape';
import { isToken, PropsValidator } from '../core/validation';
import type { EventPattern } from '../patterns/types';
import { IEventBusTarget } from '../core/contracts';
import { EventBusRule } from '../event-bus-with-rules/event-bus-rule';
import { ObjectKeyFilter, s3EventPattern } from './event-patterns';
import { forwardBucketEvents, ForwardEventsOptions } from './forward-events';
import { validateBucketName } from './limits';
import {
  BucketNotificationOptions,
  clashingNotification,
  DEFAULT_EVENTS,
  describeNotification,
  NotificationEntry,
  validateNotificationOptions,
} from './notifications';
import { BUCKET_PROPS, FORWARD_OPTIONS, NOTIFICATION_OPTIONS } from './props-shape';

/** Server-side encryption of the bucket's objects. */
export type BucketEncryption =
  /** SSE-S3: keys S3 owns and manages (AES-256). */
  | 's3-managed'
  /** SSE-KMS with a customer managed key made with the bucket (rotation on), and an S3 Bucket Key. */
  | 'customer-managed'
  | {
      /** SSE-KMS with this key (key or alias ARN), and an S3 Bucket Key. Readers and writers need its `kms:Decrypt` / `kms:GenerateDataKey`. */
      readonly kmsKeyArn: string;
    };

/** Server access logging of a {@link BucketWithNotifications}. */
export interface AccessLoggingProps {
  /**
   * Name of the bucket that receives the logs, in the same Region and account,
   * not this bucket. With ACLs disabled there (Bucket owner enforced), its
   * bucket policy must let `logging.s3.amazonaws.com` put objects.
   */
  readonly targetBucket: string;
  /** Key prefix of the log objects. AWS limit: object keys are at most 1,024 bytes. @default `<bucket name>/` */
  readonly targetPrefix?: string;
}

/** Props of a {@link BucketWithNotifications}. */
export interface BucketWithNotificationsProps {
  /**
   * Bucket name, unique in the partition. AWS limit: 3–63 lowercase letters,
   * digits, `.` and `-`, beginning and ending with a letter or digit, no `..`,
   * not an IP address, not starting with `xn--`, `sthree-` or `amzn-s3-demo-`,
   * not ending with `-s3alias`, `--ol-s3`, `.mrap`, `--x-s3` or `--table-s3`.
   */
  readonly name: string;
  /** Encryption of objects at rest. @default 's3-managed' (SSE-S3) */
  readonly encryption?: BucketEncryption;
  /**
   * Send every event of the bucket to EventBridge, where rules match them
   * (`Object Created`, `Object Deleted`, …; see {@link BucketWithNotifications.objectCreatedPattern}).
   * S3 puts them on the default event bus of the bucket's account and Region.
   * @default false
   */
  readonly eventbridge?: boolean;
  /**
   * Days a version is kept after it stops being current (overwritten or
   * deleted), before S3 deletes it. AWS limit: a whole number of days, at least 1.
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /** Days after which S3 aborts an incomplete multipart upload and deletes its parts. AWS limit: at least 1. @default 7 */
  readonly abortIncompleteMultipartUploadDays?: number;
  /** Server access logging to another bucket. @default none */
  readonly accessLogging?: AccessLoggingProps;
  /** Let `terraform destroy` delete a bucket that still holds objects. @default false */
  readonly forceDestroy?: boolean;
  /** Tags for every resource made here that takes tags (provider default tags apply as well). @default none */
  readonly tags?: Record<string, string>;
}

const S3_PRINCIPAL = 's3.amazonaws.com';
const DEFAULT_NONCURRENT_DAYS = 90;
const DEFAULT_ABORT_DAYS = 7;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)$/;

/**
 * An S3 bucket with the defaults reviewers expect and its event notifications.
 * Public access is blocked (all four settings), ACLs are disabled (Bucket
 * owner enforced), objects are encrypted (SSE-S3, or SSE-KMS with a Bucket
 * Key), versioning is on with noncurrent versions expiring, incomplete
 * multipart uploads are aborted, and one bucket policy denies requests
 * without TLS. Notifications go to EventBridge (`eventbridge: true`) and/or
 * directly to SQS queues, SNS topics and Lambda functions, each granted to
 * `s3.amazonaws.com` for this bucket and account only, all in the bucket's
 * one `aws_s3_bucket_notification` (S3 keeps one configuration per bucket).
 */
export class BucketWithNotifications extends Construct {
  /** The bucket resource. */
  readonly bucket: S3Bucket;
  /** Name of the bucket. */
  readonly bucketName: string;
  /** ARN of the bucket (`arn:<partition>:s3:::<name>`). */
  readonly bucketArn: string;
  /** The KMS key ARN when SSE-KMS encrypts the objects. */
  readonly kmsKeyArn?: string;
  /** The key made here when `encryption` is `'customer-managed'`. */
  readonly key?: ServiceKey;
  /** True when the bucket sends its events to EventBridge. */
  readonly eventBridgeEnabled: boolean;
  /** The bucket's one policy. */
  readonly bucketPolicy: S3BucketPolicy;
  private readonly policy: ResourcePolicy;
  private readonly entries: NotificationEntry[] = [];
  private readonly dependencies: ITerraformDependable[] = [];
  private notificationResource?: S3BucketNotification;

  constructor(scope: Construct, id: string, props: BucketWithNotificationsProps) {
    super(validScope(scope, id, 'BucketWithNotifications'), id);
    requireOwnFramework(this);
    checkProps(this, props, BUCKET_PROPS);
    const v = new PropsValidator(this);
    validateBucketName(v, 'name', props.name);
    const enc = props.encryption;
    if (typeof enc === 'object') {
      v.matches('encryption.kmsKeyArn', enc.kmsKeyArn, KMS_KEY_ARN, 'must be a KMS key or alias ARN (arn:<partition>:kms:<region>:<account>:key/<id> or :alias/<name>)');
    } else {
      v.oneOf('encryption', enc, ['s3-managed', 'customer-managed']);
    }
    v.integer('noncurrentVersionExpirationDays', props.noncurrentVersionExpirationDays, 1, 2_147_483_647, 'days');
    v.integer('abortIncompleteMultipartUploadDays', props.abortIncompleteMultipartUploadDays, 1, 2_147_483_647, 'days');
    if (props.accessLogging) {
      const target = props.accessLogging.targetBucket;
      validateBucketName(v, 'accessLogging.targetBucket', target);
      v.check(
        isToken(target) || isToken(props.name) || target !== props.name,
        'accessLogging.targetBucket',
        target,
        'must be another bucket: logs written to the bucket they describe would log their own writes without end',
      );
      const logPrefix = props.accessLogging.targetPrefix;
      v.check(logPrefix === undefined || isToken(logPrefix) || Buffer.byteLength(logPrefix) <= 1_024, 'accessLogging.targetPrefix', logPrefix, 'must be at most 1,024 bytes (an object key prefix)');
    }
    v.throwIfInvalid();

    this.bucket = new S3Bucket(this, 'Bucket', { bucket: props.name, forceDestroy: props.forceDestroy ?? false, tags: props.tags });
    // The name as given, so that event patterns and messages show it (a literal unless a token was given).
    this.bucketName = props.name;
    this.bucketArn = this.bucket.arn;
    this.eventBridgeEnabled = props.eventbridge === true;

    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'OwnershipControls', { bucket: this.bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });

    if (enc === 'customer-managed') {
      this.key = new ServiceKey(this, 'Key', { aliasName: `s3/${isToken(props.name) ? id : props.name}`, description: `Encrypts the objects of bucket ${props.name}`, tags: props.tags });
      this.kmsKeyArn = this.key.keyArn;
    } else if (typeof enc === 'object') {
      this.kmsKeyArn = enc.kmsKeyArn;
    }
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.bucket.id,
      rule: [
        this.kmsKeyArn
          ? // A Bucket Key cuts the KMS requests (and their cost) of SSE-KMS by reusing a bucket-level data key.
            { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.kmsKeyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });
    const versioning = new S3BucketVersioningA(this, 'Versioning', { bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' } });
    // The provider asks lifecycle rules of a versioned bucket to wait for its versioning.
    new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      dependsOn: [versioning],
      bucket: this.bucket.id,
      rule: [
        {
          id: 'noncurrent-versions',
          status: 'Enabled',
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpirationDays ?? DEFAULT_NONCURRENT_DAYS }],
          // Once its noncurrent versions are gone, a delete marker alone is removed too.
          expiration: [{ expiredObjectDeleteMarker: true }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: props.abortIncompleteMultipartUploadDays ?? DEFAULT_ABORT_DAYS }],
        },
      ],
    });

    this.policy = new ResourcePolicy([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [this.bucketArn, `${this.bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
    // S3 refuses concurrent changes to a bucket's policy and its public access block.
    this.bucketPolicy = new S3BucketPolicy(this, 'Policy', { dependsOn: [publicAccessBlock], bucket: this.bucket.id, policy: this.policy.render() });

    if (props.accessLogging) {
      new S3BucketLoggingA(this, 'AccessLogging', {
        bucket: this.bucket.id,
        targetBucket: props.accessLogging.targetBucket,
        targetPrefix: props.accessLogging.targetPrefix ?? `${props.name}/`,
      });
    }
    if (this.eventBridgeEnabled) this.notification();
  }

  /**
   * The EventBridge pattern of `Object Created` events from `bucket` (a
   * bucket made here, or a bucket name), for keys under `filter.prefix`
   * and/or ending with `filter.suffix`. The bucket needs `eventbridge: true`;
   * its events arrive on the default event bus.
   */
  static objectCreatedPattern(bucket: BucketWithNotifications | string, filter: ObjectKeyFilter = {}): EventPattern {
    return s3EventPattern('Object Created', bucketNameOf(bucket), filter);
  }

  /** The EventBridge pattern of `Object Deleted` events from `bucket`, like {@link objectCreatedPattern}. */
  static objectDeletedPattern(bucket: BucketWithNotifications | string, filter: ObjectKeyFilter = {}): EventPattern {
    return s3EventPattern('Object Deleted', bucketNameOf(bucket), filter);
  }

  /** The direct notifications so far (not the EventBridge one). */
  get notifications(): readonly NotificationEntry[] {
    return [...this.entries];
  }

  /** The bucket policy's statements so far. */
  get policyStatements(): PolicyStatement[] {
    return this.policy.current;
  }

  /**
   * Notifies an SQS queue (a `QueueWithDlq`, any `IQueueTarget`, or a queue
   * ARN) of the bucket's events: its one policy lets `s3.amazonaws.com` send,
   * on condition of this bucket (`aws:SourceArn`) and account
   * (`aws:SourceAccount`). S3 does not deliver to FIFO queues. A queue
   * encrypted with a customer managed key needs that key to admit S3: the
   * construct warns with the statement to add.
   */
  addQueueNotification(id: string, queue: IQueueTarget | string, options: BucketNotificationOptions = {}): void {
    checkArguments(this, [
      ['id', id, shape.id],
      ['queue', queue, shape.oneOf(shape.string, shape.construct('a queue construct (IQueueTarget)', 'queueArn'))],
      ['options', options, NOTIFICATION_OPTIONS],
    ]);
    const arn = typeof queue === 'string' ? queue : queue.queueArn;
    const v = new PropsValidator(this);
    if (typeof queue === 'string') v.matches('queue', queue, STANDARD_QUEUE_ARN, 'must be a standard SQS queue ARN (arn:<partition>:sqs:<region>:<account>:<name>): S3 does not deliver to FIFO queues');
    else v.check(queue.fifo !== true, 'queue', queue.queueName, 'must be a standard queue: S3 does not deliver event notifications to FIFO queues');
    this.add(v, { id, kind: 'queue', arn, ...filterOf(options) }, options, () => {
      if (!isQueueTarget(queue)) return this.warnUngranted(id, 'queue', arn, 'sqs:SendMessage');
      queue.allowSendFrom(S3_PRINCIPAL, this.bucketArn, this.account());
      this.dependOnPolicies(queue, SqsQueuePolicy);
      if (queue.kmsKeyArn) this.warnKey(queue.queueName, queue.kmsKeyArn, sqsQueueEncryptionContext(queue.queueArn));
    });
    this.notification().putQueue(this.blocks('queue', (e) => ({ id: e.id, queueArn: e.arn, events: [...e.events], filterPrefix: e.prefix, filterSuffix: e.suffix })) as S3BucketNotificationQueue[]);
  }

  /**
   * Notifies an SNS topic (a `TopicWithFilteredSubscriptions`, any
   * `ITopicTarget`, or a topic ARN): its one policy lets `s3.amazonaws.com`
   * publish for this bucket and account only, and a key made with the topic
   * admits S3. S3 does not deliver to FIFO topics.
   */
  addTopicNotification(id: string, topic: ITopicTarget | string, options: BucketNotificationOptions = {}): void {
    checkArguments(this, [
      ['id', id, shape.id],
      ['topic', topic, shape.oneOf(shape.string, shape.construct('a topic construct (ITopicTarget)', 'topicArn'))],
      ['options', options, NOTIFICATION_OPTIONS],
    ]);
    const arn = typeof topic === 'string' ? topic : topic.topicArn;
    const v = new PropsValidator(this);
    if (typeof topic === 'string') v.matches('topic', topic, STANDARD_TOPIC_ARN, 'must be a standard SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>): S3 does not deliver to FIFO topics');
    else v.check(topic.fifo !== true, 'topic', topic.topicName, 'must be a standard topic: S3 does not deliver event notifications to FIFO topics');
    this.add(v, { id, kind: 'topic', arn, ...filterOf(options) }, options, () => {
      if (typeof topic === 'string' || typeof topic.allowPublishFrom !== 'function') return this.warnUngranted(id, 'topic', arn, 'sns:Publish');
      topic.allowPublishFrom(S3_PRINCIPAL, this.bucketArn, this.account());
      this.dependOnPolicies(topic, SnsTopicPolicy, KmsKey);
    });
    this.notification().putTopic(this.blocks('topic', (e) => ({ id: e.id, topicArn: e.arn, events: [...e.events], filterPrefix: e.prefix, filterSuffix: e.suffix })) as S3BucketNotificationTopic[]);
  }

  /**
   * Invokes a Lambda function (ARN, optionally with a version or alias) for
   * the bucket's events, asynchronously; adds the `aws_lambda_permission`
   * that lets `s3.amazonaws.com` invoke it for this bucket and account only.
   */
  addLambdaNotification(id: string, functionArn: string, options: BucketNotificationOptions = {}): LambdaPermission | undefined {
    checkArguments(this, [
      ['id', id, shape.id],
      ['functionArn', functionArn, shape.string],
      ['options', options, NOTIFICATION_OPTIONS],
    ]);
    const v = new PropsValidator(this);
    v.matches('functionArn', functionArn, FUNCTION_ARN, 'must be a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>])');
    let permission: LambdaPermission | undefined;
    this.add(v, { id, kind: 'lambda', arn: functionArn, ...filterOf(options) }, options, () => {
      const qualifier = parseFunctionArn(functionArn)?.qualifier;
      permission = new LambdaPermission(this, `${id}-Permission`, {
        action: 'lambda:InvokeFunction',
        functionName: qualifier ? functionArn.slice(0, -(qualifier.length + 1)) : functionArn,
        qualifier,
        principal: S3_PRINCIPAL,
        sourceArn: this.bucketArn,
        sourceAccount: this.account(),
      });
      this.dependencies.push(permission);
    });
    this.notification().putLambdaFunction(
      this.blocks('lambda', (e) => ({ id: e.id, lambdaFunctionArn: e.arn, events: [...e.events], filterPrefix: e.prefix, filterSuffix: e.suffix })) as S3BucketNotificationLambdaFunction[],
    );
    return permission;
  }

  /**
   * Sends the bucket's EventBridge events to another bus (such as the bus of
   * your application, where your rules are): S3 puts them only on the default
   * bus of the bucket's account and Region, so a rule there forwards them,
   * with a role allowed `events:PutEvents` on that bus only, a dead-letter
   * queue and a failure alarm. Needs `eventbridge: true`.
   */
  forwardEventsTo(id: string, eventBus: IEventBusTarget | string, options: ForwardEventsOptions = {}): EventBusRule {
    checkArguments(this, [
      ['id', id, shape.id],
      ['eventBus', eventBus, shape.oneOf(shape.string, shape.construct('an event bus construct (IEventBusTarget)', 'eventBusArn'))],
      ['options', options, FORWARD_OPTIONS],
    ]);
    new PropsValidator(this)
      .check(this.eventBridgeEnabled, 'eventbridge', this.eventBridgeEnabled, 'must be true to forward the bucket\'s events: without it S3 sends none to EventBridge')
      .throwIfInvalid();
    return forwardBucketEvents(this, id, this.bucketName, eventBus, options);
  }

  /** Lets `grantee` list the bucket and read its objects (and their versions), with `kms:Decrypt` when SSE-KMS encrypts them. */
  grantRead(grantee: IGrantee): void {
    grantTo(grantee, [
      { Sid: 'ListBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: this.bucketArn },
      { Sid: 'ReadObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: `${this.bucketArn}/*` },
      ...keyGrant('DecryptObjects', this.kmsKeyArn, ['kms:Decrypt']),
    ]);
  }

  /**
   * Lets `grantee` put objects (also in parts, and abort an upload), with
   * `kms:GenerateDataKey` and `kms:Decrypt` when SSE-KMS encrypts them
   * (a multipart upload decrypts the data key to complete).
   */
  grantWrite(grantee: IGrantee): void {
    grantTo(grantee, [
      { Sid: 'WriteObjects', Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: `${this.bucketArn}/*` },
      ...keyGrant('EncryptObjects', this.kmsKeyArn, ['kms:GenerateDataKey', 'kms:Decrypt']),
    ]);
  }

  /** Validates and records one notification, refusing one that S3 would find ambiguous beside another. */
  private add(v: PropsValidator, entry: NotificationEntry, options: BucketNotificationOptions, grant: () => void): void {
    validateNotificationOptions(v, options);
    v.check(!this.entries.some((e) => e.id === entry.id), 'id', entry.id, 'is already used by another notification of this bucket: choose another ID');
    v.throwIfInvalid();
    const clash = clashingNotification(entry, this.entries);
    if (clash) {
      new PropsValidator(this)
        .check(
          false,
          'options',
          options,
          `overlaps ${describeNotification(clash.other)} for ${clash.eventType}: S3 refuses two notifications whose event types, prefixes and suffixes all overlap ` +
            '(it could not tell which one an object belongs to); give them prefixes or suffixes that no key can share, or other event types',
        )
        .throwIfInvalid();
    }
    this.entries.push(entry);
    grant();
    this.notification().dependsOn = this.dependencies.length > 0 ? this.dependencies.map((d) => dependable(d)) : undefined;
  }

  /**
   * The bucket's one notification configuration, made on first use. It
   * depends on every destination's policy: S3 checks that it may deliver to
   * each destination when the configuration is put.
   */
  private notification(): S3BucketNotification {
    this.notificationResource ??= new S3BucketNotification(this, 'Notification', {
      bucket: this.bucket.id,
      eventbridge: this.eventBridgeEnabled || undefined,
    });
    return this.notificationResource;
  }

  private blocks<T>(kind: NotificationEntry['kind'], render: (e: NotificationEntry) => T): T[] {
    return this.entries.filter((e) => e.kind === kind).map(render);
  }

  private account(): string {
    return awsContext(this).accountId;
  }

  /**
   * Waits for the policy resources (queue or topic policy, key) of a destination
   * made by this library: every one in its construct (a queue's and its DLQ's).
   */
  private dependOnPolicies(destination: object, ...types: Array<abstract new (...args: never[]) => IConstruct>): void {
    if (!Construct.isConstruct(destination)) return;
    for (const c of destination.node.findAll()) {
      if (types.some((t) => c instanceof t) && !this.dependencies.includes(c as unknown as ITerraformDependable)) this.dependencies.push(c as unknown as ITerraformDependable);
    }
  }

  private warnUngranted(id: string, kind: string, arn: string, action: string): void {
    const statement: PolicyStatement = {
      Sid: 'AllowS3Notifications',
      Effect: 'Allow',
      Principal: { Service: S3_PRINCIPAL },
      Action: action,
      Resource: arn,
      Condition: { ArnEquals: { 'aws:SourceArn': this.bucketArn }, StringEquals: { 'aws:SourceAccount': this.account() } },
    };
    Annotations.of(this).addWarning(
      `notification "${id}" goes to a ${kind} given by ARN, whose policy this construct cannot change: it must let ${S3_PRINCIPAL} ${action} for this bucket, or S3 refuses the notification configuration at apply. Add to its policy: ${JSON.stringify(statement)}`,
    );
  }

  private warnKey(name: string, kmsKeyArn: string, context: Record<string, string>): void {
    Annotations.of(this).addWarning(
      `${name} is encrypted with ${isToken(kmsKeyArn) ? 'a customer managed KMS key' : kmsKeyArn}: that key's policy must let ${S3_PRINCIPAL} use it, or S3's notifications to it fail. Add to the key policy: ${JSON.stringify(keyUseStatement(S3_PRINCIPAL, context))}`,
    );
  }
}

/** The bucket name of a bucket construct or name. */
function bucketNameOf(bucket: BucketWithNotifications | string): string {
  return typeof bucket === 'string' ? bucket : bucket.bucketName;
}

function filterOf(options: BucketNotificationOptions): Pick<NotificationEntry, 'events' | 'prefix' | 'suffix'> {
  return { events: [...(options.events ?? DEFAULT_EVENTS)], prefix: options.prefix, suffix: options.suffix };
}
