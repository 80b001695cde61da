import { fail, identityPolicyRule } from '../../rule';

/** An identity policy names actions rather than granting a whole service (`sqs:*`) or everything (`*`). */
export const iamNoServiceWildcards = identityPolicyRule({
  id: 'EDA-IAM-005',
  service: 'IAM',
  severity: 'warning',
  title: 'IAM policies allow named actions, not * or <service>:*',
  publicIds: {
    checkov: ['CKV_AWS_63', 'CKV2_AWS_40'],
    cdkNag: ['HIPAA.Security-IAMPolicyNoStatementsWithFullAccess', 'NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess'],
    securityHub: ['IAM.21'],
  },
  check(statements) {
    const wide = statements
      .filter((s) => s.effect === 'Allow' && !(s.actions.includes('*') && s.resources.includes('*')))
      .flatMap((s) => s.actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a)));
    if (wide.length === 0) return;
    return fail(`policy allows ${[...new Set(wide)].join(', ')}`, 'list the actions needed instead');
  },
});
