import { fail, resourceRule } from '../../rule';

/** No role can be assumed by anyone (`Principal.AWS = *`) in its trust policy. */
export const iamTrustNotPublic = resourceRule({
  id: 'EDA-IAM-001',
  service: 'IAM',
  severity: 'error',
  title: 'IAM role trust policies do not let any AWS principal assume the role',
  publicIds: { checkov: ['CKV_AWS_60'] },
  resourceTypes: ['aws_iam_role'],
  check(role, graph) {
    const open = (graph.statements(role.config.assume_role_policy) ?? []).filter(
      (s) => s.effect === 'Allow' && (s.principals ?? []).some((p) => p.type === '*' || (p.type === 'AWS' && p.id.includes('*'))),
    );
    if (open.length === 0) return;
    return fail('role trust policy lets any AWS principal (*) assume the role', 'name the service or role that assumes it in assume_role_policy');
  },
});
