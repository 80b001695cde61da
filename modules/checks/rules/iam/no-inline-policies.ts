import { fail, resourceRule } from '../../rule';
import { isSet } from '../../../core/values';

/** Permissions live in managed (`aws_iam_policy`) policies that can be reviewed and reused, not inline ones. */
export const iamNoInlinePolicies = resourceRule({
  id: 'EDA-IAM-011',
  service: 'IAM',
  severity: 'warning',
  optional: true,
  title: 'IAM roles have no inline policies',
  publicIds: { cdkNag: ['HIPAA.Security-IAMNoInlinePolicy', 'NIST.800.53.R5-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy'] },
  resourceTypes: ['aws_iam_role', 'aws_iam_role_policy'],
  check(resource) {
    if (resource.type === 'aws_iam_role' && !isSet(resource.config.inline_policy)) return;
    return fail(resource.type === 'aws_iam_role' ? 'role has inline policies' : 'is an inline role policy', 'use an aws_iam_policy attached with aws_iam_role_policy_attachment');
  },
});
