import { TerraformVariable } from 'cdktf';
import { IQueueTarget, ValidationError } from '../../modules';
import { PipeToEventBusOptions, TableConsumerProps, TableWithStream, TableWithStreamProps } from '../../modules/table-with-stream';
import { resourcesOf, synthJson, testStack } from '../helpers/synth';
import { BASE, build, BUS, errorOf, fakeQueue, FUNCTION_ARN, oneIssue } from './fixtures';

const P = 'test/orders';
const gsi = (name: string, pk = 'g') => ({ name, partitionKey: { name: pk, type: 'S' as const } });
const provisioned = { mode: 'provisioned' as const, readCapacity: { minCapacity: 1, maxCapacity: 5 }, writeCapacity: { minCapacity: 1, maxCapacity: 5 } };

describe('TableWithStream validation: each invalid prop names the path, the field, the value and the rule', () => {
  const cases: [string, Partial<TableWithStreamProps>, string, unknown, string][] = [
    ['a table name with other characters', { name: 'orders table' }, 'name', 'orders table', 'table names are 3–255 letters, digits, underscores, hyphens and dots'],
    ['a table name under 3 characters', { name: 'or' }, 'name', 'or', 'table names are 3–255 letters, digits, underscores, hyphens and dots'],
    ['a table name over 255 characters', { name: 'o'.repeat(256) }, 'name', 'o'.repeat(256), 'table names are 3–255'],
    ['no partition key', { partitionKey: undefined }, 'partitionKey', undefined, 'a table needs a partition key: { name, type }'],
    ['a key type other than S, N, B', { partitionKey: { name: 'pk', type: 'BOOL' as 'S' } }, 'partitionKey.type', 'BOOL', 'must be one of "S", "N", "B"'],
    ['an empty key name', { partitionKey: { name: '', type: 'S' } }, 'partitionKey.name', '', 'key attribute names are 1–255 bytes long'],
    ['a key name over 255 bytes', { partitionKey: { name: 'é'.repeat(128), type: 'S' } }, 'partitionKey.name', 'é'.repeat(128), 'key attribute names are 1–255 bytes long'],
    ['a sort key equal to the partition key', { sortKey: { name: 'pk', type: 'S' } }, 'sortKey.name', 'pk', 'the sort key must be another attribute than the partition key ("pk")'],
    [
      'more than 20 global secondary indexes',
      { globalSecondaryIndexes: Array.from({ length: 21 }, (_, i) => gsi(`index${i}`)) },
      'globalSecondaryIndexes',
      Array.from({ length: 21 }, (_, i) => `index${i}`),
      'a table has at most 20 global secondary indexes (the default DynamoDB quota)',
    ],
    [
      'more than 5 local secondary indexes',
      { sortKey: { name: 'sk', type: 'S' }, localSecondaryIndexes: Array.from({ length: 6 }, (_, i) => ({ name: `local${i}`, sortKey: { name: 'l', type: 'S' as const } })) },
      'localSecondaryIndexes',
      Array.from({ length: 6 }, (_, i) => `local${i}`),
      'a table has at most 5 local secondary indexes',
    ],
    [
      'a local secondary index on a table without a sort key',
      { localSecondaryIndexes: [{ name: 'byTotal', sortKey: { name: 'total', type: 'N' } }] },
      'localSecondaryIndexes',
      ['byTotal'],
      'local secondary indexes need a table with a sort key (a composite primary key)',
    ],
    ['an index name with other characters', { globalSecondaryIndexes: [gsi('by customer')] }, 'globalSecondaryIndexes[0].name', 'by customer', 'index names are 3–255 letters, digits, underscores, hyphens and dots'],
    [
      'two indexes with one name',
      { sortKey: { name: 'sk', type: 'S' }, globalSecondaryIndexes: [gsi('byX')], localSecondaryIndexes: [{ name: 'byX', sortKey: { name: 'x', type: 'S' } }] },
      'localSecondaryIndexes[0].name',
      'byX',
      'index names must be unique on a table; globalSecondaryIndexes[0] has this name already',
    ],
    ['an unknown projection type', { globalSecondaryIndexes: [{ ...gsi('byG'), projectionType: 'SOME' as 'ALL' }] }, 'globalSecondaryIndexes[0].projectionType', 'SOME', 'must be one of "ALL", "KEYS_ONLY", "INCLUDE"'],
    [
      'INCLUDE without non-key attributes',
      { globalSecondaryIndexes: [{ ...gsi('byG'), projectionType: 'INCLUDE' }] },
      'globalSecondaryIndexes[0].nonKeyAttributes',
      undefined,
      'projectionType "INCLUDE" needs the list of non-key attributes to project',
    ],
    [
      'non-key attributes without INCLUDE',
      { globalSecondaryIndexes: [{ ...gsi('byG'), nonKeyAttributes: ['total'] }] },
      'globalSecondaryIndexes[0].nonKeyAttributes',
      ['total'],
      'applies to projectionType "INCLUDE" only; "ALL" projects every attribute',
    ],
    [
      'more than 100 projected non-key attributes in all',
      {
        globalSecondaryIndexes: [
          { ...gsi('byA'), projectionType: 'INCLUDE', nonKeyAttributes: Array.from({ length: 60 }, (_, i) => `a${i}`) },
          { ...gsi('byB'), projectionType: 'INCLUDE', nonKeyAttributes: Array.from({ length: 41 }, (_, i) => `a${i}`) },
        ],
      },
      'nonKeyAttributes',
      101,
      'at most 100 non-key attributes may be projected, summed over all indexes of a table',
    ],
    [
      'a global secondary index without a partition key',
      { globalSecondaryIndexes: [{ name: 'byG' } as never] },
      'globalSecondaryIndexes[0].partitionKey',
      undefined,
      'a global secondary index needs a partition key: { name, type }',
    ],
    [
      'an index sort key equal to its partition key',
      { globalSecondaryIndexes: [{ ...gsi('byG'), sortKey: { name: 'g', type: 'S' } }] },
      'globalSecondaryIndexes[0].sortKey.name',
      'g',
      `the sort key must be another attribute than the index's partition key ("g")`,
    ],
    [
      'a local secondary index without a sort key',
      { sortKey: { name: 'sk', type: 'S' }, localSecondaryIndexes: [{ name: 'byL' } as never] },
      'localSecondaryIndexes[0].sortKey',
      undefined,
      "a local secondary index needs a sort key: { name, type } (its partition key is the table's)",
    ],
    [
      "a local index sort key equal to the table's partition key",
      { sortKey: { name: 'sk', type: 'S' }, localSecondaryIndexes: [{ name: 'byL', sortKey: { name: 'pk', type: 'S' } }] },
      'localSecondaryIndexes[0].sortKey.name',
      'pk',
      `the sort key must be another attribute than the table's partition key ("pk")`,
    ],
    [
      'one attribute with two types',
      { sortKey: { name: 'createdAt', type: 'S' }, globalSecondaryIndexes: [{ ...gsi('byG'), sortKey: { name: 'createdAt', type: 'N' } }] },
      'globalSecondaryIndexes[0].sortKey.type',
      'N',
      'attribute "createdAt" is already a key of type "S" (sortKey); an attribute has one type wherever it is a key',
    ],
    ['an unknown capacity mode', { capacity: { mode: 'serverless' } as never }, 'capacity.mode', 'serverless', 'must be one of "on-demand", "provisioned"'],
    ['a maximum read request units under 1', { capacity: { mode: 'on-demand', maxReadRequestUnits: 0 } }, 'capacity.maxReadRequestUnits', 0, 'must be a whole number from 1 to'],
    ['a fractional maximum write request units', { capacity: { mode: 'on-demand', maxWriteRequestUnits: 1.5 } }, 'capacity.maxWriteRequestUnits', 1.5, 'must be a whole number from 1 to'],
    [
      'provisioned capacity without read auto scaling',
      { capacity: { ...provisioned, readCapacity: undefined } as never },
      'capacity.readCapacity',
      undefined,
      'provisioned capacity needs { minCapacity, maxCapacity } for auto scaling',
    ],
    [
      'an auto scaling minimum under 1',
      { capacity: { ...provisioned, writeCapacity: { minCapacity: 0, maxCapacity: 5 } } },
      'capacity.writeCapacity.minCapacity',
      0,
      'must be a whole number from 1 to',
    ],
    [
      'an auto scaling maximum under the minimum',
      { capacity: { ...provisioned, readCapacity: { minCapacity: 10, maxCapacity: 5 } } },
      'capacity.readCapacity.maxCapacity',
      5,
      'must be at least minCapacity (10)',
    ],
    [
      'a target utilisation above 90 percent',
      { capacity: { ...provisioned, readCapacity: { minCapacity: 1, maxCapacity: 5, targetUtilizationPercent: 95 } } },
      'capacity.readCapacity.targetUtilizationPercent',
      95,
      'must be from 20 to 90 percent (DynamoDB auto scaling target utilisation)',
    ],
    [
      'a target utilisation under 20 percent',
      { capacity: { ...provisioned, writeCapacity: { minCapacity: 1, maxCapacity: 5, targetUtilizationPercent: 10 } } },
      'capacity.writeCapacity.targetUtilizationPercent',
      10,
      'must be from 20 to 90 percent',
    ],
    [
      'auto scaling for an index the table does not have',
      { globalSecondaryIndexes: [gsi('byG')], capacity: { ...provisioned, globalSecondaryIndexes: { byH: { readCapacity: { minCapacity: 1, maxCapacity: 2 } } } } },
      'capacity.globalSecondaryIndexes.byH',
      'byH',
      'names a global secondary index of this table: one of "byG"',
    ],
    ['an unknown stream view type', { stream: { viewType: 'ALL' as 'KEYS_ONLY' } }, 'stream.viewType', 'ALL', 'must be one of "NEW_AND_OLD_IMAGES", "NEW_IMAGE", "OLD_IMAGE", "KEYS_ONLY"'],
    ['a stream that is neither settings nor false', { stream: true as never }, 'stream', true, 'must be { viewType } or false'],
    ['a recovery period over 35 days', { pointInTimeRecoveryPeriodDays: 36 }, 'pointInTimeRecoveryPeriodDays', 36, 'must be a whole number from 1 to 35 days'],
    ['a recovery period without point-in-time recovery', { pointInTimeRecovery: false, pointInTimeRecoveryPeriodDays: 7 }, 'pointInTimeRecoveryPeriodDays', 7, 'applies only with pointInTimeRecovery on'],
    [
      'an encryption key that is not a KMS ARN',
      { encryption: { kmsKeyArn: 'alias/orders' } },
      'encryption.kmsKeyArn',
      'alias/orders',
      'must be an ARN of kms (arn:<partition>:kms:...)',
    ],
    ['an unknown encryption', { encryption: 'customer' as 'aws-owned' }, 'encryption', 'customer', 'must be "aws-managed", "aws-owned" or { kmsKeyArn }'],
    ['an empty TTL attribute name', { timeToLiveAttribute: '' }, 'timeToLiveAttribute', '', 'TTL attribute names are 1–255 characters'],
    ['an unknown table class', { tableClass: 'GLACIER' as 'STANDARD' }, 'tableClass', 'GLACIER', 'must be one of "STANDARD", "STANDARD_INFREQUENT_ACCESS"'],
  ];

  it.each(cases)('refuses %s', (_what, props, field, value, allowed) => {
    expect(errorOf(() => build(props))).toMatch(oneIssue(P, field, value, allowed));
  });

  it('reports every problem at once, and makes nothing', () => {
    const stack = testStack();
    let error: unknown;
    try {
      new TableWithStream(stack, 'orders', { ...BASE, name: 'x', tableClass: 'COLD' as 'STANDARD', pointInTimeRecoveryPeriodDays: 0 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.field)).toEqual(['name', 'pointInTimeRecoveryPeriodDays', 'tableClass']);
    expect((error as ValidationError).message).toMatch(/^test\/orders: 3 invalid props:\n {2}- name = "x" is invalid/);
    expect(resourcesOf(synthJson(stack), 'aws_dynamodb_table')).toHaveLength(0);
  });
});

describe('addPipeToEventBus validation', () => {
  const PIPE: PipeToEventBusOptions = { source: 'orders.service', detailType: 'OrderChanged' };
  const pipeError = (options: Partial<PipeToEventBusOptions>, props: Partial<TableWithStreamProps> = {}, bus: unknown = BUS) =>
    errorOf(() => build(props, (t) => t.addPipeToEventBus('ToBus', bus as typeof BUS, { ...PIPE, ...options } as PipeToEventBusOptions)));
  const fifo: IQueueTarget = fakeQueue({ fifo: true, queueName: 'shared-dlq.fifo' });

  const cases: [string, Partial<PipeToEventBusOptions>, string, unknown, string][] = [
    ['a pipe name with other characters', { name: 'orders pipe' }, 'ToBus.name', 'orders pipe', 'pipe names are 1–64 letters, digits, dots, hyphens and underscores'],
    ['a pipe name over 64 characters', { name: 'p'.repeat(65) }, 'ToBus.name', 'p'.repeat(65), 'pipe names are 1–64'],
    ['a description over 512 characters', { description: 'd'.repeat(513) }, 'ToBus.description', 'd'.repeat(513), 'pipe descriptions are at most 512 characters'],
    ['no source', { source: undefined }, 'ToBus.source', undefined, 'is required: the source of the events put on the bus'],
    ['a source starting with aws.', { source: 'aws.dynamodb' }, 'ToBus.source', 'aws.dynamodb', 'must be 1–256 characters, not starting with "aws." (reserved for AWS services)'],
    ['a source that is not a JSON path', { source: '$.dynamodb..NewImage' }, 'ToBus.source', '$.dynamodb..NewImage', 'must be 1–256 characters, not starting with "aws." (reserved for AWS services), or a JSON path into the record such as $.dynamodb.NewImage.source.S'],
    ['no detail-type', { detailType: undefined }, 'ToBus.detailType', undefined, 'is required: the detail-type of the events put on the bus'],
    ['a detail-type over 128 characters', { detailType: 't'.repeat(129) }, 'ToBus.detailType', 't'.repeat(129), 'must be 1–128 characters, or a JSON path'],
    ['an input template over 8,192 characters', { inputTemplate: 'x'.repeat(8_193) }, 'ToBus.inputTemplate', 'x'.repeat(8_193), 'input templates are at most 8,192 characters (this one is 8193)'],
    ['an unknown partial batch failure mode', { onPartialBatchItemFailure: 'RETRY' as 'AUTOMATIC_BISECT' }, 'ToBus.onPartialBatchItemFailure', 'RETRY', 'must be "AUTOMATIC_BISECT" or false'],
    ['an unknown desired state', { desiredState: 'PAUSED' as 'RUNNING' }, 'ToBus.desiredState', 'PAUSED', 'must be one of "RUNNING", "STOPPED"'],
    ['an unknown starting position', { startingPosition: 'AT_TIMESTAMP' as 'LATEST' }, 'ToBus.startingPosition', 'AT_TIMESTAMP', 'must be one of "TRIM_HORIZON", "LATEST"'],
    ['a batch size of 0', { batchSize: 0 }, 'ToBus.batchSize', 0, 'must be a whole number from 1 to 10,000 records'],
    ['a batch size over 10,000', { batchSize: 10_001 }, 'ToBus.batchSize', 10_001, 'must be a whole number from 1 to 10,000 records'],
    ['a batching window over 300 s', { maximumBatchingWindowSeconds: 301 }, 'ToBus.maximumBatchingWindowSeconds', 301, 'must be a whole number from 0 to 300 seconds'],
    ['a record age from 0 to 59 s', { maximumRecordAgeSeconds: 30 }, 'ToBus.maximumRecordAgeSeconds', 30, 'must be -1 (no limit) or a whole number from 60 to 604,800 seconds'],
    ['a record age over a week', { maximumRecordAgeSeconds: 604_801 }, 'ToBus.maximumRecordAgeSeconds', 604_801, 'must be -1 (no limit) or a whole number from 60 to 604,800 seconds'],
    ['retries under -1', { maximumRetryAttempts: -2 }, 'ToBus.maximumRetryAttempts', -2, 'must be a whole number from -1 to 10,000'],
    ['retries over 10,000', { maximumRetryAttempts: 10_001 }, 'ToBus.maximumRetryAttempts', 10_001, 'must be a whole number from -1 to 10,000'],
    ['a parallelization factor over 10', { parallelizationFactor: 11 }, 'ToBus.parallelizationFactor', 11, 'must be a whole number from 1 to 10 batches per shard'],
    ['more than 5 filters', { filters: Array.from({ length: 6 }, () => ({ eventName: ['INSERT'] })) }, 'ToBus.filters', Array.from({ length: 6 }, () => ({ eventName: ['INSERT'] })), 'at most 5 filters per pipe (6 given)'],
    ['a FIFO dead-letter queue', { deadLetterQueue: fifo }, 'ToBus.deadLetterQueue', 'shared-dlq.fifo', 'must be a standard queue: failure records are sent without a message group ID, which FIFO requires'],
    [
      'a dead-letter ARN of another service',
      { deadLetterQueue: 'arn:aws:s3:::failures' },
      'ToBus.deadLetterQueue',
      'arn:aws:s3:::failures',
      'must be the ARN of a standard SQS queue or a standard SNS topic',
    ],
    [
      'a FIFO dead-letter ARN',
      { deadLetterQueue: 'arn:aws:sqs:eu-west-1:123456789012:failures.fifo' },
      'ToBus.deadLetterQueue',
      'arn:aws:sqs:eu-west-1:123456789012:failures.fifo',
      'must be a standard queue or topic',
    ],
    ['a dead-letter queue name SQS refuses', { deadLetterQueue: { name: 'pipe failures' } }, 'ToBus.deadLetterQueue.name', 'pipe failures', 'SQS queue names are 1–80 letters, digits, hyphens and underscores'],
    ['a dead-letter retention under 60 s', { deadLetterQueue: { retentionSeconds: 30 } }, 'ToBus.deadLetterQueue.retentionSeconds', 30, 'must be a whole number from 60 to 1,209,600 seconds'],
    [
      'a dead-letter key that is not a KMS ARN',
      { deadLetterQueue: { encryption: { kmsKeyArn: 'key-1' } } },
      'ToBus.deadLetterQueue.encryption.kmsKeyArn',
      'key-1',
      'must be an ARN of kms',
    ],
    ['a negative dead-letter alarm threshold', { deadLetterQueue: { alarm: { threshold: -1 } } }, 'ToBus.deadLetterQueue.alarm.threshold', -1, 'must be from 0 to'],
  ];

  it.each(cases)('refuses %s', (_what, options, field, value, allowed) => {
    expect(pipeError(options)).toMatch(oneIssue(P, field, value, allowed));
  });

  it('refuses a default pipe name over 64 characters, asking for a name', () => {
    const name = `${'t'.repeat(60)}-ToBus`;
    expect(pipeError({}, { name: 't'.repeat(60) })).toMatch(oneIssue(P, 'ToBus.name', name, 'the default pipe name "<table name>-<id>" is longer than 64 characters or has characters pipes refuse: set name'));
  });

  it('refuses a bus ARN that is not an event bus', () => {
    expect(pipeError({}, {}, 'arn:aws:sns:eu-west-1:123456789012:orders')).toMatch(
      oneIssue(P, 'ToBus.bus', 'arn:aws:sns:eu-west-1:123456789012:orders', 'must be an event bus ARN (arn:<partition>:events:<region>:<account>:event-bus/<name>) or an IEventBusTarget'),
    );
  });

  it('refuses a JSON path into new images when the stream does not write them', () => {
    const path = '$.dynamodb.NewImage.eventType.S';
    expect(pipeError({ detailType: path }, { stream: { viewType: 'KEYS_ONLY' } })).toMatch(
      oneIssue(P, 'ToBus.detailType', path, 'reads dynamodb.NewImage, which the table\'s stream (view type KEYS_ONLY) does not write: use a view type with NEW_IMAGE'),
    );
  });

  it('refuses a filter on old images when the stream does not write them', () => {
    const filter = { dynamodb: { OldImage: { status: { S: ['PLACED'] } } } };
    expect(pipeError({ filters: [filter] }, { stream: { viewType: 'NEW_IMAGE' } })).toMatch(
      oneIssue(P, 'ToBus.filters[0]', filter, "reads dynamodb.OldImage, which the table's stream (view type NEW_IMAGE) does not write"),
    );
  });

  it('refuses an input template reading old images when the stream does not write them', () => {
    const template = '{"before": <$.dynamodb.OldImage.status.S>}';
    expect(pipeError({ inputTemplate: template }, { stream: { viewType: 'NEW_IMAGE' } })).toMatch(
      oneIssue(P, 'ToBus.inputTemplate', template, "reads dynamodb.OldImage, which the table's stream (view type NEW_IMAGE) does not write: use a view type with OLD_IMAGE"),
    );
  });

  it('does not mistake a value that spells an image name for reading the image', () => {
    const { json } = build({ stream: { viewType: 'KEYS_ONLY' } }, (t) =>
      t.addPipeToEventBus('ToBus', BUS, { ...PIPE, source: 'NewImage.source', filters: [{ eventName: ['NewImage'] }] }),
    );
    expect(resourcesOf(json, 'aws_pipes_pipe')).toHaveLength(1);
  });

  it('refuses a pipe on a table without a stream', () => {
    expect(pipeError({}, { stream: false })).toMatch(
      oneIssue(P, 'id', 'ToBus', 'the table has no stream to read (stream: false): leave stream on (the default) to add pipes or Lambda consumers'),
    );
  });

  it('refuses a filter that is not a valid EventBridge pattern, with the pattern module\'s reason', () => {
    // A pattern's leaves must be arrays: a bare string matches nothing on AWS.
    expect(pipeError({ filters: [{ eventName: 'INSERT' } as never] })).toMatch(
      /^test\/orders: ToBus\.filters\[0\]\.eventName = "INSERT" is invalid: .*must be an object or an array/,
    );
  });

  it('accepts in a pipe filter what Pipes support and Lambda filters do not (cidr)', () => {
    const { json } = build({}, (t) => t.addPipeToEventBus('ToBus', BUS, { ...PIPE, filters: [{ dynamodb: { NewImage: { ip: { S: [{ cidr: '10.0.0.0/8' }] } } } }] }));
    expect(resourcesOf(json, 'aws_pipes_pipe')).toHaveLength(1);
  });

  it('refuses a filter over 4,096 characters (the Pipes limit, checked by the patterns module)', () => {
    expect(pipeError({ filters: [{ eventName: ['x'.repeat(4_100)] }] })).toMatch(/^test\/orders: ToBus\.filters\[0\]\S* = \{"eventName":\["x+\.\.\. is invalid: .*4096/);
  });

  it('makes nothing for a refused pipe', () => {
    const stack = testStack();
    const table = new TableWithStream(stack, 'orders', BASE);
    expect(() => table.addPipeToEventBus('ToBus', BUS, { ...PIPE, batchSize: 0 })).toThrow(ValidationError);
    const json = synthJson(stack);
    for (const type of ['aws_pipes_pipe', 'aws_iam_role', 'aws_sqs_queue']) expect(resourcesOf(json, type)).toHaveLength(0);
  });
});

describe('addLambdaConsumer validation', () => {
  const consumerError = (options: Partial<TableConsumerProps>, props: Partial<TableWithStreamProps> = {}, functionArn = FUNCTION_ARN) =>
    errorOf(() => build(props, (t) => t.addLambdaConsumer('Audit', { functionArn, ...options })));

  it('refuses a function ARN that is not one', () => {
    expect(consumerError({}, {}, 'orders-audit')).toMatch(
      oneIssue(P, 'Audit.functionArn', 'orders-audit', 'must be a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>])'),
    );
  });

  it('refuses a role ARN where the role name goes', () => {
    const arn = 'arn:aws:iam::123456789012:role/audit';
    expect(consumerError({ functionRoleName: arn })).toMatch(oneIssue(P, 'Audit.functionRoleName', arn, 'IAM role names are 1–64 letters, digits and +=,.@_- (the name, not the ARN)'));
  });

  it('refuses an on-failure destination Lambda cannot send to', () => {
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:failures';
    expect(consumerError({ onFailureDestination: arn })).toMatch(
      oneIssue(P, 'Audit.onFailureDestination', arn, 'must be the ARN of a standard SQS queue, a standard SNS topic or an S3 bucket'),
    );
  });

  it('refuses a FIFO queue as on-failure destination', () => {
    expect(consumerError({ onFailureDestination: fakeQueue({ fifo: true, queueName: 'f.fifo' }) })).toMatch(
      oneIssue(P, 'Audit.onFailureDestination', 'f.fifo', 'must be a standard queue'),
    );
  });

  it('refuses a default failure queue name over 80 characters, asking for a name', () => {
    const table = 't'.repeat(75);
    expect(consumerError({}, { name: table })).toMatch(
      oneIssue(P, 'Audit.onFailureDestination.name', `${table}-Audit-dlq`, 'the default queue name is not a valid SQS name (1–80 letters, digits, hyphens, underscores): set a name'),
    );
  });

  it('asks for a failure queue name when the table name is known only at apply', () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, 'tableName', { type: 'string' });
    const table = new TableWithStream(stack, 'orders', { ...BASE, name: name.stringValue });
    expect(errorOf(() => table.addLambdaConsumer('Audit', { functionArn: FUNCTION_ARN }))).toMatch(
      oneIssue(P, 'Audit.onFailureDestination.name', undefined, 'the table name is known only at apply, so the default queue name (made from it) cannot be checked: set a name'),
    );
    const consumer = table.addLambdaConsumer('Audit', { functionArn: FUNCTION_ARN, onFailureDestination: { name: 'audit-dlq' } });
    expect(consumer.onFailureDestination).toBeDefined();
    const pipe = table.addPipeToEventBus('ToBus', BUS, { source: 'orders.service', detailType: 'OrderChanged', name: 'orders-to-bus' });
    expect(resourcesOf(synthJson(stack), 'aws_pipes_pipe')[0].name).toBe('orders-to-bus');
    expect(pipe.deadLetterQueue).toBeDefined();
  });

  it('asks for a pipe name when the table name is known only at apply', () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, 'tableName', { type: 'string' });
    const table = new TableWithStream(stack, 'orders', { ...BASE, name: name.stringValue });
    expect(errorOf(() => table.addPipeToEventBus('ToBus', BUS, { source: 'orders.service', detailType: 'OrderChanged' }))).toMatch(
      oneIssue(P, 'ToBus.name', undefined, 'the table name is known only at apply, so the default pipe name "<table name>-<id>" cannot be checked against the 64-character limit: set name'),
    );
  });

  it('refuses more than 5 filters', () => {
    const filters = Array.from({ length: 6 }, () => ({ eventName: ['INSERT'] }));
    expect(consumerError({ filters })).toMatch(oneIssue(P, 'Audit.filters', filters, 'at most 5 filters per event source mapping (6 given)'),
    );
  });

  it('refuses a filter with what Lambda filters do not support, with the pattern module\'s reason', () => {
    expect(consumerError({ filters: [{ dynamodb: { NewImage: { ip: { S: [{ cidr: '10.0.0.0/8' }] } } } }] })).toMatch(
      /^test\/orders: Audit\.filters\[0\]\.dynamodb\.NewImage\.ip\.S\[0\]\.cidr = "10\.0\.0\.0\/8" is invalid: cidr is not supported in Lambda/,
    );
  });

  it('refuses a record age Lambda refuses', () => {
    expect(consumerError({ maximumRecordAgeSeconds: 0 })).toMatch(oneIssue(P, 'Audit.maximumRecordAgeSeconds', 0, 'must be -1 (no limit) or a whole number from 60 to 604,800 seconds'));
  });

  it('refuses a consumer on a table without a stream', () => {
    expect(consumerError({}, { stream: false })).toMatch(oneIssue(P, 'id', 'Audit', 'the table has no stream to read (stream: false)'));
  });
});
