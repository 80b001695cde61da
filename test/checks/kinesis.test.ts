import { KinesisStream } from '@cdktf/provider-aws/lib/kinesis-stream';
import { KinesisStreamConsumer } from '@cdktf/provider-aws/lib/kinesis-stream-consumer';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { StreamWithConsumers } from '../../modules/stream-with-consumers';
import { newStack } from './fixtures';
import { expectFinding, expectNoFinding, findings } from './helpers';

const FUNCTION = 'arn:aws:lambda:eu-west-1:123456789012:function:reader';

describe('EDA-KINESIS-001 stream encrypted at rest', () => {
  it('passes for StreamWithConsumers (AWS managed key) and a customer-managed key', () => {
    const { stack } = newStack();
    new StreamWithConsumers(stack, 'managed', { name: 'a' });
    new StreamWithConsumers(stack, 'cmk', { name: 'b', encryption: { kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k' } });
    expectNoFinding(stack, 'EDA-KINESIS-001');
  });
  it('fails without encryption, and with KMS but no key', () => {
    const { stack } = newStack();
    const plain = new KinesisStream(stack, 'plain', { name: 'plain', streamModeDetails: { streamMode: 'ON_DEMAND' } });
    const none = new KinesisStream(stack, 'none', { name: 'none', encryptionType: 'NONE', streamModeDetails: { streamMode: 'ON_DEMAND' } });
    const keyless = new KinesisStream(stack, 'keyless', { name: 'keyless', encryptionType: 'KMS', streamModeDetails: { streamMode: 'ON_DEMAND' } });
    expectFinding(stack, 'EDA-KINESIS-001', plain, 'stream is not encrypted at rest');
    expectFinding(stack, 'EDA-KINESIS-001', none, 'stream is not encrypted at rest');
    expectFinding(stack, 'EDA-KINESIS-001', keyless, 'stream has encryption_type KMS but no kms_key_id');
    expect(findings(stack, 'EDA-KINESIS-001')).toHaveLength(3);
  });
});

describe('EDA-KINESIS-002 shared-throughput consumers', () => {
  it('passes with two shared-throughput consumers and any number reading through enhanced fan-out', () => {
    const { stack } = newStack();
    const stream = new StreamWithConsumers(stack, 'orders', { name: 'orders' });
    stream.addLambdaConsumer('a', { functionArn: FUNCTION });
    stream.addLambdaConsumer('b', { functionArn: FUNCTION });
    stream.addLambdaConsumer('c', { functionArn: FUNCTION, enhancedFanOut: true });
    stream.addLambdaConsumer('d', { functionArn: FUNCTION, enhancedFanOut: true });
    expectNoFinding(stack, 'EDA-KINESIS-002');
  });
  it('warns on a third shared-throughput consumer, naming them and suggesting enhanced fan-out', () => {
    const { stack } = newStack();
    const stream = new StreamWithConsumers(stack, 'orders', { name: 'orders' });
    for (const id of ['a', 'b', 'c']) stream.addLambdaConsumer(id, { functionArn: FUNCTION });
    const finding = expectFinding(stack, 'EDA-KINESIS-002', stream.stream, 'stream has 3 shared-throughput consumers (x/orders/a/EventSourceMapping, x/orders/b/EventSourceMapping, x/orders/c/EventSourceMapping)');
    expect(finding.message).toContain('enhanced fan-out');
  });
  it('a disabled mapping does not count; a mapping on a raw stream consumer is dedicated', () => {
    const { stack } = newStack();
    const stream = new KinesisStream(stack, 's', { name: 's', encryptionType: 'KMS', kmsKeyId: 'alias/aws/kinesis' });
    const consumer = new KinesisStreamConsumer(stack, 'efo', { name: 'efo', streamArn: stream.arn });
    new LambdaEventSourceMapping(stack, 'm1', { eventSourceArn: stream.arn, functionName: FUNCTION, startingPosition: 'LATEST' });
    new LambdaEventSourceMapping(stack, 'm2', { eventSourceArn: stream.arn, functionName: FUNCTION, startingPosition: 'LATEST' });
    new LambdaEventSourceMapping(stack, 'm3', { eventSourceArn: stream.arn, functionName: FUNCTION, startingPosition: 'LATEST', enabled: false });
    new LambdaEventSourceMapping(stack, 'm4', { eventSourceArn: consumer.arn, functionName: FUNCTION, startingPosition: 'LATEST' });
    expectNoFinding(stack, 'EDA-KINESIS-002');
    new LambdaEventSourceMapping(stack, 'm5', { eventSourceArn: stream.arn, functionName: FUNCTION, startingPosition: 'LATEST' });
    expectFinding(stack, 'EDA-KINESIS-002', stream, 'stream has 3 shared-throughput consumers (x/m1, x/m2, x/m5)');
  });
});

describe('a Kinesis consumer without an on-failure destination (EDA-LAMBDA-017, for every stream source)', () => {
  it('reports a mapping on the stream or on its fan-out consumer that has none', () => {
    const { stack } = newStack();
    const stream = new StreamWithConsumers(stack, 'orders', { name: 'orders' });
    const shared = stream.addLambdaConsumer('shared', { functionArn: FUNCTION, onFailureDestination: false });
    const fanOut = stream.addLambdaConsumer('fanOut', { functionArn: FUNCTION, onFailureDestination: false, enhancedFanOut: true });
    stream.addLambdaConsumer('safe', { functionArn: FUNCTION });
    expectFinding(stack, 'EDA-LAMBDA-017', shared.eventSourceMapping, 'mapping of a kinesis stream has no on-failure destination');
    expectFinding(stack, 'EDA-LAMBDA-017', fanOut.eventSourceMapping, 'mapping of a kinesis stream has no on-failure destination');
    expect(findings(stack, 'EDA-LAMBDA-017')).toHaveLength(2);
  });
});

describe('EDA-KINESIS-003 stream and consumer arguments within AWS limits', () => {
  it('passes for StreamWithConsumers, on-demand or provisioned, with a fan-out consumer', () => {
    const { stack } = newStack();
    new StreamWithConsumers(stack, 'a', { name: 'a', retentionPeriodHours: 8_760, shardLevelMetrics: ['ALL'] });
    const b = new StreamWithConsumers(stack, 'b', { name: 'b', capacity: { mode: 'provisioned', shardCount: 2 } });
    b.addLambdaConsumer('reader', { functionArn: FUNCTION, enhancedFanOut: true });
    expectNoFinding(stack, 'EDA-KINESIS-003');
  });
  it('reports a shard count that does not suit the mode (the provider refuses both at plan)', () => {
    const { stack } = newStack();
    const onDemand = new KinesisStream(stack, 'od', { name: 'od', shardCount: 2, streamModeDetails: { streamMode: 'ON_DEMAND' } });
    const noShards = new KinesisStream(stack, 'prov', { name: 'prov' });
    expectFinding(stack, 'EDA-KINESIS-003', onDemand, 'shard_count = 2 on an ON_DEMAND stream');
    expectFinding(stack, 'EDA-KINESIS-003', noShards, 'a PROVISIONED stream has no shard_count');
  });
  it('reports retention, record size, metric names and names out of range', () => {
    const { stack } = newStack();
    const s = new KinesisStream(stack, 's', {
      name: 'order events',
      shardCount: 1,
      retentionPeriod: 12,
      maxRecordSizeInKib: 512,
      shardLevelMetrics: ['IncomingBytes', 'Latency'],
    });
    const consumer = new KinesisStreamConsumer(stack, 'c', { name: 'a/b', streamArn: s.arn });
    expectFinding(stack, 'EDA-KINESIS-003', s, 'retention_period = 12 is outside 24..8,760 hours');
    expectFinding(stack, 'EDA-KINESIS-003', s, 'max_record_size_in_kib = 512 is outside 1,024..10,240 KiB');
    expectFinding(stack, 'EDA-KINESIS-003', s, 'shard_level_metrics has Latency, not a shard-level metric');
    expectFinding(stack, 'EDA-KINESIS-003', s, 'name = "order events" is invalid');
    expectFinding(stack, 'EDA-KINESIS-003', consumer, 'name = "a/b" is invalid');
  });
});
