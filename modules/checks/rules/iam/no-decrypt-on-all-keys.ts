import { coversAction } from '../../iam';
import { fail, identityPolicyRule } from '../../rule';

/** An identity policy lets a principal decrypt only with named keys, not with every key in the account. */
export const iamNoDecryptOnAllKeys = identityPolicyRule({
  id: 'EDA-IAM-008',
  service: 'IAM',
  severity: 'warning',
  title: 'IAM policies do not allow kms:Decrypt or kms:ReEncryptFrom on all keys',
  publicIds: { securityHub: ['KMS.1', 'KMS.2'] },
  check(statements) {
    const actions = ['kms:Decrypt', 'kms:ReEncryptFrom'].filter((a) =>
      statements.some((s) => s.effect === 'Allow' && s.resources.includes('*') && !s.actions.includes('*') && coversAction(s, a)),
    );
    if (actions.length === 0) return;
    return fail(`policy allows ${actions.join(' and ')} on every key (*)`, 'set Resource to the ARNs of the keys used');
  },
});
