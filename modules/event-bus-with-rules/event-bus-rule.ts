import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { IEventBusTarget, IQueueTarget } from '../core/contracts';
import { SQS } from '../core/aws-limits';
import { showAs } from '../core/display';
import { planDeadLetter, resolveDeadLetter } from '../core/dead-letter';
import { validateQueueName } from '../core/queue-limits';
import { checkArguments, checkProps } from '../core/shape';
import { PropsValidator, isToken } from '../core/validation';
import { DeadLetterQueue, DepthAlarmProps } from '../dead-letter-queue';
import { EventPattern } from '../patterns';
import { EVENTBRIDGE } from '../core/aws-limits';
import { fitName, toQueueNamePart } from '../core/names';
import { validateDescription, validateEventBridgeName, validatePattern } from './limits';
import { LogDeliveryPolicy } from './log-delivery-policy';
import { EVENT_BUS_RULE_PROPS, RULE_TARGET } from './props-shape';
import {
  defaultTargetId,
  IEventBusRule,
  IRuleTarget,
  RuleTargetOptions,
  RuleTargetPlace,
  targetInputText,
  eventBridgeDeadLetterRules,
  validateTarget,
} from './rule-target';
import type { RuleTarget } from './targets';
import { EVENTBRIDGE_PRINCIPAL } from './targets/target-role';
import { addMetricAlarm, FailureCountAlarmProps } from '../core/metric-alarm';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';

/** The dead-letter queue a rule makes for its targets. */
export interface RuleDeadLetterQueueProps {
  /**
   * Queue name. AWS limit: 1–80 letters, digits, hyphens and underscores.
   * @default `<bus name>-<rule name>-dlq` with `.` turned into `-`, shortened with a hash when longer than 80
   */
  readonly name?: string;
  /** Seconds a dead letter is kept. @default the bus's `deadLetterQueues.retentionSeconds`, else 1,209,600 (14 days, the AWS maximum) */
  readonly retentionSeconds?: number;
  /** Alarm on the queue's depth; `false` turns it off. @default the bus's `deadLetterQueues.alarm`, else alarm on any message */
  readonly alarm?: DepthAlarmProps | false;
}

/**
 * An alarm on a rule's `FailedInvocations`: deliveries EventBridge gave up on,
 * summed over a minute (`threshold` @default 0, any failure).
 */
export type FailedInvocationsAlarmProps = FailureCountAlarmProps;

/** Props of a rule on an {@link EventBusWithRules} bus (see `addRule`). */
export interface EventBusRuleProps {
  /**
   * Rule name, unique on its bus. AWS limit: 1–64 letters, digits, `.`, `-`, `_`.
   * @default the construct ID given to `addRule`
   */
  readonly name?: string;
  /** What the rule is for. AWS limit: 512 characters. @default none */
  readonly description?: string;
  /**
   * The events the rule matches. Checked at construction against EventBridge's
   * pattern syntax and limits (`validateEventPattern`, dialect `eventbridge`).
   */
  readonly eventPattern: EventPattern;
  /**
   * Refused: EventBridge runs scheduled rules only on the default event bus.
   * Use EventBridge Scheduler, or a rule on the default bus, for schedules.
   */
  readonly scheduleExpression?: string;
  /** Whether the rule matches events (`state` ENABLED) or not (DISABLED). @default true */
  readonly enabled?: boolean;
  /** The rule's targets. AWS allows at most 5 per rule, counting those added later with `addTarget`. @default none */
  readonly targets?: RuleTarget[];
  /**
   * The dead-letter queue shared by the rule's targets: settings for the
   * standard queue made here, a standard queue of yours (granted
   * `sqs:SendMessage` for this rule only), or `false` for none (undeliverable
   * events are then dropped). A target may override it with its own
   * `deadLetterQueue`. @default a DeadLetterQueue made here once a target needs it
   */
  readonly deadLetterQueue?: RuleDeadLetterQueueProps | IQueueTarget | false;
  /**
   * Alarm on the rule's failed deliveries (AWS/Events `FailedInvocations`); `false` turns it off.
   * @default alarm on any failure, notifying the bus's `deadLetterQueues.alarm` actions
   */
  readonly failedInvocationsAlarm?: FailedInvocationsAlarmProps | false;
  /** Tags of the rule and the resources made for it, over the bus's tags. @default the bus's tags */
  readonly tags?: Record<string, string>;
}

