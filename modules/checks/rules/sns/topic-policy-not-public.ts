import { isPublicGrant } from '../../iam';
import { fail, resourceRule } from '../../rule';

/** No topic policy lets anyone (`*`) act on the topic without a condition pinning who. */
export const snsTopicPolicyNotPublic = resourceRule({
  id: 'EDA-SNS-003',
  service: 'SNS',
  severity: 'error',
  title: 'SNS topic policies do not allow public access',
  publicIds: { checkov: ['CKV_AWS_169'], securityHub: ['SNS.4'], awsConfig: ['sns-topic-no-public-access'] },
  resourceTypes: ['aws_sns_topic', 'aws_sns_topic_policy'],
  check(resource, graph) {
    const open = (graph.statements(resource.config.policy) ?? []).filter(isPublicGrant);
    if (open.length === 0) return;
    return fail(
      `topic policy allows ${open.flatMap((s) => s.actions).join(', ') || 'actions'} to any principal (*) with no condition on source, account or organization`,
      'name the principals, or add a condition such as aws:SourceArn or aws:SourceOwner',
    );
  },
});
