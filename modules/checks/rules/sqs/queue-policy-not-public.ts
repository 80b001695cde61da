import { isPublicGrant } from '../../iam';
import { fail, resourceRule } from '../../rule';

/** No queue policy lets anyone (`*`) act on the queue without a condition pinning who. */
export const sqsQueuePolicyNotPublic = resourceRule({
  id: 'EDA-SQS-003',
  service: 'SQS',
  severity: 'error',
  title: 'SQS queue policies do not allow public access',
  publicIds: { checkov: ['CKV_AWS_168', 'CKV_AWS_387'], securityHub: ['SQS.3'], awsConfig: ['sqs-queue-no-public-access'] },
  resourceTypes: ['aws_sqs_queue', 'aws_sqs_queue_policy'],
  check(resource, graph) {
    const statements = graph.statements(resource.config.policy) ?? [];
    const open = statements.filter(isPublicGrant);
    if (open.length === 0) return;
    return fail(
      `queue policy allows ${open.flatMap((s) => s.actions).join(', ') || 'actions'} to any principal (*) with no condition on source, account or organization`,
      'name the principals, or add a condition such as aws:SourceArn or aws:PrincipalOrgID',
    );
  },
});
