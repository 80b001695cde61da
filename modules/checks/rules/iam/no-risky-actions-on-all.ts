import { coversAction } from '../../iam';
import { fail, identityPolicyRule } from '../../rule';

/**
 * Actions that, on every resource, let a principal raise its own
 * privileges, obtain credentials, read secrets and data, or rewrite
 * permissions: a short list in the spirit of cloudsplaining's, which
 * Checkov's CKV_AWS_286..289 use.
 */
const RISKY: Array<[string, string[]]> = [
  ['privilege escalation', ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:AttachRolePolicy', 'iam:AttachUserPolicy', 'iam:AttachGroupPolicy', 'iam:PutRolePolicy', 'iam:PutUserPolicy', 'iam:PutGroupPolicy', 'iam:UpdateAssumeRolePolicy', 'iam:AddUserToGroup', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile']],
  ['credentials exposure', ['iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:CreateServiceSpecificCredential', 'iam:ResetServiceSpecificCredential', 'iam:UploadSSHPublicKey', 'sts:GetFederationToken', 'redshift:GetClusterCredentials', 'sso:GetRoleCredentials']],
  ['data exfiltration', ['s3:GetObject', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'secretsmanager:GetSecretValue']],
  ['permissions management', ['iam:CreatePolicy', 'iam:DeletePolicy', 'iam:CreateRole', 'iam:DeleteRolePolicy', 'kms:PutKeyPolicy', 'kms:CreateGrant', 's3:PutBucketPolicy', 'sqs:AddPermission', 'sns:AddPermission', 'lambda:AddPermission', 'events:PutPermission']],
];

/** An identity policy does not allow escalation, credential, exfiltration or permission-management actions on every resource. */
export const iamNoRiskyActionsOnAll = identityPolicyRule({
  id: 'EDA-IAM-007',
  service: 'IAM',
  severity: 'warning',
  title: 'IAM policies do not allow privilege escalation, credential, data exfiltration or permissions-management actions on *',
  publicIds: { checkov: ['CKV_AWS_286', 'CKV_AWS_287', 'CKV_AWS_288', 'CKV_AWS_289'] },
  check(statements) {
    const open = statements.filter((s) => s.effect === 'Allow' && s.resources.includes('*') && !s.actions.includes('*'));
    const found = RISKY.map(([kind, actions]) => [kind, actions.filter((a) => open.some((s) => coversAction(s, a)))] as const).filter(([, a]) => a.length > 0);
    if (found.length === 0) return;
    return fail(`policy allows ${found.map(([kind, a]) => `${kind} (${a.join(', ')})`).join('; ')} on every resource (*)`, 'scope these actions to named resources, or add conditions');
  },
});
