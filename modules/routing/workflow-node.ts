import { isDynamic, taskStates } from '../core/states-language';
import type { TerraformResource } from '../core/terraform-json';
import type { EndpointNode, WorkflowNode } from './nodes';

/** The node of an `aws_sfn_state_machine` named `name`; its ARN is `<arnPrefix>stateMachine:<name>` (no ARN is invented for a name known only at apply). */
export function workflowNode(r: TerraformResource, name: string, arnPrefix: string): WorkflowNode {
  const type = r.config.type;
  return {
    kind: 'workflow',
    address: r.address,
    type: r.type,
    name,
    path: r.path,
    arn: name.startsWith('unresolved: ') ? `unresolved: ${r.address}.arn` : `${arnPrefix}stateMachine:${name}`,
    workflowType: type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    calls: [],
  };
}

type Resolve = (value: unknown, kinds: EndpointNode['kind'][]) => EndpointNode | undefined;

const INTEGRATION = /^arn:aws[a-z-]*:states:::([a-z0-9-]+):/;

/**
 * What the Task states of a definition call, resolved to endpoints: the
 * function of a `lambda:invoke` (or a function ARN as the Resource), the queue
 * of `sqs:sendMessage`, the topic of `sns:publish`, the table of a DynamoDB
 * call, the buses of `events:putEvents`. A target chosen at run time is left out.
 */
export function workflowCalls(definition: unknown, resolve: Resolve): WorkflowNode['calls'] {
  const calls: Array<WorkflowNode['calls'][number]> = [];
  for (const task of taskStates(definition)) {
    const p = task.parameters;
    const integration = INTEGRATION.exec(task.resource)?.[1];
    const targets: Array<[unknown, EndpointNode['kind'][]]> =
      integration === undefined
        ? [[task.resource, ['function']]]
        : integration === 'lambda'
          ? [[isDynamic(p, 'FunctionName') ? undefined : p.FunctionName, ['function']]]
          : integration === 'sqs'
            ? [[isDynamic(p, 'QueueUrl') ? undefined : p.QueueUrl, ['queue']]]
            : integration === 'sns'
              ? [[isDynamic(p, 'TopicArn') ? undefined : p.TopicArn, ['topic']]]
              : integration === 'dynamodb'
                ? [[isDynamic(p, 'TableName') ? undefined : p.TableName, ['table']]]
                : integration === 'events' && Array.isArray(p.Entries)
                  ? p.Entries.map((e): [unknown, EndpointNode['kind'][]] => [isDynamic(e ?? {}, 'EventBusName') ? undefined : (e?.EventBusName ?? 'default'), ['bus']])
                  : [];
    for (const [value, kinds] of targets) {
      if (typeof value !== 'string' || value === '') continue;
      const endpoint = resolve(value, kinds);
      if (endpoint) calls.push({ state: task.name, endpoint });
    }
  }
  return calls;
}
