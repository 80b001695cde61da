import { Limits } from '../../limits';
import { resourceRule } from '../../rule';
import { bool, fmt, literal } from '../../../core/values';
import { KMS } from '../../../core/aws-limits';

/** A key's arguments are within what the provider (kms/key.go) and KMS accept. */
export const kmsKeyLimits = resourceRule({
  id: 'EDA-KMS-005',
  service: 'KMS',
  severity: 'error',
  title: 'KMS key arguments are within AWS limits',
  publicIds: {},
  resourceTypes: ['aws_kms_key'],
  check(key, graph) {
    const c = key.config;
    const rotationOff = c.enable_key_rotation === undefined || bool(c.enable_key_rotation) === false;
    const symmetric = (literal(c.customer_master_key_spec) ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT';
    return new Limits(c)
      .range('deletion_window_in_days', KMS.minDeletionWindowDays, KMS.maxDeletionWindowDays, 'days')
      .range('rotation_period_in_days', KMS.minRotationPeriodDays, KMS.maxRotationPeriodDays, 'days')
      .matches('description', new RegExp(`^[\\s\\S]{0,${KMS.descriptionMaxLength}}$`), `at most ${fmt(KMS.descriptionMaxLength)} characters`)
      .json('policy', KMS.policyMaxLength)
      .check(!(graph.surelySet(key, c.rotation_period_in_days) && rotationOff), 'rotation_period_in_days is set without enable_key_rotation = true', 'set enable_key_rotation = true')
      .check(symmetric || bool(c.enable_key_rotation) !== true, `enable_key_rotation = true on a ${c.customer_master_key_spec} key; only symmetric encryption keys rotate`, 'remove enable_key_rotation').outcome;
  },
});
