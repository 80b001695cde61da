import { isPublicGrant } from '../../iam';
import { fail, resourceRule } from '../../rule';

/** No key policy lets anyone (`*`) use the key without a condition pinning who (e.g. kms:CallerAccount). */
export const kmsKeyPolicyNotPublic = resourceRule({
  id: 'EDA-KMS-002',
  service: 'KMS',
  severity: 'error',
  title: 'KMS key policies do not allow public access',
  publicIds: { checkov: ['CKV_AWS_33'], securityHub: ['KMS.5'] },
  resourceTypes: ['aws_kms_key', 'aws_kms_key_policy'],
  check(resource, graph) {
    const open = (graph.statements(resource.config.policy) ?? []).filter(isPublicGrant);
    if (open.length === 0) return;
    return fail('key policy allows any principal (*) to use the key with no condition', 'name the principals, or add a condition such as kms:CallerAccount or aws:SourceArn');
  },
});
