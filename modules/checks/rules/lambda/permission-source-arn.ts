import { fail, resourceRule } from '../../rule';
import { isSet, literal } from '../../../core/values';

/**
 * A permission for an AWS service names the resource it acts for
 * (`source_arn`): without it any rule, topic or bucket of any account may
 * invoke the function through that service (the confused-deputy problem).
 * Checkov also accepts `source_account`; trivy and this rule ask for `source_arn`.
 */
export const lambdaPermissionSourceArn = resourceRule({
  id: 'EDA-LAMBDA-011',
  service: 'Lambda',
  severity: 'error',
  title: 'Lambda permissions for AWS services are scoped by source_arn',
  publicIds: { checkov: ['CKV_AWS_364'], trivy: ['AWS-0067'], securityHub: ['Lambda.1'] },
  resourceTypes: ['aws_lambda_permission'],
  check(permission) {
    const principal = literal(permission.config.principal);
    if (!principal?.endsWith('.amazonaws.com') || isSet(permission.config.source_arn)) return;
    const s3 = principal === 's3.amazonaws.com' ? ' and source_account (bucket ARNs carry no account)' : '';
    return fail(`permission lets ${principal} invoke the function on behalf of any resource (no source_arn)`, `set source_arn to the ARN of the rule, topic or bucket that invokes it${s3}`);
  },
});
