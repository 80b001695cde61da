import { TerraformOutput } from 'cdktf';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { TableConsumerProps, TableStreamLambdaConsumer, TableWithStreamProps } from '../../modules/table-with-stream';
import { refTo, resourceAt, resourcesOf } from '../helpers/synth';
import { build, BUS, errorOf, fakeQueue, FUNCTION_ARN, TABLE_KEY } from './fixtures';
import { document as decodeDocument } from '../../modules/core/values';

function withConsumer(options: Partial<TableConsumerProps> = {}, props: Partial<TableWithStreamProps> = {}) {
  let consumer!: TableStreamLambdaConsumer;
  const built = build(props, (table) => {
    consumer = table.addLambdaConsumer('Audit', { functionArn: FUNCTION_ARN, ...options });
    new TerraformOutput(table, 'consumerDocument', { value: JSON.stringify(consumer.policyDocument) });
  });
  const json = built.json;
  const output = Object.entries(json.output as Record<string, { value: string }>).find(([key]) => key.includes('consumerDocument'))!;
  return {
    ...built,
    consumer,
    mapping: resourceAt(json, 'aws_lambda_event_source_mapping', 'orders/Audit/EventSourceMapping'),
    /** The policy document returned, with references resolved. */
    document: JSON.parse(output[1].value),
  };
}

describe('addLambdaConsumer defaults', () => {
  const { json, mapping, document, consumer } = withConsumer();
  const streamArn = refTo(json, 'aws_dynamodb_table', 'orders/Table', 'stream_arn');
  const tableArn = refTo(json, 'aws_dynamodb_table', 'orders/Table', 'arn');
  const dlqArn = refTo(json, 'aws_sqs_queue', 'orders/Audit/DeadLetterQueue/Resource/Queue', 'arn');

  it('maps the stream to the function with bounded retries, bisection and batch item failures', () => {
    const { ['//']: _meta, ...config } = mapping;
    expect(config).toEqual({
      event_source_arn: streamArn,
      function_name: FUNCTION_ARN,
      enabled: true,
      starting_position: 'TRIM_HORIZON',
      bisect_batch_on_function_error: true,
      maximum_retry_attempts: 10,
      maximum_record_age_in_seconds: 86_400,
      function_response_types: ['ReportBatchItemFailures'],
      destination_config: { on_failure: { destination_arn: dlqArn } },
    });
  });

  it('sends failed batches to a standard, encrypted DLQ with a depth alarm', () => {
    expect(resourceAt(json, 'aws_sqs_queue', 'orders/Audit/DeadLetterQueue/Resource/Queue')).toMatchObject({
      name: 'orders-Audit-dlq',
      sqs_managed_sse_enabled: true,
    });
    expect(resourcesOf(json, 'aws_cloudwatch_metric_alarm').filter((a) => a.namespace === 'AWS/SQS')).toHaveLength(1);
    expect(consumer.onFailureDestinationArn).toBe(consumer.onFailureDestination!.queueArn);
  });

  it("returns the policy the function's role needs: read this stream, send to the DLQ", () => {
    expect(document).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ReadTableStream', Effect: 'Allow', Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], Resource: streamArn },
        { Sid: 'ListTableStreams', Effect: 'Allow', Action: 'dynamodb:ListStreams', Resource: `${tableArn}/stream/*` },
        { Sid: 'SendFailureRecords', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: dlqArn },
      ],
    });
  });

  it('attaches nothing to a role it was not told about', () => {
    expect(resourcesOf(json, 'aws_iam_role_policy')).toHaveLength(0);
    expect(consumer.rolePolicy).toBeUndefined();
    expect(mapping.depends_on).toBeUndefined();
  });
});

