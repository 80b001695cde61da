import { Annotations, Aspects } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { awsContext } from '../core/aws-context';
import { IQueueTarget, ITopicTarget } from '../core/contracts';
import { ImportedQueue } from '../core/imported';
import { DeadLetterPlan, planDeadLetter, resolveDeadLetter } from '../core/dead-letter';
import { showAs, statementForDisplay } from '../core/display';
import { ValidationError } from '../core/errors';
import { grantTo, IGrantee, keyGrant } from '../core/grants';
import { denyInsecureTransport, keyUseStatement, PolicyStatement, ResourcePolicy, snsTopicEncryptionContext, sqsQueueEncryptionContext } from '../core/policy';
import { SQS } from '../core/aws-limits';
import { validateQueueName } from '../core/queue-limits';
import { ServiceKey } from '../core/service-key';
import { checkArguments, checkProps, shape, validScope } from '../core/shape';
import { isToken, PropsValidator } from '../core/validation';
import { DeadLetterQueue } from '../dead-letter-queue';
import { BODY_ONLY_PUBLISHERS, FIFO_SUFFIX, SERVICE_PRINCIPAL, SNS_PRINCIPAL, validateFilter, validateTopicProps } from './validation';
import { DeliveryStatusFeedback, deliveryStatusFeedback, DeliveryStatusLoggingProps, deliveryStatusRole, LOGGED_PROTOCOLS } from './delivery-status-logging';
import { SUBSCRIPTION_OPTIONS, TOPIC_PROPS, TOPIC_SUBSCRIPTION } from './props-shape';
import { describeQueue, display, displayQueueArn } from './display';
import {
  EmailSubscriptionOptions,
  HttpsSubscriptionOptions,
  ISubscribableTopic,
  ITopicSubscription,
  LambdaSubscriptionOptions,
  QueueSubscriptionOptions,
  RequiredStatement,
  SubscriptionDeadLetterQueueProps,
  SubscriptionOptions,
  SubscriptionPlace,
  TopicSubscription,
} from './subscription-options';
import { EmailSubscription, HttpsSubscription, LambdaSubscription, QueueSubscription } from './subscriptions';
import { jsonDocument } from '../core/json-document';
import { requireOwnFramework } from '../core/framework';

/** Server-side encryption of the topic. */
export type TopicEncryption =
  /**
   * A customer managed KMS key made with the topic (rotation on), whose key
   * policy admits each service granted through `allowPublishFrom`.
   */
  | 'customer-managed'
  /**
   * Your own customer managed KMS key (key or alias ARN). Its key policy must
   * let every publishing service use it (`kms:GenerateDataKey*`, `kms:Decrypt`);
   * the construct warns with the statement to add. The AWS managed key
   * `alias/aws/sns` is refused: its policy cannot admit AWS services.
   */
  | {
      /** ARN of the key, or of an alias of it (`arn:<partition>:kms:<region>:<account>:alias/<name>`). */
      readonly kmsKeyArn: string;
    };

/** How a FIFO topic's throughput quota is counted. */
export type FifoThroughputScope = 'Topic' | 'MessageGroup';

/** Props of a {@link TopicWithFilteredSubscriptions}. */
export interface TopicWithFilteredSubscriptionsProps {
  /**
   * Topic name; the construct appends `.fifo` for FIFO topics. AWS limit:
   * 1–256 letters, digits, hyphens and underscores, `.fifo` included (so at
   * most 251 before it).
   */
  readonly name: string;
  /**
   * A FIFO topic: strict ordering and deduplication. AWS lets FIFO topics
   * deliver only to SQS queues (FIFO queues for strict ordering, standard
   * queues for best-effort ordering). @default false
   */
  readonly fifo?: boolean;
  /** FIFO only: deduplicate by a SHA-256 of the body instead of a deduplication ID. @default false */
  readonly contentBasedDeduplication?: boolean;
  /**
   * FIFO only: throughput quota per topic, or per message group (high
   * throughput). @default 'Topic' (AWS's)
   */
  readonly fifoThroughputScope?: FifoThroughputScope;
  /** Encryption at rest. @default 'customer-managed' (a KMS key made here) */
  readonly encryption?: TopicEncryption;
  /** Delivery-status logging for the SQS, Lambda and HTTP/S protocols. @default off */
  readonly deliveryStatusLogging?: DeliveryStatusLoggingProps;
  /**
   * The only AWS service principals that publish to this topic, when you know
   * them, e.g. `['events.amazonaws.com']` for a topic fed by EventBridge rules
   * only. EventBridge publishes events as the message body, without message
   * attributes, so on such a topic a `MessageAttributes` filter never matches:
   * declared, that is an error; undeclared, a warning when the only grants made
   * are to EventBridge. `allowPublishFrom` accepts only declared principals.
   * @default not declared
   */
  readonly publishers?: string[];
  /** Tags for every resource made here that takes tags (provider default tags apply as well). @default none */
  readonly tags?: Record<string, string>;
}

