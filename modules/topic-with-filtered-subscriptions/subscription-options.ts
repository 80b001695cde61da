import { Construct, IConstruct } from 'constructs';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { IQueueTarget } from '../core/contracts';
import { ValidationIssue } from '../core/errors';
import type { RequiredStatement } from '../core/imported';

export type { RequiredStatement };
import { DepthAlarmProps } from '../dead-letter-queue';
import { FilterPolicy, FilterPolicyScope } from '../patterns';
import { HttpsDeliveryPolicy } from './delivery-policy';

/** The dead-letter queue the construct makes for a subscription. */
export interface SubscriptionDeadLetterQueueProps {
  /**
   * Queue name; `.fifo` is appended on a FIFO topic. AWS limit: 1–80 letters,
   * digits, hyphens and underscores, `.fifo` included.
   * @default `<topic name>-<subscription id>-dlq`
   */
  readonly name?: string;
  /** Seconds a dead letter is kept. @default 1,209,600 (14 days, the AWS maximum; AWS allows 60–1,209,600) */
  readonly retentionSeconds?: number;
  /** Alarm on the DLQ's depth; `false` turns it off. @default alarm when more than 0 messages are visible, no actions */
  readonly alarm?: DepthAlarmProps | false;
}

/** What every subscription accepts. */
export interface SubscriptionOptions {
  /**
   * Delivers only the messages this policy matches (AWS message filtering).
   * Written as JSON into `filter_policy` and checked at synth against SNS's
   * filter policy limits. @default every message is delivered
   */
  readonly filterPolicy?: FilterPolicy;
  /**
   * What `filterPolicy` matches: the message attributes, or the JSON message
   * body. Messages that EventBridge publishes carry no message attributes, so
   * subscriptions behind an EventBridge rule need `MessageBody`.
   * Needs `filterPolicy`. @default 'MessageAttributes'
   */
  readonly filterPolicyScope?: FilterPolicyScope;
  /**
   * Where SNS moves the messages it cannot deliver (client-side errors, or
   * server-side errors after its retries): a queue (`QueueWithDlq`,
   * `DeadLetterQueue`, any `IQueueTarget`), an SQS queue ARN, the props of the
   * queue to make, or `false` for none (the messages are then discarded).
   * AWS requires an SQS queue in the topic's account and Region, FIFO for a
   * FIFO topic and standard for a standard topic.
   * @default a `DeadLetterQueue` made for this subscription, that this topic may send to
   */
  readonly deadLetterQueue?: IQueueTarget | string | SubscriptionDeadLetterQueueProps | false;
}

/** Options of an SQS queue subscription. */
export interface QueueSubscriptionOptions extends SubscriptionOptions {
  /** Deliver the message body as it was published, without SNS's JSON envelope. @default false */
  readonly rawMessageDelivery?: boolean;
}

/** Options of a Lambda function subscription. */
export interface LambdaSubscriptionOptions extends SubscriptionOptions {}

/** Options of an HTTPS endpoint subscription. */
export interface HttpsSubscriptionOptions extends SubscriptionOptions {
  /** POST the message body as it was published, without SNS's JSON envelope. @default false */
  readonly rawMessageDelivery?: boolean;
  /** Retry, throttle and content-type settings (`delivery_policy`). @default AWS's: 3 retries, 20 seconds apart, no throttling */
  readonly deliveryPolicy?: HttpsDeliveryPolicy;
  /**
   * The endpoint confirms the subscription by itself (it calls the
   * `SubscribeURL` SNS sends it), so Terraform waits for the confirmation.
   * Otherwise the subscription stays pending until someone confirms it, and
   * Terraform cannot delete it while it is pending. @default false
   */
  readonly endpointAutoConfirms?: boolean;
  /** Minutes Terraform waits for an auto-confirming endpoint. Needs `endpointAutoConfirms`. @default 1 (the provider's) */
  readonly confirmationTimeoutMinutes?: number;
}

/** Options of an e-mail subscription. */
export interface EmailSubscriptionOptions extends SubscriptionOptions {
  /** `text` sends the message (protocol `email`), `json` the SNS JSON notification (protocol `email-json`). @default 'text' */
  readonly format?: 'text' | 'json';
}

/** The protocols of the built-in subscriptions. */
export type SubscriptionProtocol = 'sqs' | 'lambda' | 'https' | 'email' | 'email-json';

/** What a subscription may use of the topic it is bound to. */
export interface ISubscribableTopic extends IConstruct {
  /** ARN of the topic (a token until apply); grants to SNS are conditioned on it. */
  readonly topicArn: string;
  /** Name of the topic, `.fifo` included. */
  readonly topicName: string;
  /** True for a FIFO topic (which delivers only to SQS queues). */
  readonly fifo: boolean;
  /** The statement the key policy of `queue`'s customer managed key must hold for this topic to deliver into it. */
  queueKeyStatement(queue: IQueueTarget): RequiredStatement;
}

