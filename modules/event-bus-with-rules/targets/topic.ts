import { ITopicTarget } from '../../core/contracts';
import { ValidationIssue } from '../../core/errors';
import { topicOf } from '../../core/imported';
import { PropsValidator } from '../../core/validation';
import { ARN, describeEndpoint, IEventBusRule, IRuleTarget, isFifo, RuleTargetConfig, RuleTargetOptions, RuleTargetPlace, validateEndpoint } from '../rule-target';
import { EVENTBRIDGE_PRINCIPAL } from './target-role';

/**
 * An SNS topic target (made by `RuleTarget.topic`): a standard topic, granted
 * to `events.amazonaws.com` (`sns:Publish`) for the rule through the topic's policy.
 */
export class TopicRuleTarget implements IRuleTarget {
  /** The kind, first part of the default target ID (`topic-<position>`). */
  readonly kind = 'topic' as const;

  constructor(
    /** The topic, or the ARN of a topic made elsewhere (taken as an `ImportedTopic`, which reports the `sns:Publish` statement its owner must add). */
    readonly topic: ITopicTarget | string,
    /** ID, retries, dead-letter queue and input of the target. */
    readonly options: RuleTargetOptions = {},
  ) {}

  /** The topic's ARN or construct is valid, and the topic is standard. */
  validate(rule: IEventBusRule, place: RuleTargetPlace): ValidationIssue[] {
    const v = new PropsValidator(rule);
    const field = `${place.field}.topic`;
    validateEndpoint(v, field, this.topic, 'topicArn', ARN.topic, 'an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>)');
    v.check(
      !isFifo(this.topic),
      field,
      describeEndpoint(this.topic),
      'a FIFO topic needs a message group ID in the target\'s SNS parameters, which aws_cloudwatch_event_target (hashicorp/aws 6.x) cannot set: use a standard topic, or a FIFO queue target with messageGroupId',
    );
    return [...v.recorded()];
  }

  /**
   * Grants the rule `sns:Publish` through the topic's policy; a topic given
   * by ARN becomes an `ImportedTopic` (at `<rule>/<place.id>-Topic`), which
   * reports the statement its owner must add.
   */
  bind(rule: IEventBusRule, place: RuleTargetPlace): RuleTargetConfig {
    const topic = topicOf(rule, `${place.id}-Topic`, this.topic);
    topic.allowPublishFrom(EVENTBRIDGE_PRINCIPAL, rule.ruleArn);
    return { arn: topic.topicArn };
  }
}
