import { fail, identityPolicyRule } from '../../rule';

/**
 * Actions that only accept `Resource: "*"` (X-Ray, PutMetricData, VPC networking for Lambda, List/Describe calls,
 * and the CloudWatch Logs delivery calls a service makes to deliver vended logs, such as a Step Functions execution log:
 * "Enabling logging from AWS services", permissions V1).
 */
const STAR_ONLY =
  /^(xray:.*|cloudwatch:PutMetricData|ec2:(Describe.*|CreateNetworkInterface|DeleteNetworkInterface|AssignPrivateIpAddresses|UnassignPrivateIpAddresses)|[a-z0-9-]+:(List|Describe).*|sts:GetCallerIdentity|logs:CreateLogGroup|logs:(Create|Get|Update|Delete)LogDelivery|logs:PutResourcePolicy)$/i;

/**
 * An identity policy scopes actions that take resource ARNs to those
 * resources, not `*` (cdk-nag IAM5 asks for evidence when it is needed).
 */
export const iamNoWildcardResources = identityPolicyRule({
  id: 'EDA-IAM-006',
  service: 'IAM',
  severity: 'warning',
  title: 'IAM policies scope resource-level actions to named resources, not *',
  publicIds: { checkov: ['CKV_AWS_355', 'CKV_AWS_290'], cdkNag: ['AwsSolutions-IAM5', 'Serverless-LambdaStarPermissions'] },
  check(statements) {
    const actions = statements
      .filter((s) => s.effect === 'Allow' && s.resources.includes('*') && !s.actions.includes('*'))
      .flatMap((s) => s.actions.filter((a) => !STAR_ONLY.test(a)));
    if (actions.length === 0) return;
    return fail(`policy allows ${[...new Set(actions)].join(', ')} on every resource (*)`, 'set Resource to the ARNs of the queues, topics, tables or functions used');
  },
});
