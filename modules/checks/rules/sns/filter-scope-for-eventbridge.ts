import { refersTo } from '../../../core/references';
import { coversAction } from '../../iam';
import { ResourceGraph } from '../../graph';
import { TerraformResource } from '../../../core/terraform-json';
import { fail, resourceRule } from '../../rule';
import { isSet, literal } from '../../../core/values';

/** Resource types that refer to a topic without publishing to it (IAM documents are read for sns:Publish instead). */
const NOT_PUBLISHERS = new Set([
  'aws_sns_topic_subscription',
  'aws_sns_topic_policy',
  'aws_sns_topic_data_protection_policy',
  'aws_sqs_queue', // a queue policy conditioned on the topic's ARN
  'aws_sqs_queue_policy',
  'aws_lambda_permission',
  'aws_kms_key',
  'aws_kms_key_policy',
  'aws_iam_policy_document',
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_role',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
]);

/**
 * Whether anything other than EventBridge (rules and pipes, which send the
 * event as the message body with no attributes) may publish to the topic:
 * another resource wired to it, an identity policy or a topic policy
 * statement allowing sns:Publish on it. Unreadable documents count as yes.
 */
function hasOtherPublishers(topic: TerraformResource, graph: ResourceGraph): boolean {
  for (const ref of graph.referencesTo(topic)) {
    const type = ref.from.type;
    if (NOT_PUBLISHERS.has(type) || ref.from === topic) continue;
    if (type === 'aws_cloudwatch_event_target' && ref.argument === 'arn') continue;
    if (type === 'aws_pipes_pipe' && ref.argument === 'target') continue;
    if (type === 'aws_cloudwatch_metric_alarm' && ref.argument === 'dimensions') continue;
    return true;
  }
  const onTopic = (resources: readonly string[]): boolean =>
    resources.some((r) => r === '*' || (!r.includes('${') && r.includes('*')) || refersTo(r, topic.address));
  for (const holder of graph.identityPolicies()) {
    const statements = graph.statements(holder.policy);
    if (!statements) return true;
    if (statements.some((s) => s.effect === 'Allow' && coversAction(s, 'sns:Publish') && onTopic(s.resources))) return true;
  }
  for (const holder of graph.topicPolicies(topic)) {
    const statements = graph.statements(holder.policy);
    if (!statements) return true;
    const others = statements.filter(
      (s) => s.effect === 'Allow' && coversAction(s, 'sns:Publish') && !(s.principals ?? []).every((p) => p.type === 'Service' && p.id === 'events.amazonaws.com'),
    );
    if (others.length > 0) return true;
  }
  return false;
}

/**
 * A subscription filters on the message body when only EventBridge
 * publishes to its topic: EventBridge delivers the event as the message
 * body with no message attributes, so a `MessageAttributes` filter policy
 * (the default scope) never matches and nothing is ever delivered.
 */
export const snsFilterScopeForEventBridge = resourceRule({
  id: 'EDA-SNS-014',
  service: 'SNS',
  severity: 'error',
  title: 'Subscriptions to topics that only EventBridge publishes to filter on MessageBody, not MessageAttributes',
  publicIds: {},
  resourceTypes: ['aws_sns_topic_subscription'],
  check(subscription, graph) {
    const c = subscription.config;
    if (!isSet(c.filter_policy)) return;
    const scope = c.filter_policy_scope === undefined ? 'MessageAttributes' : literal(c.filter_policy_scope);
    if (scope !== 'MessageAttributes') return;
    const topic = graph.ref(c.topic_arn, 'aws_sns_topic');
    if (!topic) return;
    const rules = graph.deliveriesTo(topic).filter((d) => d.service === 'events.amazonaws.com');
    if (rules.length === 0 || hasOtherPublishers(topic, graph)) return;
    const sources = rules.map((d) => graph.label(d.source ?? d.via)).join(', ');
    return fail(
      `subscription filters on MessageAttributes, but only EventBridge (${sources}) publishes to ${graph.label(topic)} and it sends no message attributes, so nothing ever matches`,
      'set filter_policy_scope = "MessageBody" and filter on the event\'s fields (e.g. {"detail-type": ["OrderPlaced"]})',
    );
  },
});
