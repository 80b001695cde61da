import { KINESIS } from '../../../core/aws-limits';
import { Limits } from '../../limits';
import { resourceRule } from '../../rule';
import { at, isExpression, isSet, list, literal, num } from '../../../core/values';

/**
 * A stream's and a stream consumer's arguments are within what the provider
 * (kinesis/stream.go) and the Kinesis API accept: the shard count suits the
 * capacity mode (the provider refuses one on an on-demand stream and needs one
 * on a provisioned stream, the mode when none is given), retention 24–8,760
 * hours, record size 1,024–10,240 KiB, names, metric names.
 */
export const kinesisStreamLimits = resourceRule({
  id: 'EDA-KINESIS-003',
  service: 'Kinesis',
  severity: 'error',
  title: 'Kinesis stream and stream consumer arguments are within AWS limits',
  publicIds: {},
  resourceTypes: ['aws_kinesis_stream', 'aws_kinesis_stream_consumer'],
  check(resource) {
    const c = resource.config;
    const limits = new Limits(c).matches('name', KINESIS.name, '1 to 128 of a-z A-Z 0-9 _ . -');
    if (resource.type === 'aws_kinesis_stream_consumer') return limits.outcome;

    limits
      .range('retention_period', KINESIS.minRetentionHours, KINESIS.maxRetentionHours, 'hours')
      .range('max_record_size_in_kib', KINESIS.minRecordSizeKiB, KINESIS.maxRecordSizeKiB, 'KiB')
      .oneOf('encryption_type', ['NONE', 'KMS'])
      .oneOf('stream_mode_details.stream_mode', ['ON_DEMAND', 'PROVISIONED']);
    const unknownMetrics = list(c.shard_level_metrics)
      .map((m) => literal(m))
      .filter((m): m is string => m !== undefined && !KINESIS.shardLevelMetrics.includes(m));
    limits.check(unknownMetrics.length === 0, `shard_level_metrics has ${unknownMetrics.join(', ')}, not a shard-level metric`, `use only ${KINESIS.shardLevelMetrics.join(', ')}`);

    const modeValue = at(c, 'stream_mode_details.stream_mode');
    if (isExpression(modeValue)) return limits.outcome;
    const mode = literal(modeValue) ?? 'PROVISIONED';
    const shards = c.shard_count;
    if (mode === 'ON_DEMAND') {
      limits.check(!isSet(shards) || num(shards) === 0, `shard_count = ${String(shards)} on an ON_DEMAND stream`, 'remove shard_count: on-demand streams scale their shards themselves');
    } else if (mode === 'PROVISIONED' && !isExpression(shards)) {
      const n = num(shards);
      limits.check(
        n !== undefined && n >= 1,
        shards === undefined ? 'a PROVISIONED stream has no shard_count' : `shard_count = ${String(shards)} on a PROVISIONED stream`,
        'set shard_count to 1 or more, or stream_mode_details { stream_mode = "ON_DEMAND" }',
      );
    }
    return limits.outcome;
  },
});
