import { fail, resourceRule } from '../../rule';
import { at, isSet, num } from '../../../core/values';

/**
 * A pipe on a DynamoDB or Kinesis stream bounds its retries and has a
 * dead-letter queue: the defaults (-1) retry a failing batch until the
 * records expire, blocking the shard, then drop it (PipeSourceDynamoDBStreamParameters).
 */
export const pipesStreamFailureHandling = resourceRule({
  id: 'EDA-PIPES-002',
  service: 'Pipes',
  severity: 'warning',
  title: 'Pipes reading streams have bounded retries and a dead-letter queue',
  publicIds: {},
  resourceTypes: ['aws_pipes_pipe'],
  check(pipe, graph) {
    const kind = graph.eventSource(pipe.config.source)?.kind;
    if (kind !== 'dynamodb' && kind !== 'kinesis') return;
    const p = `source_parameters.${kind === 'dynamodb' ? 'dynamodb' : 'kinesis'}_stream_parameters`;
    const problems = [];
    const retries = at(pipe.config, `${p}.maximum_retry_attempts`);
    if (retries === undefined || num(retries) === -1) {
      problems.push(fail(`pipe retries a failing ${kind} stream batch until the records expire (${p}.maximum_retry_attempts unset or -1)`, `set ${p}.maximum_retry_attempts (e.g. 3) and on_partial_batch_item_failure = "AUTOMATIC_BISECT"`));
    }
    if (!isSet(at(pipe.config, `${p}.dead_letter_config.arn`))) {
      problems.push(fail(`pipe has no dead-letter queue for the ${kind} stream records it gives up on`, `set ${p}.dead_letter_config.arn to an SQS queue`));
    }
    return problems;
  },
});
