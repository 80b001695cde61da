import { fail, resourceRule } from '../../rule';

/** A role's trust policy names roles or services, not a whole account (`123456789012` or `:root`), which lets every principal of the account with sts:AssumeRole in. */
export const iamTrustNotWholeAccount = resourceRule({
  id: 'EDA-IAM-002',
  service: 'IAM',
  severity: 'warning',
  title: 'IAM role trust policies do not trust a whole account',
  publicIds: { checkov: ['CKV_AWS_61'] },
  resourceTypes: ['aws_iam_role'],
  check(role, graph) {
    const accounts = (graph.statements(role.config.assume_role_policy) ?? [])
      .filter((s) => s.effect === 'Allow')
      .flatMap((s) => (s.principals ?? []).filter((p) => p.type === 'AWS' && /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:root)$/.test(p.id)).map((p) => p.id));
    if (accounts.length === 0) return;
    return fail(`role trust policy trusts every principal of account ${accounts.join(', ')}`, 'trust the specific role(s) that assume it, or add conditions (e.g. aws:PrincipalArn)');
  },
});
