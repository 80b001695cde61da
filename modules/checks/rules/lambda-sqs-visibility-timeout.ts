import { ResourceGraph } from '../graph';
import { TerraformResource } from '../../core/terraform-json';
import { fail, resourceRule } from '../rule';
import { num } from '../../core/values';

/** Queue visibility timeout and function timeout of an SQS mapping, with SQS's and Lambda's defaults (30 s, 3 s). */
export function sqsConsumerTimeouts(mapping: TerraformResource, graph: ResourceGraph): { queue: TerraformResource; fn: TerraformResource; visibility: number; timeout: number } | undefined {
  const queue = graph.ref(mapping.config.event_source_arn, 'aws_sqs_queue');
  const fn = graph.lambdaFunction(mapping.config.function_name);
  if (!queue || !fn) return undefined;
  const visibility = queue.config.visibility_timeout_seconds === undefined ? 30 : num(queue.config.visibility_timeout_seconds);
  const timeout = fn.config.timeout === undefined ? 3 : num(fn.config.timeout);
  return visibility === undefined || timeout === undefined ? undefined : { queue, fn, visibility, timeout };
}

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