/** What a rule needs of its bus. Not part of the public API. */
export interface RuleHost {
  /** The bus name as Terraform knows it (a token), for `event_bus_name`. */
  readonly eventBusName: string;
  /** The bus ARN (a token). */
  readonly eventBusArn: string;
  /** The bus name as given (for names derived from it). */
  readonly busName: string;
  /** The bus's tags, under each rule's own. */
  readonly tags?: Record<string, string>;
  /** The bus's `deadLetterQueues` settings, for the DLQs its rules make. */
  readonly deadLetterQueueDefaults: {
    /** Seconds a dead letter is kept. */
    readonly retentionSeconds?: number;
    /** The depth alarm, or `false` for none. */
    readonly alarm?: DepthAlarmProps | false;
  };
  /** Whether an event-bus target (construct or ARN) is this bus, which would loop. */
  isThisBus(bus: IEventBusTarget | string): boolean;
  /** The bus's CloudWatch Logs resource policy, made on first use. */
  logDeliveryPolicy(): LogDeliveryPolicy;
  /** Names of the rules on the bus so far. */
  readonly ruleNames: Set<string>;
}

const DEFAULT_RETRY_ATTEMPTS = EVENTBRIDGE.maxRetryAttempts;
const DEFAULT_EVENT_AGE_SECONDS = EVENTBRIDGE.maxEventAgeSeconds;

/**
 * A rule on an {@link EventBusWithRules} bus with up to 5 targets, each with a
 * retry policy, a dead-letter queue and the permission EventBridge needs to
 * deliver. Made by `EventBusWithRules.addRule`.
 */
export class EventBusRule extends Construct implements IEventBusRule {
  /** The rule resource. */
  readonly rule: CloudwatchEventRule;
  /** The rule name (as Terraform knows it). */
  readonly ruleName: string;
  /** The rule ARN, which every grant made for its targets is conditioned on. */
  readonly ruleArn: string;
  /** The targets, in order. */
  readonly targets: CloudwatchEventTarget[] = [];
  /** The alarm on failed deliveries, unless turned off. */
  readonly failedInvocationsAlarm?: CloudwatchMetricAlarm;
  /** The rule name as given (`name`, else the construct ID). */
  readonly givenName: string;
  /** Tags of the resources made for the rule: the bus's, under the rule's own. */
  readonly resourceTags?: Record<string, string>;
  private readonly host: RuleHost;
  private readonly props: EventBusRuleProps;
  private readonly targetIds = new Set<string>();
  private sharedDlq?: DeadLetterQueue;
  private readonly grantedDlqs = new Set<IQueueTarget>();

