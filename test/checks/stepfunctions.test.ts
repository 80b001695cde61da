import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Workflow } from '../../modules/workflow';
import { newStack } from './fixtures';
import { expectFinding, expectNoFinding } from './helpers';

const DEFINITION = JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } });
const machine = (stack: ReturnType<typeof newStack>['stack'], extra: Partial<ConstructorParameters<typeof SfnStateMachine>[2]> = {}) =>
  new SfnStateMachine(stack, 'sm', { name: 'sm', roleArn: 'arn:aws:iam::123456789012:role/sm', definition: DEFINITION, ...extra });

describe('EDA-SFN-001 execution logging', () => {
  it('passes for a Workflow, which logs by default', () => {
    const { stack } = newStack();
    new Workflow(stack, 'w', { name: 'w', definition: { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } } });
    expectNoFinding(stack, 'EDA-SFN-001');
    expectNoFinding(stack, 'EDA-SFN-002');
  });
  it('fails without logging, or with level OFF', () => {
    const { stack } = newStack();
    expectFinding(stack, 'EDA-SFN-001', machine(stack), 'state machine does not log its executions');
    const { stack: other } = newStack();
    expectFinding(other, 'EDA-SFN-001', machine(other, { loggingConfiguration: { level: 'OFF' } }), 'state machine does not log its executions');
  });
  it('fails for a Workflow with logging: false', () => {
    const { stack } = newStack();
    const w = new Workflow(stack, 'w', { name: 'w', logging: false, definition: { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } } });
    expectFinding(stack, 'EDA-SFN-001', w.stateMachine, 'state machine does not log its executions');
  });
});

describe('EDA-SFN-002 tracing', () => {
  it('fails without X-Ray tracing', () => {
    const { stack } = newStack();
    expectFinding(stack, 'EDA-SFN-002', machine(stack, { tracingConfiguration: { enabled: false } }), 'state machine has no X-Ray tracing');
  });
});