/** Where a subscription is bound. */
export interface SubscriptionPlace {
  /** The id given when subscribing. */
  readonly id: string;
  /**
   * The subscription's construct (`<topic path>/<id>`): what the subscription
   * makes goes in it, and its issues name its path.
   */
  readonly scope: Construct;
}

/** What a subscription writes into its `aws_sns_topic_subscription`, and what it reports. */
export interface SubscriptionConfig {
  /** The endpoint (`endpoint`): a queue or function ARN, a URL, an address. */
  readonly endpoint: string;
  /** Deliver the message as published, without SNS's JSON envelope (`raw_message_delivery`). @default false */
  readonly rawMessageDelivery?: boolean;
  /** The delivery policy as JSON text (`delivery_policy`), for HTTP/S. @default none (AWS's) */
  readonly deliveryPolicy?: string;
  /** The endpoint confirms by itself (`endpoint_auto_confirms`). @default false */
  readonly endpointAutoConfirms?: boolean;
  /** Minutes Terraform waits for confirmation (`confirmation_timeout_in_minutes`). @default 1 (the provider's) */
  readonly confirmationTimeoutMinutes?: number;
  /** The role SNS assumes to deliver (`subscription_role_arn`), which Firehose subscriptions need. @default none */
  readonly subscriptionRoleArn?: string;
  /** Statements that policies not managed here must hold; the topic reports each as a warning at synth. @default none */
  readonly requiredStatements?: readonly RequiredStatement[];
  /** Statements of that kind already reported by the endpoint itself (an `ImportedQueue`): listed with the subscription, not warned again. @default none */
  readonly reportedStatements?: readonly RequiredStatement[];
  /** Why the subscription needs attention after apply (e.g. it stays pending until confirmed), as a warning. @default none */
  readonly pendingWarning?: string;
  /** The permission made for SNS to invoke a Lambda function. @default none */
  readonly invokePermission?: LambdaPermission;
}

/**
 * A kind of subscription, in the spirit of aws-sns-subscriptions: each kind
 * (queue, Lambda function, HTTPS endpoint, e-mail) is one class, and a new
 * kind is a new class, with no change to the topic. The topic checks the
 * options every subscription shares ({@link SubscriptionOptions}: filter,
 * dead-letter queue) and FIFO pairing, and writes them.
 */
export interface ITopicSubscription {
  /**
   * The SNS protocol (`sqs`, `lambda`, `https`, `email`, `email-json`,
   * `firehose`, `application`, `sms`…). FIFO topics accept `sqs` only.
   */
  readonly protocol: string;
  /** Filter and dead-letter queue of the subscription (the topic checks and writes them). @default every message, a DLQ made for it */
  readonly options?: SubscriptionOptions;
  /**
   * The subscription's own inputs AWS would refuse, as issues (field, value,
   * what is allowed); the topic reports them with its own in one
   * ValidationError on the subscription's path, before anything is made.
   * @default no checks besides the topic's
   */
  validate?(topic: ISubscribableTopic, place: SubscriptionPlace): ValidationIssue[];
  /**
   * Binds the valid subscription to `topic`: grants the topic what it needs
   * on the endpoint (conditioned on the topic's ARN), making resources in
   * `place.scope`, and returns what the topic writes and reports.
   */
  bind(topic: ISubscribableTopic, place: SubscriptionPlace): SubscriptionConfig;
}

/** A subscription made by `addSubscription` or one of the `add…Subscription` methods. */
export interface TopicSubscription {
  /** The id given when subscribing. */
  readonly id: string;
  /** The subscription protocol: `sqs`, `lambda`, `https`, `email`, `email-json`, or another kind's. */
  readonly protocol: SubscriptionProtocol | string;
  /** The `aws_sns_topic_subscription` resource. */
  readonly subscription: SnsTopicSubscription;
  /** ARN of the subscription (for a pending e-mail or HTTPS subscription, the ARN SNS returns before confirmation). */
  readonly subscriptionArn: string;
  /** The filter scope written, when the subscription has a filter policy. */
  readonly filterPolicyScope?: FilterPolicyScope;
  /** The dead-letter queue, when it is a construct (made here, or given as an `IQueueTarget`). */
  readonly deadLetterQueue?: IQueueTarget;
  /** ARN of the dead-letter queue, unless it was turned off. */
  readonly deadLetterQueueArn?: string;
  /** The `aws_lambda_permission` letting this topic invoke the function (Lambda subscriptions). */
  readonly invokePermission?: LambdaPermission;
  /**
   * Statements that KMS key policies or queue policies not managed here must
   * hold for deliveries to work (e.g. a queue encrypted with a customer-managed
   * key must let `sns.amazonaws.com` use that key). Each is also reported as a
   * construct warning.
   */
  readonly requiredStatements: readonly RequiredStatement[];
}
