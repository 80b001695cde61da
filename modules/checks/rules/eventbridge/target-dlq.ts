import { fail, resourceRule } from '../../rule';
import { at, parseArn } from '../../../core/values';

/**
 * A target's DLQ is a standard SQS queue in the rule's Region: PutTargets
 * rejects a FIFO queue ("SQS FIFO is not supported by Dead Letter Queues"),
 * and EventBridge DLQs are "standard Amazon SQS queues" in the same Region.
 */
export const eventBridgeTargetDlq = resourceRule({
  id: 'EDA-EVB-007',
  service: 'EventBridge',
  severity: 'error',
  title: "An EventBridge target's dead-letter queue is a standard SQS queue in the rule's Region",
  publicIds: {},
  resourceTypes: ['aws_cloudwatch_event_target'],
  check(target, graph) {
    const dlq = at(target.config, 'dead_letter_config.arn');
    if (dlq === undefined) return undefined;
    const other = graph.ref(dlq);
    const arn = parseArn(dlq);
    if ((other && other.type !== 'aws_sqs_queue') || (arn && arn.service !== 'sqs')) {
      return fail(`target's dead-letter queue ${other ? graph.label(other) : String(dlq)} is not an SQS queue`, 'set dead_letter_config.arn to a standard SQS queue');
    }
    const problems = [];
    if (graph.isFifoQueue(dlq) === true) {
      problems.push(fail(`target's dead-letter queue ${other ? graph.label(other) : String(dlq)} is a FIFO queue, which EventBridge refuses`, 'use a standard SQS queue as the dead-letter queue'));
    }
    const rule = graph.ref(target.config.rule, 'aws_cloudwatch_event_rule');
    const region = graph.region(rule ?? target);
    const dlqRegion = graph.arnRegion(dlq);
    if (region && dlqRegion && region !== dlqRegion) {
      problems.push(fail(`target's dead-letter queue is in ${dlqRegion}, not in the rule's Region ${region}`, `use a dead-letter queue in ${region}`));
    }
    return problems;
  },
});
