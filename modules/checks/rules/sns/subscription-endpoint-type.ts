import { fail, resourceRule } from '../../rule';

/**
 * A subscription's endpoint suits its topic: a FIFO topic delivers only to
 * SQS queues (standard or FIFO; "Message delivery for FIFO topics"), and a
 * standard topic cannot deliver to a FIFO queue. Subscribe fails otherwise.
 */
export const snsSubscriptionEndpointType = resourceRule({
  id: 'EDA-SNS-010',
  service: 'SNS',
  severity: 'error',
  title: 'SNS FIFO topics deliver only to SQS queues, and standard topics not to FIFO queues',
  publicIds: {},
  resourceTypes: ['aws_sns_topic_subscription'],
  check(subscription, graph) {
    const fifoTopic = graph.isFifoTopic(subscription.config.topic_arn);
    const protocol = subscription.config.protocol;
    if (fifoTopic === true && typeof protocol === 'string' && protocol !== 'sqs') {
      return fail(`subscription of a FIFO topic uses protocol ${protocol}; FIFO topics deliver only to SQS`, 'subscribe an SQS queue (FIFO for strict order) and consume it with your function or service');
    }
    if (fifoTopic === false && protocol === 'sqs' && graph.isFifoQueue(subscription.config.endpoint) === true) {
      return fail('subscription delivers from a standard topic to a FIFO queue, which SNS refuses', 'subscribe a standard queue, or make the topic FIFO');
    }
    return undefined;
  },
});
