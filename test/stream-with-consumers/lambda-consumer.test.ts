import { TerraformOutput } from 'cdktf';
import { StreamLambdaConsumer, StreamLambdaConsumerProps, StreamWithConsumersProps } from '../../modules/stream-with-consumers';
import { refTo, resourceAt, resourcesOf } from '../helpers/synth';
import { build, doc, FUNCTION_ARN, STREAM_KEY } from './fixtures';

function withConsumer(props: Partial<StreamLambdaConsumerProps> = {}, streamProps: Partial<StreamWithConsumersProps> = {}) {
  let consumer!: StreamLambdaConsumer;
  const built = build(streamProps, (stream) => {
    consumer = stream.addLambdaConsumer('Analytics', { functionArn: FUNCTION_ARN, ...props });
    new TerraformOutput(stream, 'consumerDocument', { value: JSON.stringify(consumer.policyDocument) });
  });
  const json = built.json;
  const output = Object.entries(json.output as Record<string, { value: string }>).find(([key]) => key.includes('consumerDocument'))!;
  return { ...built, consumer, mapping: resourceAt(json, 'aws_lambda_event_source_mapping', 'orders/Analytics/EventSourceMapping'), document: JSON.parse(output[1].value) };
}

describe('addLambdaConsumer defaults', () => {
  const { json, mapping, document, consumer } = withConsumer();
  const streamArn = refTo(json, 'aws_kinesis_stream', 'orders/Stream', 'arn');
  const dlqArn = refTo(json, 'aws_sqs_queue', 'orders/Analytics/DeadLetterQueue/Resource/Queue', 'arn');

  it('maps the stream to the function with bounded retries and age, bisection, batch item failures and a failure queue', () => {
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

  it('makes a standard, encrypted failure queue named after the stream and consumer', () => {
    expect(resourceAt(json, 'aws_sqs_queue', 'orders/Analytics/DeadLetterQueue/Resource/Queue')).toMatchObject({ name: 'orders-Analytics-dlq', sqs_managed_sse_enabled: true });
    expect(consumer.onFailureDestinationArn).toBe(consumer.onFailureDestination!.queueArn);
  });

  it("returns the policy the function's role needs: read this stream, send to the failure queue", () => {
    expect(document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadStream',
          Effect: 'Allow',
          Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'],
          Resource: streamArn,
        },
        { Sid: 'SendFailureRecords', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: dlqArn },
      ],
    });
  });

  it("alarms on the function's IteratorAge at half the maximum record age, at most one hour", () => {
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'orders/Analytics/IteratorAgeAlarm')).toMatchObject({
      alarm_name: 'orders-Analytics-iterator-age',
      namespace: 'AWS/Lambda',
      metric_name: 'IteratorAge',
      dimensions: { FunctionName: 'order-analytics' },
      statistic: 'Maximum',
      threshold: 3_600_000,
    });
  });

  it('reads with shared throughput: no stream consumer is registered', () => {
    expect(resourcesOf(json, 'aws_kinesis_stream_consumer')).toHaveLength(0);
    expect(consumer.streamConsumer).toBeUndefined();
  });
});

