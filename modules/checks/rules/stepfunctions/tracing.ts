import { fail, resourceRule } from '../../rule';
import { at, isExpression } from '../../../core/values';

/** A state machine traces with X-Ray, so an event can be followed from its producer through every step. */
export const stepFunctionsTracing = resourceRule({
  id: 'EDA-SFN-002',
  service: 'Step Functions',
  severity: 'warning',
  title: 'Step Functions state machines have X-Ray tracing',
  publicIds: { checkov: ['CKV_AWS_284'], cdkNag: ['AwsSolutions-SF2'], controlTower: ['CT.STEPFUNCTIONS.PR.2'] },
  resourceTypes: ['aws_sfn_state_machine'],
  check(sm) {
    const enabled = at(sm.config, 'tracing_configuration.enabled');
    if (enabled === true || isExpression(enabled)) return;
    return fail('state machine has no X-Ray tracing', 'set tracing_configuration { enabled = true } (the Workflow construct does by default)');
  },
});
