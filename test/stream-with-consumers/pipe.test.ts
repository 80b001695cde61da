import { IEventBusTarget } from '../../modules';
import { StreamWithConsumersProps } from '../../modules/stream-with-consumers';
import { PipeToEventBusOptions, StreamToBusPipe } from '../../modules/table-with-stream';
import { refTo, resourceAt } from '../helpers/synth';
import { BUS, BUS_KEY } from '../table-with-stream/fixtures';
import { build, doc, errorOf, oneIssue, STREAM_KEY } from './fixtures';

const OPTIONS: PipeToEventBusOptions = { source: 'orders.analytics', detailType: '$.data.type' };
const P = 'test/orders';
const SIX_FILTERS = Array.from({ length: 6 }, () => ({ data: { type: ['x'] } }));

function withPipe(options: Partial<PipeToEventBusOptions> = {}, props: Partial<StreamWithConsumersProps> = {}, bus: IEventBusTarget | string = BUS) {
  let pipe!: StreamToBusPipe;
  const { json } = build(props, (stream) => {
    pipe = stream.addPipeToEventBus('ToBus', bus, { ...OPTIONS, ...options });
  });
  return {
    json,
    pipe,
    p: resourceAt(json, 'aws_pipes_pipe', 'orders/ToBus/Pipe'),
    role: resourceAt(json, 'aws_iam_role', 'orders/ToBus/Role'),
    rolePolicy: resourceAt(json, 'aws_iam_role_policy', 'orders/ToBus/RolePolicy'),
  };
}

describe('StreamWithConsumers.addPipeToEventBus defaults', () => {
  const { json, p, role, rolePolicy, pipe } = withPipe({ filters: [{ data: { type: ['OrderPlaced'] } }] });
  const streamArn = refTo(json, 'aws_kinesis_stream', 'orders/Stream', 'arn');
  const dlqArn = refTo(json, 'aws_sqs_queue', 'orders/ToBus/DeadLetterQueue/Resource/Queue', 'arn');

  it('makes a running pipe from the stream to the bus, named and described after the stream', () => {
    expect(p).toMatchObject({
      name: 'orders-ToBus',
      description: 'Records of Kinesis stream orders put on event bus orders',
      desired_state: 'RUNNING',
      source: streamArn,
      target: BUS.eventBusArn,
      role_arn: refTo(json, 'aws_iam_role', 'orders/ToBus/Role', 'arn'),
    });
    expect(pipe.pipeName).toBe('orders-ToBus');
    expect(role.name).toBe('orders-ToBus-role');
  });

  it('reads with kinesis_stream_parameters: oldest record first, bounded retries and age, bisection, a DLQ', () => {
    expect(p.source_parameters.kinesis_stream_parameters).toEqual({
      starting_position: 'TRIM_HORIZON',
      maximum_retry_attempts: 10,
      maximum_record_age_in_seconds: 86_400,
      on_partial_batch_item_failure: 'AUTOMATIC_BISECT',
      dead_letter_config: { arn: dlqArn },
    });
    expect(p.source_parameters.dynamodb_stream_parameters).toBeUndefined();
  });

  it('filters in the pipes dialect, on the decoded data', () => {
    expect(p.source_parameters.filter_criteria).toEqual({ filter: [{ pattern: '{"data":{"type":["OrderPlaced"]}}' }] });
  });

  it('puts events on the bus with the source and detail-type given', () => {
    expect(p.target_parameters).toEqual({ eventbridge_event_bus_parameters: { source: 'orders.analytics', detail_type: '$.data.type' } });
  });

  it('allows exactly: read this stream (shared throughput), put events on this bus, write its log, send to this DLQ', () => {
    expect(doc(rolePolicy.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadStream',
          Effect: 'Allow',
          Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'],
          Resource: streamArn,
        },
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
    expect(pipe.policyDocument.Statement.map((st) => st.Sid)).toEqual(['ReadStream', 'PutEventsOnBus', 'WriteExecutionLog', 'SendToDeadLetterQueue']);
    expect(p.depends_on).toEqual([`aws_iam_role_policy.${rolePolicy['//'].metadata.uniqueId}`]);
  });

  it('lets only pipes.amazonaws.com, for this pipe, assume the role', () => {
    const trust = doc(role.assume_role_policy).Statement[0];
    expect(trust.Principal).toEqual({ Service: 'pipes.amazonaws.com' });
    expect(trust.Condition.ArnEquals['aws:SourceArn']).toMatch(/:pipe\/orders-ToBus$/);
  });

  it('logs at ERROR to its own log group and alarms on ExecutionFailed by pipe name', () => {
    expect(resourceAt(json, 'aws_cloudwatch_log_group', 'orders/ToBus/Logs')).toMatchObject({ name: '/aws/vendedlogs/pipes/orders-ToBus', retention_in_days: 365 });
    expect(p.log_configuration.level).toBe('ERROR');
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'orders/ToBus/FailureAlarm')).toMatchObject({
      namespace: 'AWS/EventBridge/Pipes',
      metric_name: 'ExecutionFailed',
      dimensions: { PipeName: refTo(json, 'aws_pipes_pipe', 'orders/ToBus/Pipe', 'name') },
    });
  });
});

