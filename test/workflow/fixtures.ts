import { IQueueTarget } from '../../modules';
import { StateMachineDefinition, Workflow, WorkflowProps } from '../../modules/workflow';
import { synthJson, testStack } from '../helpers/synth';

export { errorOf } from '../helpers/errors';
export { doc, oneIssue } from '../table-with-stream/fixtures';

export const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:reserve-stock';
export const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:shipments';
export const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders-dlq';

/** A definition of one Lambda task that ends the execution. */
export const ONE_TASK: StateMachineDefinition = {
  StartAt: 'Reserve',
  States: {
    Reserve: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: FUNCTION_ARN, 'Payload.$': '$' }, End: true },
  },
};

export const BASE: WorkflowProps = { name: 'fulfil', definition: ONE_TASK };

/** A queue made elsewhere. */
export function fakeQueue(overrides: Partial<IQueueTarget> = {}): IQueueTarget {
  return {
    queueArn: 'arn:aws:sqs:eu-west-1:123456789012:fulfillment',
    queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/fulfillment',
    queueName: 'fulfillment',
    fifo: false,
    allowSendFrom: () => undefined,
    ...overrides,
  };
}

/** A workflow in a fresh stack, `extra` run on it, and the synthesized JSON. */
export function build(props: Partial<WorkflowProps> = {}, extra?: (workflow: Workflow) => void) {
  const stack = testStack();
  const workflow = new Workflow(stack, 'fulfil', { ...BASE, ...props });
  extra?.(workflow);
  return { stack, workflow, json: synthJson(stack) };
}
