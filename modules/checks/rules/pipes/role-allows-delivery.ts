import { TerraformResource } from '../../../core/terraform-json';
import { fail, resourceRule } from '../../rule';
import { at } from '../../../core/values';
import { roleAllows } from '../../grants';

/** What a pipe's role needs to deliver to each kind of target. */
const ACTIONS: Record<string, string> = {
  aws_sqs_queue: 'sqs:SendMessage',
  aws_sns_topic: 'sns:Publish',
  aws_cloudwatch_event_bus: 'events:PutEvents',
  aws_lambda_function: 'lambda:InvokeFunction',
  aws_sfn_state_machine: 'states:StartExecution',
  aws_kinesis_stream: 'kinesis:PutRecord',
};

function deadLetterQueue(pipe: TerraformResource): unknown {
  return ['dynamodb_stream_parameters', 'kinesis_stream_parameters'].map((key) => at(pipe.config, `source_parameters.${key}.dead_letter_config.arn`)).find((arn) => arn !== undefined);
}

/**
 * A pipe's execution role may deliver to its target and its dead-letter
 * queue: Pipes act with the pipe's role, not through resource policies, so
 * without the grant every delivery fails at run time.
 */
export const pipesRoleAllowsDelivery = resourceRule({
  id: 'EDA-PIPES-003',
  service: 'Pipes',
  severity: 'error',
  title: "A pipe's execution role allows delivering to its target and dead-letter queue",
  publicIds: {},
  resourceTypes: ['aws_pipes_pipe'],
  check(pipe, graph) {
    const problems = [];
    for (const [what, value] of [['target', pipe.config.target], ['dead-letter queue', deadLetterQueue(pipe)]] as const) {
      const destination = graph.ref(value, ...Object.keys(ACTIONS));
      if (!destination) continue;
      const action = ACTIONS[destination.type];
      if (roleAllows(graph, pipe.config.role_arn, action, destination) !== false) continue;
      problems.push(fail(`pipe's role does not allow ${action} on its ${what} ${graph.label(destination)}`, `allow ${action} on ${graph.label(destination)} in the pipe's role_arn role`));
    }
    return problems;
  },
});
