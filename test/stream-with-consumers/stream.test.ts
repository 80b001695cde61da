import { PolicyStatement } from '../../modules';
import { refTo, resourceAt, resourcesOf } from '../helpers/synth';
import { build, STREAM_KEY } from './fixtures';

/** A grantee that records what it is granted. */
function recorder() {
  const statements: PolicyStatement[] = [];
  return { statements, addToPrincipalPolicy: (s: PolicyStatement) => void statements.push(s) };
}

describe('StreamWithConsumers defaults', () => {
  const { json } = build();

  it('makes an on-demand stream encrypted with the AWS managed key, keeping records 24 hours', () => {
    const { ['//']: _meta, ...config } = resourceAt(json, 'aws_kinesis_stream', 'orders/Stream');
    expect(config).toEqual({
      name: 'orders',
      stream_mode_details: { stream_mode: 'ON_DEMAND' },
      retention_period: 24,
      encryption_type: 'KMS',
      kms_key_id: 'alias/aws/kinesis',
    });
  });

  it('alarms on any throttled write, by stream name', () => {
    const alarm = resourceAt(json, 'aws_cloudwatch_metric_alarm', 'orders/WriteThrottleAlarm');
    expect(alarm).toMatchObject({
      alarm_name: 'orders-write-throttles',
      namespace: 'AWS/Kinesis',
      metric_name: 'WriteProvisionedThroughputExceeded',
      dimensions: { StreamName: refTo(json, 'aws_kinesis_stream', 'orders/Stream', 'name') },
      statistic: 'Sum',
      threshold: 0,
      comparison_operator: 'GreaterThanThreshold',
    });
  });
});

describe('StreamWithConsumers settings reach the stream', () => {
  it('provisioned capacity writes the shard count', () => {
    const { json } = build({ capacity: { mode: 'provisioned', shardCount: 4 } });
    expect(resourceAt(json, 'aws_kinesis_stream', 'orders/Stream')).toMatchObject({ stream_mode_details: { stream_mode: 'PROVISIONED' }, shard_count: 4 });
  });

  it('a customer-managed key, retention and shard-level metrics', () => {
    const { json, stream } = build({ encryption: { kmsKeyArn: STREAM_KEY }, retentionPeriodHours: 8_760, shardLevelMetrics: ['IncomingBytes', 'IteratorAgeMilliseconds'] });
    expect(resourceAt(json, 'aws_kinesis_stream', 'orders/Stream')).toMatchObject({
      kms_key_id: STREAM_KEY,
      encryption_type: 'KMS',
      retention_period: 8_760,
      shard_level_metrics: ['IncomingBytes', 'IteratorAgeMilliseconds'],
    });
    expect(stream.kmsKeyArn).toBe(STREAM_KEY);
  });

  it('the write-throttle alarm takes a threshold and actions, or is turned off', () => {
    const topic = 'arn:aws:sns:eu-west-1:123456789012:alarms';
    const { json } = build({ writeThrottleAlarm: { threshold: 10, alarmActions: [topic], okActions: [topic] } });
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'orders/WriteThrottleAlarm')).toMatchObject({ threshold: 10, alarm_actions: [topic], ok_actions: [topic] });
    const off = build({ writeThrottleAlarm: false });
    expect(resourcesOf(off.json, 'aws_cloudwatch_metric_alarm')).toHaveLength(0);
    expect(off.stream.writeThrottleAlarm).toBeUndefined();
  });

  it('tags every resource made here', () => {
    const { json } = build({ tags: { team: 'analytics' } }, (s) => s.addLambdaConsumer('Audit', { functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:f', enhancedFanOut: true }));
    for (const type of ['aws_kinesis_stream', 'aws_kinesis_stream_consumer', 'aws_lambda_event_source_mapping', 'aws_sqs_queue', 'aws_cloudwatch_metric_alarm']) {
      const resources = resourcesOf(json, type);
      expect(resources.length).toBeGreaterThan(0);
      for (const r of resources) expect(r.tags).toEqual({ team: 'analytics' });
    }
  });
});

describe('StreamWithConsumers grants', () => {
  it('grantWrite: put records on this stream; with a customer-managed key, its data key', () => {
    const plain = recorder();
    const { stream } = build({}, (s) => s.grantWrite(plain));
    expect(plain.statements).toEqual([
      { Sid: 'WriteStream', Effect: 'Allow', Action: ['kinesis:DescribeStreamSummary', 'kinesis:ListShards', 'kinesis:PutRecord', 'kinesis:PutRecords'], Resource: stream.streamArn },
    ]);
    const keyed = recorder();
    build({ encryption: { kmsKeyArn: STREAM_KEY } }, (s) => s.grantWrite(keyed));
    expect(keyed.statements[1]).toEqual({ Sid: 'EncryptStream', Effect: 'Allow', Action: ['kms:GenerateDataKey'], Resource: STREAM_KEY });
  });

  it('grantRead: describe, list shards, shard iterators and records; with a customer-managed key, decrypt', () => {
    const plain = recorder();
    const { stream } = build({}, (s) => s.grantRead(plain));
    expect(plain.statements).toHaveLength(1);
    expect(plain.statements[0]).toEqual({
      Sid: 'ReadStream',
      Effect: 'Allow',
      Resource: stream.streamArn,
      Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'],
    });
    const keyed = recorder();
    build({ encryption: { kmsKeyArn: STREAM_KEY } }, (s) => s.grantRead(keyed));
    expect(keyed.statements[1]).toEqual({ Sid: 'DecryptStream', Effect: 'Allow', Action: 'kms:Decrypt', Resource: STREAM_KEY });
  });
});
