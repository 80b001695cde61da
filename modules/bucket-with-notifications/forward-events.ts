import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { IEventBusTarget } from '../core/contracts';
import { DepthAlarmProps } from '../dead-letter-queue';
import { EventBusRule, RuleHost } from '../event-bus-with-rules/event-bus-rule';
import { fitName, toQueueNamePart } from '../core/names';
import { addMetricAlarm, FailureCountAlarmProps } from '../core/metric-alarm';
import { EventBusRuleTarget } from '../event-bus-with-rules/targets/event-bus';
import { EVENTBRIDGE, SQS } from '../core/aws-limits';
import { S3EventDetailType } from './event-patterns';

/** Options of {@link BucketWithNotifications.forwardEventsTo}. */
export interface ForwardEventsOptions {
  /** Name of the rule on the default bus. AWS limit: 1–64 letters, digits, `.`, `-`, `_`. @default `<bucket name>-events`, shortened with a hash when longer */
  readonly ruleName?: string;
  /** The kinds of event forwarded. @default ['Object Created', 'Object Deleted'] */
  readonly detailTypes?: S3EventDetailType[];
  /** Alarm on the depth of the rule's dead-letter queue (`<rule name>-dlq`); `false` turns it off. @default alarm when any event is waiting, no actions */
  readonly deadLetterAlarm?: DepthAlarmProps | false;
  /**
   * Alarm on the rule's failed deliveries (AWS/Events `FailedInvocations` by
   * rule name: rules of the default bus are measured without a bus dimension);
   * `false` turns it off. @default alarm on any failure, with the dead-letter alarm's actions
   */
  readonly failedInvocationsAlarm?: FailureCountAlarmProps | false;
  /** Tags of the rule and what is made for it. @default none */
  readonly tags?: Record<string, string>;
}

/**
 * A rule on the account's default bus, where S3 puts a bucket's events,
 * sending them to another bus: with the rule's role, retry policy,
 * dead-letter queue and failure alarm, as every rule of this library.
 */
export function forwardBucketEvents(scope: Construct, id: string, bucketName: string, eventBus: IEventBusTarget | string, options: ForwardEventsOptions): EventBusRule {
  const ctx = awsContext(scope);
  // Names start with the bucket's, not the bus's: every resource made here is named like the bucket's stack.
  const ruleName = options.ruleName ?? fitName(bucketName, '-events', EVENTBRIDGE.ruleNameMaxLength);
  const defaultBusArn = `arn:${ctx.partition}:events:${ctx.region}:${ctx.accountId}:event-bus/default`;
  const host: RuleHost = {
    eventBusName: 'default',
    eventBusArn: defaultBusArn,
    busName: 'default',
    tags: options.tags,
    deadLetterQueueDefaults: { alarm: options.deadLetterAlarm },
    ruleNames: new Set<string>(),
    isThisBus: (bus) => (typeof bus === 'string' ? bus === 'default' || bus === defaultBusArn : bus.eventBusName === 'default'),
    logDeliveryPolicy: () => {
      throw new Error('a rule forwarding bucket events has no log group targets');
    },
  };
  const rule = new EventBusRule(
    scope,
    id,
    {
      name: ruleName,
      description: `Sends the events of bucket ${bucketName} from the default bus, where S3 puts them, to another bus`,
      eventPattern: { source: ['aws.s3'], 'detail-type': [...(options.detailTypes ?? ['Object Created', 'Object Deleted'])], detail: { bucket: { name: [bucketName] } } },
      targets: [new EventBusRuleTarget(eventBus)],
      deadLetterQueue: { name: fitName(toQueueNamePart(ruleName), '-dlq', SQS.nameMaxLength), alarm: options.deadLetterAlarm },
      failedInvocationsAlarm: false,
      tags: options.tags,
    },
    host,
  );
  if (options.failedInvocationsAlarm !== false) {
    const alarm = options.failedInvocationsAlarm ?? {};
    const actions = options.deadLetterAlarm || {};
    addMetricAlarm(rule, 'FailedInvocationsAlarm', {
      alarmName: `${ruleName}-failed-invocations`,
      description: `EventBridge gave up forwarding events of bucket ${bucketName} from the default bus (rule ${ruleName})`,
      namespace: 'AWS/Events',
      metricName: 'FailedInvocations',
      dimensions: { RuleName: rule.ruleName },
      statistic: 'Sum',
      threshold: alarm.threshold ?? 0,
      alarmActions: alarm.alarmActions ?? actions.alarmActions,
      okActions: alarm.okActions ?? actions.okActions,
      tags: options.tags,
    });
  }
  return rule;
}
