import { fail, resourceRule } from '../../rule';
import { at, isSet, num } from '../../../core/values';

/**
 * A mapping on a DynamoDB or Kinesis stream bounds its retries and sends
 * what it gives up on somewhere: by default (-1) Lambda retries a failing
 * batch until the record expires (24 hours for DynamoDB), blocking the
 * shard, and then loses it ("Using Lambda with DynamoDB").
 */
export const lambdaStreamFailureHandling = resourceRule({
  id: 'EDA-LAMBDA-017',
  service: 'Lambda',
  severity: 'warning',
  title: 'Stream event source mappings have bounded retries and an on-failure destination',
  publicIds: { cdkNag: ['Serverless-LambdaEventSourceMappingDestination'] },
  resourceTypes: ['aws_lambda_event_source_mapping'],
  check(mapping, graph) {
    const kind = graph.eventSource(mapping.config.event_source_arn)?.kind;
    if (kind !== 'dynamodb' && kind !== 'kinesis') return;
    const problems = [];
    const retries = mapping.config.maximum_retry_attempts;
    if (retries === undefined || num(retries) === -1) {
      problems.push(fail(`mapping of a ${kind} stream retries a failing batch until the records expire (maximum_retry_attempts unset or -1)`, 'set maximum_retry_attempts (e.g. 3) and bisect_batch_on_function_error = true'));
    }
    if (!isSet(at(mapping.config, 'destination_config.on_failure.destination_arn'))) {
      problems.push(fail(`mapping of a ${kind} stream has no on-failure destination; records it gives up on are lost`, 'set destination_config.on_failure.destination_arn to an SQS queue or SNS topic'));
    }
    return problems;
  },
});
