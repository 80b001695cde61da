import { EventBusWithRules, GrantedStatements, IGrantee, PolicyStatement, QueueWithDlq, RoleGrantee, TableWithStream, TopicWithFilteredSubscriptions, ValidationError } from '../../modules';
import { errorOf } from '../helpers/errors';
import { resourcesOf, synthJson, testStack } from '../helpers/synth';
import { decodeJsonencode } from '../../modules/core/hcl';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';

/** A grantee that only records what it is granted. */
function recorder(): IGrantee & { statements: readonly PolicyStatement[] } {
  const granted = new GrantedStatements();
  return {
    addToPrincipalPolicy: (s) => granted.add(s),
    get statements() {
      return granted.statements;
    },
  };
}

/** The statements granted, by content: action(s) and resource(s), Sid left out. */
function grantsOf(grantee: { statements: readonly PolicyStatement[] }): Array<{ Action: unknown; Resource: unknown }> {
  expect(grantee.statements.length).toBeGreaterThan(0);
  return grantee.statements.map((s) => ({ Action: s.Action, Resource: s.Resource }));
}

describe('grants', () => {
  it('a queue grants sending and consuming, with the key actions of its customer managed key', () => {
    const stack = testStack();
    const queue = new QueueWithDlq(stack, 'orders', { name: 'orders', encryption: { kmsKeyArn: KEY } });
    const producer = recorder();
    const consumer = recorder();
    queue.grantSendMessages(producer);
    queue.grantConsumeMessages(consumer);
    expect(grantsOf(producer)).toEqual([
      { Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], Resource: queue.queueArn },
      { Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: KEY },
    ]);
    expect(grantsOf(consumer)).toEqual([
      { Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'], Resource: queue.queueArn },
      { Action: ['kms:Decrypt'], Resource: KEY },
    ]);
  });

  it('a topic grants publishing with its key; a bus grants PutEvents on itself', () => {
    const stack = testStack();
    const topic = new TopicWithFilteredSubscriptions(stack, 'events', { name: 'order-events' });
    const bus = new EventBusWithRules(stack, 'bus', { name: 'orders' });
    const publisher = recorder();
    topic.grantPublish(publisher);
    bus.grantPutEvents(publisher);
    expect(grantsOf(publisher)).toEqual([
      { Action: 'sns:Publish', Resource: topic.topicArn },
      { Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: topic.kmsKeyArn },
      { Action: 'events:PutEvents', Resource: bus.eventBusArn },
    ]);
  });

  it('a table grants item access (all, or only named actions) and stream reading, with its key', () => {
    const stack = testStack();
    const table = new TableWithStream(stack, 'orders', { name: 'orders', partitionKey: { name: 'pk', type: 'S' }, encryption: { kmsKeyArn: KEY } });
    const api = recorder();
    const reader = recorder();
    const narrow = recorder();
    table.grantReadWriteData(api);
    table.grantStreamRead(reader);
    table.grant(narrow, 'dynamodb:GetItem');
    const [items, key] = grantsOf(api);
    expect(items).toEqual({ Action: expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DeleteItem']), Resource: [table.tableArn, `${table.tableArn}/index/*`] });
    expect(key).toEqual({ Action: expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']), Resource: KEY });
    expect(grantsOf(reader)).toEqual([
      { Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], Resource: table.streamArn },
      { Action: 'dynamodb:ListStreams', Resource: `${table.tableArn}/stream/*` },
      { Action: 'kms:Decrypt', Resource: KEY },
    ]);
    // Read-only actions get only the key's read actions.
    expect(grantsOf(narrow)).toEqual([
      { Action: 'dynamodb:GetItem', Resource: table.tableArn },
      { Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: KEY },
    ]);
  });

  it('a table grants item actions on the partitions a caller owns, with its key, and never a scan', () => {
    const stack = testStack();
    const table = new TableWithStream(stack, 'claims', { name: 'claims', partitionKey: { name: 'pk', type: 'S' }, encryption: { kmsKeyArn: KEY } });
    const billing = recorder();
    table.grantOnPartitions(billing, ['billing#*'], 'dynamodb:GetItem', 'dynamodb:PutItem');
    expect(billing.statements.length).toBeGreaterThan(0);
    expect(billing.statements.map(({ Action, Resource, Condition }) => ({ Action, Resource, Condition }))).toEqual([
      {
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        Resource: table.tableArn,
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['billing#*'] } },
      },
      // A write needs the key's encrypt actions too.
      { Action: expect.arrayContaining(['kms:Encrypt', 'kms:GenerateDataKey*', 'kms:Decrypt']), Resource: KEY, Condition: undefined },
    ]);
    // A scan names no partition key, so ForAllValues would hold for it: refused.
    expect(errorOf(() => table.grantOnPartitions(recorder(), ['billing#*'], 'dynamodb:Query', 'dynamodb:Scan'))).toMatch(
      /grantOnPartitions\.actions\[1\].*dynamodb:Scan.*a scan names no partition key/s,
    );
    expect(errorOf(() => table.grantOnPartitions(recorder(), [], 'dynamodb:GetItem'))).toMatch(/grantOnPartitions\.leadingKeys.*at least one partition key pattern/s);
    expect(errorOf(() => table.grantOnPartitions(recorder(), ['x#*']))).toMatch(/grantOnPartitions\.actions.*at least one DynamoDB item action/s);
  });

  it('refuses a grant that cannot be made, naming the field and what is allowed', () => {
    const stack = testStack();
    const table = new TableWithStream(stack, 'orders', { name: 'orders', partitionKey: { name: 'pk', type: 'S' }, stream: false });
    expect(() => table.grantStreamRead(recorder())).toThrow(ValidationError);
    expect(errorOf(() => table.grantStreamRead(recorder()))).toContain('grantStreamRead');
    expect(errorOf(() => table.grant(recorder(), 'sqs:SendMessage'))).toMatch(/grant\.actions\[0\].*must be a DynamoDB action/s);
  });

  it('a role grantee gathers every grant into one inline policy, each statement once', () => {
    const stack = testStack();
    const queue = new QueueWithDlq(stack, 'orders', { name: 'orders' });
    const grantee = new RoleGrantee(stack, 'worker', { roleName: 'worker-role' });
    queue.grantConsumeMessages(grantee);
    queue.grantConsumeMessages(grantee);
    queue.grantSendMessages(grantee);
    const policies = resourcesOf(synthJson(stack), 'aws_iam_role_policy');
    expect(policies).toHaveLength(1);
    expect(policies[0]).toMatchObject({ role: 'worker-role', name: 'granted-access' });
    const document = decodeJsonencode(policies[0].policy) as { Statement: PolicyStatement[] };
    expect(document.Statement.map((s) => s.Action)).toEqual([
      ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
      ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
    ]);
  });
});
