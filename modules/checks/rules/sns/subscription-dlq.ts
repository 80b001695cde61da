import { fail, resourceRule } from '../../rule';
import { block, parseArn } from '../../../core/values';

/**
 * A subscription's DLQ is an SQS queue in the subscription's account and
 * Region, FIFO for a FIFO topic and standard for a standard one ("FIFO topic
 * subscriptions use FIFO queues, and standard topic subscriptions use
 * standard queues", SNS "dead-letter queues").
 */
export const snsSubscriptionDlq = resourceRule({
  id: 'EDA-SNS-011',
  service: 'SNS',
  severity: 'error',
  title: "An SNS subscription's dead-letter queue is an SQS queue of the topic's type, in its account and Region",
  publicIds: {},
  resourceTypes: ['aws_sns_topic_subscription'],
  check(subscription, graph) {
    const target = block(graph.document(subscription.config.redrive_policy))?.deadLetterTargetArn;
    if (target === undefined) return undefined;
    const queue = graph.ref(target, 'aws_sqs_queue');
    const arn = parseArn(target);
    const other = graph.ref(target);
    if ((other && !queue) || (arn && arn.service !== 'sqs')) {
      return fail(`subscription's dead-letter queue ${other ? graph.label(other) : String(target)} is not an SQS queue`, 'set deadLetterTargetArn to an SQS queue ARN');
    }
    const problems = [];
    const fifoTopic = graph.isFifoTopic(subscription.config.topic_arn);
    const fifoQueue = graph.isFifoQueue(target);
    if (fifoTopic !== undefined && fifoQueue !== undefined && fifoTopic !== fifoQueue) {
      const kind = (f: boolean): string => (f ? 'FIFO' : 'standard');
      problems.push(fail(`subscription of a ${kind(fifoTopic)} topic has a ${kind(fifoQueue)} dead-letter queue`, `use a ${kind(fifoTopic)} SQS queue as its dead-letter queue`));
    }
    const region = graph.region(subscription);
    const dlqRegion = graph.arnRegion(target);
    if (region && dlqRegion && region !== dlqRegion) {
      problems.push(fail(`subscription in ${region} has a dead-letter queue in ${dlqRegion}`, `use a dead-letter queue in ${region}`));
    }
    const account = graph.account(subscription);
    const dlqAccount = graph.arnAccount(target);
    if (account && dlqAccount && account !== dlqAccount) {
      problems.push(fail(`subscription in account ${account} has a dead-letter queue in account ${dlqAccount}`, `use a dead-letter queue in account ${account}`));
    }
    return problems;
  },
});
