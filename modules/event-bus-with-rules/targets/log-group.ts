import { awsContext } from '../../core/aws-context';
import { ValidationIssue } from '../../core/errors';
import { isToken, PropsValidator } from '../../core/validation';
import { ARN, IEventBusRule, IRuleTarget, RuleTargetConfig, RuleTargetOptions, RuleTargetPlace } from '../rule-target';
import { validateLogGroupName } from '../../core/log-group';

/**
 * A CloudWatch Logs log group (made by `RuleTarget.logGroup`): adds it to the
 * bus's CloudWatch Logs resource policy for the rule.
 */
export class LogGroupRuleTarget implements IRuleTarget {
  /** The kind, first part of the default target ID (`log-group-<position>`). */
  readonly kind = 'log-group' as const;

  constructor(
    /** The log group ARN (without `:*`) or its name; an unresolved token is taken for an ARN. */
    readonly logGroup: string,
    /** ID, retries, dead-letter queue and input of the target. */
    readonly options: RuleTargetOptions = {},
  ) {}

  /** An ARN without `:*`, or a valid log group name. */
  validate(rule: IEventBusRule, place: RuleTargetPlace): ValidationIssue[] {
    const v = new PropsValidator(rule);
    const field = `${place.field}.logGroup`;
    const logGroup = this.logGroup;
    if (isToken(logGroup)) return [];
    if (typeof logGroup !== 'string') {
      v.check(false, field, logGroup, 'must be a log group ARN or name');
    } else if (logGroup.startsWith('arn:')) {
      v.check(
        ARN.logGroup.test(logGroup),
        field,
        logGroup,
        'must be a log group ARN without the ":*" suffix (arn:<partition>:logs:<region>:<account>:log-group:<name>): EventBridge does not deliver to the ":*" form',
      );
    } else {
      validateLogGroupName(v, field, logGroup);
    }
    return [...v.recorded()];
  }

  /** Lets the rule deliver to the log group through the bus's CloudWatch Logs resource policy. */
  bind(rule: IEventBusRule): RuleTargetConfig {
    const arn = logGroupArn(rule, this.logGroup);
    rule.logDeliveryPolicy().allowDelivery(arn, rule.ruleArn);
    return { arn };
  }
}

function logGroupArn(rule: IEventBusRule, logGroup: string): string {
  if (isToken(logGroup) || logGroup.startsWith('arn:')) return logGroup;
  const ctx = awsContext(rule);
  return `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${logGroup}`;
}
