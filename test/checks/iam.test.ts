import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { newStack, policy, role } from './fixtures';
import { expectFinding, expectNoFinding } from './helpers';

const trust = (principal: object) => policy({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' });

describe('EDA-IAM-001 trust not public', () => {
  it('passes for a service principal', () => {
    const { stack } = newStack();
    new IamRole(stack, 'r', { assumeRolePolicy: trust({ Service: 'lambda.amazonaws.com' }) });
    expectNoFinding(stack, 'EDA-IAM-001');
  });
  it('fails for AWS *', () => {
    const { stack } = newStack();
    const r = new IamRole(stack, 'r', { assumeRolePolicy: trust({ AWS: '*' }) });
    expectFinding(stack, 'EDA-IAM-001', r, 'role trust policy lets any AWS principal (*) assume the role');
  });
});

describe('EDA-IAM-002 trust not a whole account', () => {
  it('passes for a named role', () => {
    const { stack } = newStack();
    new IamRole(stack, 'r', { assumeRolePolicy: trust({ AWS: 'arn:aws:iam::123456789012:role/deployer' }) });
    expectNoFinding(stack, 'EDA-IAM-002');
  });
  it('fails for an account root', () => {
    const { stack } = newStack();
    const r = new IamRole(stack, 'r', { assumeRolePolicy: trust({ AWS: 'arn:aws:iam::123456789012:root' }) });
    expectFinding(stack, 'EDA-IAM-002', r, 'role trust policy trusts every principal of account arn:aws:iam::123456789012:root');
  });
});

describe('EDA-IAM-003 no admin managed policies', () => {
  it('passes for a scoped policy', () => {
    const { stack } = newStack();
    const r = role(stack, 'r', 'lambda.amazonaws.com', []);
    new IamRolePolicyAttachment(stack, 'a', { role: r.name, policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' });
    expectNoFinding(stack, 'EDA-IAM-003');
  });
  it('fails for AdministratorAccess', () => {
    const { stack } = newStack();
    const r = role(stack, 'r', 'lambda.amazonaws.com', []);
    const a = new IamRolePolicyAttachment(stack, 'a', { role: r.name, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
    expectFinding(stack, 'EDA-IAM-003', a, 'attaches AdministratorAccess');
  });
});

describe('EDA-IAM-004 no * on *', () => {
  it('passes for scoped statements', () => {
    const { stack } = newStack();
    role(stack, 'r', 'lambda.amazonaws.com', [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:1:q' }]);
    expectNoFinding(stack, 'EDA-IAM-004');
  });
  it('fails for * on *, also from an aws_iam_policy_document', () => {
    const { stack } = newStack();
    const doc = new DataAwsIamPolicyDocument(stack, 'doc', { statement: [{ actions: ['*'], resources: ['*'] }] });
    const p = new IamPolicy(stack, 'p', { policy: doc.json });
    expectFinding(stack, 'EDA-IAM-004', p, 'policy allows every action (*) on every resource (*)');
  });
});

describe('EDA-IAM-005 no service wildcards', () => {
  it('passes for named actions', () => {
    const { stack } = newStack();
    role(stack, 'r', 'lambda.amazonaws.com', [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: 'arn:aws:sqs:eu-west-1:1:q' }]);
    expectNoFinding(stack, 'EDA-IAM-005');
  });
  it('fails for sqs:*', () => {
    const { stack } = newStack();
    const r = role(stack, 'r', 'lambda.amazonaws.com', []);
    const p = new IamRolePolicy(stack, 'p', { role: r.name, policy: policy({ Effect: 'Allow', Action: 'sqs:*', Resource: 'arn:aws:sqs:eu-west-1:1:q' }) });
    expectFinding(stack, 'EDA-IAM-005', p, 'policy allows sqs:*');
  });
});

describe('EDA-IAM-006 no wildcard resources', () => {
  it('passes for X-Ray on * and named resources', () => {
    const { stack } = newStack();
    role(stack, 'r', 'lambda.amazonaws.com', [
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
      { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: 'arn:aws:dynamodb:eu-west-1:1:table/orders' },
    ]);
    expectNoFinding(stack, 'EDA-IAM-006');
  });
  it('passes for the CloudWatch Logs delivery calls a service makes for vended logs (Step Functions execution logs), which take no resource', () => {
    const { stack } = newStack();
    role(stack, 'r', 'states.amazonaws.com', [
      { Effect: 'Allow', Action: ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'], Resource: '*' },
    ]);
    expectNoFinding(stack, 'EDA-IAM-006');
  });
  it('fails for dynamodb:PutItem on *', () => {
    const { stack } = newStack();
    const r = new IamRole(stack, 'r', {
      assumeRolePolicy: trust({ Service: 'lambda.amazonaws.com' }),
      inlinePolicy: [{ name: 'inline', policy: policy({ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: '*' }) }],
    });
    expectFinding(stack, 'EDA-IAM-006', r, 'policy allows dynamodb:PutItem on every resource (*)');
  });
});

describe('EDA-IAM-007 no risky actions on *', () => {
  it('passes when scoped', () => {
    const { stack } = newStack();
    role(stack, 'r', 'lambda.amazonaws.com', [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:eu-west-1:1:secret:db' }]);
    expectNoFinding(stack, 'EDA-IAM-007');
  });
  it('fails for privilege escalation and secrets on *', () => {
    const { stack } = newStack();
    const p = new IamPolicy(stack, 'p', { policy: policy({ Effect: 'Allow', Action: ['iam:PutRolePolicy', 'secretsmanager:GetSecretValue'], Resource: '*' }) });
    expectFinding(stack, 'EDA-IAM-007', p, 'policy allows privilege escalation (iam:PutRolePolicy); data exfiltration (secretsmanager:GetSecretValue) on every resource (*)');
  });
});

describe('EDA-IAM-008 no decrypt on all keys', () => {
  it('passes for a named key', () => {
    const { stack } = newStack();
    role(stack, 'r', 'lambda.amazonaws.com', [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-west-1:1:key/k' }]);
    expectNoFinding(stack, 'EDA-IAM-008');
  });
  it('fails for *', () => {
    const { stack } = newStack();
    const p = new IamPolicy(stack, 'p', { policy: policy({ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: '*' }) });
    expectFinding(stack, 'EDA-IAM-008', p, 'policy allows kms:Decrypt on every key (*)');
  });
});

describe('EDA-IAM-009 PassRole scoped', () => {
  it('passes for a named role', () => {
    const { stack } = newStack();
    role(stack, 'r', 'lambda.amazonaws.com', [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::1:role/pipe' }]);
    expectNoFinding(stack, 'EDA-IAM-009');
  });
  it('fails for *', () => {
    const { stack } = newStack();
    const p = new IamPolicy(stack, 'p', { policy: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) });
    expectFinding(stack, 'EDA-IAM-009', p, 'policy allows iam:PassRole on every role (*)');
  });
});

describe('EDA-IAM-010 AWS managed policies (optional)', () => {
  it('passes for customer policies', () => {
    const { stack } = newStack();
    const r = role(stack, 'r', 'lambda.amazonaws.com', []);
    const p = new IamPolicy(stack, 'p', { policy: policy({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:1:q' }) });
    new IamRolePolicyAttachment(stack, 'a', { role: r.name, policyArn: p.arn });
    expectNoFinding(stack, 'EDA-IAM-010');
  });
  it('fails for an AWS managed policy', () => {
    const { stack } = newStack();
    const r = new IamRole(stack, 'r', { assumeRolePolicy: trust({ Service: 'lambda.amazonaws.com' }), managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] });
    expectFinding(stack, 'EDA-IAM-010', r, 'attaches the AWS managed service-role/AWSLambdaBasicExecutionRole');
  });
});

describe('EDA-IAM-011 inline policies (optional)', () => {
  it('passes for attached managed policies', () => {
    const { stack } = newStack();
    role(stack, 'r', 'lambda.amazonaws.com', []);
    expectNoFinding(stack, 'EDA-IAM-011');
  });
  it('fails for an inline role policy', () => {
    const { stack } = newStack();
    const r = role(stack, 'r', 'lambda.amazonaws.com', []);
    const p = new IamRolePolicy(stack, 'p', { role: r.name, policy: policy({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:1:q' }) });
    expectFinding(stack, 'EDA-IAM-011', p, 'is an inline role policy');
  });
});
