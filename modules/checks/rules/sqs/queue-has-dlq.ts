import { fail, resourceRule } from '../../rule';
import { isSet } from '../../../core/values';

/** Arguments through which a queue is used as someone's dead-letter queue or failure destination. */
const AS_DLQ = new Set(['redrive_policy', 'dead_letter_config', 'destination_config', 'source_parameters']);

/**
 * Every queue has a dead-letter queue, unless it is one: messages a
 * consumer keeps failing on otherwise return until their retention ends.
 */
export const sqsQueueHasDlq = resourceRule({
  id: 'EDA-SQS-006',
  service: 'SQS',
  severity: 'warning',
  title: 'SQS queues have a dead-letter queue, unless they are one',
  publicIds: { cdkNag: ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'], controlTower: ['CT.SQS.PR.1'] },
  resourceTypes: ['aws_sqs_queue'],
  check(queue, graph) {
    // A redrive policy known only at plan (a variable, a module output) may well name a DLQ.
    if (graph.deadLetterTarget(queue) || isSet(queue.config.redrive_allow_policy) || graph.read(queue, queue.config.redrive_policy).state === 'unknown') return;
    if (graph.referencesTo(queue).some((r) => AS_DLQ.has(r.argument))) return;
    return fail('queue has no dead-letter queue (redrive_policy) and is not one', 'set redrive_policy with deadLetterTargetArn and maxReceiveCount');
  },
});
