import { fail, resourceRule } from '../../rule';
import { bool } from '../../../core/values';

/**
 * A target that is a FIFO queue made in the stack has content-based
 * deduplication: EventBridge sends no deduplication ID, and the EventBridge API
 * reference (Target, SqsParameters) requires it of a FIFO queue target.
 */
export const eventBridgeFifoTargetDeduplication = resourceRule({
  id: 'EDA-EVB-009',
  service: 'EventBridge',
  severity: 'error',
  title: 'EventBridge targets that are FIFO queues have content-based deduplication',
  publicIds: {},
  resourceTypes: ['aws_cloudwatch_event_target'],
  check(target, graph) {
    const queue = graph.ref(target.config.arn, 'aws_sqs_queue');
    if (!queue || bool(queue.config.fifo_queue) !== true || bool(queue.config.content_based_deduplication) === true) return;
    if (typeof queue.config.content_based_deduplication === 'string' && queue.config.content_based_deduplication.includes('${')) return;
    return fail(
      `target is FIFO queue ${graph.label(queue)}, which has no content-based deduplication: EventBridge sends no deduplication ID, so SQS refuses its messages`,
      'set content_based_deduplication = true on the queue',
    );
  },
});
