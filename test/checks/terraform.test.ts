import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { LocalBackend, S3Backend, TerraformStack, Testing } from 'cdktf';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { enableChecks, QueueWithDlq, requireTerraformVersion, suppress, TopicWithFilteredSubscriptions, ValidationError } from '../../modules';
import { buildOrders, newStack, policy } from './fixtures';
import { expectFinding, expectNoFinding, findings } from './helpers';

describe('EDA-TF-001 no reference cycles', () => {
  it('passes for the orders stack', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-TF-001');
  });
  it('fails for a cycle through a JSON policy and depends_on', () => {
    const { stack } = newStack();
    const a = new SqsQueue(stack, 'a', {});
    const b = new SqsQueue(stack, 'b', { policy: policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: a.arn }) });
    a.dependsOn = [b.fqn];
    expectFinding(stack, 'EDA-TF-001', a, 'is in a reference cycle with x/b; Terraform refuses to plan it ("Cycle")');
  });
  it('fails for a cycle through jsonencode, and a self-reference', () => {
    const { stack } = newStack();
    const a = new SqsQueue(stack, 'a', {});
    const p = new SqsQueuePolicy(stack, 'p', { queueUrl: a.url, policy: '${jsonencode({"Resource" = aws_sqs_queue.a.arn})}' });
    a.addOverride('redrive_policy', '${jsonencode({"deadLetterTargetArn" = aws_sqs_queue_policy.p.id})}');
    const self = new SqsQueue(stack, 'self', {});
    self.addOverride('name', '${aws_sqs_queue.self.arn}');
    expectFinding(stack, 'EDA-TF-001', a, 'is in a reference cycle with x/p');
    expectFinding(stack, 'EDA-TF-001', self, 'refers to itself');
    void p;
  });
});

describe('EDA-TF-002 references are declared', () => {
  it('passes for the orders stack', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-TF-002');
  });
  it('fails for a hand-written address', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    q.addOverride('redrive_policy', '${jsonencode({"deadLetterTargetArn" = aws_sqs_queue.gone.arn, "maxReceiveCount" = 5})}');
    expectFinding(stack, 'EDA-TF-002', q, 'refers to aws_sqs_queue.gone, which the stack does not declare');
  });
});

describe('EDA-TF-005 a production-like stack names its account', () => {
  const table = (stack: TerraformStack, deletionProtectionEnabled: boolean) =>
    new DynamodbTable(stack, 'table', { name: 't', hashKey: 'pk', attribute: [{ name: 'pk', type: 'S' }], deletionProtectionEnabled });

  it('warns on a table with deletion protection when the provider names no allowed_account_ids', () => {
    const { stack } = newStack();
    const t = table(stack, true);
    expectFinding(stack, 'EDA-TF-005', t, "has deletion protection on, so its stack is production-like, but the stack's AWS provider names no allowed_account_ids");
  });
  it('passes when the provider names the account, or when nothing is production-like', () => {
    const named = new TerraformStack(Testing.app(), 'named');
    new AwsProvider(named, 'aws', { region: 'eu-west-1', allowedAccountIds: ['111122223333'] });
    table(named, true);
    expectNoFinding(named, 'EDA-TF-005');
    const { stack } = newStack();
    table(stack, false);
    expectNoFinding(stack, 'EDA-TF-005');
  });
  it('is silenced by a suppression on the stack, with its reason', () => {
    const { stack } = newStack();
    table(stack, true);
    suppress(stack, 'EDA-TF-005', 'the account is pinned by the deployment role, not by the provider');
    expect(findings(stack, 'EDA-TF-005').map((f) => f.suppression?.reason)).toEqual(['the account is pinned by the deployment role, not by the provider']);
  });
});

describe('EDA-TF-006 a production-like stack keeps its state remotely', () => {
  const protectedTable = (stack: TerraformStack) =>
    new DynamodbTable(stack, 'table', { name: 't', hashKey: 'pk', attribute: [{ name: 'pk', type: 'S' }], deletionProtectionEnabled: true });

  it('warns with no backend, and with a local one', () => {
    const { stack } = newStack();
    const t = protectedTable(stack);
    expectFinding(stack, 'EDA-TF-006', t, 'keeps its Terraform state in a local file');
    const local = newStack('local').stack;
    new LocalBackend(local, { path: 'state.tfstate' });
    expectFinding(local, 'EDA-TF-006', protectedTable(local), 'keeps its Terraform state in a local file');
  });
  it('passes with an S3 backend, or without deletion protection', () => {
    const { stack } = newStack();
    protectedTable(stack);
    new S3Backend(stack, { bucket: 'state', key: 'k', region: 'eu-west-1' });
    expectNoFinding(stack, 'EDA-TF-006');
    const dev = newStack('dev').stack;
    new DynamodbTable(dev, 'table', { name: 't', hashKey: 'pk', attribute: [{ name: 'pk', type: 'S' }] });
    expectNoFinding(dev, 'EDA-TF-006');
  });
  it('is silenced by a suppression with a reason', () => {
    const { stack } = newStack();
    const t = protectedTable(stack);
    suppress(t, 'EDA-TF-006', 'a throw-away load-test copy of production');
    expect(findings(stack, 'EDA-TF-006').every((f) => f.suppression)).toBe(true);
  });
});

