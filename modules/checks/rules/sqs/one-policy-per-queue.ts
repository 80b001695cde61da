import { fail, resourceRule } from '../../rule';

/**
 * One policy per queue: a queue has a single policy attribute, so two
 * `aws_sqs_queue_policy` resources (or one and the queue's own `policy`)
 * overwrite each other at every apply and grants vanish (principle 3).
 */
export const sqsOnePolicyPerQueue = resourceRule({
  id: 'EDA-SQS-012',
  service: 'SQS',
  severity: 'error',
  title: 'A queue has at most one policy resource',
  publicIds: {},
  resourceTypes: ['aws_sqs_queue'],
  check(queue, graph) {
    const holders = graph.queuePolicies(queue);
    if (holders.length <= 1) return;
    return fail(
      `queue has ${holders.length} policies (${holders.map((h) => (h.resource === queue ? 'its policy argument' : graph.label(h.resource))).join(', ')}) that overwrite each other at apply`,
      'merge every statement into one aws_sqs_queue_policy',
    );
  },
});
