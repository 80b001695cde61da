import { TerraformResource } from '../core/terraform-json';
import { num } from '../core/values';
import { ResourceGraph } from './graph';

/** Queue visibility timeout and function timeout of an SQS mapping, with SQS's and Lambda's defaults (30 s, 3 s). */
export function sqsConsumerTimeouts(mapping: TerraformResource, graph: ResourceGraph): { queue: TerraformResource; fn: TerraformResource; visibility: number; timeout: number } | undefined {
  const queue = graph.ref(mapping.config.event_source_arn, 'aws_sqs_queue');
  const fn = graph.lambdaFunction(mapping.config.function_name);
  if (!queue || !fn) return undefined;
  const visibility = queue.config.visibility_timeout_seconds === undefined ? 30 : num(queue.config.visibility_timeout_seconds);
  const timeout = fn.config.timeout === undefined ? 3 : num(fn.config.timeout);
  return visibility === undefined || timeout === undefined ? undefined : { queue, fn, visibility, timeout };
}
