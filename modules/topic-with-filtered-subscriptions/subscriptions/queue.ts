import { IQueueTarget, isQueueTarget } from '../../core/contracts';
import { validateEndpointArn } from '../../core/endpoints';
import { ImportedQueue, queueOf } from '../../core/imported';
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

  /**
   * Grants the topic `sqs:SendMessage` through the queue's policy; a queue
   * given by ARN becomes an `ImportedQueue` (at `<subscription>/Queue`),
   * which reports the statement its owner must add. A queue encrypted with a
   * customer managed key needs its key policy to admit SNS: reported too.
   */
  bind(topic: ISubscribableTopic, place: SubscriptionPlace): SubscriptionConfig {
    const queue = queueOf(place.scope, 'Queue', this.queue);
    queue.allowSendFrom(SNS_PRINCIPAL, topic.topicArn);
    const required: RequiredStatement[] = queue.kmsKeyArn ? [topic.queueKeyStatement(queue)] : [];
    return {
      endpoint: queue.queueArn,
      rawMessageDelivery: this.options.rawMessageDelivery,
      requiredStatements: required,
      reportedStatements: queue instanceof ImportedQueue ? queue.requiredStatements : undefined,
    };
  }
}