describe('requireTerraformVersion', () => {
  it('writes required_version, 1.10 or later by default', () => {
    const { stack } = newStack();
    requireTerraformVersion(stack);
    expect(JSON.parse(Testing.synth(stack)).terraform.required_version).toBe('>= 1.10.0');
    const pinned = newStack('pinned').stack;
    requireTerraformVersion(pinned, '~> 1.11');
    expect(JSON.parse(Testing.synth(pinned)).terraform.required_version).toBe('~> 1.11');
  });
  it('writes it into HCL too, where cdktf 0.21 alone writes `0 = "required_version"`', () => {
    const { stack } = newStack();
    requireTerraformVersion(stack, '~> 1.11');
    requireTerraformVersion(stack, '>= 1.10.0, < 2.0.0');
    const hcl = stack.toHclTerraform().hcl;
    expect(hcl).toContain('required_version = ">= 1.10.0, < 2.0.0"');
    expect(hcl).not.toMatch(/\d+ = "required_version"/);
  });
  it('refuses what is not a version constraint', () => {
    const { stack } = newStack();
    expect(() => requireTerraformVersion(stack, 'latest')).toThrow('x: constraint = "latest" is invalid: must be a Terraform version constraint such as ">= 1.10.0" or "~> 1.11"');
    expect(() => requireTerraformVersion(stack, 1.1 as never)).toThrow(ValidationError);
  });
});

describe('EDA-TF-007 AWS names are unique in the stack', () => {
  it('reports two QueueWithDlq named alike, naming both construct paths', () => {
    const { stack } = newStack();
    new QueueWithDlq(stack, 'first', { name: 'purchasing' });
    const second = new QueueWithDlq(stack, 'second', { name: 'purchasing' });
    const finding = expectFinding(stack, 'EDA-TF-007', second.queue, 'has the SQS queue name "purchasing" that x/first/Resource/Queue already has in this account and Region');
    expect(finding.fix).toBe('give one of them another name (x/first/Resource/Queue and x/second/Resource/Queue)');
    expectFinding(stack, 'EDA-TF-007', second.deadLetterQueue.queue, 'has the SQS queue name "purchasing-dlq" that x/first/DeadLetterQueue/Resource/Queue already has');
    expect(findings(stack, 'EDA-TF-007')).toHaveLength(4); // queue, DLQ, and their two alarms
  });

  it('reports two rules with one name on one bus, and not on different buses', () => {
    const { stack } = newStack();
    const bus = new CloudwatchEventBus(stack, 'bus', { name: 'orders' });
    const other = new CloudwatchEventBus(stack, 'other', { name: 'billing' });
    new CloudwatchEventRule(stack, 'a', { name: 'placed', eventBusName: bus.name, eventPattern: '{"source":["a"]}' });
    const b = new CloudwatchEventRule(stack, 'b', { name: 'placed', eventBusName: bus.name, eventPattern: '{"source":["a"]}' });
    new CloudwatchEventRule(stack, 'c', { name: 'placed', eventBusName: other.name, eventPattern: '{"source":["a"]}' });
    expectFinding(stack, 'EDA-TF-007', b, 'has the EventBridge rule name "placed" that x/a already has on the same event bus name');
    expect(findings(stack, 'EDA-TF-007')).toHaveLength(1);
  });

  it('reports topics, tables, functions, buses, log groups and roles; IAM names across Regions too', () => {
    const { stack } = newStack();
    const west = new AwsProvider(stack, 'east', { region: 'us-east-1', alias: 'east' });
    const pairs = [
      (id: string, p?: AwsProvider) => new SnsTopic(stack, `topic-${id}`, { name: 'alerts', provider: p }),
      (id: string, p?: AwsProvider) => new DynamodbTable(stack, `table-${id}`, { name: 'orders', hashKey: 'pk', attribute: [{ name: 'pk', type: 'S' }], provider: p }),
      (id: string, p?: AwsProvider) => new CloudwatchEventBus(stack, `bus-${id}`, { name: 'orders', provider: p }),
      (id: string, p?: AwsProvider) => new CloudwatchLogGroup(stack, `logs-${id}`, { name: '/orders', provider: p }),
      (id: string, p?: AwsProvider) => new LambdaFunction(stack, `fn-${id}`, { functionName: 'api', role: 'arn:aws:iam::111122223333:role/r', provider: p }),
    ];
    for (const make of pairs) {
      make('1');
      const twin = make('2');
      make('other-region', west);
      expectFinding(stack, 'EDA-TF-007', twin, `already has in this account and Region`);
    }
    new IamRole(stack, 'role-1', { name: 'api-role', assumeRolePolicy: '{}' });
    const roleInEast = new IamRole(stack, 'role-2', { name: 'api-role', assumeRolePolicy: '{}', provider: west });
    expectFinding(stack, 'EDA-TF-007', roleInEast, 'has the IAM role name "api-role" that x/role-1 already has in this account');
    expect(findings(stack, 'EDA-TF-007')).toHaveLength(pairs.length + 1);
  });

  it('fails synth when checks are on', () => {
    const { stack } = newStack();
    enableChecks(stack, { reports: false });
    new TopicWithFilteredSubscriptions(stack, 'a', { name: 'alerts' });
    new TopicWithFilteredSubscriptions(stack, 'b', { name: 'alerts' });
    expect(() => Testing.synth(stack, true)).toThrow(/EDA-TF-007 x\/b\/Topic: has the SNS topic name "alerts" that x\/a\/Topic already has/);
  });
});
