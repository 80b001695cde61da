import { coversAction } from '../../iam';
import { fail, identityPolicyRule } from '../../rule';

/** An identity policy lets a principal pass only named roles: iam:PassRole on `*` hands out any role, admin ones included. */
export const iamPassRoleScoped = identityPolicyRule({
  id: 'EDA-IAM-009',
  service: 'IAM',
  severity: 'warning',
  title: 'IAM policies allow iam:PassRole only on named roles',
  publicIds: { trivy: ['AWS-0342'] },
  check(statements) {
    const open = statements.filter((s) => s.effect === 'Allow' && s.resources.includes('*') && !s.actions.includes('*') && coversAction(s, 'iam:PassRole'));
    if (open.length === 0) return;
    return fail('policy allows iam:PassRole on every role (*)', 'set Resource to the ARNs of the roles to pass, with Condition iam:PassedToService');
  },
});
