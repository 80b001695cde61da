import { validateFilterPolicy } from '../../../patterns';
import { Limits } from '../../limits';
import { resourceRule } from '../../rule';
import { isSet, literal } from '../../../core/values';

/** Protocols the provider accepts (topic_subscription.go). */
const PROTOCOLS = ['application', 'email', 'email-json', 'firehose', 'http', 'https', 'lambda', 'sms', 'sqs'];

/**
 * A subscription's arguments are within what the provider and SNS accept:
 * protocol, JSON documents, and a filter policy SNS can parse (the same
 * validation as `modules/patterns`).
 */
export const snsSubscriptionLimits = resourceRule({
  id: 'EDA-SNS-009',
  service: 'SNS',
  severity: 'error',
  title: 'SNS subscription arguments are within AWS limits',
  publicIds: {},
  resourceTypes: ['aws_sns_topic_subscription'],
  check(subscription, graph) {
    const c = subscription.config;
    const limits = new Limits(c)
      .oneOf('protocol', PROTOCOLS)
      .oneOf('filter_policy_scope', ['MessageAttributes', 'MessageBody'])
      .json('filter_policy')
      .json('delivery_policy')
      .json('redrive_policy')
      .json('replay_policy')
      .check(c.protocol !== 'firehose' || isSet(c.subscription_role_arn), 'firehose subscription has no subscription_role_arn', 'set subscription_role_arn to a role SNS can assume to write to the stream');
    const policy = graph.document(c.filter_policy);
    if (policy && typeof policy === 'object' && !JSON.stringify(policy).includes('${')) {
      const scope = (literal(c.filter_policy_scope) ?? 'MessageAttributes') as 'MessageAttributes' | 'MessageBody';
      for (const p of validateFilterPolicy(policy, scope)) {
        limits.check(false, `filter_policy ${p.path}: ${p.message}`, 'fix the filter policy (see SNS "subscription filter policies")');
      }
    }
    return limits.outcome;
  },
});
