import { admission, describeDelivery } from '../../grants';
import { fail, resourceRule } from '../../rule';

/**
 * Every AWS service that sends to the queue (an EventBridge target or
 * target DLQ, an SNS subscription or subscription DLQ) is allowed by the
 * queue's policy, on condition of `aws:SourceArn`. Without the grant,
 * deliveries fail at run time; without the condition, any rule or topic in
 * any account can send to the queue.
 */
export const sqsQueuePolicyAllowsSenders = resourceRule({
  id: 'EDA-SQS-013',
  service: 'SQS',
  severity: 'error',
  title: 'Queue policies allow every AWS service that sends to the queue, scoped by aws:SourceArn',
  publicIds: {},
  resourceTypes: ['aws_sqs_queue'],
  check(queue, graph) {
    const deliveries = graph.deliveriesTo(queue);
    if (deliveries.length === 0) return;
    const parsed = graph.queuePolicies(queue).map((h) => graph.statements(h.policy));
    if (parsed.some((s) => s === undefined)) return;
    const statements = parsed.flatMap((s) => s ?? []);
    const label = graph.label.bind(graph);
    return deliveries.flatMap((d) => {
      const source = d.source ? `the ARN of ${label(d.source)}` : 'the source ARN';
      const fix = `allow ${d.service} ${d.action} in the queue policy with Condition ArnEquals aws:SourceArn = ${source}`;
      switch (admission(statements, d)) {
        case 'none':
          return [fail(`queue policy does not allow ${describeDelivery(d, label)} to send (${d.action})`, fix)];
        case 'other-source':
          return [fail(`queue policy allows ${d.service} only for other sources, not ${describeDelivery(d, label)}`, fix)];
        case 'unscoped':
          return [fail(`queue policy allows ${d.service} ${d.action} with no aws:SourceArn condition, so any account's resources can send`, fix)];
        default:
          return [];
      }
    });
  },
});
