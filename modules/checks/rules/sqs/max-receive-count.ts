import { fail, resourceRule } from '../../rule';

/**
 * `maxReceiveCount` leaves room for transient failures: with 1 a single
 * throttled or timed-out receive moves a message to the DLQ, and Lambda's
 * guide asks for at least 5 on queues an event source mapping polls.
 */
export const sqsMaxReceiveCount = resourceRule({
  id: 'EDA-SQS-011',
  service: 'SQS',
  severity: 'warning',
  title: 'Redrive policies allow enough receives (at least 5 for Lambda consumers)',
  publicIds: {},
  resourceTypes: ['aws_sqs_queue'],
  check(queue, graph) {
    const count = graph.deadLetterTarget(queue)?.maxReceiveCount;
    if (count === undefined) return;
    const lambda = graph.referencesTo(queue, 'aws_lambda_event_source_mapping').some((r) => r.argument === 'event_source_arn');
    const minimum = lambda ? 5 : 2;
    if (count >= minimum) return;
    return fail(
      `redrive_policy maxReceiveCount = ${count} sends messages to the dead-letter queue on ${lambda ? 'a few transient Lambda failures' : 'the first failed receive'}`,
      `set maxReceiveCount to at least ${minimum}`,
    );
  },
});
