import { EventBusWithRules, RuleTarget } from '../../modules';
import { Workflow } from '../../modules/workflow';
import { refTo, resourceAt, synthJson, testStack } from '../helpers/synth';
import { BASE, doc, errorOf } from './fixtures';

const PLACED = { source: ['orders.service'], 'detail-type': ['OrderPlaced'] };

describe('RuleTarget.workflow', () => {
  it('starts executions through a role EventBridge assumes for this rule only, allowed states:StartExecution on this state machine only', () => {
    const stack = testStack();
    const workflow = new Workflow(stack, 'fulfil', BASE);
    const bus = new EventBusWithRules(stack, 'bus', { name: 'orders' });
    bus.addRule('placed', { eventPattern: PLACED, targets: [RuleTarget.workflow(workflow, { inputPath: '$.detail' })] });
    const json = synthJson(stack);
    const smArn = refTo(json, 'aws_sfn_state_machine', 'fulfil/StateMachine', 'arn');
    const target = resourceAt(json, 'aws_cloudwatch_event_target', 'bus/placed/Target-workflow-1');
    expect(target).toMatchObject({ arn: smArn, input_path: '$.detail', role_arn: refTo(json, 'aws_iam_role', 'bus/placed/Target-workflow-1-Role', 'arn') });
    expect(doc(resourceAt(json, 'aws_iam_role_policy', 'bus/placed/Target-workflow-1-RolePolicy').policy).Statement).toEqual([
      { Sid: 'AllowTargetActionOnly', Effect: 'Allow', Action: 'states:StartExecution', Resource: smArn },
    ]);
    const trust = doc(resourceAt(json, 'aws_iam_role', 'bus/placed/Target-workflow-1-Role').assume_role_policy).Statement[0];
    expect(trust.Principal).toEqual({ Service: 'events.amazonaws.com' });
    expect(trust.Condition.ArnEquals['aws:SourceArn']).toBe(refTo(json, 'aws_cloudwatch_event_rule', 'bus/placed/Rule', 'arn'));
  });

  it('refuses what is not a workflow, pointing to RuleTarget.stateMachine for an ARN', () => {
    const stack = testStack();
    const bus = new EventBusWithRules(stack, 'bus', { name: 'orders' });
    const message = errorOf(() => bus.addRule('placed', { eventPattern: PLACED, targets: [RuleTarget.workflow('arn:aws:states:eu-west-1:123456789012:stateMachine:x' as never)] }));
    expect(message).toContain(
      'targets[0].workflow = "arn:aws:states:eu-west-1:123456789012:stateMachine:x" is invalid: must be a Workflow (an object with stateMachineArn); for a state machine made elsewhere use RuleTarget.stateMachine(arn)',
    );
  });
});
