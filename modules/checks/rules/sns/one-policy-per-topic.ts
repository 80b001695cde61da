import { fail, resourceRule } from '../../rule';

/**
 * One policy per topic: two `aws_sns_topic_policy` resources (or one and the
 * topic's own `policy`) overwrite each other at every apply (principle 3).
 */
export const snsOnePolicyPerTopic = resourceRule({
  id: 'EDA-SNS-012',
  service: 'SNS',
  severity: 'error',
  title: 'A topic has at most one policy resource',
  publicIds: {},
  resourceTypes: ['aws_sns_topic'],
  check(topic, graph) {
    const holders = graph.topicPolicies(topic);
    if (holders.length <= 1) return;
    return fail(
      `topic has ${holders.length} policies (${holders.map((h) => (h.resource === topic ? 'its policy argument' : graph.label(h.resource))).join(', ')}) that overwrite each other at apply`,
      'merge every statement into one aws_sns_topic_policy',
    );
  },
});
