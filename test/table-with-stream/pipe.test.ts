import { TerraformOutput } from 'cdktf';
import { IEventBusTarget } from '../../modules';
import { PipeToEventBusOptions, StreamToBusPipe, TableWithStreamProps } from '../../modules/table-with-stream';
import { refTo, resourceAt, resourcesOf } from '../helpers/synth';
import { build, BUS, BUS_KEY, doc, errorOf, fakeQueue, TABLE_KEY } from './fixtures';
import { document } from '../../modules/core/values';

const OPTIONS: PipeToEventBusOptions = { source: 'orders.service', detailType: '$.dynamodb.NewImage.eventType.S' };

function withPipe(options: Partial<PipeToEventBusOptions> = {}, props: Partial<TableWithStreamProps> = {}, bus: IEventBusTarget | string = BUS) {
  let pipe!: StreamToBusPipe;
  const built = build(props, (table) => {
    pipe = table.addPipeToEventBus('ToBus', bus, { ...OPTIONS, ...options });
    new TerraformOutput(table, 'pipeDocument', { value: JSON.stringify(pipe.policyDocument) });
  });
  const json = built.json;
  return {
    ...built,
    pipe,
    json,
    p: resourceAt(json, 'aws_pipes_pipe', 'orders/ToBus/Pipe'),
    role: resourceAt(json, 'aws_iam_role', 'orders/ToBus/Role'),
    rolePolicy: resourceAt(json, 'aws_iam_role_policy', 'orders/ToBus/RolePolicy'),
  };
}

