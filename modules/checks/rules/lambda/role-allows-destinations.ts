import { roleAllows } from '../../grants';
import { TerraformResource } from '../../../core/terraform-json';
import { Problem, Rule } from '../../rule';
import { at } from '../../../core/values';

/** The action a role needs to send to a queue or topic. */
function sendAction(destination: TerraformResource): string | undefined {
  return destination.type === 'aws_sqs_queue' ? 'sqs:SendMessage' : destination.type === 'aws_sns_topic' ? 'sns:Publish' : undefined;
}

/**
 * A function's execution role may send to where Lambda sends on its
 * behalf (an event source mapping's on-failure destination, the function's
 * dead-letter queue): Lambda uses the function's role for these, not a
 * resource policy, and delivery fails at run time without the grant.
 */
export const lambdaRoleAllowsDestinations: Rule = {
  id: 'EDA-LAMBDA-020',
  service: 'Lambda',
  severity: 'error',
  title: "A function's execution role allows sending to its on-failure destinations and dead-letter queue",
  publicIds: {},
  evaluate(graph) {
    const problems: Problem[] = [];
    const check = (resource: TerraformResource, fn: TerraformResource | undefined, value: unknown, what: string): void => {
      const destination = graph.ref(value, 'aws_sqs_queue', 'aws_sns_topic');
      const action = destination && sendAction(destination);
      if (!fn || !destination || !action) return;
      if (roleAllows(graph, fn.config.role, action, destination) !== false) return;
      problems.push({
        resource,
        message: `${what} ${graph.label(destination)} is not allowed by the role of ${graph.label(fn)} (${action})`,
        fix: `allow ${action} on ${graph.label(destination)} in the function's execution role`,
      });
    };
    for (const m of graph.resources('aws_lambda_event_source_mapping')) {
      check(m, graph.lambdaFunction(m.config.function_name), at(m.config, 'destination_config.on_failure.destination_arn'), 'on-failure destination');
    }
    for (const fn of graph.resources('aws_lambda_function')) check(fn, fn, at(fn.config, 'dead_letter_config.target_arn'), 'dead-letter queue');
    return problems;
  },
};
