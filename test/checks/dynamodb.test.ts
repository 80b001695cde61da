import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { PipesPipe } from '@cdktf/provider-aws/lib/pipes-pipe';
import { buildOrders, newStack } from './fixtures';
import { expectFinding, expectNoFinding } from './helpers';

const base = { hashKey: 'pk', attribute: [{ name: 'pk', type: 'S' }], billingMode: 'PAY_PER_REQUEST' };

describe('EDA-DDB-001 point-in-time recovery', () => {
  it('passes when enabled', () => {
    const { stack } = newStack();
    new DynamodbTable(stack, 't', { name: 'orders', ...base, pointInTimeRecovery: { enabled: true } });
    expectNoFinding(stack, 'EDA-DDB-001');
  });
  it('fails when absent', () => {
    const { stack } = newStack();
    const t = new DynamodbTable(stack, 't', { name: 'orders', ...base });
    expectFinding(stack, 'EDA-DDB-001', t, 'table has no point-in-time recovery');
  });
});

describe('EDA-DDB-002 customer-managed key', () => {
  it('passes with a customer-managed key', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-DDB-002');
  });
  it('fails with the AWS owned or AWS managed key', () => {
    const { stack } = newStack();
    const owned = new DynamodbTable(stack, 'owned', { name: 'a', ...base });
    const managed = new DynamodbTable(stack, 'managed', { name: 'b', ...base, serverSideEncryption: { enabled: true } });
    expectFinding(stack, 'EDA-DDB-002', owned, 'table is encrypted with an AWS owned key');
    expectFinding(stack, 'EDA-DDB-002', managed, 'table is encrypted with the AWS managed key');
  });
});

describe('EDA-DDB-003 capacity scales', () => {
  it('passes on demand, or provisioned with read and write scaling', () => {
    const { stack } = newStack();
    new DynamodbTable(stack, 'od', { name: 'od', ...base });
    const p = new DynamodbTable(stack, 'p', { name: 'p', hashKey: 'pk', attribute: [{ name: 'pk', type: 'S' }], readCapacity: 5, writeCapacity: 5 });
    for (const d of ['Read', 'Write']) {
      new AppautoscalingTarget(stack, `scale-${d}`, { serviceNamespace: 'dynamodb', resourceId: `table/${p.name}`, scalableDimension: `dynamodb:table:${d}CapacityUnits`, minCapacity: 5, maxCapacity: 50 });
    }
    expectNoFinding(stack, 'EDA-DDB-003');
  });
  it('fails provisioned with only read scaling', () => {
    const { stack } = newStack();
    const p = new DynamodbTable(stack, 'p', { name: 'p', hashKey: 'pk', attribute: [{ name: 'pk', type: 'S' }], readCapacity: 5, writeCapacity: 5 });
    new AppautoscalingTarget(stack, 'scale', { serviceNamespace: 'dynamodb', resourceId: `table/${p.name}`, scalableDimension: 'dynamodb:table:ReadCapacityUnits', minCapacity: 5, maxCapacity: 50 });
    expectFinding(stack, 'EDA-DDB-003', p, 'provisioned table has no auto scaling of write capacity');
  });
});

describe('EDA-DDB-004 deletion protection', () => {
  it('passes when enabled', () => {
    const { stack } = newStack();
    new DynamodbTable(stack, 't', { name: 'orders', ...base, deletionProtectionEnabled: true });
    expectNoFinding(stack, 'EDA-DDB-004');
  });
  it('fails when absent', () => {
    const { stack } = newStack();
    const t = new DynamodbTable(stack, 't', { name: 'orders', ...base });
    expectFinding(stack, 'EDA-DDB-004', t, 'table has no deletion protection');
  });
});

