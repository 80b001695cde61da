import { fail, resourceRule } from '../../rule';
import { isSet } from '../../../core/values';

/** A function's environment variables are encrypted with a customer-managed key (Lambda otherwise uses an AWS managed one). */
export const lambdaEnvironmentKey = resourceRule({
  id: 'EDA-LAMBDA-005',
  service: 'Lambda',
  severity: 'warning',
  optional: true,
  title: 'Lambda environment variables are encrypted with a customer-managed key',
  publicIds: { checkov: ['CKV_AWS_173'] },
  resourceTypes: ['aws_lambda_function'],
  check(fn) {
    if (!isSet(fn.config.environment) || isSet(fn.config.kms_key_arn)) return;
    return fail('function has environment variables but no kms_key_arn', 'set kms_key_arn to a customer-managed KMS key');
  },
});
