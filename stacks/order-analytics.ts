import { Construct } from 'constructs';
import { EventBusWithRules, EventPattern, FailureCountAlarmProps, RuleDeadLetterQueueProps, RuleTarget, StreamWithConsumers } from '../modules';

/** What the orders stack gives `order-analytics`. */
export interface OrderAnalyticsProps {
  /** The environment's name prefix (`orders-dev`). */
  readonly prefix: string;
  /** The bus whose order events are streamed. */
  readonly bus: EventBusWithRules;
  /** The pattern of every order event. */
  readonly orderEvents: EventPattern;
  /** Where the stream's write-throttle alarm goes. */
  readonly alarm: FailureCountAlarmProps;
  /** The rule's failed-invocations alarm. */
  readonly ruleAlarm: FailureCountAlarmProps;
  /** The rule's dead-letter queue settings. */
  readonly deadLetterQueue: RuleDeadLetterQueueProps;
}

/**
 * `order-analytics`: every order event, as one record on a Kinesis stream
 * that real-time analytics read. The partition key is the order id, so the
 * events of one order stay in order in one shard.
 */
export function addOrderAnalytics(scope: Construct, props: OrderAnalyticsProps): StreamWithConsumers {
  const stream = new StreamWithConsumers(scope, 'order-analytics', { name: `${props.prefix}-order-analytics`, writeThrottleAlarm: props.alarm });
  props.bus.addRule('order-analytics', {
    name: 'order-analytics',
    description: 'Every order event, streamed to real-time analytics (partition key: the order id)',
    eventPattern: props.orderEvents,
    targets: [RuleTarget.stream(stream, { partitionKeyPath: '$.detail.orderId' })],
    deadLetterQueue: props.deadLetterQueue,
    failedInvocationsAlarm: props.ruleAlarm,
  });
  return stream;
}
