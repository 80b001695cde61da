import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { IQueueTarget } from '../core/contracts';
import { PolicyStatement } from '../core/policy';
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
  readonly confirmationTimeoutInMinutes?: number;
}

/** Options of an e-mail subscription. */
export interface EmailSubscriptionOptions extends SubscriptionOptions {
  /** `text` sends the message (protocol `email`), `json` the SNS JSON notification (protocol `email-json`). @default 'text' */
  readonly format?: 'text' | 'json';
}

/** The protocols this construct subscribes with. */
export type SubscriptionProtocol = 'sqs' | 'lambda' | 'https' | 'email' | 'email-json';

/** A subscription made by one of the `add…Subscription` methods. */
export interface TopicSubscription {
  /** The id given to the `add…Subscription` method. */
  readonly id: string;
  /** The subscription protocol: `sqs`, `lambda`, `https`, `email` or `email-json`. */
  readonly protocol: SubscriptionProtocol;
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

/** A statement that a policy outside this construct must contain. */
export interface RequiredStatement {
  /** Which policy: `key policy of <key>` or `queue policy of <queue>`. */
  readonly policyOf: string;
  /** The statement that policy must contain, in the JSON form AWS reads. */
  readonly statement: PolicyStatement;
}
