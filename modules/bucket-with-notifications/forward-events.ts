import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { IEventBusTarget } from '../core/contracts';
import { DepthAlarmProps } from '../dead-letter-queue';
import { EventBusRule, RuleHost } from '../event-bus-with-rules/event-bus-rule';
import { fitName } from '../event-bus-with-rules/limits';
import { EventBusRuleTarget } from '../event-bus-with-rules/targets/event-bus';
import { EVENTBRIDGE } from '../core/aws-limits';
import { S3EventDetailType } from './event-patterns';

/** Options of {@link BucketWithNotifications.forwardEventsTo}. */
export interface ForwardEventsOptions {
  /** Name of the rule on the default bus. AWS limit: 1–64 letters, digits, `.`, `-`, `_`. @default `s3-<bucket name>-events`, shortened with a hash when longer */
  readonly ruleName?: string;
  /** The kinds of event forwarded. @default ['Object Created', 'Object Deleted'] */
  readonly detailTypes?: S3EventDetailType[];
  /** Alarm on the depth of the rule's dead-letter queue; `false` turns it off. @default alarm when any event is waiting, no actions */
  readonly deadLetterAlarm?: DepthAlarmProps | false;
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
  return new EventBusRule(
    scope,
    id,
    {
      name: options.ruleName ?? fitName(`s3-${bucketName}`, '-events', EVENTBRIDGE.ruleNameMaxLength),
      description: `Sends the events of bucket ${bucketName} from the default bus, where S3 puts them, to another bus`,
      eventPattern: { source: ['aws.s3'], 'detail-type': [...(options.detailTypes ?? ['Object Created', 'Object Deleted'])], detail: { bucket: { name: [bucketName] } } },
      targets: [new EventBusRuleTarget(eventBus)],
      tags: options.tags,
    },
    host,
  );
}
