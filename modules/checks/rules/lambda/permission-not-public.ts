import { fail, resourceRule } from '../../rule';
import { isSet } from '../../../core/values';

/** No permission lets anyone (`*`) invoke a function without scoping it to an organization, account or source. */
export const lambdaPermissionNotPublic = resourceRule({
  id: 'EDA-LAMBDA-010',
  service: 'Lambda',
  severity: 'error',
  title: 'Lambda permissions do not let everyone invoke the function',
  publicIds: {
    checkov: ['CKV_AWS_301'],
    cdkNag: ['HIPAA.Security-LambdaFunctionPublicAccessProhibited', 'NIST.800.53.R5-LambdaFunctionPublicAccessProhibited', 'PCI.DSS.321-LambdaFunctionPublicAccessProhibited'],
    securityHub: ['Lambda.1'],
  },
  resourceTypes: ['aws_lambda_permission'],
  check(permission) {
    const c = permission.config;
    if (c.principal !== '*' || ['principal_org_id', 'source_account', 'source_arn'].some((k) => isSet(c[k]))) return;
    return fail('permission lets any principal (*) invoke the function', 'name the principal, or set source_arn, source_account or principal_org_id');
  },
});
