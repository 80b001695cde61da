import { fail, resourceRule } from '../../rule';
import { at, isSet } from '../../../core/values';

/** Services that invoke functions asynchronously (so failed events are retried twice, then dropped). */
const ASYNC_SERVICES = ['events.amazonaws.com', 'sns.amazonaws.com', 's3.amazonaws.com', 'ses.amazonaws.com', 'iot.amazonaws.com', 'logs.amazonaws.com', 'scheduler.amazonaws.com', 'codecommit.amazonaws.com', 'config.amazonaws.com'];

/**
 * A function invoked asynchronously has a dead-letter queue or an
 * on-failure destination: Lambda retries an asynchronous event twice and
 * keeps it at most 6 hours, then discards it ("Asynchronous invocation").
 * Functions only invoked synchronously (API Gateway, event source mappings)
 * need neither, so, unlike Checkov's CKV_AWS_116, they are not flagged.
 */
export const lambdaAsyncFailureDestination = resourceRule({
  id: 'EDA-LAMBDA-002',
  service: 'Lambda',
  severity: 'warning',
  title: 'Asynchronously invoked Lambda functions have a dead-letter queue or on-failure destination',
  publicIds: { checkov: ['CKV_AWS_116'], cdkNag: ['Serverless-LambdaDLQ', 'Serverless-LambdaAsyncFailureDestination'] },
  resourceTypes: ['aws_lambda_function'],
  check(fn, graph) {
    const permissions = graph
      .referencesTo(fn, 'aws_lambda_permission')
      .filter((r) => r.argument === 'function_name' && ASYNC_SERVICES.includes(String(r.from.config.principal)))
      .map((r) => String(r.from.config.principal));
    const deliveries = graph.deliveriesTo(fn).map((d) => d.service);
    const invokers = [...new Set([...permissions, ...deliveries])];
    if (invokers.length === 0 || isSet(at(fn.config, 'dead_letter_config.target_arn'))) return;
    const configs = graph.referencesTo(fn, 'aws_lambda_function_event_invoke_config');
    if (configs.some((r) => isSet(at(r.from.config, 'destination_config.on_failure.destination')))) return;
    return fail(
      `function is invoked asynchronously by ${invokers.join(', ')} but has no dead-letter queue or on-failure destination; events failing 3 times are dropped`,
      'set dead_letter_config.target_arn, or an aws_lambda_function_event_invoke_config with destination_config.on_failure',
    );
  },
});
