import { fail, resourceRule } from '../../rule';
import { at, isSet } from '../../../core/values';

/** A target that is a FIFO queue names a message group: PutTargets requires SqsParameters.MessageGroupId for FIFO queues. */
export const eventBridgeFifoTargetGroup = resourceRule({
  id: 'EDA-EVB-008',
  service: 'EventBridge',
  severity: 'error',
  title: 'EventBridge targets that are FIFO queues set a message group ID',
  publicIds: {},
  resourceTypes: ['aws_cloudwatch_event_target'],
  check(target, graph) {
    if (graph.isFifoQueue(target.config.arn) !== true || isSet(at(target.config, 'sqs_target.message_group_id'))) return;
    return fail('target is a FIFO queue but sets no sqs_target.message_group_id', 'set sqs_target.message_group_id (a fixed group, or one per ordering key)');
  },
});
