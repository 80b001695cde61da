import { IQueueTarget, isQueueTarget } from '../../core/contracts';
import { validateEndpointArn } from '../../core/endpoints';
import { ValidationIssue } from '../../core/errors';
import { PropsValidator } from '../../core/validation';
import { describeQueue, queueIsFifo } from '../display';
import { ISubscribableTopic, ITopicSubscription, QueueSubscriptionOptions, RequiredStatement, SubscriptionConfig, SubscriptionPlace } from '../subscription-options';
import { SNS_PRINCIPAL } from '../validation';

/**
 * An SQS queue subscription (`TopicWithFilteredSubscriptions.addQueueSubscription`):
 * lets the topic send to a queue construct through the queue's one policy; a
 * queue given by ARN, or encrypted with a customer managed key, gets the
 * statement its owner must add reported instead.
 */
export class QueueSubscription implements ITopicSubscription {
  /** The SNS protocol: `sqs`. */
  readonly protocol = 'sqs' as const;

  constructor(
    /** The queue (a `QueueWithDlq`, any `IQueueTarget`) or a queue ARN. */
    readonly queue: IQueueTarget | string,
    /** Filter, dead-letter queue and raw message delivery. */
    readonly options: QueueSubscriptionOptions = {},
  ) {}

  /** The queue is a queue construct or an SQS ARN, and not FIFO behind a standard topic. */
  validate(topic: ISubscribableTopic, place: SubscriptionPlace): ValidationIssue[] {
    const v = new PropsValidator(place.scope);
    const queue = this.queue;
    if (typeof queue === 'string') {
      validateEndpointArn(v, 'queue', queue, 'queue');
    } else {
      v.check(isQueueTarget(queue), 'queue', describeQueue(queue), 'must be an IQueueTarget (e.g. a QueueWithDlq) or an SQS queue ARN');
    }
    v.check(
      topic.fifo || queueIsFifo(queue) !== true,
      'queue',
      describeQueue(queue),
      'is a FIFO queue, and a standard topic cannot deliver to FIFO queues: subscribe a standard queue, or make the topic FIFO',
    );
    return [...v.recorded()];
  }

  /** Grants the topic `sqs:SendMessage` on a queue construct; reports what a queue's owner or key policy must add. */
  bind(topic: ISubscribableTopic): SubscriptionConfig {
    const queue = this.queue;
    const required: RequiredStatement[] = [];
    if (typeof queue === 'string') {
      required.push(topic.queueSendStatement(queue));
    } else {
      queue.allowSendFrom(SNS_PRINCIPAL, topic.topicArn);
      if (queue.kmsKeyArn) required.push(topic.queueKeyStatement(queue));
    }
    return { endpoint: typeof queue === 'string' ? queue : queue?.queueArn, rawMessageDelivery: this.options.rawMessageDelivery, requiredStatements: required };
  }
}
