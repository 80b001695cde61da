import { fail, identityPolicyRule } from '../../rule';

/** No identity policy allows every action on every resource. */
export const iamNoAdminStatements = identityPolicyRule({
  id: 'EDA-IAM-004',
  service: 'IAM',
  severity: 'error',
  title: 'IAM policies do not allow * on *',
  publicIds: { checkov: ['CKV_AWS_62'], cdkNag: ['HIPAA.Security-IAMPolicyNoStatementsWithAdminAccess', 'NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess'], securityHub: ['IAM.1'] },
  check(statements) {
    if (!statements.some((s) => s.effect === 'Allow' && s.actions.includes('*') && s.resources.includes('*'))) return;
    return fail('policy allows every action (*) on every resource (*)', 'allow only the actions and resources needed');
  },
});