describe('EDA-DDB-005 table limits', () => {
  it('passes for a valid table with an index', () => {
    const { stack } = newStack();
    new DynamodbTable(stack, 't', {
      name: 'orders',
      ...base,
      attribute: [{ name: 'pk', type: 'S' }, { name: 'customer', type: 'S' }],
      globalSecondaryIndex: [{ name: 'by-customer', hashKey: 'customer', projectionType: 'ALL' }],
      streamEnabled: true,
      streamViewType: 'NEW_AND_OLD_IMAGES',
      ttl: { enabled: true, attributeName: 'expiresAt' },
    });
    expectNoFinding(stack, 'EDA-DDB-005');
  });
  it('fails for a stream without view type, a non-key attribute, capacities on demand, and a short name', () => {
    const { stack } = newStack();
    const t = new DynamodbTable(stack, 't', {
      name: 'ab',
      ...base,
      attribute: [{ name: 'pk', type: 'S' }, { name: 'total', type: 'N' }],
      readCapacity: 5,
      streamEnabled: true,
    });
    expectFinding(stack, 'EDA-DDB-005', t, 'stream_enabled = true without stream_view_type');
    expectFinding(stack, 'EDA-DDB-005', t, 'attribute total is not a key of the table or an index');
    expectFinding(stack, 'EDA-DDB-005', t, 'read_capacity set on a PAY_PER_REQUEST table');
    expectFinding(stack, 'EDA-DDB-005', t, 'name = "ab" is invalid: 3 to 255 of a-z A-Z 0-9 _ - .');
  });
  it('fails for a provisioned table without capacities', () => {
    const { stack } = newStack();
    const t = new DynamodbTable(stack, 't', { name: 'orders', hashKey: 'pk', attribute: [{ name: 'pk', type: 'S' }] });
    expectFinding(stack, 'EDA-DDB-005', t, 'read_capacity is not set on a PROVISIONED table');
  });
});

describe('EDA-DDB-006 at most two stream readers', () => {
  it('passes with a pipe and a mapping', () => {
    const { stack } = newStack();
    const o = buildOrders(stack);
    new LambdaEventSourceMapping(stack, 'm', { eventSourceArn: o.table.streamArn, functionName: 'f', startingPosition: 'LATEST' });
    expectNoFinding(stack, 'EDA-DDB-006');
  });
  it('fails with three readers on one stream (disabled mappings do not count)', () => {
    const { stack } = newStack();
    const o = buildOrders(stack);
    new LambdaEventSourceMapping(stack, 'm1', { eventSourceArn: o.table.streamArn, functionName: 'f', startingPosition: 'LATEST' });
    new LambdaEventSourceMapping(stack, 'm2', { eventSourceArn: o.table.streamArn, functionName: 'g', startingPosition: 'LATEST' });
    new LambdaEventSourceMapping(stack, 'off', { eventSourceArn: o.table.streamArn, functionName: 'h', startingPosition: 'LATEST', enabled: false });
    expectFinding(stack, 'EDA-DDB-006', o.table, 'stream has 3 readers (x/m1, x/m2, x/orders-pipe); DynamoDB throttles more than two per shard');
  });
});

describe('EDA-DDB-007 consumers read an enabled stream', () => {
  it('passes when the stream is enabled', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-DDB-007');
  });
  it('fails for a mapping and a pipe on a table without stream', () => {
    const { stack } = newStack();
    const t = new DynamodbTable(stack, 't', { name: 'orders', ...base });
    const m = new LambdaEventSourceMapping(stack, 'm', { eventSourceArn: t.streamArn, functionName: 'f', startingPosition: 'LATEST' });
    const p = new PipesPipe(stack, 'p', { roleArn: 'arn:aws:iam::1:role/r', source: t.streamArn, target: 'arn:aws:events:eu-west-1:1:event-bus/b' });
    expectFinding(stack, 'EDA-DDB-007', m, 'reads the stream of x/t, which has no stream');
    expectFinding(stack, 'EDA-DDB-007', p, 'reads the stream of x/t, which has no stream');
  });
});