  /** Made by `EventBusWithRules.addRule`, which supplies `host`; not meant to be called directly. */
  constructor(scope: Construct, id: string, props: EventBusRuleProps, host: RuleHost) {
    super(scope, id);
    checkProps(this, props, EVENT_BUS_RULE_PROPS);
    this.host = host;
    this.props = props;
    const name = props.name ?? id;
    this.givenName = name;
    this.resourceTags = host.tags || props.tags ? { ...host.tags, ...props.tags } : undefined;
    const targets = props.targets ?? [];

    const v = new PropsValidator(this);
    validateEventBridgeName(v, 'name', name, EVENTBRIDGE.ruleNameMaxLength, 'rule names', props.name === undefined ? ' (the construct ID is the name when name is unset)' : '');
    validateDescription(v, 'description', props.description);
    v.check(
      props.scheduleExpression === undefined,
      'scheduleExpression',
      props.scheduleExpression,
      'EventBridge allows schedule expressions only on the default event bus, not on a custom bus: use EventBridge Scheduler for schedules',
    );
    if (props.eventPattern === undefined || props.eventPattern === null) {
      v.check(false, 'eventPattern', props.eventPattern, 'is required: a rule on a custom bus matches events by pattern');
    } else {
      validatePattern(v, 'eventPattern', props.eventPattern);
    }
    v.check(props.enabled === undefined || typeof props.enabled === 'boolean', 'enabled', props.enabled, 'must be true or false');
    v.check(
      targets.length <= EVENTBRIDGE.maxTargetsPerRule,
      'targets',
      targets,
      `EventBridge allows at most ${EVENTBRIDGE.maxTargetsPerRule} targets per rule (${targets.length} given)`,
    );
    validateRuleDeadLetterQueue(v, 'deadLetterQueue', props.deadLetterQueue);
    if (props.failedInvocationsAlarm) v.number('failedInvocationsAlarm.threshold', props.failedInvocationsAlarm.threshold, 0, Number.MAX_SAFE_INTEGER);
    const ids = new Set<string>();
    targets.forEach((target, i) => {
      const targetId = this.validateTarget(v, target, i);
      if (targetId !== undefined) {
        v.check(!ids.has(targetId), `targets[${i}].targetId`, targetId, 'target IDs must be unique within a rule');
        ids.add(targetId);
      }
    });
    if (!isToken(name)) v.check(!host.ruleNames.has(name), 'name', name, 'rule names must be unique on their event bus');
    v.throwIfInvalid();
    host.ruleNames.add(name);

    this.rule = new CloudwatchEventRule(this, 'Rule', {
      name,
      description: props.description,
      eventBusName: host.eventBusName,
      eventPattern: JSON.stringify(props.eventPattern),
      state: props.enabled === false ? 'DISABLED' : 'ENABLED',
      tags: this.resourceTags,
    });
    this.ruleName = this.rule.name;
    this.ruleArn = this.rule.arn;
    showAs(this.ruleArn, `arn:<partition>:events:<region>:<account-id>:rule/${isToken(host.busName) ? '<bus name>' : host.busName}/${isToken(name) ? '<rule name>' : name}`);
    if (props.failedInvocationsAlarm !== false) {
      const defaults = host.deadLetterQueueDefaults.alarm || {};
      const alarm = props.failedInvocationsAlarm ?? {};
      // On a custom bus EventBridge publishes rule metrics by RuleName and EventBusName together.
      this.failedInvocationsAlarm = addMetricAlarm(this, 'FailedInvocationsAlarm', {
        alarmName: `${host.busName}-${name}-failed-invocations`,
        description: `EventBridge gave up delivering events matched by rule ${name} on bus ${host.busName}`,
        namespace: 'AWS/Events',
        metricName: 'FailedInvocations',
        dimensions: { RuleName: this.ruleName, EventBusName: host.eventBusName },
        statistic: 'Sum',
        threshold: alarm.threshold ?? 0,
        alarmActions: alarm.alarmActions ?? defaults.alarmActions,
        okActions: alarm.okActions ?? defaults.okActions,
        tags: this.resourceTags,
      });
    }
    try {
      for (const target of targets) this.bind(target);
    } catch (e) {
      // A target that refused at bind leaves no half-made rule on the bus.
      scope.node.tryRemoveChild(id);
      host.ruleNames.delete(name);
      throw e;
    }
  }

  /**
   * Adds a target, counted against EventBridge's limit of 5 per rule.
   * Throws a ValidationError (naming `targets[<position>]`) if it is invalid.
   */
  addTarget(target: RuleTarget): CloudwatchEventTarget {
    checkArguments(this, [[`targets[${this.targets.length}]`, target, RULE_TARGET]]);
    const position = this.targets.length;
    const v = new PropsValidator(this);
    v.check(
      position < EVENTBRIDGE.maxTargetsPerRule,
      `targets[${position}]`,
      target,
      `EventBridge allows at most ${EVENTBRIDGE.maxTargetsPerRule} targets per rule, and this rule has ${position} already`,
    );
    const targetId = this.validateTarget(v, target, position);
    if (targetId !== undefined) {
      v.check(!this.targetIds.has(targetId), `targets[${position}].targetId`, targetId, 'target IDs must be unique within a rule');
    }
    v.throwIfInvalid();
    const before = new Set(this.node.children.map((c) => c.node.id));
    try {
      return this.bind(target);
    } catch (e) {
      // Nothing of a target that refused at bind is kept.
      for (const child of this.node.children) if (!before.has(child.node.id)) this.node.tryRemoveChild(child.node.id);
      throw e;
    }
  }

  /** The dead-letter queue made here for the rule's targets, once a target needed it. */
  get deadLetterQueue(): DeadLetterQueue | undefined {
    return this.sharedDlq;
  }

  /** Whether an event bus (construct or ARN) is the rule's own bus. */
  isOwnBus(bus: IEventBusTarget | string): boolean {
    return this.host.isThisBus(bus);
  }

  /** The bus's CloudWatch Logs resource policy, made on first use. */
  logDeliveryPolicy(): LogDeliveryPolicy {
    return this.host.logDeliveryPolicy();
  }

  /** Checks a target at `index` (0-based): the rule's checks, then its own; returns its target ID when it is a target. */
  private validateTarget(v: PropsValidator, target: IRuleTarget, index: number): string | undefined {
    const field = `targets[${index}]`;
    if (!validateTarget(v, field, target)) return undefined;
    const targetId = target.options?.targetId ?? defaultTargetId(target, index + 1);
    if (typeof target.validate === 'function') v.add(target.validate(this, { field, targetId, id: `Target-${targetId}` }));
    return targetId;
  }