describe('addLambdaConsumer options', () => {
  it('passes every option through', () => {
    const { mapping } = withConsumer({
      startingPosition: 'LATEST',
      batchSize: 500,
      maximumBatchingWindowSeconds: 10,
      parallelizationFactor: 2,
      maximumRetryAttempts: -1,
      maximumRecordAgeSeconds: 3_600,
      bisectBatchOnFunctionError: false,
      reportBatchItemFailures: false,
      enabled: false,
      filters: [{ eventName: ['INSERT'], dynamodb: { NewImage: { status: { S: ['PLACED'] } } } }],
      onFailureDestination: false,
      tags: { team: 'audit' },
    });
    const { ['//']: _meta, ...config } = mapping;
    expect(config).toEqual({
      event_source_arn: expect.any(String),
      function_name: FUNCTION_ARN,
      enabled: false,
      starting_position: 'LATEST',
      batch_size: 500,
      maximum_batching_window_in_seconds: 10,
      parallelization_factor: 2,
      bisect_batch_on_function_error: false,
      maximum_retry_attempts: -1,
      maximum_record_age_in_seconds: 3_600,
      filter_criteria: { filter: [{ pattern: '{"eventName":["INSERT"],"dynamodb":{"NewImage":{"status":{"S":["PLACED"]}}}}' }] },
      tags: { team: 'audit' },
    });
  });

  it("attaches the policy to the function's role and creates the mapping after it", () => {
    const { json, mapping, document } = withConsumer({ functionRoleName: 'orders-audit-role' });
    const policy = resourceAt(json, 'aws_iam_role_policy', 'orders/Audit/RolePolicy');
    expect(policy.role).toBe('orders-audit-role');
    expect(policy.name).toBe('orders-stream-Audit');
    expect(decodeDocument(policy.policy)).toEqual(document);
    expect(mapping.depends_on).toEqual([`aws_iam_role_policy.${policy['//'].metadata.uniqueId}`]);
  });

  it('waits for resources named in dependsOn, besides the policy it attaches', () => {
    const built = build({}, (table) => {
      const made = new IamRolePolicy(table, 'OwnPolicy', { role: 'orders-audit-role', policy: '{}' });
      table.addLambdaConsumer('Audit', { functionArn: FUNCTION_ARN, functionRoleName: 'orders-audit-role', dependsOn: [made] });
    });
    const mapping = resourceAt(built.json, 'aws_lambda_event_source_mapping', 'orders/Audit/EventSourceMapping');
    const attached = resourceAt(built.json, 'aws_iam_role_policy', 'orders/Audit/RolePolicy');
    const own = resourceAt(built.json, 'aws_iam_role_policy', 'orders/OwnPolicy');
    expect(mapping.depends_on).toEqual([`aws_iam_role_policy.${own['//'].metadata.uniqueId}`, `aws_iam_role_policy.${attached['//'].metadata.uniqueId}`]);
  });

  it('decrypts the stream of a table with a customer-managed key', () => {
    const { document } = withConsumer({}, { encryption: { kmsKeyArn: TABLE_KEY } });
    expect(document.Statement[2]).toEqual({ Sid: 'DecryptTableStream', Effect: 'Allow', Action: 'kms:Decrypt', Resource: TABLE_KEY });
  });

  it('uses a queue made elsewhere as the failure destination, with its key', () => {
    const queue = fakeQueue({ kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/dlq-key' });
    const { mapping, document, json } = withConsumer({ onFailureDestination: queue });
    expect(mapping.destination_config).toEqual({ on_failure: { destination_arn: queue.queueArn } });
    expect(resourcesOf(json, 'aws_sqs_queue')).toHaveLength(0);
    expect(document.Statement.slice(-2)).toEqual([
      { Sid: 'SendFailureRecords', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queue.queueArn },
      { Sid: 'SendFailureRecordsKey', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: 'arn:aws:kms:eu-west-1:123456789012:key/dlq-key' },
    ]);
  });

  it('writes failure records to an S3 bucket given by ARN', () => {
    const bucket = 'arn:aws:s3:::orders-stream-failures';
    const { mapping, document } = withConsumer({ onFailureDestination: bucket });
    expect(mapping.destination_config).toEqual({ on_failure: { destination_arn: bucket } });
    expect(document.Statement.slice(-2)).toEqual([
      { Sid: 'SendFailureRecords', Effect: 'Allow', Action: 's3:PutObject', Resource: `${bucket}/*` },
      { Sid: 'SendFailureRecordsList', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket },
    ]);
  });

  it('publishes failure records to an SNS topic given by ARN', () => {
    const topic = 'arn:aws:sns:eu-west-1:123456789012:audit-failures';
    const { document } = withConsumer({ onFailureDestination: topic });
    expect(document.Statement.slice(-1)).toEqual([{ Sid: 'SendFailureRecords', Effect: 'Allow', Action: 'sns:Publish', Resource: topic }]);
  });

  it('has no failure destination nor permission for one when turned off', () => {
    const { mapping, document, json } = withConsumer({ onFailureDestination: false });
    expect(mapping.destination_config).toBeUndefined();
    expect(resourcesOf(json, 'aws_sqs_queue')).toHaveLength(0);
    expect(document.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['ReadTableStream', 'ListTableStreams']);
  });
});

describe('two readers per stream', () => {
  const PIPE = { source: 'orders.service', detailType: 'OrderChanged' };

  it('allows a pipe and a Lambda consumer', () => {
    const { json, table } = build({}, (t) => {
      t.addPipeToEventBus('ToBus', BUS, PIPE);
      t.addLambdaConsumer('Audit', { functionArn: FUNCTION_ARN });
    });
    expect(resourcesOf(json, 'aws_pipes_pipe')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_lambda_event_source_mapping')).toHaveLength(1);
    expect(table.streamReaders).toEqual(['ToBus', 'Audit']);
  });

  it('refuses a third reader, naming the two there are', () => {
    const message = errorOf(() =>
      build({}, (t) => {
        t.addPipeToEventBus('ToBus', BUS, PIPE);
        t.addLambdaConsumer('Audit', { functionArn: FUNCTION_ARN });
        t.addLambdaConsumer('Search', { functionArn: FUNCTION_ARN });
      }),
    );
    expect(message).toBe(
      "test/orders: id = \"Search\" is invalid: a DynamoDB stream serves at most 2 concurrent readers per shard (more are throttled); this table's stream already has 2: ToBus, Audit",
    );
  });

  it('refuses a third pipe the same way', () => {
    expect(() =>
      build({}, (t) => {
        t.addPipeToEventBus('A', BUS, PIPE);
        t.addPipeToEventBus('B', BUS, PIPE);
        t.addPipeToEventBus('C', BUS, PIPE);
      }),
    ).toThrow(/^test\/orders: id = "C" is invalid: a DynamoDB stream serves at most 2 concurrent readers per shard/);
  });

  it('does not count a reader that was refused for its options', () => {
    const { table } = build({}, (t) => {
      expect(() => t.addLambdaConsumer('Bad', { functionArn: FUNCTION_ARN, batchSize: 0 })).toThrow(/Bad\.batchSize = 0/);
      t.addLambdaConsumer('Audit', { functionArn: FUNCTION_ARN });
      t.addPipeToEventBus('ToBus', BUS, PIPE);
    });
    expect(table.streamReaders).toEqual(['Audit', 'ToBus']);
  });
});

describe('alarm on iterator age', () => {
  const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:alarms';

  it('alarms on AWS/Lambda IteratorAge by function name, at most one hour, with the DLQ alarm actions by default', () => {
    const { json, consumer } = withConsumer({ onFailureDestination: { alarm: { alarmActions: [TOPIC], okActions: [TOPIC] } } });
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'orders/Audit/IteratorAgeAlarm')).toMatchObject({
      alarm_name: 'orders-Audit-iterator-age',
      namespace: 'AWS/Lambda',
      metric_name: 'IteratorAge',
      dimensions: { FunctionName: FUNCTION_ARN.split(':')[6] },
      statistic: 'Maximum',
      threshold: 3_600_000,
      comparison_operator: 'GreaterThanThreshold',
      alarm_actions: [TOPIC],
      ok_actions: [TOPIC],
    });
    expect(consumer.iteratorAgeAlarm).toBeDefined();
  });

  it('defaults to half the maximum record age, takes its own threshold, and is off only when set to false', () => {
    const short = withConsumer({ maximumRecordAgeSeconds: 600 });
    expect(resourceAt(short.json, 'aws_cloudwatch_metric_alarm', 'orders/Audit/IteratorAgeAlarm').threshold).toBe(300_000);
    const tuned = withConsumer({ iteratorAgeAlarm: { thresholdMilliseconds: 5_000, alarmActions: [TOPIC] } });
    expect(resourceAt(tuned.json, 'aws_cloudwatch_metric_alarm', 'orders/Audit/IteratorAgeAlarm')).toMatchObject({ threshold: 5_000, alarm_actions: [TOPIC] });
    const off = withConsumer({ iteratorAgeAlarm: false });
    expect(off.consumer.iteratorAgeAlarm).toBeUndefined();
    expect(resourcesOf(off.json, 'aws_cloudwatch_metric_alarm').filter((a) => a.metric_name === 'IteratorAge')).toEqual([]);
    expect(() => withConsumer({ iteratorAgeAlarm: { thresholdMilliseconds: -1 } })).toThrow(/Audit.iteratorAgeAlarm.thresholdMilliseconds = -1 is invalid/);
  });
});
