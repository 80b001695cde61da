import { EVENTBRIDGE } from '../../core/aws-limits';
import { IQueueTarget } from '../../core/contracts';
import { ValidationIssue } from '../../core/errors';
import { queueOf } from '../../core/imported';
import { isToken, PropsValidator } from '../../core/validation';
import { ARN, describeEndpoint, IEventBusRule, IRuleTarget, isFifo, RuleTargetConfig, RuleTargetOptions, RuleTargetPlace, validateEndpoint } from '../rule-target';
import { EVENTBRIDGE_PRINCIPAL } from './target-role';

/** Options of a queue target. */
export interface QueueTargetOptions extends RuleTargetOptions {
  /**
   * Message group ID of the messages sent: required for a FIFO queue (AWS
   * refuses the target without one), optional for a standard queue (it makes
   * a fair queue). EventBridge allows at most 100 characters.
   * @default none
   */
  readonly messageGroupId?: string;
}

/** SQS message group IDs: letters, digits and ASCII punctuation. */
const MESSAGE_GROUP_ID = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]+$/;

/**
 * An SQS queue target (made by `RuleTarget.queue`): grants
 * `events.amazonaws.com` `sqs:SendMessage` for the rule through the queue's
 * policy, and writes the message group ID into `sqs_target`.
 */
export class QueueRuleTarget implements IRuleTarget {
  /** The kind, first part of the default target ID (`queue-<position>`). */
  readonly kind = 'queue' as const;

  constructor(
    /** The queue, or the ARN of a queue made elsewhere (taken as an `ImportedQueue`, which reports the `sqs:SendMessage` statement its owner must add). */
    readonly queue: IQueueTarget | string,
    /** ID, retries, dead-letter queue, input and message group ID of the target. */
    readonly options: QueueTargetOptions = {},
  ) {}

  /** The queue's ARN or construct is valid, and a FIFO queue has a message group ID and deduplicates by content. */
  validate(rule: IEventBusRule, place: RuleTargetPlace): ValidationIssue[] {
    const v = new PropsValidator(rule);
    const field = place.field;
    validateEndpoint(v, `${field}.queue`, this.queue, 'queueArn', ARN.queue, 'an SQS queue ARN (arn:<partition>:sqs:<region>:<account>:<name>)');
    const groupId = this.options?.messageGroupId;
    v.check(
      !isFifo(this.queue) || groupId !== undefined,
      `${field}.messageGroupId`,
      groupId,
      'is required for a FIFO queue: EventBridge refuses to send to one without a message group ID',
    );
    // EventBridge sends no deduplication ID: a FIFO queue target must deduplicate by content (its SqsParameters carry only a message group ID).
    const queue = this.queue as Partial<IQueueTarget> & { contentBasedDeduplication?: boolean };
    v.check(
      typeof queue !== 'object' || queue === null || queue.fifo !== true || queue.contentBasedDeduplication !== false,
      `${field}.queue`,
      describeEndpoint(this.queue),
      'is a FIFO queue without content-based deduplication, which EventBridge requires of a FIFO queue target (it sends no deduplication ID): make the queue with contentBasedDeduplication: true',
    );
    if (groupId !== undefined && !isToken(groupId)) {
      v.check(
        typeof groupId === 'string' && groupId.length >= 1 && groupId.length <= EVENTBRIDGE.messageGroupIdMaxLength && MESSAGE_GROUP_ID.test(groupId),
        `${field}.messageGroupId`,
        groupId,
        `must be 1–${EVENTBRIDGE.messageGroupIdMaxLength} characters of letters, digits and punctuation (!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~)`,
      );
    }
    return [...v.recorded()];
  }

  /**
   * Grants the rule `sqs:SendMessage` through the queue's policy; a queue
   * given by ARN becomes an `ImportedQueue` (at `<rule>/<place.id>-Queue`),
   * which reports the statement its owner must add.
   */
  bind(rule: IEventBusRule, place: RuleTargetPlace): RuleTargetConfig {
    const queue = queueOf(rule, `${place.id}-Queue`, this.queue);
    queue.allowSendFrom(EVENTBRIDGE_PRINCIPAL, rule.ruleArn);
    const messageGroupId = this.options?.messageGroupId;
    return { arn: queue.queueArn, sqsTarget: messageGroupId === undefined ? undefined : { messageGroupId } };
  }
}
