import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { parseFunctionArn } from '../../core/endpoints';
import { ValidationIssue } from '../../core/errors';
import { PropsValidator } from '../../core/validation';
import { ARN, IEventBusRule, IRuleTarget, RuleTargetConfig, RuleTargetOptions, RuleTargetPlace } from '../rule-target';
import { EVENTBRIDGE_PRINCIPAL } from './target-role';

/**
 * A Lambda function target, invoked asynchronously (made by
 * `RuleTarget.lambda`): adds an `aws_lambda_permission` for
 * `events.amazonaws.com` with the rule as source.
 */
export class LambdaRuleTarget implements IRuleTarget {
  /** The kind, first part of the default target ID (`lambda-<position>`). */
  readonly kind = 'lambda' as const;

  constructor(
    /** The function ARN, optionally with a version or alias qualifier. */
    readonly functionArn: string,
    /** ID, retries, dead-letter queue and input of the target. */
    readonly options: RuleTargetOptions = {},
  ) {}

  /** The function ARN is one. */
  validate(rule: IEventBusRule, place: RuleTargetPlace): ValidationIssue[] {
    const v = new PropsValidator(rule);
    v.matches(`${place.field}.functionArn`, this.functionArn, ARN.lambda, 'must be a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>])');
    return [...v.recorded()];
  }

  /** Lets the rule invoke the function (its qualifier, when the ARN has one). */
  bind(rule: IEventBusRule, place: RuleTargetPlace): RuleTargetConfig {
    const parsed = parseFunctionArn(this.functionArn);
    new LambdaPermission(rule, `${place.id}-Permission`, {
      action: 'lambda:InvokeFunction',
      functionName: parsed?.functionArn ?? this.functionArn,
      qualifier: parsed?.qualifier,
      principal: EVENTBRIDGE_PRINCIPAL,
      sourceArn: rule.ruleArn,
    });
    return { arn: this.functionArn };
  }
}
