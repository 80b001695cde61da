import { fail, resourceRule } from '../../rule';
import { fmt, num } from '../../../core/values';

/** SQS's default message retention: 4 days. */
const DEFAULT_RETENTION = 345_600;

/**
 * A standard queue's DLQ keeps messages longer than the queue: moving a
 * message to a standard DLQ keeps its original enqueue timestamp, so a DLQ
 * with the same retention drops it at once ("Setting-up dead-letter queue
 * retention in Amazon SQS"). FIFO queues reset the timestamp.
 */
export const sqsDlqRetention = resourceRule({
  id: 'EDA-SQS-010',
  service: 'SQS',
  severity: 'warning',
  title: "A standard queue's dead-letter queue retains messages longer than the queue",
  publicIds: {},
  resourceTypes: ['aws_sqs_queue'],
  check(queue, graph) {
    const dlq = graph.deadLetterTarget(queue);
    if (!dlq?.queue || graph.isFifoQueue(queue) !== false) return;
    const retention = queue.config.message_retention_seconds === undefined ? DEFAULT_RETENTION : num(queue.config.message_retention_seconds);
    const dlqRetention = dlq.queue.config.message_retention_seconds === undefined ? DEFAULT_RETENTION : num(dlq.queue.config.message_retention_seconds);
    if (retention === undefined || dlqRetention === undefined || dlqRetention > retention) return;
    return fail(
      `dead-letter queue ${graph.label(dlq.queue)} retains messages ${fmt(dlqRetention)} s, not longer than this queue's ${fmt(retention)} s, so redriven messages expire early`,
      `set the DLQ's message_retention_seconds above ${fmt(retention)} (1,209,600 = 14 days is the maximum)`,
    );
  },
});
