import { fail, resourceRule } from '../../rule';
import { num } from '../../../core/values';
import { sqsConsumerTimeouts } from '../../consumers';

/**
 * A queue's visibility timeout is at least six times its consuming
 * function's timeout, plus the batching window: otherwise a message whose
 * invocation is retried after throttling becomes visible again while still
 * being processed ("Using Lambda with Amazon SQS"). Below the function
 * timeout itself, EDA-LAMBDA-015 reports it as an error instead.
 */
export const lambdaSqsVisibilitySixTimes = resourceRule({
  id: 'EDA-LAMBDA-016',
  service: 'Lambda',
  severity: 'warning',
  title: "An SQS queue's visibility timeout is at least 6 × the consuming function's timeout plus the batching window",
  publicIds: { cdkNag: ['LambdaEventSourceSQSVisibilityTimeout'] },
  resourceTypes: ['aws_lambda_event_source_mapping'],
  check(mapping, graph) {
    const t = sqsConsumerTimeouts(mapping, graph);
    if (!t || t.visibility < t.timeout) return;
    const wanted = 6 * t.timeout + (num(mapping.config.maximum_batching_window_in_seconds) ?? 0);
    if (t.visibility >= wanted) return;
    return fail(
      `queue ${graph.label(t.queue)} has visibility_timeout_seconds = ${t.visibility}, under 6 × the ${t.timeout} s timeout of ${graph.label(t.fn)} plus the batching window (${wanted} s)`,
      `set the queue's visibility_timeout_seconds to at least ${wanted}`,
    );
  },
});
