import { fail, resourceRule } from '../../rule';

/**
 * A queue's DLQ is of the same type: SQS takes only a FIFO dead-letter queue
 * for a FIFO queue and only a standard one for a standard queue, and
 * SetQueueAttributes fails otherwise.
 */
export const sqsDlqSameType = resourceRule({
  id: 'EDA-SQS-008',
  service: 'SQS',
  severity: 'error',
  title: 'A queue and its dead-letter queue are both FIFO or both standard',
  publicIds: {},
  resourceTypes: ['aws_sqs_queue'],
  check(queue, graph) {
    const dlq = graph.deadLetterTarget(queue);
    if (!dlq) return;
    const fifo = graph.isFifoQueue(queue);
    const dlqFifo = graph.isFifoQueue(dlq.arn);
    if (fifo === undefined || dlqFifo === undefined || fifo === dlqFifo) return;
    const kind = (f: boolean): string => (f ? 'FIFO' : 'standard');
    const name = dlq.queue ? graph.label(dlq.queue) : String(dlq.arn);
    return fail(`${kind(fifo)} queue has the ${kind(dlqFifo)} queue ${name} as dead-letter queue`, `use a ${kind(fifo)} queue as its dead-letter queue`);
  },
});
