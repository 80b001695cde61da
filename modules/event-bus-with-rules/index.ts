export { EventBusWithRules } from './event-bus-with-rules';
export type { EventBusWithRulesProps, EventBusEncryption, EventBusArchiveProps, EventLoggingProps, DeadLetterQueueDefaults } from './event-bus-with-rules';
export { EventBusRule } from './event-bus-rule';
export type { EventBusRuleProps, FailedInvocationsAlarmProps, RuleDeadLetterQueueProps } from './event-bus-rule';
export { EventBusKey } from './event-bus-key';
export type { EventBusKeyProps } from './event-bus-key';
export { RuleTarget, QueueRuleTarget, TopicRuleTarget, LambdaRuleTarget, EventBusRuleTarget, StateMachineRuleTarget, LogGroupRuleTarget, StreamRuleTarget, WorkflowRuleTarget } from './targets';
export type { QueueTargetOptions, StreamTargetOptions } from './targets';
export { targetRole, EVENTBRIDGE_PRINCIPAL } from './targets/target-role';
export type {
  IRuleTarget,
  IEventBusRule,
  RuleTargetPlace,
  RuleTargetConfig,
  RuleTargetKind,
  RuleTargetOptions,
  RetryPolicy,
  InputTransformer,
} from './rule-target';
export { EVENTBRIDGE } from '../core/aws-limits';
export { LogDeliveryPolicy } from './log-delivery-policy';
