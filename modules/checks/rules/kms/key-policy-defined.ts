import { fail, resourceRule } from '../../rule';

/** A key states its key policy (its `policy`, or an `aws_kms_key_policy`) instead of taking the default one. */
export const kmsKeyPolicyDefined = resourceRule({
  id: 'EDA-KMS-004',
  service: 'KMS',
  severity: 'warning',
  title: 'KMS keys have an explicit key policy',
  publicIds: { checkov: ['CKV2_AWS_64'] },
  resourceTypes: ['aws_kms_key'],
  check(key, graph) {
    if (key.config.policy !== undefined || graph.referencesTo(key, 'aws_kms_key_policy').length > 0) return;
    return fail('key has the default key policy', 'set policy (or add an aws_kms_key_policy) granting exactly who uses the key');
  },
});
