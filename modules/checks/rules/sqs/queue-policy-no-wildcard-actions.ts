import { fail, resourceRule } from '../../rule';

/** A queue policy grants named actions, never `*` or `sqs:*`. */
export const sqsQueuePolicyNoWildcardActions = resourceRule({
  id: 'EDA-SQS-004',
  service: 'SQS',
  severity: 'error',
  title: 'SQS queue policies do not allow all actions (* or sqs:*)',
  publicIds: { checkov: ['CKV_AWS_72'], trivy: ['AWS-0097'] },
  resourceTypes: ['aws_sqs_queue', 'aws_sqs_queue_policy'],
  check(resource, graph) {
    const wide = (graph.statements(resource.config.policy) ?? []).filter(
      (s) => s.effect === 'Allow' && s.actions.some((a) => a === '*' || a.toLowerCase() === 'sqs:*'),
    );
    if (wide.length === 0) return;
    return fail('queue policy allows every action (* or sqs:*)', 'allow only the actions needed, e.g. sqs:SendMessage');
  },
});