  private bind(target: IRuleTarget): CloudwatchEventTarget {
    const position = this.targets.length + 1;
    const o: RuleTargetOptions = target.options ?? {};
    const targetId = o.targetId ?? defaultTargetId(target, position);
    const place: RuleTargetPlace = { field: `targets[${position - 1}]`, targetId, id: `Target-${targetId}` };
    const { arn, roleArn, sqsTarget, kinesisTarget, httpTarget, ecsTarget, batchTarget } = target.bind(this, place);
    this.targetIds.add(targetId);
    const dlq = this.deadLetterQueueFor(o);

    const resource = new CloudwatchEventTarget(this, place.id, {
      rule: this.rule.name,
      eventBusName: this.host.eventBusName,
      targetId,
      arn,
      roleArn,
      sqsTarget,
      kinesisTarget,
      httpTarget,
      ecsTarget,
      batchTarget,
      input: o.input === undefined ? undefined : targetInputText(o.input),
      inputPath: o.inputPath,
      inputTransformer: o.inputTransformer
        ? { inputPaths: o.inputTransformer.inputPaths, inputTemplate: o.inputTransformer.inputTemplate }
        : undefined,
      retryPolicy: {
        maximumRetryAttempts: o.retryPolicy?.maximumRetryAttempts ?? DEFAULT_RETRY_ATTEMPTS,
        maximumEventAgeInSeconds: o.retryPolicy?.maximumEventAgeSeconds ?? DEFAULT_EVENT_AGE_SECONDS,
      },
      deadLetterConfig: dlq ? { arn: dlq.queueArn } : undefined,
    });
    this.targets.push(resource);
    return resource;
  }

  /** The target's DLQ: its own, none, or the rule's shared one (made on first need). */
  private deadLetterQueueFor(o: RuleTargetOptions): IQueueTarget | undefined {
    const chosen = o.deadLetterQueue !== undefined ? o.deadLetterQueue : this.ruleDeadLetterQueue();
    if (!chosen) return undefined;
    if (!this.grantedDlqs.has(chosen)) {
      chosen.allowSendFrom(EVENTBRIDGE_PRINCIPAL, this.ruleArn);
      this.grantedDlqs.add(chosen);
    }
    return chosen;
  }

  private ruleDeadLetterQueue(): IQueueTarget | undefined {
    if (this.sharedDlq) return this.sharedDlq;
    // Checked at construction: the plan is only read here.
    const plan = planDeadLetter<RuleDeadLetterQueueProps>(new PropsValidator(this), 'deadLetterQueue', this.props.deadLetterQueue, RULE_DEAD_LETTER_QUEUE);
    const resolved = resolveDeadLetter(
      this,
      'DeadLetterQueue',
      plan,
      (setting) => {
        const defaults = this.host.deadLetterQueueDefaults;
        return new DeadLetterQueue(this, 'DeadLetterQueue', {
          name: setting.name ?? fitName(toQueueNamePart(`${this.host.busName}-${this.givenName}`), '-dlq', SQS.nameMaxLength),
          // EventBridge delivers dead letters to standard queues only.
          fifo: false,
          retentionSeconds: setting.retentionSeconds ?? defaults.retentionSeconds,
          alarm: setting.alarm ?? defaults.alarm,
          tags: this.resourceTags,
        });
      },
      false,
    );
    this.sharedDlq = resolved?.made;
    return resolved?.queue;
  }

}


const RULE_DEAD_LETTER_QUEUE = eventBridgeDeadLetterRules('must be false, a standard queue construct (IQueueTarget), or { name, retentionSeconds, alarm }');

function validateRuleDeadLetterQueue(v: PropsValidator, field: string, setting: EventBusRuleProps['deadLetterQueue']): void {
  const plan = planDeadLetter<RuleDeadLetterQueueProps>(v, field, setting, RULE_DEAD_LETTER_QUEUE);
  if (plan.kind !== 'make') return;
  const props = plan.props;
  if (props.name !== undefined) validateQueueName(v, `${field}.name`, props.name, false);
  v.integer(`${field}.retentionSeconds`, props.retentionSeconds, SQS.minRetentionSeconds, SQS.maxRetentionSeconds, 'seconds');
  if (props.alarm) v.number(`${field}.alarm.threshold`, props.alarm.threshold, 0, Number.MAX_SAFE_INTEGER);
}
