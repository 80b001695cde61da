import { fail, resourceRule } from '../../rule';
import { list } from '../../../core/values';

/**
 * A queue or stream consumer reports partial batch failures, so one bad
 * message does not make Lambda retry (and re-process) the whole batch.
 */
export const lambdaBatchItemFailures = resourceRule({
  id: 'EDA-LAMBDA-018',
  service: 'Lambda',
  severity: 'warning',
  title: 'SQS and stream event source mappings report batch item failures',
  publicIds: {},
  resourceTypes: ['aws_lambda_event_source_mapping'],
  check(mapping, graph) {
    const kind = graph.eventSource(mapping.config.event_source_arn)?.kind;
    if (kind !== 'sqs' && kind !== 'dynamodb' && kind !== 'kinesis') return;
    if (list(mapping.config.function_response_types).includes('ReportBatchItemFailures')) return;
    return fail(`mapping of ${kind === 'sqs' ? 'an SQS queue' : `a ${kind} stream`} does not report batch item failures, so one failure retries the whole batch`, 'set function_response_types = ["ReportBatchItemFailures"] and return batchItemFailures from the handler');
  },
});
