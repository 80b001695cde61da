import { TerraformResource } from '../../../core/terraform-json';
import { Rule } from '../../rule';
import { bool, literal } from '../../../core/values';

/**
 * A DynamoDB stream has at most two readers: "No more than two processes at
 * most should be reading from the same streams shard at the same time", or
 * reads are throttled (DynamoDB Streams). Event source mappings and pipes on
 * one stream count together; a disabled mapping or stopped pipe does not.
 */
export const dynamoDbStreamReaders: Rule = {
  id: 'EDA-DDB-006',
  service: 'DynamoDB',
  severity: 'warning',
  title: 'A DynamoDB stream has at most two readers (event source mappings and pipes)',
  publicIds: {},
  evaluate(graph) {
    const readers = new Map<string, { table?: TerraformResource; consumers: TerraformResource[] }>();
    const add = (consumer: TerraformResource, source: unknown): void => {
      const s = graph.eventSource(source);
      if (s?.kind !== 'dynamodb') return;
      const key = s.resource?.address ?? String(source);
      const entry = readers.get(key) ?? { table: s.resource?.mode === 'resource' ? s.resource : undefined, consumers: [] };
      entry.consumers.push(consumer);
      readers.set(key, entry);
    };
    for (const m of graph.resources('aws_lambda_event_source_mapping')) if (bool(m.config.enabled) !== false) add(m, m.config.event_source_arn);
    for (const p of graph.resources('aws_pipes_pipe')) if (literal(p.config.desired_state) !== 'STOPPED') add(p, p.config.source);
    return [...readers.values()]
      .filter((e) => e.consumers.length > 2)
      .map((e) => ({
        resource: e.table ?? e.consumers[0],
        message: `stream has ${e.consumers.length} readers (${e.consumers.map((c) => graph.label(c)).join(', ')}); DynamoDB throttles more than two per shard`,
        fix: 'read the stream with one pipe (or at most two consumers) and fan out from EventBridge or SNS',
      }));
  },
};
