import { TerraformResource } from '../../../core/terraform-json';
import { Rule } from '../../rule';
import { bool, literal } from '../../../core/values';

/**
 * Shared-throughput consumers of one stream split each shard's 2 MB/s and
 * five GetRecords calls a second ("Kinesis Data Streams quotas and limits");
 * a Lambda mapping polls each shard once a second, more while catching up,
 * and the average delay grows from about 200 ms with one consumer to about
 * 1,000 ms with five ("Read data from Amazon Kinesis Data Streams"). Past two
 * such readers, enhanced fan-out gives each its own 2 MB/s per shard.
 */
const MAX_SHARED_THROUGHPUT_CONSUMERS = 2;

/** Lambda mappings and pipes reading one stream with shared throughput: more than two is a warning suggesting enhanced fan-out. */
export const kinesisSharedThroughputConsumers: Rule = {
  id: 'EDA-KINESIS-002',
  service: 'Kinesis',
  severity: 'warning',
  title: `A Kinesis stream has at most ${MAX_SHARED_THROUGHPUT_CONSUMERS} shared-throughput consumers (more read through enhanced fan-out)`,
  publicIds: {},
  evaluate(graph) {
    const readers = new Map<string, { stream?: TerraformResource; consumers: TerraformResource[] }>();
    const add = (consumer: TerraformResource, arn: unknown): void => {
      const source = graph.eventSource(arn);
      // Reading through an aws_kinesis_stream_consumer is dedicated throughput.
      if (source?.kind !== 'kinesis' || source.resource?.type === 'aws_kinesis_stream_consumer') return;
      const key = source.resource?.address ?? String(arn);
      const entry = readers.get(key) ?? { stream: source.resource?.mode === 'resource' ? source.resource : undefined, consumers: [] };
      entry.consumers.push(consumer);
      readers.set(key, entry);
    };
    for (const m of graph.resources('aws_lambda_event_source_mapping')) if (bool(m.config.enabled) !== false) add(m, m.config.event_source_arn);
    for (const p of graph.resources('aws_pipes_pipe')) if (literal(p.config.desired_state) !== 'STOPPED') add(p, p.config.source);
    return [...readers.values()]
      .filter((e) => e.consumers.length > MAX_SHARED_THROUGHPUT_CONSUMERS)
      .map((e) => ({
        resource: e.stream ?? e.consumers[0],
        message: `stream has ${e.consumers.length} shared-throughput consumers (${e.consumers.map((c) => graph.label(c)).join(', ')}); they share each shard's 2 MB/s and 5 reads a second`,
        fix: 'read through enhanced fan-out (an aws_kinesis_stream_consumer as the mapping\'s event_source_arn; StreamWithConsumers: enhancedFanOut: true)',
      }));
  },
};