/** The protocols SNS subscribes with (Subscribe API, `Protocol`). */
const SNS_PROTOCOLS = ['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'application', 'lambda', 'firehose'];

/** What the owner account may do, as in the policy SNS gives every new topic. */
const OWNER_ACTIONS = [
  'sns:GetTopicAttributes',
  'sns:SetTopicAttributes',
  'sns:AddPermission',
  'sns:RemovePermission',
  'sns:DeleteTopic',
  'sns:Subscribe',
  'sns:ListSubscriptionsByTopic',
  'sns:Publish',
];

/**
 * An SNS topic and its filtered subscriptions, safe by default: encrypted
 * with a customer managed KMS key, one topic policy that denies publishing
 * without TLS and gathers every grant (each conditioned on `aws:SourceArn`),
 * a dead-letter queue on every subscription, filter policies checked at
 * synth, and AWS's FIFO pairing rules enforced at construction.
 */
export class TopicWithFilteredSubscriptions extends Construct implements ITopicTarget, ISubscribableTopic {
  /** The topic resource. */
  readonly topic: SnsTopic;
  readonly topicArn: string;
  /** The topic name AWS sees (with `.fifo` for FIFO topics). */
  readonly topicName: string;
  readonly fifo: boolean;
  /** ARN of the KMS key that encrypts the topic. */
  readonly kmsKeyArn: string;
  /** The KMS key made for the topic, unless a key ARN was given. */
  readonly key?: ServiceKey;
  /** The role SNS assumes for delivery-status logging, when made here. */
  readonly deliveryStatusRole?: IamRole;
  private readonly policy: ResourcePolicy;
  private readonly declaredPublishers?: readonly string[];
  private readonly grantedPublishers = new Set<string>();
  private readonly subscriptionList: TopicSubscription[] = [];
  private readonly warnedFilters = new Set<string>();
  private readonly warnedKeyGrants = new Set<string>();
  /** The topic's ARN built from its name, for the key's policy. */
  private readonly topicArnByName: string;
  private readonly tags?: Record<string, string>;

  constructor(scope: Construct, id: string, props: TopicWithFilteredSubscriptionsProps) {
    super(validScope(scope, id, 'TopicWithFilteredSubscriptions'), id);
    requireOwnFramework(this);
    checkProps(this, props, TOPIC_PROPS);
    const fifo = props.fifo === true;
    const base = typeof props.name === 'string' && props.name.endsWith(FIFO_SUFFIX) ? props.name.slice(0, -FIFO_SUFFIX.length) : props.name;
    const encryption = props.encryption ?? 'customer-managed';
    const aliasName = fifo ? `sns/fifo/${base}` : `sns/${base}`;

    const v = new PropsValidator(this);
    validateTopicProps(v, props, { fifo, base, encryption, aliasName });
    const logging = props.deliveryStatusLogging;
    v.throwIfInvalid();

    this.fifo = fifo;
    this.topicName = fifo ? `${base}${FIFO_SUFFIX}` : base;
    this.declaredPublishers = props.publishers ? [...props.publishers] : undefined;
    const ctx = awsContext(this);

    if (encryption === 'customer-managed') {
      this.key = new ServiceKey(this, 'Key', { aliasName, tags: props.tags });
      this.kmsKeyArn = this.key.keyArn;
    } else {
      this.kmsKeyArn = encryption.kmsKeyArn;
    }

    this.tags = props.tags;
    let feedback: DeliveryStatusFeedback = {};
    if (logging !== undefined) {
      let roleArn = logging.roleArn;
      if (roleArn === undefined) {
        this.deliveryStatusRole = deliveryStatusRole(this, ctx, this.topicName, this.tags);
        roleArn = this.deliveryStatusRole.arn;
      }
      feedback = deliveryStatusFeedback(logging.protocols ?? LOGGED_PROTOCOLS, roleArn, logging.successSampleRate ?? 0);
    }

    this.topic = new SnsTopic(this, 'Topic', {
      name: this.topicName,
      fifoTopic: fifo || undefined,
      contentBasedDeduplication: props.contentBasedDeduplication,
      fifoThroughputScope: props.fifoThroughputScope,
      kmsMasterKeyId: this.kmsKeyArn,
      ...feedback,
      tags: props.tags,
    });
    this.topicArn = this.topic.arn;
    // The key policy names the topic by a built ARN: a reference to the topic,
    // which refers to the key, would be a cycle Terraform refuses to plan.
    this.topicArnByName = `arn:${ctx.partition}:sns:${ctx.region}:${ctx.accountId}:${this.topicName}`;
    showAs(this.topicArn, `arn:<partition>:sns:<region>:<account-id>:${display(this.topicName, '<topic name>')}`);

    this.policy = new ResourcePolicy([
      denyInsecureTransport('sns:Publish', this.topicArn),
      {
        Sid: 'AllowOwnerAccount',
        Effect: 'Allow',
        Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
        Action: OWNER_ACTIONS,
        Resource: this.topicArn,
        // Adds nothing for AWS (the principal is this account already) but
        // states it, so cross-account checks (Checkov CKV_AWS_385) see it too.
        Condition: { StringEquals: { 'aws:PrincipalAccount': ctx.accountId } },
      },
    ]);
    new SnsTopicPolicy(this, 'Policy', { arn: this.topicArn, policy: this.policy.render() });

    // Grants and subscriptions may come in any order: whether EventBridge is
    // the only publisher is known at synth only.
    Aspects.of(this).add({
      visit: (node: IConstruct) => {
        if (node === this) this.warnAboutUnmatchableFilters();
      },
    });
  }

  /**
   * Lets an AWS service (e.g. `events.amazonaws.com` for an EventBridge rule,
   * `cloudwatch.amazonaws.com` for an alarm) publish to this topic on behalf of
   * `sourceArn` only, through the topic's one policy, and lets it use the
   * topic's KMS key when the key is made here, scoped by the topic's
   * encryption context (`kms:EncryptionContext:aws:sns:topicArn`): SNS's KMS
   * request for the publisher carries that, not `aws:SourceArn`. Every AWS service that publishes
   * needs this grant: the topic policy replaces SNS's default one, whose
   * `AWS:SourceOwner` statement let any service acting for the account publish.
   * `sourceAccount`, when given, adds an `aws:SourceAccount` condition (S3
   * buckets, whose ARNs name no account).
   */
  allowPublishFrom(servicePrincipal: string, sourceArn: string, sourceAccount?: string): void {
    checkArguments(this, [
      ['allowPublishFrom.servicePrincipal', servicePrincipal, shape.string],
      ['allowPublishFrom.sourceArn', sourceArn, shape.string],
      ...(sourceAccount === undefined ? [] : [['allowPublishFrom.sourceAccount', sourceAccount, shape.string] as const]),
    ]);
    const v = new PropsValidator(this);
    v.matches('allowPublishFrom.servicePrincipal', servicePrincipal, SERVICE_PRINCIPAL, 'must be an AWS service principal such as "events.amazonaws.com"');
    if (this.declaredPublishers && !isToken(servicePrincipal)) {
      v.check(
        this.declaredPublishers.includes(servicePrincipal),
        'allowPublishFrom.servicePrincipal',
        servicePrincipal,
        `is not among the topic's declared publishers (${this.declaredPublishers.map((p) => JSON.stringify(p)).join(', ')}): add it to publishers`,
      );
    }
    v.check(typeof sourceArn === 'string' && sourceArn.length > 0, 'allowPublishFrom.sourceArn', sourceArn, 'is required: grants to AWS services are conditioned on aws:SourceArn');
    v.arn('allowPublishFrom.sourceArn', sourceArn);
    v.throwIfInvalid();

    this.grantedPublishers.add(servicePrincipal);
    this.policy.allowService(servicePrincipal, ['sns:Publish'], this.topicArn, sourceArn, sourceAccount);
    if (this.key) {
      this.key.allowServiceUse(servicePrincipal, snsTopicEncryptionContext(this.topicArnByName));
      return;
    }
    // The key statement names the topic, not the source: one warning per service.
    if (this.warnedKeyGrants.has(servicePrincipal)) return;
    this.warnedKeyGrants.add(servicePrincipal);
    const statement = statementForDisplay(keyUseStatement(servicePrincipal, snsTopicEncryptionContext(this.topicArn)), '<queue ARN>');
    Annotations.of(this).addWarning(
      `${servicePrincipal} publishes to ${this.topicName}, which is encrypted with ${display(this.kmsKeyArn, 'the KMS key given')}: that key's policy must let it use the key, or its publishes fail. Add to the key policy: ${JSON.stringify(statement)}`,
    );
  }

  /**
   * Subscribes an endpoint of any kind: a {@link QueueSubscription},
   * {@link LambdaSubscription}, {@link HttpsSubscription},
   * {@link EmailSubscription}, or another {@link ITopicSubscription}. The
   * topic checks the kind's own inputs, the filter policy, the dead-letter
   * queue and FIFO pairing together, then binds it.
   */
  addSubscription(id: string, subscription: ITopicSubscription): TopicSubscription {
    checkArguments(this, [
      ['id', id, shape.id],
      ['subscription', subscription, TOPIC_SUBSCRIPTION],
    ]);
    const v = new PropsValidator(this);
    v.check(typeof subscription.bind === 'function', 'subscription', subscription, 'must have bind(topic, place) (an ITopicSubscription)');
    v.oneOf('subscription.protocol', subscription.protocol, SNS_PROTOCOLS);
    v.throwIfInvalid();
    return this.subscribe(id, subscription);
  }

  /**
   * Subscribes an SQS queue (a `QueueWithDlq`, any `IQueueTarget`, or a queue
   * ARN) and lets this topic send to it through the queue's one policy. A
   * standard topic cannot deliver to a FIFO queue; a FIFO topic delivers to
   * FIFO queues (strict ordering) and standard queues (best-effort ordering).
   * When the queue is encrypted with a customer managed KMS key, that key's
   * policy must let SNS use it: the construct warns with the statement to add.
   */
  addQueueSubscription(id: string, queue: IQueueTarget | string, options: QueueSubscriptionOptions = {}): TopicSubscription {
    checkArguments(this, [
      ['id', id, shape.id],
      ['options', options, SUBSCRIPTION_OPTIONS.queue],
    ]);
    return this.subscribe(id, new QueueSubscription(queue, options));
  }

  /**
   * Subscribes a Lambda function by ARN and adds the `aws_lambda_permission`
   * that lets this topic (only) invoke it. FIFO topics refuse Lambda
   * subscriptions: subscribe a queue and let it trigger the function.
   */
  addLambdaSubscription(id: string, functionArn: string, options: LambdaSubscriptionOptions = {}): TopicSubscription {
    checkArguments(this, [
      ['id', id, shape.id],
      ['functionArn', functionArn, shape.string],
      ['options', options, SUBSCRIPTION_OPTIONS.lambda],
    ]);
    return this.subscribe(id, new LambdaSubscription(functionArn, options));
  }

  /**
   * Subscribes an HTTPS endpoint (`https://` only: plain HTTP would send
   * messages unencrypted), with an optional delivery policy. The endpoint must
   * confirm the subscription; until it does, the subscription is pending and
   * Terraform cannot delete it. FIFO topics refuse HTTP/S subscriptions.
   */
  addHttpsSubscription(id: string, url: string, options: HttpsSubscriptionOptions = {}): TopicSubscription {
    checkArguments(this, [
      ['id', id, shape.id],
      ['url', url, shape.string],
      ['options', options, SUBSCRIPTION_OPTIONS.https],
    ]);
    return this.subscribe(id, new HttpsSubscription(url, options));
  }

  /**
   * Subscribes an e-mail address. The recipient must confirm the subscription
   * from the e-mail SNS sends; Terraform cannot, so the subscription stays
   * pending until then (its confirmation link expires after a few days), and
   * Terraform cannot delete it while it is pending: `destroy` only forgets it.
   * `endpoint_auto_confirms` and `confirmation_timeout_in_minutes` do not apply
   * to e-mail. FIFO topics refuse e-mail subscriptions.
   */
  addEmailSubscription(id: string, address: string, options: EmailSubscriptionOptions = {}): TopicSubscription {
    checkArguments(this, [
      ['id', id, shape.id],
      ['address', address, shape.string],
      ['options', options, SUBSCRIPTION_OPTIONS.email],
    ]);
    return this.subscribe(id, new EmailSubscription(address, options));
  }

  /** Every subscription made so far. */
  get subscriptions(): readonly TopicSubscription[] {
    return [...this.subscriptionList];
  }

  /**
   * Lets `grantee` publish to the topic, with `kms:GenerateDataKey*` and
   * `kms:Decrypt` on the topic's key, which SNS asks of a publisher to an
   * encrypted topic.
   */
  grantPublish(grantee: IGrantee): void {
    grantTo(grantee, [
      { Sid: 'PublishToTopic', Effect: 'Allow', Action: 'sns:Publish', Resource: this.topicArn },
      ...keyGrant('UseTopicKey', this.kmsKeyArn, ['kms:GenerateDataKey*', 'kms:Decrypt']),
    ]);
  }

  /** The topic policy's statements so far. */
  get policyStatements(): PolicyStatement[] {
    return this.policy.current;
  }

  private subscribe(id: string, kind: ITopicSubscription): TopicSubscription {
    if (this.node.tryFindChild(id) !== undefined) {
      throw new ValidationError(this.node.path, [
        {
          field: 'id',
          value: id,
          allowed: `must be unique within the topic: "${id}" is already a subscription or a part of the topic (${this.node.children.map((c) => c.node.id).join(', ')})`,
        },
      ]);
    }
    const scope = new Construct(this, id);
    const place: SubscriptionPlace = { id, scope };
    const options = kind.options ?? {};
    const v = new PropsValidator(scope);
    v.check(
      !this.fifo || kind.protocol === 'sqs',
      'protocol',
      kind.protocol,
      'FIFO topics deliver only to SQS queues (FIFO queues for strict ordering, standard queues for best-effort ordering); subscribe a queue, and let it trigger the consumer',
    );
    if (typeof kind.validate === 'function') v.add(kind.validate(this, place));
    validateFilter(v, options, this.declaredPublishers);
    const deadLetter = this.planDeadLetterQueue(v, id, options.deadLetterQueue);
    try {
      v.throwIfInvalid();
    } catch (e) {
      // Leave no half-made subscription behind, so a corrected retry can reuse the id.
      this.node.tryRemoveChild(id);
      throw e;
    }

    // Every statement outside policies must hold, in order; those reported by an imported queue are not warned again.
    const required: RequiredStatement[] = [];
    const reported = new Set<RequiredStatement>();
    const dlq = resolveDeadLetter(
      scope,
      'DeadLetterQueue',
      deadLetter,
      (props) =>
        new DeadLetterQueue(scope, 'DeadLetterQueue', {
          name: props.name,
          fifo: this.fifo,
          retentionSeconds: props.retentionSeconds,
          alarm: props.alarm,
          tags: this.tags,
        }),
      true,
    );
    if (dlq?.queue) {
      dlq.queue.allowSendFrom(SNS_PRINCIPAL, this.topicArn);
      if (dlq.queue instanceof ImportedQueue) {
        // A queue made elsewhere reports the statement its owner must add.
        required.push(...dlq.queue.requiredStatements);
        dlq.queue.requiredStatements.forEach((r) => reported.add(r));
      } else if (!dlq.made && dlq.queue.kmsKeyArn) {
        required.push(this.queueKeyStatement(dlq.queue));
      }
    }
    // An imported queue is the ARN given; the construct listed is one made here or given.
    const deadLetterQueue = dlq?.queue instanceof ImportedQueue ? undefined : dlq?.queue;
    const deadLetterQueueArn = dlq?.arn;
    const config = kind.bind(this, place);
    required.push(...(config.reportedStatements ?? []));
    config.reportedStatements?.forEach((r) => reported.add(r));
    required.push(...(config.requiredStatements ?? []));

    const filterPolicyScope = options.filterPolicy !== undefined ? (options.filterPolicyScope ?? 'MessageAttributes') : undefined;
    const subscription = new SnsTopicSubscription(scope, 'Subscription', {
      topicArn: this.topicArn,
      protocol: kind.protocol,
      endpoint: config.endpoint,
      rawMessageDelivery: config.rawMessageDelivery,
      filterPolicy: options.filterPolicy !== undefined ? JSON.stringify(options.filterPolicy) : undefined,
      filterPolicyScope,
      redrivePolicy: deadLetterQueueArn !== undefined ? jsonDocument({ deadLetterTargetArn: deadLetterQueueArn }) : undefined,
      deliveryPolicy: config.deliveryPolicy,
      endpointAutoConfirms: config.endpointAutoConfirms,
      confirmationTimeoutInMinutes: config.confirmationTimeoutMinutes,
      subscriptionRoleArn: config.subscriptionRoleArn,
    });

    for (const r of required) {
      if (reported.has(r)) continue;
      Annotations.of(scope).addWarning(
        `This subscription needs a policy the construct cannot change: the ${r.policyOf} must hold this statement, or SNS fails to deliver: ${JSON.stringify(statementForDisplay(r.statement, '<queue ARN>'))}`,
      );
    }
    if (config.pendingWarning) Annotations.of(scope).addWarning(config.pendingWarning);

    const result: TopicSubscription = {
      id,
      protocol: kind.protocol,
      subscription,
      subscriptionArn: subscription.arn,
      filterPolicyScope,
      deadLetterQueue,
      deadLetterQueueArn,
      invokePermission: config.invokePermission,
      requiredStatements: required,
    };
    this.subscriptionList.push(result);
    return result;
  }

  private planDeadLetterQueue(v: PropsValidator, id: string, option: SubscriptionOptions['deadLetterQueue']): DeadLetterPlan<Required<Pick<SubscriptionDeadLetterQueueProps, 'name'>> & SubscriptionDeadLetterQueueProps> {
    const plan = planDeadLetter<SubscriptionDeadLetterQueueProps>(v, 'deadLetterQueue', option, {
      fifo: this.fifo,
      pairing: `a ${this.fifo ? 'FIFO' : 'standard'} topic's subscriptions need a ${this.fifo ? 'FIFO' : 'standard'} dead-letter queue (AWS: FIFO topic subscriptions use FIFO queues, standard topic subscriptions standard queues)`,
      arns: ['sqs'],
      allowed: 'must be an IQueueTarget, an SQS queue ARN, the props of the queue to make, or false',
      describe: describeQueue,
    });
    if (plan.kind !== 'make') return plan;
    const props = plan.props;
    const base = this.topicName.endsWith(FIFO_SUFFIX) ? this.topicName.slice(0, -FIFO_SUFFIX.length) : this.topicName;
    let name = props.name;
    if (name === undefined) {
      name = `${base}-${id}-dlq`;
      const full = this.fifo ? `${name}${FIFO_SUFFIX}` : name;
      if (isToken(base)) {
        v.check(false, 'deadLetterQueue.name', undefined, 'is required when the topic name is known only at apply: the default "<topic>-<id>-dlq" cannot be checked against SQS naming');
      } else {
        v.check(
          /^[A-Za-z0-9_-]+$/.test(name) && full.length <= SQS.nameMaxLength,
          'deadLetterQueue.name',
          full,
          `the default name "<topic>-<id>-dlq" breaks the SQS rule (1–80 letters, digits, hyphens and underscores, ".fifo" included): give deadLetterQueue: { name }`,
        );
      }
    } else {
      validateQueueName(v, 'deadLetterQueue.name', name, this.fifo);
    }
    v.integer('deadLetterQueue.retentionSeconds', props.retentionSeconds, SQS.minRetentionSeconds, SQS.maxRetentionSeconds, 'seconds');
    if (props.alarm) v.number('deadLetterQueue.alarm.threshold', props.alarm.threshold, 0, Number.MAX_SAFE_INTEGER);
    return { kind: 'make', props: { ...props, name } };
  }

  /** At synth: a `MessageAttributes` filter on a topic whose only granted publisher is EventBridge never matches. */
  private warnAboutUnmatchableFilters(): void {
    if (this.declaredPublishers) return; // checked at construction instead
    const granted = [...this.grantedPublishers];
    if (granted.length === 0 || !granted.every((p) => BODY_ONLY_PUBLISHERS.includes(p))) return;
    for (const s of this.subscriptionList) {
      if (s.filterPolicyScope !== 'MessageAttributes' || this.warnedFilters.has(s.id)) continue;
      this.warnedFilters.add(s.id);
      Annotations.of(this.node.findChild(s.id)).addWarning(
        `filterPolicyScope = "MessageAttributes" will likely never match: the only publishers granted on ${this.topicName} are ${granted.join(', ')}, which deliver events as the message body without message attributes. Set filterPolicyScope: "MessageBody", or declare the topic's publishers to make this an error.`,
      );
    }
  }

  /** What the key policy of a queue's customer managed KMS key must hold for SNS to deliver this topic's messages into the queue. */
  queueKeyStatement(queue: IQueueTarget): RequiredStatement {
    showAs(queue.queueArn, displayQueueArn(queue));
    return {
      policyOf: `key policy of ${display(queue.kmsKeyArn, `the KMS key of queue ${describeQueue(queue)}`)}`,
      statement: keyUseStatement(SNS_PRINCIPAL, sqsQueueEncryptionContext(queue.queueArn)),
    };
  }


}
