import { IEventBusTarget } from '../../core/contracts';
import { ValidationIssue } from '../../core/errors';
import { PropsValidator } from '../../core/validation';
import { ARN, describeEndpoint, IEventBusRule, IRuleTarget, RuleTargetConfig, RuleTargetOptions, RuleTargetPlace, validateEndpoint } from '../rule-target';
import { targetRole } from './target-role';

/**
 * Another event bus, in this or another account or Region (made by
 * `RuleTarget.eventBus`): adds a role EventBridge assumes for the rule only,
 * allowed `events:PutEvents` on that bus only.
 */
export class EventBusRuleTarget implements IRuleTarget {
  /** The kind, first part of the default target ID (`event-bus-<position>`). */
  readonly kind = 'event-bus' as const;

  constructor(
    /** The bus, or its ARN. A bus in another account must allow this account in its bus policy. */
    readonly eventBus: IEventBusTarget | string,
    /** ID, retries, dead-letter queue and input of the target. */
    readonly options: RuleTargetOptions = {},
  ) {}

  /** The bus's ARN or construct is valid, and it is not the rule's own bus. */
  validate(rule: IEventBusRule, place: RuleTargetPlace): ValidationIssue[] {
    const v = new PropsValidator(rule);
    const field = `${place.field}.eventBus`;
    validateEndpoint(v, field, this.eventBus, 'eventBusArn', ARN.eventBus, 'an event bus ARN (arn:<partition>:events:<region>:<account>:event-bus/<name>)');
    v.check(!rule.isOwnBus(this.eventBus), field, describeEndpoint(this.eventBus), 'must be another event bus: a rule that sends its own bus\'s events back to it would loop');
    return [...v.recorded()];
  }

  /** A role allowed `events:PutEvents` on the bus only. */
  bind(rule: IEventBusRule, place: RuleTargetPlace): RuleTargetConfig {
    const busArn = typeof this.eventBus === 'string' ? this.eventBus : this.eventBus.eventBusArn;
    return { arn: busArn, roleArn: targetRole(rule, place, 'events:PutEvents', busArn, 'put events on the target event bus') };
  }
}
