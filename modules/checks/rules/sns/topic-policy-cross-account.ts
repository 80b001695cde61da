import { fail, resourceRule } from '../../rule';

/** A topic policy grants other accounts' principals access only on conditions. */
export const snsTopicPolicyCrossAccount = resourceRule({
  id: 'EDA-SNS-004',
  service: 'SNS',
  severity: 'warning',
  title: 'SNS topic policies grant IAM principals of an account only with a condition',
  publicIds: { checkov: ['CKV_AWS_385'] },
  resourceTypes: ['aws_sns_topic', 'aws_sns_topic_policy'],
  check(resource, graph) {
    const grants = (graph.statements(resource.config.policy) ?? []).filter(
      (s) => s.effect === 'Allow' && s.conditions.length === 0 && (s.principals ?? []).some((p) => p.type === 'AWS' && p.id.startsWith('arn:aws:iam::')),
    );
    if (grants.length === 0) return;
    const who = grants.flatMap((s) => (s.principals ?? []).filter((p) => p.type === 'AWS').map((p) => p.id));
    return fail(`topic policy grants ${who.join(', ')} with no condition`, 'add a condition (e.g. aws:SourceArn, aws:PrincipalOrgID) or grant only your own account');
  },
});
