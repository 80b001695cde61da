import { sqsConsumerTimeouts } from '../../consumers';
import { fail, resourceRule } from '../../rule';

/**
 * A queue's visibility timeout is at least its consuming function's
 * timeout: CreateEventSourceMapping fails with "Queue visibility timeout: X
 * seconds is less than Function timeout: Y seconds".
 */
export const lambdaSqsVisibilityTimeout = resourceRule({
  id: 'EDA-LAMBDA-015',
  service: 'Lambda',
  severity: 'error',
  title: "An SQS queue's visibility timeout is at least the consuming function's timeout",
  publicIds: {},
  resourceTypes: ['aws_lambda_event_source_mapping'],
  check(mapping, graph) {
    const t = sqsConsumerTimeouts(mapping, graph);
    if (!t || t.visibility >= t.timeout) return;
    return fail(
      `queue ${graph.label(t.queue)} has visibility_timeout_seconds = ${t.visibility}, less than the timeout ${t.timeout} s of ${graph.label(t.fn)}; Lambda refuses the mapping`,
      `set the queue's visibility_timeout_seconds to at least ${6 * t.timeout} (6 × the function timeout)`,
    );
  },
});
