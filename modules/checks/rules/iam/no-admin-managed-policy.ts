import { fail, resourceRule } from '../../rule';
import { list, literal } from '../../../core/values';

const ADMIN = /:iam::aws:policy\/(AdministratorAccess|IAMFullAccess)$/;

/** No role is given AWS's AdministratorAccess or IAMFullAccess managed policy. */
export const iamNoAdminManagedPolicy = resourceRule({
  id: 'EDA-IAM-003',
  service: 'IAM',
  severity: 'error',
  title: 'IAM roles are not given AdministratorAccess or IAMFullAccess',
  publicIds: { checkov: ['CKV_AWS_274', 'CKV2_AWS_56'] },
  resourceTypes: ['aws_iam_role', 'aws_iam_role_policy_attachment', 'aws_iam_policy_attachment'],
  check(resource) {
    const arns = resource.type === 'aws_iam_role' ? list(resource.config.managed_policy_arns) : [resource.config.policy_arn];
    const admin = arns.map((a) => literal(a)).filter((a): a is string => !!a && ADMIN.test(a));
    if (admin.length === 0) return;
    return fail(`attaches ${admin.map((a) => a.split('/').pop()).join(', ')}`, 'attach a policy granting only the actions and resources the role needs');
  },
});
