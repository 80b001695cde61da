import { fail, resourceRule } from '../../rule';
import { bool, isExpression, literal } from '../../../core/values';

/** A symmetric encryption key rotates its key material yearly (or on its rotation period). Other key specs cannot rotate. */
export const kmsKeyRotation = resourceRule({
  id: 'EDA-KMS-001',
  service: 'KMS',
  severity: 'warning',
  title: 'Symmetric KMS keys have automatic rotation',
  publicIds: { checkov: ['CKV_AWS_7'], cdkNag: ['AwsSolutions-KMS5'], trivy: ['AWS-0065'], securityHub: ['KMS.4'] },
  resourceTypes: ['aws_kms_key'],
  check(key) {
    const spec = literal(key.config.customer_master_key_spec) ?? 'SYMMETRIC_DEFAULT';
    const usage = literal(key.config.key_usage) ?? 'ENCRYPT_DECRYPT';
    if (spec !== 'SYMMETRIC_DEFAULT' || usage !== 'ENCRYPT_DECRYPT') return;
    const rotation = key.config.enable_key_rotation;
    if (bool(rotation) === true || isExpression(rotation)) return;
    return fail('key does not rotate its key material', 'set enable_key_rotation = true');
  },
});
