import { IStateMachineTarget } from '../../core/contracts';
import { ValidationIssue } from '../../core/errors';
import { PropsValidator } from '../../core/validation';
import { describeEndpoint, IEventBusRule, IRuleTarget, RuleTargetConfig, RuleTargetOptions, RuleTargetPlace } from '../rule-target';
import { targetRole } from './target-role';

/**
 * A workflow of this library (a `Workflow`), started once per event with the
 * event as its input (made by `RuleTarget.workflow`): adds a role EventBridge
 * assumes for the rule only, allowed `states:StartExecution` on that state
 * machine only. EventBridge starts Standard and Express workflows alike with
 * StartExecution (asynchronously).
 */
export class WorkflowRuleTarget implements IRuleTarget {
  /** The kind, first part of the default target ID (`workflow-<position>`). */
  readonly kind = 'workflow' as const;

  constructor(
    /** The workflow. */
    readonly workflow: IStateMachineTarget,
    /** ID, retries, dead-letter queue and input of the target. */
    readonly options: RuleTargetOptions = {},
  ) {}

  /** The workflow is one (a construct with its state machine's ARN). */
  validate(rule: IEventBusRule, place: RuleTargetPlace): ValidationIssue[] {
    const w = this.workflow as Partial<IStateMachineTarget> | undefined;
    return [
      ...new PropsValidator(rule)
        .check(
          typeof w === 'object' && w !== null && typeof w.stateMachineArn === 'string',
          `${place.field}.workflow`,
          describeEndpoint(w),
          'must be a Workflow (an object with stateMachineArn); for a state machine made elsewhere use RuleTarget.stateMachine(arn)',
        )
        .recorded(),
    ];
  }

  /** A role allowed `states:StartExecution` on the state machine only. */
  bind(rule: IEventBusRule, place: RuleTargetPlace): RuleTargetConfig {
    const arn = this.workflow.stateMachineArn;
    return { arn, roleArn: targetRole(rule, place, 'states:StartExecution', arn, `start executions of workflow ${this.workflow.stateMachineName}`) };
  }
}
