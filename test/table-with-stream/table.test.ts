import { TerraformOutput } from 'cdktf';
import { refTo, resourceAt, resourcesOf } from '../helpers/synth';
import { build, TABLE_KEY } from './fixtures';

const TABLE = 'aws_dynamodb_table';

describe('TableWithStream defaults', () => {
  const { json, table } = build();
  const t = resourceAt(json, TABLE, 'orders/Table');

  it('makes an on-demand table with a stream of new and old images', () => {
    expect(t).toMatchObject({
      name: 'orders',
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'pk',
      stream_enabled: true,
      stream_view_type: 'NEW_AND_OLD_IMAGES',
    });
    for (const absent of ['read_capacity', 'write_capacity', 'on_demand_throughput', 'range_key', 'lifecycle', 'global_secondary_index', 'local_secondary_index']) {
      expect(t[absent]).toBeUndefined();
    }
    expect(resourcesOf(json, 'aws_appautoscaling_target')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_appautoscaling_policy')).toHaveLength(0);
  });

  it('turns on point-in-time recovery, KMS encryption with the AWS managed key and deletion protection', () => {
    expect(t.point_in_time_recovery).toEqual({ enabled: true });
    expect(t.server_side_encryption).toEqual({ enabled: true });
    expect(t.deletion_protection_enabled).toBe(true);
  });

  it('leaves TTL off, the table class and tags to AWS', () => {
    expect(t.ttl).toBeUndefined();
    expect(t.table_class).toBeUndefined();
    expect(t.tags).toBeUndefined();
  });

  it('exposes the table name and ARN and the stream ARN as references', () => {
    const { json: out } = build({}, (tbl) => new TerraformOutput(tbl, 'names', { value: [tbl.tableName, tbl.tableArn, tbl.streamArn] }));
    const output = Object.entries(out.output as Record<string, { value: unknown }>).find(([key]) => key.includes('names'))!;
    expect(output[1].value).toEqual([
      refTo(out, TABLE, 'orders/Table', 'name'),
      refTo(out, TABLE, 'orders/Table', 'arn'),
      refTo(out, TABLE, 'orders/Table', 'stream_arn'),
    ]);
    expect(table.streamViewType).toBe('NEW_AND_OLD_IMAGES');
    expect(table.kmsKeyArn).toBeUndefined();
  });
});

describe('TableWithStream keys and derived attributes', () => {
  it('defines only the partition key for a simple table', () => {
    const { json, table } = build();
    expect(resourceAt(json, TABLE, 'orders/Table').attribute).toEqual([{ name: 'pk', type: 'S' }]);
    expect(table.attributeDefinitions).toEqual([{ name: 'pk', type: 'S' }]);
  });

  it('derives one attribute per key of the table and its indexes, and no other', () => {
    const { json, table } = build({
      sortKey: { name: 'sk', type: 'S' },
      globalSecondaryIndexes: [
        { name: 'byCustomer', partitionKey: { name: 'customerId', type: 'S' }, sortKey: { name: 'createdAt', type: 'N' } },
        { name: 'byStatus', partitionKey: { name: 'status', type: 'S' }, sortKey: { name: 'createdAt', type: 'N' }, projectionType: 'KEYS_ONLY' },
        { name: 'bySk', partitionKey: { name: 'sk', type: 'S' }, projectionType: 'INCLUDE', nonKeyAttributes: ['total', 'currency'] },
      ],
      localSecondaryIndexes: [{ name: 'byTotal', sortKey: { name: 'total', type: 'N' } }],
    });
    const t = resourceAt(json, TABLE, 'orders/Table');
    const expected = [
      { name: 'pk', type: 'S' },
      { name: 'sk', type: 'S' },
      { name: 'customerId', type: 'S' },
      { name: 'createdAt', type: 'N' },
      { name: 'status', type: 'S' },
      { name: 'total', type: 'N' },
    ];
    expect(t.attribute).toEqual(expected);
    expect(table.attributeDefinitions).toEqual(expected);
    // non-key attributes are projected, never defined (an unused attribute definition is refused)
    expect(t.attribute.map((a: { name: string }) => a.name)).not.toContain('currency');
    expect(t.hash_key).toBe('pk');
    expect(t.range_key).toBe('sk');
  });

  it('writes global secondary indexes with their keys and projection (ALL by default)', () => {
    const { json } = build({
      globalSecondaryIndexes: [
        { name: 'byCustomer', partitionKey: { name: 'customerId', type: 'S' }, sortKey: { name: 'createdAt', type: 'N' } },
        { name: 'byStatus', partitionKey: { name: 'status', type: 'S' }, projectionType: 'INCLUDE', nonKeyAttributes: ['total'] },
      ],
    });
    expect(resourceAt(json, TABLE, 'orders/Table').global_secondary_index).toEqual([
      { name: 'byCustomer', hash_key: 'customerId', range_key: 'createdAt', projection_type: 'ALL' },
      { name: 'byStatus', hash_key: 'status', projection_type: 'INCLUDE', non_key_attributes: ['total'] },
    ]);
  });

  it("writes local secondary indexes on the table's partition key with their own sort key", () => {
    const { json } = build({
      sortKey: { name: 'sk', type: 'S' },
      localSecondaryIndexes: [
        { name: 'byTotal', sortKey: { name: 'total', type: 'N' }, projectionType: 'KEYS_ONLY' },
        { name: 'byCreated', sortKey: { name: 'createdAt', type: 'S' }, projectionType: 'INCLUDE', nonKeyAttributes: ['status'] },
      ],
    });
    expect(resourceAt(json, TABLE, 'orders/Table').local_secondary_index).toEqual([
      { name: 'byTotal', range_key: 'total', projection_type: 'KEYS_ONLY' },
      { name: 'byCreated', range_key: 'createdAt', projection_type: 'INCLUDE', non_key_attributes: ['status'] },
    ]);
  });
});

describe('TableWithStream capacity', () => {
  it('caps on-demand throughput when asked', () => {
    const { json } = build({ capacity: { mode: 'on-demand', maxReadRequestUnits: 100, maxWriteRequestUnits: 50 } });
    const t = resourceAt(json, TABLE, 'orders/Table');
    expect(t.billing_mode).toBe('PAY_PER_REQUEST');
    expect(t.on_demand_throughput).toEqual({ max_read_request_units: 100, max_write_request_units: 50 });
  });

  it('caps only reads when only reads are capped', () => {
    const { json } = build({ capacity: { mode: 'on-demand', maxReadRequestUnits: 10 } });
    expect(resourceAt(json, TABLE, 'orders/Table').on_demand_throughput).toEqual({ max_read_request_units: 10 });
  });

  describe('provisioned, with auto scaling', () => {
    const { json, table } = build({
      globalSecondaryIndexes: [
        { name: 'byCustomer', partitionKey: { name: 'customerId', type: 'S' } },
        { name: 'byStatus', partitionKey: { name: 'status', type: 'S' } },
      ],
      capacity: {
        mode: 'provisioned',
        readCapacity: { minCapacity: 5, maxCapacity: 100, targetUtilizationPercent: 60 },
        writeCapacity: { minCapacity: 2, maxCapacity: 40 },
        globalSecondaryIndexes: { byStatus: { readCapacity: { minCapacity: 1, maxCapacity: 10, targetUtilizationPercent: 80 } } },
      },
    });
    const t = resourceAt(json, TABLE, 'orders/Table');
    const tableName = refTo(json, TABLE, 'orders/Table', 'name');

    it('creates a provisioned table at the minimum capacities', () => {
      expect(t).toMatchObject({ billing_mode: 'PROVISIONED', read_capacity: 5, write_capacity: 2 });
      expect(t.on_demand_throughput).toBeUndefined();
      expect(t.global_secondary_index).toEqual([
        { name: 'byCustomer', hash_key: 'customerId', projection_type: 'ALL', read_capacity: 5, write_capacity: 2 },
        { name: 'byStatus', hash_key: 'status', projection_type: 'ALL', read_capacity: 1, write_capacity: 2 },
      ]);
    });

    it('tells Terraform to ignore the capacity auto scaling changes, indexes included', () => {
      expect(t.lifecycle).toEqual({ ignore_changes: ['read_capacity', 'write_capacity', 'global_secondary_index'] });
    });

    it('registers reads and writes of the table and of every index with Application Auto Scaling', () => {
      const targets = resourcesOf(json, 'aws_appautoscaling_target').map((r) => {
        const { ['//']: _meta, ...rest } = r;
        return rest;
      });
      expect(targets).toEqual([
        { service_namespace: 'dynamodb', resource_id: `table/${tableName}`, scalable_dimension: 'dynamodb:table:ReadCapacityUnits', min_capacity: 5, max_capacity: 100 },
        { service_namespace: 'dynamodb', resource_id: `table/${tableName}`, scalable_dimension: 'dynamodb:table:WriteCapacityUnits', min_capacity: 2, max_capacity: 40 },
        { service_namespace: 'dynamodb', resource_id: `table/${tableName}/index/byCustomer`, scalable_dimension: 'dynamodb:index:ReadCapacityUnits', min_capacity: 5, max_capacity: 100 },
        { service_namespace: 'dynamodb', resource_id: `table/${tableName}/index/byCustomer`, scalable_dimension: 'dynamodb:index:WriteCapacityUnits', min_capacity: 2, max_capacity: 40 },
        { service_namespace: 'dynamodb', resource_id: `table/${tableName}/index/byStatus`, scalable_dimension: 'dynamodb:index:ReadCapacityUnits', min_capacity: 1, max_capacity: 10 },
        { service_namespace: 'dynamodb', resource_id: `table/${tableName}/index/byStatus`, scalable_dimension: 'dynamodb:index:WriteCapacityUnits', min_capacity: 2, max_capacity: 40 },
      ]);
      expect(table.autoScaling).toHaveLength(6);
    });

    it('tracks the utilisation target on each, through the target (so it is created after it)', () => {
      const policy = resourceAt(json, 'aws_appautoscaling_policy', 'orders/ReadAutoScalingPolicy');
      const target = (attr: string) => refTo(json, 'aws_appautoscaling_target', 'orders/ReadAutoScalingTarget', attr);
      expect(policy).toMatchObject({
        name: 'DynamoDBReadCapacityUtilization',
        policy_type: 'TargetTrackingScaling',
        service_namespace: target('service_namespace'),
        resource_id: target('resource_id'),
        scalable_dimension: target('scalable_dimension'),
        target_tracking_scaling_policy_configuration: {
          target_value: 60,
          predefined_metric_specification: { predefined_metric_type: 'DynamoDBReadCapacityUtilization' },
        },
      });
      const values = Object.fromEntries(
        resourcesOf(json, 'aws_appautoscaling_policy').map((p) => [
          p['//'].metadata.path.split('/').pop(),
          [p.name, p.target_tracking_scaling_policy_configuration.target_value],
        ]),
      );
      expect(values).toEqual({
        ReadAutoScalingPolicy: ['DynamoDBReadCapacityUtilization', 60],
        WriteAutoScalingPolicy: ['DynamoDBWriteCapacityUtilization', 70],
        byCustomerReadAutoScalingPolicy: ['DynamoDBReadCapacityUtilization', 60],
        byCustomerWriteAutoScalingPolicy: ['DynamoDBWriteCapacityUtilization', 70],
        byStatusReadAutoScalingPolicy: ['DynamoDBReadCapacityUtilization', 80],
        byStatusWriteAutoScalingPolicy: ['DynamoDBWriteCapacityUtilization', 70],
      });
    });
  });

  it('ignores only the table capacity when there are no indexes', () => {
    const { json } = build({
      capacity: { mode: 'provisioned', readCapacity: { minCapacity: 1, maxCapacity: 5 }, writeCapacity: { minCapacity: 1, maxCapacity: 5 } },
    });
    expect(resourceAt(json, TABLE, 'orders/Table').lifecycle).toEqual({ ignore_changes: ['read_capacity', 'write_capacity'] });
    expect(resourcesOf(json, 'aws_appautoscaling_target')).toHaveLength(2);
  });

  it('keeps index changes under Terraform when ignoreGlobalSecondaryIndexChanges is false', () => {
    const { json } = build({
      globalSecondaryIndexes: [{ name: 'byCustomer', partitionKey: { name: 'customerId', type: 'S' } }],
      capacity: {
        mode: 'provisioned',
        readCapacity: { minCapacity: 1, maxCapacity: 5 },
        writeCapacity: { minCapacity: 1, maxCapacity: 5 },
        ignoreGlobalSecondaryIndexChanges: false,
      },
    });
    expect(resourceAt(json, TABLE, 'orders/Table').lifecycle).toEqual({ ignore_changes: ['read_capacity', 'write_capacity'] });
  });
});

describe('TableWithStream overrides', () => {
  const table = (props: Parameters<typeof build>[0]) => resourceAt(build(props).json, TABLE, 'orders/Table');

  it('turns the stream off when told to, and exposes no stream', () => {
    const { json, table: construct } = build({ stream: false });
    const t = resourceAt(json, TABLE, 'orders/Table');
    expect(t.stream_enabled).toBe(false);
    expect(t.stream_view_type).toBeUndefined();
    expect(construct.streamArn).toBeUndefined();
    expect(construct.streamViewType).toBeUndefined();
  });

  it('uses another stream view type', () => {
    expect(table({ stream: { viewType: 'KEYS_ONLY' } })).toMatchObject({ stream_enabled: true, stream_view_type: 'KEYS_ONLY' });
  });

  it('turns point-in-time recovery off explicitly', () => {
    expect(table({ pointInTimeRecovery: false }).point_in_time_recovery).toEqual({ enabled: false });
  });

  it('sets the point-in-time recovery period', () => {
    expect(table({ pointInTimeRecoveryPeriodDays: 7 }).point_in_time_recovery).toEqual({ enabled: true, recovery_period_in_days: 7 });
  });

  it('encrypts with a customer-managed key', () => {
    const { json, table: construct } = build({ encryption: { kmsKeyArn: TABLE_KEY } });
    expect(resourceAt(json, TABLE, 'orders/Table').server_side_encryption).toEqual({ enabled: true, kms_key_arn: TABLE_KEY });
    expect(construct.kmsKeyArn).toBe(TABLE_KEY);
  });

  it('uses the AWS owned key when told to', () => {
    expect(table({ encryption: 'aws-owned' }).server_side_encryption).toEqual({ enabled: false });
  });

  it('turns deletion protection off', () => {
    expect(table({ deletionProtection: false }).deletion_protection_enabled).toBe(false);
  });

  it('turns TTL on for an attribute', () => {
    expect(table({ timeToLiveAttribute: 'expiresAt' }).ttl).toEqual({ attribute_name: 'expiresAt', enabled: true });
  });

  it('sets the table class', () => {
    expect(table({ tableClass: 'STANDARD_INFREQUENT_ACCESS' }).table_class).toBe('STANDARD_INFREQUENT_ACCESS');
  });

  it('tags the table and its auto scaling targets', () => {
    const { json } = build({
      tags: { team: 'orders' },
      capacity: { mode: 'provisioned', readCapacity: { minCapacity: 1, maxCapacity: 5 }, writeCapacity: { minCapacity: 1, maxCapacity: 5 } },
    });
    expect(resourceAt(json, TABLE, 'orders/Table').tags).toEqual({ team: 'orders' });
    expect(resourcesOf(json, 'aws_appautoscaling_target').length).toBeGreaterThan(0);
    for (const target of resourcesOf(json, 'aws_appautoscaling_target')) expect(target.tags).toEqual({ team: 'orders' });
  });
});

describe('TableWithStream data policies', () => {
  it('reads items of the table and its indexes', () => {
    // The document holds references until synth: read it back through a stack output.
    const { json } = build({}, (t) => new TerraformOutput(t, 'read', { value: JSON.stringify(t.readDataPolicy()) }));
    const arn = refTo(json, TABLE, 'orders/Table', 'arn');
    const output = Object.entries(json.output as Record<string, { value: string }>).find(([key]) => key.includes('read'))!;
    expect(JSON.parse(output[1].value)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadItems',
          Effect: 'Allow',
          Action: ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
          Resource: [arn, `${arn}/index/*`],
        },
      ],
    });
  });

  it('reads and writes items, with the KMS actions a customer-managed key needs', () => {
    const { table } = build({ encryption: { kmsKeyArn: TABLE_KEY } });
    const statements = table.readWriteDataPolicy().Statement;
    expect(statements[0].Action).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DescribeTable',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    expect(statements[1]).toEqual({
      Sid: 'UseTableKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
      Resource: TABLE_KEY,
    });
    expect(build({ encryption: { kmsKeyArn: TABLE_KEY } }).table.readDataPolicy().Statement[1].Action).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
  });
});
