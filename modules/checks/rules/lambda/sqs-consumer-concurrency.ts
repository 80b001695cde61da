import { fail, resourceRule } from '../../rule';
import { num } from '../../../core/values';

/**
 * A function consuming an SQS queue with reserved concurrency has at least
 * 5: Lambda starts with 5 concurrent pollers, and below that it is throttled
 * and messages go back to the queue ("Using Lambda with Amazon SQS").
 */
export const lambdaSqsConsumerConcurrency = resourceRule({
  id: 'EDA-LAMBDA-019',
  service: 'Lambda',
  severity: 'warning',
  title: 'Functions consuming SQS queues have no reserved concurrency, or at least 5',
  publicIds: {},
  resourceTypes: ['aws_lambda_event_source_mapping'],
  check(mapping, graph) {
    if (graph.eventSource(mapping.config.event_source_arn)?.kind !== 'sqs') return;
    const fn = graph.lambdaFunction(mapping.config.function_name);
    const reserved = num(fn?.config.reserved_concurrent_executions);
    if (!fn || reserved === undefined || reserved === -1 || reserved >= 5) return;
    return fail(`consumes an SQS queue with ${graph.label(fn)}, whose reserved concurrency ${reserved} is under 5, so polling is throttled`, 'set reserved_concurrent_executions to 5 or more, or cap with scaling_config.maximum_concurrency instead');
  },
});
