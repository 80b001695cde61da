import { shape, SHAPES } from '../core/shape';

const { string, number, boolean } = shape;

/** The shape of {@link TopicWithFilteredSubscriptionsProps}, checked before any value. */
export const TOPIC_PROPS = shape.object(
  {
    name: string,
    fifo: boolean,
    contentBasedDeduplication: boolean,
    fifoThroughputScope: string,
    encryption: shape.described('"customer-managed" or { kmsKeyArn }', shape.oneOf(shape.literal('customer-managed'), shape.object({ kmsKeyArn: string }, ['kmsKeyArn']))),
    deliveryStatusLogging: shape.object({ protocols: shape.array(string), roleArn: string, successSampleRate: number }),
    publishers: shape.array(string),
    tags: SHAPES.tags,
  },
  ['name'],
);

const SUBSCRIPTION = {
  filterPolicy: shape.record(shape.json),
  filterPolicyScope: string,
  // deadLetterQueue is checked, shape and values, by the subscription itself.
};

/** The shapes of the options of each kind of subscription. */
export const SUBSCRIPTION_OPTIONS = {
  queue: shape.object({ ...SUBSCRIPTION, rawMessageDelivery: boolean }),
  lambda: shape.object(SUBSCRIPTION),
  https: shape.object({ ...SUBSCRIPTION, rawMessageDelivery: boolean, deliveryPolicy: shape.record(shape.json), endpointAutoConfirms: boolean, confirmationTimeoutMinutes: number }),
  email: shape.object({ ...SUBSCRIPTION, format: string }),
};

/** A subscription given to `addSubscription`: any ITopicSubscription (its inputs are checked by its validate). */
export const TOPIC_SUBSCRIPTION = shape.made('a subscription (QueueSubscription, LambdaSubscription, HttpsSubscription, EmailSubscription, or another ITopicSubscription: protocol and bind(topic, place))', ['protocol'], {
  options: shape.object(SUBSCRIPTION),
});
