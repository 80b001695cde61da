import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { buildOrders, newStack, policy } from './fixtures';
import { expectFinding, expectNoFinding, findings } from './helpers';

const trust = policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });

describe('EDA-IAM-012 policies name what IAM knows', () => {
  it('passes for the orders architecture', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-IAM-012');
  });

  it('fails a misspelt action, naming the statement and the likely action', () => {
    const { stack } = newStack();
    const role = new IamRole(stack, 'r', { name: 'r', assumeRolePolicy: trust });
    const q = new SqsQueue(stack, 'q', { name: 'q' });
    const p = new IamRolePolicy(stack, 'p', { role: role.name, policy: policy({ Effect: 'Allow', Action: ['sqs:SendMesage', 'sqs:Get*'], Resource: q.arn }) });
    expectFinding(stack, 'EDA-IAM-012', p, 'statement 1 names sqs:SendMesage, which is not an action of sqs (did you mean sqs:SendMessage?)');
    expect(findings(stack, 'EDA-IAM-012').map((f) => f.severity)).toEqual(['error']);
  });

  it('fails an unknown service and a wildcard that matches no action', () => {
    const { stack } = newStack();
    const role = new IamRole(stack, 'r', { name: 'r', assumeRolePolicy: trust });
    const p = new IamRolePolicy(stack, 'p', { role: role.name, policy: policy({ Effect: 'Allow', Action: ['sqss:SendMessage', 'sqs:Frobnicate*'], Resource: '*' }) });
    expectFinding(stack, 'EDA-IAM-012', p, 'statement 1 names "sqss:SendMessage", and IAM has no service "sqss"');
    expectFinding(stack, 'EDA-IAM-012', p, 'statement 1 names sqs:Frobnicate*, which is not an action of sqs');
  });

  it('fails a condition key that is neither global nor of the action’s service; passes global and service keys', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', { name: 'q' });
    const bad = new SqsQueuePolicy(stack, 'bad', {
      queueUrl: q.url,
      policy: policy({ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: q.arn, Condition: { StringEquals: { 's3:prefix': 'x', 'aws:SourceAccount': '123456789012' } } }),
    });
    expectFinding(stack, 'EDA-IAM-012', bad, 'statement 1 has condition key s3:prefix, which is neither global nor a key of sqs');
    expect(findings(stack, 'EDA-IAM-012').filter((f) => f.message.includes('aws:SourceAccount'))).toEqual([]);
  });

  it('fails a resource no action of the statement accepts', () => {
    const { stack } = newStack();
    const role = new IamRole(stack, 'r', { name: 'r', assumeRolePolicy: trust });
    const topic = new SnsTopic(stack, 't', { name: 't' });
    const p = new IamRolePolicy(stack, 'p', {
      role: role.name,
      policy: policy(
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: topic.arn },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:123456789012:orders' },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sns:eu-west-1:123456789012:orders' },
      ),
    });
    expectFinding(stack, 'EDA-IAM-012', p, 'statement 1 has Resource ${aws_sns_topic.t.arn}, which no resource type of sqs:SendMessage matches');
    expectFinding(stack, 'EDA-IAM-012', p, 'statement 3 has Resource arn:aws:sns:eu-west-1:123456789012:orders, which no resource type of sqs:SendMessage matches');
    expect(findings(stack, 'EDA-IAM-012').filter((f) => f.message.startsWith('EDA-IAM-012 x/p: statement 2'))).toEqual([]);
  });
});