describe('addLambdaConsumer settings reach the mapping', () => {
  it('reading options, tumbling window and filters (as JSON patterns)', () => {
    const filters = [{ data: { type: ['OrderPlaced'] } }, { partitionKey: [{ prefix: 'eu-' }] }];
    const { mapping } = withConsumer({
      startingPosition: 'LATEST',
      batchSize: 500,
      maximumBatchingWindowSeconds: 5,
      maximumRecordAgeSeconds: 600,
      maximumRetryAttempts: 3,
      parallelizationFactor: 10,
      tumblingWindowSeconds: 900,
      bisectBatchOnFunctionError: false,
      reportBatchItemFailures: false,
      enabled: false,
      filters,
    });
    expect(mapping).toMatchObject({
      starting_position: 'LATEST',
      batch_size: 500,
      maximum_batching_window_in_seconds: 5,
      maximum_record_age_in_seconds: 600,
      maximum_retry_attempts: 3,
      parallelization_factor: 10,
      tumbling_window_in_seconds: 900,
      bisect_batch_on_function_error: false,
      enabled: false,
      filter_criteria: { filter: filters.map((f) => ({ pattern: JSON.stringify(f) })) },
    });
    expect(mapping.function_response_types).toBeUndefined();
  });

  it('the iterator-age alarm follows a shorter maximum record age, takes a threshold, or is turned off', () => {
    expect(resourceAt(withConsumer({ maximumRecordAgeSeconds: 600 }).json, 'aws_cloudwatch_metric_alarm', 'IteratorAgeAlarm').threshold).toBe(300_000);
    expect(resourceAt(withConsumer({ iteratorAgeAlarm: { thresholdMilliseconds: 5_000 } }).json, 'aws_cloudwatch_metric_alarm', 'IteratorAgeAlarm').threshold).toBe(5_000);
    const off = withConsumer({ iteratorAgeAlarm: false });
    expect(resourcesOf(off.json, 'aws_cloudwatch_metric_alarm').filter((a) => a.namespace === 'AWS/Lambda')).toHaveLength(0);
  });

  it('a given SNS topic is the on-failure destination, published to by the role; no queue is made', () => {
    const topic = 'arn:aws:sns:eu-west-1:123456789012:stream-failures';
    const { json, mapping, document } = withConsumer({ onFailureDestination: topic });
    expect(mapping.destination_config).toEqual({ on_failure: { destination_arn: topic } });
    expect(resourcesOf(json, 'aws_sqs_queue')).toHaveLength(0);
    expect(document.Statement[1]).toEqual({ Sid: 'SendFailureRecords', Effect: 'Allow', Action: 'sns:Publish', Resource: topic });
  });

  it('with a customer-managed key, the role may decrypt the stream', () => {
    const { document } = withConsumer({}, { encryption: { kmsKeyArn: STREAM_KEY } });
    expect(document.Statement).toContainEqual({ Sid: 'DecryptStream', Effect: 'Allow', Action: 'kms:Decrypt', Resource: STREAM_KEY });
  });

  it('functionRoleName attaches the policy to the role, and the mapping waits for it', () => {
    const { json, mapping } = withConsumer({ functionRoleName: 'order-analytics-role' });
    const policy = resourceAt(json, 'aws_iam_role_policy', 'orders/Analytics/RolePolicy');
    expect(policy).toMatchObject({ name: 'orders-kinesis-Analytics', role: 'order-analytics-role' });
    expect(doc(policy.policy).Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['ReadStream', 'SendFailureRecords']);
    expect(mapping.depends_on).toEqual([`aws_iam_role_policy.${policy['//'].metadata.uniqueId}`]);
  });
});

describe('addLambdaConsumer with enhanced fan-out', () => {
  const { json, mapping, document, consumer } = withConsumer({ enhancedFanOut: { consumerName: 'analytics' } });
  const consumerArn = refTo(json, 'aws_kinesis_stream_consumer', 'orders/Analytics/StreamConsumer', 'arn');

  it('registers a stream consumer and maps the function to it, not to the stream', () => {
    expect(resourceAt(json, 'aws_kinesis_stream_consumer', 'orders/Analytics/StreamConsumer')).toMatchObject({
      name: 'analytics',
      stream_arn: refTo(json, 'aws_kinesis_stream', 'orders/Stream', 'arn'),
    });
    expect(mapping.event_source_arn).toBe(consumerArn);
    expect(consumer.streamConsumer).toBeDefined();
  });

  it('lets the role subscribe to shards through the consumer', () => {
    expect(document.Statement).toContainEqual({ Sid: 'ReadThroughConsumer', Effect: 'Allow', Action: ['kinesis:DescribeStreamConsumer', 'kinesis:SubscribeToShard'], Resource: consumerArn });
  });

  it('`true` names the consumer after the id; the stream lists which consumers fan out', () => {
    const built = build({}, (s) => {
      s.addLambdaConsumer('Analytics', { functionArn: FUNCTION_ARN, enhancedFanOut: true });
      s.addLambdaConsumer('Audit', { functionArn: FUNCTION_ARN });
    });
    expect(resourceAt(built.json, 'aws_kinesis_stream_consumer', 'Analytics/StreamConsumer').name).toBe('Analytics');
    expect(built.stream.consumers).toEqual([
      { id: 'Analytics', enhancedFanOut: true },
      { id: 'Audit', enhancedFanOut: false },
    ]);
  });
});
