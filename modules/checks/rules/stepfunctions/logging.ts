import { fail, resourceRule } from '../../rule';
import { at, isExpression, isSet } from '../../../core/values';

/**
 * A state machine logs its executions to CloudWatch Logs: an Express workflow
 * keeps no execution history otherwise, and a Standard one keeps it 90 days.
 */
export const stepFunctionsLogging = resourceRule({
  id: 'EDA-SFN-001',
  service: 'Step Functions',
  severity: 'warning',
  title: 'Step Functions state machines log their executions to CloudWatch Logs',
  publicIds: {
    checkov: ['CKV_AWS_285'],
    cdkNag: ['AwsSolutions-SF1'],
    securityHub: ['StepFunctions.1'],
    awsConfig: ['step-functions-state-machine-logging-enabled'],
    controlTower: ['CT.STEPFUNCTIONS.PR.1'],
  },
  resourceTypes: ['aws_sfn_state_machine'],
  check(sm) {
    const level = at(sm.config, 'logging_configuration.level');
    const destination = at(sm.config, 'logging_configuration.log_destination');
    if (isExpression(level) || ((level === 'ALL' || level === 'ERROR' || level === 'FATAL') && isSet(destination))) return;
    const why = level === undefined || level === 'OFF' ? 'state machine does not log its executions' : `state machine logs at level ${String(level)} without a log_destination`;
    return fail(why, 'set logging_configuration { level = "ERROR" (or "ALL"), log_destination = "<log group ARN>:*" } (the Workflow construct does by default)');
  },
});
