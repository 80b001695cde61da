import { fail, resourceRule } from '../../rule';
import { list, literal } from '../../../core/values';

/** A role uses policies written for it rather than AWS managed ones, which AWS can widen at any time. */
export const iamNoAwsManagedPolicies = resourceRule({
  id: 'EDA-IAM-010',
  service: 'IAM',
  severity: 'warning',
  optional: true,
  title: 'IAM roles do not use AWS managed policies',
  publicIds: { cdkNag: ['AwsSolutions-IAM4'] },
  resourceTypes: ['aws_iam_role', 'aws_iam_role_policy_attachment', 'aws_iam_policy_attachment'],
  check(resource) {
    const arns = resource.type === 'aws_iam_role' ? list(resource.config.managed_policy_arns) : [resource.config.policy_arn];
    const managed = arns.map((a) => literal(a)).filter((a): a is string => !!a && a.includes(':iam::aws:policy/'));
    if (managed.length === 0) return;
    return fail(`attaches the AWS managed ${managed.map((a) => a.split(':policy/').pop()).join(', ')}`, 'write a policy with only the actions and resources the role needs');
  },
});
