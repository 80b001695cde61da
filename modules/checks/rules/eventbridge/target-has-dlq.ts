import { fail, resourceRule } from '../../rule';
import { at, isSet } from '../../../core/values';

/**
 * Every target has a dead-letter queue: after 24 hours and up to 185
 * attempts EventBridge drops an event it could not deliver ("Using
 * dead-letter queues to process undelivered events in EventBridge").
 */
export const eventBridgeTargetHasDlq = resourceRule({
  id: 'EDA-EVB-002',
  service: 'EventBridge',
  severity: 'warning',
  title: 'EventBridge targets have a dead-letter queue',
  publicIds: { cdkNag: ['Serverless-EventBusDLQ'] },
  resourceTypes: ['aws_cloudwatch_event_target'],
  check(target) {
    if (isSet(at(target.config, 'dead_letter_config.arn'))) return;
    return fail('target has no dead-letter queue; undeliverable events are dropped', 'set dead_letter_config.arn to a standard SQS queue in the same Region');
  },
});
