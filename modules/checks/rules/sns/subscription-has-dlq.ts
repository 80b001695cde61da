import { fail, resourceRule } from '../../rule';
import { block, isSet } from '../../../core/values';

/**
 * Every subscription has a dead-letter queue: SNS discards a message on a
 * client-side error, and after its retries on a server-side one, unless the
 * subscription has a redrive policy (SNS "dead-letter queues").
 */
export const snsSubscriptionHasDlq = resourceRule({
  id: 'EDA-SNS-006',
  service: 'SNS',
  severity: 'warning',
  title: 'SNS subscriptions have a dead-letter queue',
  publicIds: { cdkNag: ['Serverless-SNSRedrivePolicy'] },
  resourceTypes: ['aws_sns_topic_subscription'],
  check(subscription, graph) {
    const redrive = subscription.config.redrive_policy;
    if (isSet(redrive)) {
      const doc = block(graph.document(redrive));
      if (!doc || doc.deadLetterTargetArn) return; // unreadable before apply, or set
    }
    return fail('subscription has no dead-letter queue (redrive_policy)', 'set redrive_policy to {"deadLetterTargetArn": <SQS queue ARN>}');
  },
});
