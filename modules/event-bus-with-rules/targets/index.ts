import { IEventBusTarget, IQueueTarget, IStateMachineTarget, IStreamTarget, ITopicTarget } from '../../core/contracts';
import { IRuleTarget, RuleTargetOptions } from '../rule-target';
import { EventBusRuleTarget } from './event-bus';
import { LambdaRuleTarget } from './lambda';
import { LogGroupRuleTarget } from './log-group';
import { QueueRuleTarget, QueueTargetOptions } from './queue';
import { StateMachineRuleTarget } from './state-machine';
import { StreamRuleTarget, StreamTargetOptions } from './stream';
import { TopicRuleTarget } from './topic';
import { WorkflowRuleTarget } from './workflow';

export { EventBusRuleTarget, LambdaRuleTarget, LogGroupRuleTarget, QueueRuleTarget, StateMachineRuleTarget, StreamRuleTarget, TopicRuleTarget, WorkflowRuleTarget };
export type { QueueTargetOptions, StreamTargetOptions };

/** One target of a rule: any {@link IRuleTarget}; the {@link RuleTarget} functions make the built-in kinds. */
export type RuleTarget = IRuleTarget;

/**
 * Rule targets. Each gets a retry policy and the rule's dead-letter queue,
 * and the permission EventBridge needs: a grant in the queue's or topic's one
 * resource policy, a Lambda permission, a role, or a CloudWatch Logs resource
 * policy, each limited to the rule that delivers. Another kind is a class
 * implementing {@link IRuleTarget}.
 */
export const RuleTarget = {
  /**
   * An SQS queue; grants `events.amazonaws.com` `sqs:SendMessage` for this rule
   * through the queue's policy. A queue encrypted with a customer-managed key
   * also needs that key's policy to let `events.amazonaws.com` use
   * `kms:GenerateDataKey` and `kms:Decrypt`; SSE-SQS queues need nothing more.
   */
  queue(queue: IQueueTarget | string, options: QueueTargetOptions = {}): QueueRuleTarget {
    return new QueueRuleTarget(queue, options);
  },
  /** An SNS topic (standard); grants `events.amazonaws.com` `sns:Publish` for this rule through the topic's policy. */
  topic(topic: ITopicTarget | string, options: RuleTargetOptions = {}): TopicRuleTarget {
    return new TopicRuleTarget(topic, options);
  },
  /** A Lambda function; adds an `aws_lambda_permission` for `events.amazonaws.com` with this rule as source. */
  lambda(functionArn: string, options: RuleTargetOptions = {}): LambdaRuleTarget {
    return new LambdaRuleTarget(functionArn, options);
  },
  /** Another event bus; adds a role EventBridge assumes for this rule only, allowed `events:PutEvents` on that bus only. */
  eventBus(eventBus: IEventBusTarget | string, options: RuleTargetOptions = {}): EventBusRuleTarget {
    return new EventBusRuleTarget(eventBus, options);
  },
  /**
   * A {@link Workflow} of this library, started once per event; adds a role
   * allowed `states:StartExecution` on its state machine only.
   */
  workflow(workflow: IStateMachineTarget, options: RuleTargetOptions = {}): WorkflowRuleTarget {
    return new WorkflowRuleTarget(workflow, options);
  },
  /** A Step Functions state machine made elsewhere, by ARN (for a {@link Workflow}, use `workflow`); adds a role allowed `states:StartExecution` on it only. */
  stateMachine(stateMachineArn: string, options: RuleTargetOptions = {}): StateMachineRuleTarget {
    return new StateMachineRuleTarget(stateMachineArn, options);
  },
  /**
   * A CloudWatch Logs log group: its ARN (without `:*`; an unresolved token,
   * such as a log group resource's `arn`, is taken for an ARN) or its name.
   * Adds it to the bus's CloudWatch Logs resource policy for this rule.
   */
  logGroup(logGroup: string, options: RuleTargetOptions = {}): LogGroupRuleTarget {
    return new LogGroupRuleTarget(logGroup, options);
  },
  /**
   * A Kinesis data stream: each event is one record, its partition key read
   * from the event at `partitionKeyPath` (else the event ID). Adds a role
   * allowed `kinesis:PutRecord` on that stream only, and `kms:GenerateDataKey`
   * on the key of a `StreamWithConsumers` under a customer-managed key.
   */
  stream(stream: IStreamTarget | string, options: StreamTargetOptions = {}): StreamRuleTarget {
    return new StreamRuleTarget(stream, options);
  },
};
