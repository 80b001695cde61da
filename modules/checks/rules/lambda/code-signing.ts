import { fail, resourceRule } from '../../rule';
import { isSet } from '../../../core/values';

/** A function only runs code signed by a trusted publisher. */
export const lambdaCodeSigning = resourceRule({
  id: 'EDA-LAMBDA-007',
  service: 'Lambda',
  severity: 'warning',
  optional: true,
  title: 'Lambda functions validate code signatures',
  publicIds: { checkov: ['CKV_AWS_272'] },
  resourceTypes: ['aws_lambda_function'],
  check(fn) {
    if (isSet(fn.config.code_signing_config_arn) || fn.config.package_type === 'Image') return;
    return fail('function has no code signing configuration', 'set code_signing_config_arn to an aws_lambda_code_signing_config');
  },
});
