import { ValidationIssue } from '../../core/errors';
import { PropsValidator } from '../../core/validation';
import { ARN, IEventBusRule, IRuleTarget, RuleTargetConfig, RuleTargetOptions, RuleTargetPlace } from '../rule-target';
import { targetRole } from './target-role';

/**
 * A Step Functions state machine, started once per event (made by
 * `RuleTarget.stateMachine`): adds a role allowed `states:StartExecution` on it only.
 */
export class StateMachineRuleTarget implements IRuleTarget {
  /** The kind, first part of the default target ID (`state-machine-<position>`). */
  readonly kind = 'state-machine' as const;

  constructor(
    /** The state machine ARN (`arn:<partition>:states:<region>:<account>:stateMachine:<name>`). */
    readonly stateMachineArn: string,
    /** ID, retries, dead-letter queue and input of the target. */
    readonly options: RuleTargetOptions = {},
  ) {}

  /** The state machine ARN is one. */
  validate(rule: IEventBusRule, place: RuleTargetPlace): ValidationIssue[] {
    const v = new PropsValidator(rule);
    v.matches(
      `${place.field}.stateMachineArn`,
      this.stateMachineArn,
      ARN.stateMachine,
      'must be a Step Functions state machine ARN (arn:<partition>:states:<region>:<account>:stateMachine:<name>)',
    );
    return [...v.recorded()];
  }

  /** A role allowed `states:StartExecution` on the state machine only. */
  bind(rule: IEventBusRule, place: RuleTargetPlace): RuleTargetConfig {
    return {
      arn: this.stateMachineArn,
      roleArn: targetRole(rule, place, 'states:StartExecution', this.stateMachineArn, 'start executions of the target state machine'),
    };
  }
}
