import { fail, resourceRule } from '../../rule';
import { bool } from '../../../core/values';

/** A key is enabled: everything it encrypts is unreadable, and every write to it fails, while it is disabled. */
export const kmsKeyEnabled = resourceRule({
  id: 'EDA-KMS-003',
  service: 'KMS',
  severity: 'warning',
  title: 'KMS keys are enabled',
  publicIds: { checkov: ['CKV_AWS_227'] },
  resourceTypes: ['aws_kms_key'],
  check(key) {
    if (bool(key.config.is_enabled) !== false) return;
    return fail('key is disabled (is_enabled = false), so nothing it encrypts can be read or written', 'set is_enabled = true, or remove the key and what uses it');
  },
});
