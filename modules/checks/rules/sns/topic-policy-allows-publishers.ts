import { admission, describeDelivery } from '../../grants';
import { fail, resourceRule } from '../../rule';

/**
 * Every AWS service that publishes to the topic (an EventBridge target) is
 * allowed by the topic's policy, on condition of `aws:SourceArn`. The
 * default topic policy admits only the owner account's principals, so
 * EventBridge's deliveries fail without it.
 */
export const snsTopicPolicyAllowsPublishers = resourceRule({
  id: 'EDA-SNS-013',
  service: 'SNS',
  severity: 'error',
  title: 'Topic policies allow every AWS service that publishes to the topic, scoped by aws:SourceArn',
  publicIds: {},
  resourceTypes: ['aws_sns_topic'],
  check(topic, graph) {
    const deliveries = graph.deliveriesTo(topic);
    if (deliveries.length === 0) return;
    const parsed = graph.topicPolicies(topic).map((h) => graph.statements(h.policy));
    if (parsed.some((s) => s === undefined)) return;
    const statements = parsed.flatMap((s) => s ?? []);
    const label = graph.label.bind(graph);
    return deliveries.flatMap((d) => {
      const source = d.source ? `the ARN of ${label(d.source)}` : 'the source ARN';
      const fix = `allow ${d.service} sns:Publish in the topic policy with Condition ArnEquals aws:SourceArn = ${source}`;
      switch (admission(statements, d)) {
        case 'none':
          return [fail(`topic policy does not allow ${describeDelivery(d, label)} to publish`, fix)];
        case 'other-source':
          return [fail(`topic policy allows ${d.service} only for other sources, not ${describeDelivery(d, label)}`, fix)];
        case 'unscoped':
          return [fail(`topic policy allows ${d.service} sns:Publish with no aws:SourceArn condition, so any account's rules can publish`, fix)];
        default:
          return [];
      }
    });
  },
});