describe('addPipeToEventBus defaults', () => {
  const { json, p, role, rolePolicy, pipe } = withPipe({ filters: [{ eventName: ['INSERT', 'MODIFY'] }] });
  const streamArn = refTo(json, 'aws_dynamodb_table', 'orders/Table', 'stream_arn');
  const tableArn = refTo(json, 'aws_dynamodb_table', 'orders/Table', 'arn');
  const dlqArn = refTo(json, 'aws_sqs_queue', 'orders/ToBus/DeadLetterQueue/Resource/Queue', 'arn');

  it('makes a running pipe from the stream to the bus, with the execution role', () => {
    expect(p).toMatchObject({
      name: 'orders-ToBus',
      description: 'Changes of DynamoDB table orders put on event bus orders',
      desired_state: 'RUNNING',
      source: streamArn,
      target: BUS.eventBusArn,
      role_arn: refTo(json, 'aws_iam_role', 'orders/ToBus/Role', 'arn'),
    });
    expect(pipe.pipeName).toBe('orders-ToBus');
  });

  it('reads from the oldest record with bounded retries and age, bisecting failed batches, to a DLQ', () => {
    expect(p.source_parameters.dynamodb_stream_parameters).toEqual({
      starting_position: 'TRIM_HORIZON',
      maximum_retry_attempts: 10,
      maximum_record_age_in_seconds: 86_400,
      on_partial_batch_item_failure: 'AUTOMATIC_BISECT',
      dead_letter_config: { arn: dlqArn },
    });
  });

  it('filters with the EventBridge patterns given, as JSON', () => {
    expect(p.source_parameters.filter_criteria).toEqual({ filter: [{ pattern: '{"eventName":["INSERT","MODIFY"]}' }] });
  });

  it('puts events on the bus with the source and the dynamic detail-type given, and the record as detail', () => {
    expect(p.target_parameters).toEqual({
      eventbridge_event_bus_parameters: { source: 'orders.service', detail_type: '$.dynamodb.NewImage.eventType.S' },
    });
  });

  it('makes a standard, encrypted DLQ with a depth alarm, written with the role (no service grant in its policy)', () => {
    const dlq = resourceAt(json, 'aws_sqs_queue', 'orders/ToBus/DeadLetterQueue/Resource/Queue');
    expect(dlq).toMatchObject({ name: 'orders-ToBus-dlq', sqs_managed_sse_enabled: true, message_retention_seconds: 1_209_600 });
    expect(dlq.fifo_queue).toBeUndefined();
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'orders/ToBus/DeadLetterQueue/Resource/DepthAlarm')).toMatchObject({
      metric_name: 'ApproximateNumberOfMessagesVisible',
      threshold: 0,
    });
    const queuePolicy = doc(resourceAt(json, 'aws_sqs_queue_policy', 'orders/ToBus/DeadLetterQueue/Resource/Policy').policy);
    expect(queuePolicy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['DenyInsecureTransport']);
    expect(pipe.deadLetterArn).toBe(pipe.deadLetterQueue!.queueArn);
  });

  it('lets only pipes.amazonaws.com, for this pipe in this account, assume the role', () => {
    expect(role.name).toBe('orders-ToBus-role');
    expect(doc(role.assume_role_policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'pipes.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.AwsContext.account_id}' },
            ArnEquals: {
              'aws:SourceArn':
                'arn:${data.aws_partition.AwsContextPartition.partition}:pipes:${data.aws_region.AwsContextRegion.region}:${data.aws_caller_identity.AwsContext.account_id}:pipe/orders-ToBus',
            },
          },
        },
      ],
    });
  });

  it('builds the pipe ARN in the trust policy from its parts: the role does not reference the pipe (no cycle)', () => {
    expect(role.assume_role_policy).not.toContain('aws_pipes_pipe');
    expect(rolePolicy.policy).not.toContain('aws_pipes_pipe');
  });

  it('allows exactly: read this stream, put events on this bus, write its execution log, send to this DLQ', () => {
    expect(rolePolicy.role).toBe(refTo(json, 'aws_iam_role', 'orders/ToBus/Role', 'id'));
    expect(doc(rolePolicy.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ReadTableStream', Effect: 'Allow', Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], Resource: streamArn },
        { Sid: 'ListTableStreams', Effect: 'Allow', Action: 'dynamodb:ListStreams', Resource: `${tableArn}/stream/*` },
        { Sid: 'PutEventsOnBus', Effect: 'Allow', Action: 'events:PutEvents', Resource: BUS.eventBusArn },
        {
          Sid: 'WriteExecutionLog',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${refTo(json, 'aws_cloudwatch_log_group', 'orders/ToBus/Logs', 'arn')}:*`,
        },
        { Sid: 'SendToDeadLetterQueue', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: dlqArn },
      ],
    });
    // The document the pipe exposes is the one its role holds.
    const output = Object.entries(json.output as Record<string, { value: string }>).find(([key]) => key.includes('pipeDocument'))!;
    expect(JSON.parse(output[1].value)).toEqual(doc(rolePolicy.policy));
  });

  it('creates the pipe only once its permissions exist', () => {
    expect(p.depends_on).toEqual([`aws_iam_role_policy.${rolePolicy['//'].metadata.uniqueId}`]);
  });
});

describe('addPipeToEventBus options', () => {
  it('passes every stream reading option through', () => {
    const { p } = withPipe({
      startingPosition: 'LATEST',
      batchSize: 50,
      maximumBatchingWindowSeconds: 5,
      maximumRecordAgeSeconds: -1,
      maximumRetryAttempts: 3,
      parallelizationFactor: 4,
      onPartialBatchItemFailure: false,
      deadLetterQueue: false,
    });
    expect(p.source_parameters.dynamodb_stream_parameters).toEqual({
      starting_position: 'LATEST',
      batch_size: 50,
      maximum_batching_window_in_seconds: 5,
      maximum_record_age_in_seconds: -1,
      maximum_retry_attempts: 3,
      parallelization_factor: 4,
    });
  });

  it('names, describes, stops and tags the pipe, with an input template', () => {
    const { p, role, json } = withPipe({
      name: 'orders.changes',
      description: 'Order changes',
      desiredState: 'STOPPED',
      inputTemplate: '{"orderId": <$.dynamodb.NewImage.orderId.S>}',
      tags: { team: 'orders' },
    });
    expect(p).toMatchObject({ name: 'orders.changes', description: 'Order changes', desired_state: 'STOPPED', tags: { team: 'orders' } });
    expect(p.target_parameters.input_template).toBe('{"orderId": <$.dynamodb.NewImage.orderId.S>}');
    expect(role.name).toBe('orders.changes-role');
    expect(role.tags).toEqual({ team: 'orders' });
    expect(doc(role.assume_role_policy).Statement[0].Condition.ArnEquals['aws:SourceArn']).toMatch(/:pipe\/orders\.changes$/);
    expect(resourceAt(json, 'aws_sqs_queue', 'ToBus/DeadLetterQueue/Resource/Queue')).toMatchObject({ name: 'orders-changes-dlq', tags: { team: 'orders' } });
  });

  it("uses the table's tags by default", () => {
    const { p, role } = withPipe({}, { tags: { project: 'orders' } });
    expect(p.tags).toEqual({ project: 'orders' });
    expect(role.tags).toEqual({ project: 'orders' });
  });

  it('accepts a bus by ARN', () => {
    const { p, rolePolicy } = withPipe({}, {}, 'arn:aws:events:eu-west-1:123456789012:event-bus/other');
    expect(p.target).toBe('arn:aws:events:eu-west-1:123456789012:event-bus/other');
    expect(p.description).toBe('Changes of DynamoDB table orders put on event bus other');
    expect(doc(rolePolicy.policy).Statement[2]).toEqual({ Sid: 'PutEventsOnBus', Effect: 'Allow', Action: 'events:PutEvents', Resource: 'arn:aws:events:eu-west-1:123456789012:event-bus/other' });
  });

  it('adds the KMS actions for a customer-managed bus key and table key', () => {
    const { rolePolicy } = withPipe({}, { encryption: { kmsKeyArn: TABLE_KEY } }, { ...BUS, kmsKeyArn: BUS_KEY });
    const statements = doc(rolePolicy.policy).Statement;
    expect(statements.find((s: { Sid: string }) => s.Sid === 'DecryptTableStream')).toEqual({ Sid: 'DecryptTableStream', Effect: 'Allow', Action: 'kms:Decrypt', Resource: TABLE_KEY });
    expect(statements.find((s: { Sid: string }) => s.Sid === 'EncryptForBus')).toEqual({ Sid: 'EncryptForBus', Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: BUS_KEY });
  });

  it('uses a DLQ made elsewhere, with its key, instead of making one', () => {
    const queue = fakeQueue({ kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/dlq-key' });
    const { p, rolePolicy, json, pipe } = withPipe({ deadLetterQueue: queue });
    expect(p.source_parameters.dynamodb_stream_parameters.dead_letter_config).toEqual({ arn: queue.queueArn });
    expect(resourcesOf(json, 'aws_sqs_queue')).toHaveLength(0);
    expect(pipe.deadLetterQueue).toBeUndefined();
    expect(doc(rolePolicy.policy).Statement.slice(-2)).toEqual([
      { Sid: 'SendToDeadLetterQueue', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queue.queueArn },
      { Sid: 'SendToDeadLetterQueueKey', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: 'arn:aws:kms:eu-west-1:123456789012:key/dlq-key' },
    ]);
    expect(queue.grants).toEqual([]);
  });

  it('publishes to an SNS topic DLQ given by ARN', () => {
    const topic = 'arn:aws:sns:eu-west-1:123456789012:pipe-failures';
    const { p, rolePolicy } = withPipe({ deadLetterQueue: topic });
    expect(p.source_parameters.dynamodb_stream_parameters.dead_letter_config).toEqual({ arn: topic });
    expect(doc(rolePolicy.policy).Statement.slice(-1)).toEqual([{ Sid: 'SendToDeadLetterQueue', Effect: 'Allow', Action: 'sns:Publish', Resource: topic }]);
  });

  it('configures the DLQ it makes', () => {
    const { json } = withPipe({ deadLetterQueue: { name: 'pipe-failures', retentionSeconds: 86_400, alarm: { threshold: 5 } } });
    expect(resourceAt(json, 'aws_sqs_queue', 'ToBus/DeadLetterQueue/Resource/Queue')).toMatchObject({ name: 'pipe-failures', message_retention_seconds: 86_400 });
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'ToBus/DeadLetterQueue/Resource/DepthAlarm').threshold).toBe(5);
  });

  it('has no DLQ and no permission for one when turned off', () => {
    const { p, rolePolicy, json } = withPipe({ deadLetterQueue: false });
    expect(p.source_parameters.dynamodb_stream_parameters.dead_letter_config).toBeUndefined();
    expect(resourcesOf(json, 'aws_sqs_queue')).toHaveLength(0);
    expect(doc(rolePolicy.policy).Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['ReadTableStream', 'ListTableStreams', 'PutEventsOnBus', 'WriteExecutionLog']);
  });

  it('logs failed executions (level ERROR) to its own log group, kept 365 days, by default', () => {
    const { p, json } = withPipe();
    const logs = resourceAt(json, 'aws_cloudwatch_log_group', 'orders/ToBus/Logs');
    expect(logs).toMatchObject({ name: '/aws/vendedlogs/pipes/orders-ToBus', retention_in_days: 365 });
    expect(p.log_configuration).toEqual({ level: 'ERROR', cloudwatch_logs_log_destination: { log_group_arn: refTo(json, 'aws_cloudwatch_log_group', 'orders/ToBus/Logs', 'arn') } });
  });

  it('takes a level, retention and name for its log, or no log at all', () => {
    const custom = withPipe({ logging: { level: 'INFO', retentionDays: 30, logGroupName: '/orders/pipe' } });
    expect(resourceAt(custom.json, 'aws_cloudwatch_log_group', 'orders/ToBus/Logs')).toMatchObject({ name: '/orders/pipe', retention_in_days: 30 });
    expect(custom.p.log_configuration.level).toBe('INFO');
    const off = withPipe({ logging: false });
    expect(off.p.log_configuration).toBeUndefined();
    expect(resourcesOf(off.json, 'aws_cloudwatch_log_group')).toHaveLength(0);
    expect(JSON.stringify(doc(off.rolePolicy.policy))).not.toContain('logs:');
  });

  it('refuses a log level or retention AWS does not know', () => {
    expect(errorOf(() => withPipe({ logging: { level: 'DEBUG' as never, retentionDays: 10 } }))).toBe(
      'test/orders: 2 invalid props:\n  - ToBus.logging.level = "DEBUG" is invalid: must be one of "OFF", "ERROR", "INFO", "TRACE"\n  - ToBus.logging.retentionDays = 10 is invalid: must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
    );
  });

  it('refuses a log group name CloudWatch Logs does not take', () => {
    for (const logGroupName of ['aws/pipes/orders', 'orders pipe']) {
      expect(errorOf(() => withPipe({ logging: { logGroupName } }))).toBe(
        `test/orders: ToBus.logging.logGroupName = "${logGroupName}" is invalid: log group names must be 1–512 characters of letters, digits, ".", "-", "_", "/" and "#", and must not start with "aws/"`,
      );
    }
  });

  it('sends no filter criteria when there are no filters', () => {
    expect(withPipe().p.source_parameters.filter_criteria).toBeUndefined();
  });
});

describe('pipe enrichment', () => {
  const fn = 'arn:aws:lambda:eu-west-1:123456789012:function:enrich';

  it('invokes the enrichment function, which the role may invoke and nothing else', () => {
    const { p, pipe, rolePolicy } = withPipe({ inputTemplate: '<$.detail>', enrichmentFunctionArn: fn });
    expect(p).toMatchObject({ enrichment: fn, target_parameters: { input_template: '<$.detail>' } });
    const invoke = { Sid: 'InvokeEnrichment', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: fn };
    expect(pipe.policyDocument.Statement).toContainEqual(invoke);
    expect(document<any>(rolePolicy.policy).Statement.filter((st: { Action: string }) => String(st.Action).startsWith('lambda:'))).toEqual([invoke]);
  });

  it('has no enrichment unless given one', () => {
    const { p, pipe } = withPipe();
    expect(p.enrichment).toBeUndefined();
    expect(JSON.stringify(pipe.policyDocument)).not.toContain('lambda:');
  });

  it('refuses an enrichment that is not a Lambda function ARN', () => {
    expect(() => withPipe({ enrichmentFunctionArn: 'enrich' })).toThrow(/ToBus.enrichmentFunctionArn = "enrich" is invalid: must be an ARN of lambda/);
  });
});

describe('alarm on failed executions', () => {
  const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:alarms';

  it('alarms on AWS/EventBridge/Pipes ExecutionFailed by pipe name, with the DLQ alarm actions by default', () => {
    const { json, pipe } = withPipe({ deadLetterQueue: { alarm: { alarmActions: [TOPIC], okActions: [TOPIC] } } });
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'orders/ToBus/FailureAlarm')).toMatchObject({
      alarm_name: 'orders-ToBus-execution-failed',
      namespace: 'AWS/EventBridge/Pipes',
      metric_name: 'ExecutionFailed',
      dimensions: { PipeName: refTo(json, 'aws_pipes_pipe', 'orders/ToBus/Pipe', 'name') },
      statistic: 'Sum',
      threshold: 0,
      comparison_operator: 'GreaterThanThreshold',
      alarm_actions: [TOPIC],
      ok_actions: [TOPIC],
    });
    expect(pipe.failureAlarm).toBeDefined();
  });

  it('takes its own threshold and actions, and is off only when set to false', () => {
    const tuned = withPipe({ failureAlarm: { threshold: 3, alarmActions: [TOPIC] } });
    expect(resourceAt(tuned.json, 'aws_cloudwatch_metric_alarm', 'orders/ToBus/FailureAlarm')).toMatchObject({ threshold: 3, alarm_actions: [TOPIC] });
    const off = withPipe({ failureAlarm: false });
    expect(off.pipe.failureAlarm).toBeUndefined();
    expect(resourcesOf(off.json, 'aws_cloudwatch_metric_alarm').filter((a) => a.metric_name === 'ExecutionFailed')).toEqual([]);
    expect(() => withPipe({ failureAlarm: { threshold: -1 } })).toThrow(/ToBus.failureAlarm.threshold = -1 is invalid/);
  });
});
