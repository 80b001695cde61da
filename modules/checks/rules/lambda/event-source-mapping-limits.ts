import { validateEventPattern } from '../../../patterns';
import { Limits } from '../../limits';
import { resourceRule } from '../../rule';
import { at, block, isSet, list, num } from '../../../core/values';
import { LAMBDA } from '../../../core/aws-limits';

/** Arguments that only stream sources (Kinesis, DynamoDB; some also Kafka) take: the API refuses them for SQS. */
const STREAM_ONLY = ['starting_position', 'bisect_batch_on_function_error', 'maximum_record_age_in_seconds', 'maximum_retry_attempts', 'parallelization_factor', 'tumbling_window_in_seconds', 'destination_config'];

/**
 * An event source mapping's arguments are within what the provider
 * (event_source_mapping.go) and CreateEventSourceMapping accept, for its
 * kind of source.
 */
export const lambdaEventSourceMappingLimits = resourceRule({
  id: 'EDA-LAMBDA-014',
  service: 'Lambda',
  severity: 'error',
  title: 'Lambda event source mapping arguments are within AWS limits',
  publicIds: {},
  resourceTypes: ['aws_lambda_event_source_mapping'],
  check(mapping, graph) {
    const c = mapping.config;
    const source = graph.eventSource(c.event_source_arn);
    const sqs = source?.kind === 'sqs';
    const stream = source?.kind === 'dynamodb' || source?.kind === 'kinesis';
    const batch = num(c.batch_size);
    const window = num(c.maximum_batching_window_in_seconds) ?? 0;
    const limits = new Limits(c)
      .check(
        // Neither for sure, or both for sure: a value that may be null asserts nothing.
        !(isSet(c.event_source_arn) === false && isSet(c.self_managed_event_source) === false) &&
          !(graph.surelySet(mapping, c.event_source_arn) && graph.surelySet(mapping, c.self_managed_event_source)),
        'mapping needs exactly one of event_source_arn and self_managed_event_source', 'set event_source_arn (or self_managed_event_source for your own Kafka)')
      .range('batch_size', 1, LAMBDA.maxBatchSize)
      .range('maximum_batching_window_in_seconds', 0, LAMBDA.maxBatchingWindowSeconds, 'seconds')
      .range('maximum_record_age_in_seconds', LAMBDA.minRecordAgeSeconds, LAMBDA.maxRecordAgeSeconds, 'seconds', -1)
      .range('maximum_retry_attempts', 0, LAMBDA.maxRetryAttempts, '', -1)
      .range('parallelization_factor', 1, LAMBDA.maxParallelizationFactor)
      .range('tumbling_window_in_seconds', 0, LAMBDA.maxTumblingWindowSeconds, 'seconds')
      .range('scaling_config.maximum_concurrency', LAMBDA.minMaximumConcurrency, LAMBDA.maxMaximumConcurrency)
      .oneOf('starting_position', ['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP']);
    if (stream) limits.check(isSet(c.starting_position), `mapping of a ${source?.kind} stream has no starting_position`, 'set starting_position = "LATEST" (or "TRIM_HORIZON")');
    if (sqs) {
      const stray = STREAM_ONLY.filter((k) => graph.surelySet(mapping, c[k]));
      limits.check(stray.length === 0, `${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set on an SQS mapping, which takes only stream settings for streams`, `remove ${stray.join(', ')} (an SQS queue's failures go to its redrive policy)`);
      const fifo = graph.isFifoQueue(c.event_source_arn) === true;
      limits.check(!fifo || batch === undefined || batch <= LAMBDA.maxFifoBatchSize, `batch_size = ${batch} on a FIFO queue, where at most ${LAMBDA.maxFifoBatchSize} is allowed`, `set batch_size to ${LAMBDA.maxFifoBatchSize} or less`);
      // A mapping on a FIFO queue takes no batching window.
      limits.check(!fifo || window === 0, `maximum_batching_window_in_seconds = ${window} on a FIFO queue, which takes no batching window`, 'remove maximum_batching_window_in_seconds');
      // CreateEventSourceMapping: BatchSize over 10 needs MaximumBatchingWindowInSeconds of at least 1 (enforced for SQS).
      limits.check(batch === undefined || batch <= LAMBDA.maxBatchSizeWithoutWindow || window >= 1, `batch_size = ${batch} without maximum_batching_window_in_seconds >= 1`, `set maximum_batching_window_in_seconds to at least 1, or batch_size to ${LAMBDA.maxBatchSizeWithoutWindow} or less`);
    }
    const filters = list(at(c, 'filter_criteria.filter'));
    limits.check(filters.length <= LAMBDA.maxFilters, `filter_criteria has ${filters.length} filters, over ${LAMBDA.maxFilters}`, `use at most ${LAMBDA.maxFilters} filters`);
    for (const f of filters) {
      const pattern = block(f)?.pattern;
      new Limits({ pattern }).json('pattern', LAMBDA.filterPatternMaxLength).problems.forEach((p) => limits.check(false, `filter_criteria ${p.message}`, p.fix));
      const doc = graph.document(pattern);
      if (doc && typeof doc === 'object' && !JSON.stringify(doc).includes('${')) {
        for (const p of validateEventPattern(doc, { dialect: 'lambda' })) limits.check(false, `filter pattern ${p.path}: ${p.message}`, 'fix the filter pattern (see Lambda "event filtering")');
      }
    }
    return limits.outcome;
  },
});
