import { TerraformResource } from '../../../core/terraform-json';
import { ResourceGraph } from '../../graph';
import { Problem, Rule } from '../../rule';
import { bool, isExpression } from '../../../core/values';

function check(consumer: TerraformResource, source: unknown, graph: ResourceGraph): Problem | undefined {
  const s = graph.eventSource(source);
  if (s?.kind !== 'dynamodb' || s.resource?.type !== 'aws_dynamodb_table' || s.resource.mode !== 'resource') return undefined;
  const enabled = s.resource.config.stream_enabled;
  if (bool(enabled) === true || isExpression(enabled)) return undefined;
  return {
    resource: consumer,
    message: `reads the stream of ${graph.label(s.resource)}, which has no stream (stream_enabled is not true), so its stream_arn is empty`,
    fix: `set stream_enabled = true and stream_view_type on ${graph.label(s.resource)}`,
  };
}

/** A stream consumer reads a table whose stream is enabled; CreateEventSourceMapping and CreatePipe fail otherwise. */
export const dynamoDbStreamEnabled: Rule = {
  id: 'EDA-DDB-007',
  service: 'DynamoDB',
  severity: 'error',
  title: 'Stream consumers read tables whose stream is enabled',
  publicIds: {},
  evaluate(graph) {
    return [
      ...graph.resources('aws_lambda_event_source_mapping').map((m) => check(m, m.config.event_source_arn, graph)),
      ...graph.resources('aws_pipes_pipe').map((p) => check(p, p.config.source, graph)),
    ].filter((p): p is Problem => !!p);
  },
};
