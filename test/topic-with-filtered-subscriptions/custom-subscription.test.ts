import {
  ISubscribableTopic,
  ITopicSubscription,
  QueueSubscription,
  QueueWithDlq,
  SubscriptionConfig,
  SubscriptionOptions,
  SubscriptionPlace,
  ValidationError,
  ValidationIssue,
} from '../../modules';
import { refTo, resourceAt, resourcesOf } from '../helpers/synth';
import { document } from '../../modules/core/values';
import { build, errorOf, statementsOf } from './helpers';

const STREAM_ARN = 'arn:aws:firehose:eu-west-1:123456789012:deliverystream/order-archive';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/sns-to-firehose';

/** A subscription kind the library does not have, defined here: a Firehose delivery stream. */
class FirehoseSubscription implements ITopicSubscription {
  readonly protocol = 'firehose';
  constructor(
    readonly streamArn: string,
    readonly roleArn: string,
    readonly options: SubscriptionOptions = {},
  ) {}

  validate(_topic: ISubscribableTopic, _place: SubscriptionPlace): ValidationIssue[] {
    return /^arn:aws[a-z-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream\/[A-Za-z0-9_.-]{1,64}$/.test(this.streamArn)
      ? []
      : [{ field: 'streamArn', value: this.streamArn, allowed: 'must be a Firehose delivery stream ARN (arn:<partition>:firehose:<region>:<account>:deliverystream/<name>)' }];
  }

  bind(): SubscriptionConfig {
    return { endpoint: this.streamArn, subscriptionRoleArn: this.roleArn, rawMessageDelivery: true };
  }
}

describe('a subscription kind defined outside the library', () => {
  it('binds: its endpoint and settings reach the subscription, with the filter and dead-letter queue the topic gives every subscription', () => {
    const { json } = build({}, (topic) => topic.addSubscription('archive', new FirehoseSubscription(STREAM_ARN, ROLE_ARN, { filterPolicy: { kind: ['order'] } })));
    expect(resourceAt(json, 'aws_sns_topic_subscription', 'events/archive/Subscription')).toMatchObject({
      topic_arn: refTo(json, 'aws_sns_topic', 'events/Topic', 'arn'),
      protocol: 'firehose',
      endpoint: STREAM_ARN,
      subscription_role_arn: ROLE_ARN,
      raw_message_delivery: true,
      filter_policy: '{"kind":["order"]}',
      filter_policy_scope: 'MessageAttributes',
    });
    expect(document<any>(resourceAt(json, 'aws_sns_topic_subscription', 'events/archive/Subscription').redrive_policy)).toEqual({
      deadLetterTargetArn: refTo(json, 'aws_sqs_queue', 'events/archive/DeadLetterQueue/Resource/Queue', 'arn'),
    });
  });

  it('refuses a bad value of its own on the subscription path, with its field, the value and what is allowed', () => {
    expect(errorOf(() => build({}, (topic) => topic.addSubscription('archive', new FirehoseSubscription('order-archive', ROLE_ARN))))).toBe(
      'test/events/archive: streamArn = "order-archive" is invalid: must be a Firehose delivery stream ARN (arn:<partition>:firehose:<region>:<account>:deliverystream/<name>)',
    );
  });

  it('reports its issues with the topic\'s, and keeps nothing, so the id can be used again', () => {
    build({}, (topic, stack) => {
      let error: unknown;
      try {
        topic.addSubscription('archive', new FirehoseSubscription('order-archive', ROLE_ARN, { filterPolicyScope: 'MessageBody' }));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.field)).toEqual(['streamArn', 'filterPolicyScope']);
      topic.addSubscription('archive', new FirehoseSubscription(STREAM_ARN, ROLE_ARN));
      expect(stack.node.findAll().filter((c) => c.node.path === 'test/events/archive')).toHaveLength(1);
    });
  });

  it('is refused on a FIFO topic, which delivers to SQS queues only', () => {
    expect(errorOf(() => build({ fifo: true }, (topic) => topic.addSubscription('archive', new FirehoseSubscription(STREAM_ARN, ROLE_ARN))))).toContain(
      'test/events/archive: protocol = "firehose" is invalid: FIFO topics deliver only to SQS queues',
    );
  });

  it('refuses a protocol SNS does not have, and an object without bind', () => {
    const odd = { protocol: 'ftp', bind: () => ({ endpoint: 'ftp://example.com' }) } as ITopicSubscription;
    expect(errorOf(() => build({}, (topic) => topic.addSubscription('odd', odd)))).toBe(
      'test/events: subscription.protocol = "ftp" is invalid: must be one of "http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"',
    );
    expect(errorOf(() => build({}, (topic) => topic.addSubscription('odd', { protocol: 'sqs' } as ITopicSubscription)))).toBe(
      'test/events: subscription = {"protocol":"sqs"} is invalid: must have bind(topic, place) (an ITopicSubscription)',
    );
  });

  it('the built-in kinds are the same classes: addSubscription(id, new QueueSubscription(queue)) equals addQueueSubscription', () => {
    const { json, topic } = build({}, (t, stack) => {
      const queue = new QueueWithDlq(stack, 'billing', { name: 'billing' });
      t.addSubscription('billing', new QueueSubscription(queue, { rawMessageDelivery: true }));
    });
    expect(topic.subscriptions.map((s) => [s.id, s.protocol])).toEqual([['billing', 'sqs']]);
    expect(resourceAt(json, 'aws_sns_topic_subscription', 'events/billing/Subscription')).toMatchObject({
      protocol: 'sqs',
      endpoint: refTo(json, 'aws_sqs_queue', 'billing/Resource/Queue', 'arn'),
      raw_message_delivery: true,
    });
    const queuePolicy = resourcesOf(json, 'aws_sqs_queue_policy').find((p) => String(p['//']?.metadata?.path).startsWith('test/billing/'));
    expect(queuePolicy).toBeDefined();
    expect(statementsOf(queuePolicy!.policy).some((s) => s.Principal?.Service === 'sns.amazonaws.com' && s.Action === 'sqs:SendMessage')).toBe(true);
  });
});