describe('StreamWithConsumers.addPipeToEventBus options', () => {
  it('passes every reading option through to kinesis_stream_parameters', () => {
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
    expect(p.source_parameters.kinesis_stream_parameters).toEqual({
      starting_position: 'LATEST',
      batch_size: 50,
      maximum_batching_window_in_seconds: 5,
      maximum_record_age_in_seconds: -1,
      maximum_retry_attempts: 3,
      parallelization_factor: 4,
    });
  });

  it("decrypts the stream's customer-managed key and encrypts for the bus key", () => {
    const { rolePolicy } = withPipe({}, { encryption: { kmsKeyArn: STREAM_KEY } }, { ...BUS, kmsKeyArn: BUS_KEY });
    const statements = doc(rolePolicy.policy).Statement;
    expect(statements).toContainEqual({ Sid: 'DecryptStream', Effect: 'Allow', Action: 'kms:Decrypt', Resource: STREAM_KEY });
    expect(statements).toContainEqual({ Sid: 'EncryptForBus', Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: BUS_KEY });
  });

  it("has no key statement under the AWS managed key, and uses the stream's tags", () => {
    const { rolePolicy, p } = withPipe({}, { tags: { team: 'orders' } });
    expect(JSON.stringify(doc(rolePolicy.policy))).not.toContain('kms:');
    expect(p.tags).toEqual({ team: 'orders' });
  });

  it('takes a name, description, template, state and a bus by ARN', () => {
    const { p } = withPipe(
      { name: 'analytics-to-bus', description: 'analytics', inputTemplate: '{"order": <$.data.orderId>}', desiredState: 'STOPPED' },
      {},
      'arn:aws:events:eu-west-1:123456789012:event-bus/analytics',
    );
    expect(p).toMatchObject({ name: 'analytics-to-bus', description: 'analytics', desired_state: 'STOPPED', target: 'arn:aws:events:eu-west-1:123456789012:event-bus/analytics' });
    expect(p.target_parameters.input_template).toBe('{"order": <$.data.orderId>}');
  });
});

describe('StreamWithConsumers.addPipeToEventBus validation: path, field, value and what is allowed', () => {
  const cases: [string, Partial<PipeToEventBusOptions>, string, unknown, string][] = [
    ['no source', { source: undefined }, 'ToBus.source', undefined, 'is required: the source of the events put on the bus (a static value or a JSON path such as $.data.source)'],
    ['a source reserved for AWS', { source: 'aws.kinesis' }, 'ToBus.source', 'aws.kinesis', 'must be 1–256 characters, not starting with "aws."'],
    ['a detail-type over 128 characters', { detailType: 'd'.repeat(129) }, 'ToBus.detailType', 'd'.repeat(129), 'must be 1–128 characters, or a JSON path into the record such as $.data.type'],
    ['a pipe name with a space', { name: 'to bus' }, 'ToBus.name', 'to bus', 'pipe names are 1–64 letters'],
    ['a batch over 10,000 records', { batchSize: 10_001 }, 'ToBus.batchSize', 10_001, 'must be a whole number from 1 to 10,000 records'],
    ['a record age under 60 seconds', { maximumRecordAgeSeconds: 30 }, 'ToBus.maximumRecordAgeSeconds', 30, 'must be -1 (no limit) or a whole number from 60 to 604,800 seconds'],
    ['a parallelization factor of 11', { parallelizationFactor: 11 }, 'ToBus.parallelizationFactor', 11, 'must be a whole number from 1 to 10 batches per shard'],
    ['AT_TIMESTAMP', { startingPosition: 'AT_TIMESTAMP' as 'LATEST' }, 'ToBus.startingPosition', 'AT_TIMESTAMP', 'must be one of "TRIM_HORIZON", "LATEST"'],
    ['six filters', { filters: SIX_FILTERS }, 'ToBus.filters', SIX_FILTERS, 'at most 5 filters per pipe (6 given)'],
    ['an S3 bucket as DLQ (pipes take SQS or SNS)', { deadLetterQueue: 'arn:aws:s3:::failures' }, 'ToBus.deadLetterQueue', 'arn:aws:s3:::failures', 'must be the ARN of a standard SQS queue or a standard SNS topic'],
    ['a log level AWS does not know', { logging: { level: 'DEBUG' as 'ERROR' } }, 'ToBus.logging.level', 'DEBUG', 'must be one of "OFF", "ERROR", "INFO", "TRACE"'],
    ['a bisection word AWS does not know', { onPartialBatchItemFailure: 'BISECT' as 'AUTOMATIC_BISECT' }, 'ToBus.onPartialBatchItemFailure', 'BISECT', 'must be "AUTOMATIC_BISECT" or false'],
  ];
  it.each(cases)('%s', (_what, options, field, value, allowed) => {
    expect(errorOf(() => withPipe(options))).toMatch(oneIssue(P, field, value, allowed));
  });

  it('refuses a bus ARN that is not an event bus', () => {
    expect(errorOf(() => withPipe({}, {}, 'arn:aws:sqs:eu-west-1:123456789012:q'))).toMatch(
      oneIssue(P, 'ToBus.bus', 'arn:aws:sqs:eu-west-1:123456789012:q', 'must be an event bus ARN'),
    );
  });

  it('refuses a wrongly shaped option before its value is read', () => {
    expect(errorOf(() => withPipe({ batchSize: '10' as unknown as number }))).toMatch(/^test\/orders: ToBus\.batchSize = "10" is invalid: must be a number/);
  });

  it('refuses a default pipe name over 64 characters, naming the stream', () => {
    expect(errorOf(() => withPipe({}, { name: 's'.repeat(60) }))).toMatch(
      oneIssue(P, 'ToBus.name', `${'s'.repeat(60)}-ToBus`, 'the default pipe name "<stream name>-<id>" is longer than 64 characters'),
    );
  });
});
