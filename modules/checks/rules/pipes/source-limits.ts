import { PIPES } from '../../../core/aws-limits';
import { Limits } from '../../limits';
import { resourceRule } from '../../rule';
import { at, block, isSet } from '../../../core/values';

/**
 * A pipe's source parameters are within what CreatePipe accepts
 * (PipeSourceDynamoDBStreamParameters, …KinesisStream…, …SqsQueue…).
 */
export const pipesSourceLimits = resourceRule({
  id: 'EDA-PIPES-001',
  service: 'Pipes',
  severity: 'error',
  title: 'Pipe source parameters are within AWS limits',
  publicIds: {},
  resourceTypes: ['aws_pipes_pipe'],
  check(pipe, graph) {
    const limits = new Limits(pipe.config);
    const kind = graph.eventSource(pipe.config.source)?.kind;
    for (const key of ['dynamodb_stream_parameters', 'kinesis_stream_parameters'] as const) {
      const p = `source_parameters.${key}`;
      const present = block(at(pipe.config, p)) !== undefined;
      const expected = (key === 'dynamodb_stream_parameters' && kind === 'dynamodb') || (key === 'kinesis_stream_parameters' && kind === 'kinesis');
      if (!present && !expected) continue;
      limits
        .check(isSet(at(pipe.config, `${p}.starting_position`)), `pipe reads a ${kind ?? 'stream'} source without ${p}.starting_position`, `set ${p}.starting_position = "LATEST" (or "TRIM_HORIZON")`)
        .range(`${p}.batch_size`, 1, PIPES.maxBatchSize)
        .range(`${p}.maximum_batching_window_in_seconds`, 0, PIPES.maxBatchingWindowSeconds, 'seconds')
        .range(`${p}.maximum_record_age_in_seconds`, PIPES.minRecordAgeSeconds, PIPES.maxRecordAgeSeconds, 'seconds', -1)
        .range(`${p}.maximum_retry_attempts`, 0, PIPES.maxRetryAttempts, '', -1)
        .range(`${p}.parallelization_factor`, 1, PIPES.maxParallelizationFactor)
        .oneOf(`${p}.on_partial_batch_item_failure`, ['AUTOMATIC_BISECT']);
    }
    limits
      .range('source_parameters.sqs_queue_parameters.batch_size', 1, PIPES.maxBatchSize)
      .range('source_parameters.sqs_queue_parameters.maximum_batching_window_in_seconds', 0, PIPES.maxBatchingWindowSeconds, 'seconds');
    return limits.outcome;
  },
});
