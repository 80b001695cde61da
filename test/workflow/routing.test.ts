import { EventBusWithRules, QueueWithDlq, RuleTarget } from '../../modules';
import { RoutingModel, simulate, toDot } from '../../modules/testing';
import '../../modules/testing/jest';
import { Workflow } from '../../modules/workflow';
import { testStack } from '../helpers/synth';
import { BASE } from './fixtures';

function stack() {
  const s = testStack();
  const queue = new QueueWithDlq(s, 'fulfillment', { name: 'fulfillment', deadLetter: { maxReceiveCount: 3 } });
  const workflow = new Workflow(s, 'fulfil', BASE);
  const pipe = workflow.startFromQueue('FromQueue', queue);
  const bus = new EventBusWithRules(s, 'bus', { name: 'orders' });
  bus.addRule('placed', { eventPattern: { source: ['orders.service'] }, targets: [RuleTarget.workflow(workflow, { inputPath: '$.detail' })] });
  return { s, queue, workflow, pipe };
}

describe('a workflow in the routing model', () => {
  const { s, pipe } = stack();
  const model = RoutingModel.from(s);

  it('is a node of its own kind, with its type', () => {
    expect(model.resolve('fulfil', ['workflow'])).toMatchObject({ kind: 'workflow', name: 'fulfil', workflowType: 'STANDARD', arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:fulfil' });
  });

  it('a queue message starts an execution through the pipe, with the batch (one SQS record) as a JSON array', () => {
    const trace = simulate(model, { kind: 'sendMessage', queue: 'fulfillment', body: { orderId: 'o-1' } });
    expect(trace).toBeDeliveredTo('fulfil');
    const [start] = trace.deliveriesTo('fulfil');
    expect(start.hop).toMatchObject({ kind: 'execution', via: { kind: 'pipe', name: pipe.pipeName } });
    expect(start.payload).toEqual([expect.objectContaining({ body: '{"orderId":"o-1"}', eventSource: 'aws:sqs' })]);
    expect(trace.denials).toEqual([]);
  });

  it('a rule starts an execution with the target\'s input', () => {
    const trace = simulate(model, { kind: 'putEvents', bus: 'orders', entry: { Source: 'orders.service', DetailType: 'OrderPlaced', Detail: { orderId: 'o-2' } } });
    expect(trace).toBeDeliveredWith('fulfil', { orderId: 'o-2' });
    expect(trace.denials).toEqual([]);
  });

  it('a message whose execution cannot be started goes back to the queue, then to its DLQ by the redrive policy', () => {
    const trace = simulate(model, { kind: 'sendMessage', queue: 'fulfillment', body: { orderId: 'o-3' } }, { deliveryFailures: { fulfil: Infinity } });
    expect(trace).not.toBeDeliveredTo('fulfil');
    expect(trace).toEndInDeadLetterQueue('fulfillment-dlq');
  });

  it('calls what its Task states name; a target chosen at run time is left out', () => {
    const s2 = testStack();
    const q = new QueueWithDlq(s2, 'replies', { name: 'replies' });
    new Workflow(s2, 'fulfil', {
      ...BASE,
      statements: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }],
      definition: {
        StartAt: 'Reserve',
        States: {
          Reserve: { ...BASE.definition.States.Reserve, End: undefined, Next: 'Reply' },
          Reply: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: q.queueUrl, MessageBody: 'x' }, Next: 'Any' },
          Any: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'FunctionName.$': '$.fn' }, End: true },
        },
      },
    });
    const edges = RoutingModel.from(s2).edges().filter((e) => e.from.kind === 'workflow');
    expect(edges.map((e) => [e.label, e.to.kind, e.to.name])).toEqual([
      ['Task Reserve', 'external', 'reserve-stock'],
      ['Task Reply', 'queue', 'replies'],
    ]);
  });

  it('is drawn in the diagram, with the pipe and the rule leading to it', () => {
    const dot = toDot(s);
    expect(dot).toMatch(/label="workflow\\nfulfil", shape=component/);
  });
});

describe('authorization of what starts a workflow', () => {
  it('denies the pipe when its role may not start the state machine', () => {
    const { s } = stack();
    const policy = s.node.findAll().find((c) => c.node.path === 'test/fulfil/FromQueue-RolePolicy') as unknown as { addOverride(path: string, value: unknown): void };
    policy.addOverride('policy', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] }));
    const trace = simulate(RoutingModel.from(s), { kind: 'sendMessage', queue: 'fulfillment', body: {} });
    expect(trace.denials.map((d) => d.call)).toContainEqual(expect.stringContaining('states:StartExecution'));
  });
});
