import { IConstruct } from 'constructs';
import type { CloudwatchEventTargetBatchTarget, CloudwatchEventTargetEcsTarget, CloudwatchEventTargetHttpTarget, CloudwatchEventTargetKinesisTarget, CloudwatchEventTargetSqsTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { IEventBusTarget, IQueueTarget, ITopicTarget } from '../core/contracts';
import { ValidationIssue } from '../core/errors';
import { FUNCTION_ARN, QUEUE_ARN, TOPIC_ARN } from '../core/endpoints';
import { DeadLetterRules, planDeadLetter } from '../core/dead-letter';
import type { LogDeliveryPolicy } from './log-delivery-policy';
import { PropsValidator, isToken } from '../core/validation';
import { EVENTBRIDGE } from '../core/aws-limits';
import { EVENTBRIDGE_NAME } from './limits';

/**
 * How EventBridge retries delivery to a target before giving up and sending
 * the event to the target's dead-letter queue.
 */
export interface RetryPolicy {
  /**
   * Retries after the first attempt. EventBridge retries with back-off and
   * jitter; an event is dropped (or dead-lettered) after this many or after
   * {@link maximumEventAgeSeconds}, whichever comes first.
   * @default 185 (AWS's default and maximum; AWS allows 0–185)
   */
  readonly maximumRetryAttempts?: number;
  /**
   * Seconds an unprocessed event is kept for retries.
   * @default 86,400 (24 hours, AWS's default and maximum; AWS allows 60–86,400)
   */
  readonly maximumEventAgeSeconds?: number;
}

/** An input transformer: variables read from the event by JSON path, and a template that uses them as `<name>`. */
export interface InputTransformer {
  /**
   * Variable name → JSON path in the event (e.g. `{ orderId: '$.detail.orderId' }`).
   * AWS allows at most 100; names are letters, digits, `_` and `-` and may not
   * start with `AWS`; each path at most 256 characters. @default none
   */
  readonly inputPaths?: Record<string, string>;
  /** The text sent to the target, with `<name>` placeholders. AWS allows 1–8,192 characters. */
  readonly inputTemplate: string;
}

/** What every target accepts. At most one of `input`, `inputPath` and `inputTransformer`. */
export interface RuleTargetOptions {
  /**
   * The target's ID within its rule. AWS limit: 1–64 letters, digits, `.`, `-`, `_`,
   * unique per rule. @default `<kind>-<position>`, e.g. `queue-1`
   */
  readonly targetId?: string;
  /** Retries before the event goes to the dead-letter queue. @default 185 attempts over at most 24 hours (AWS's defaults, written out) */
  readonly retryPolicy?: RetryPolicy;
  /**
   * Where events go that could not be delivered: `false` for nowhere (they are
   * dropped), or a standard SQS queue in the bus's Region (EventBridge does not
   * support FIFO DLQs); it is granted `sqs:SendMessage` for this rule only (a
   * queue made elsewhere, `ImportedQueue.fromQueueArn`, reports the statement
   * its owner must add).
   * @default the rule's dead-letter queue, shared by its targets
   */
  readonly deadLetterQueue?: false | IQueueTarget;
  /**
   * A constant sent instead of the event: a JSON text, or a value that is
   * serialized to JSON. AWS limit: valid JSON, at most 8,192 characters.
   * @default the whole event
   */
  readonly input?: string | number | boolean | readonly unknown[] | { readonly [key: string]: unknown };
  /** A JSON path into the event (e.g. `$.detail`); only that part is sent. AWS limit: 256 characters. @default the whole event */
  readonly inputPath?: string;
  /** Builds the text sent from parts of the event. @default the whole event */
  readonly inputTransformer?: InputTransformer;
}

/**
 * What a target may use of the rule it is bound to: the rule's ARN (every
 * grant is conditioned on it), its name, the tags of what it makes, its bus.
 * The rule is a construct: a target makes its resources (permissions, roles)
 * in it, under the construct ID its place gives.
 */
export interface IEventBusRule extends IConstruct {
  /** The rule ARN (a token until apply). */
  readonly ruleArn: string;
  /** The rule name as given (`name`, else the construct ID), for descriptions of what a target makes. */
  readonly givenName: string;
  /** Tags for resources made for the rule's targets: the bus's, under the rule's own. @default none */
  readonly resourceTags?: Record<string, string>;
  /** Whether an event bus (construct or ARN) is the rule's own bus, to which a target would loop. */
  isOwnBus(bus: IEventBusTarget | string): boolean;
  /** The bus's CloudWatch Logs resource policy, made on first use. */
  logDeliveryPolicy(): LogDeliveryPolicy;
}

/** Where a target is bound: its place in the rule, for errors and construct IDs. */
export interface RuleTargetPlace {
  /** The target's field in the rule's props, e.g. `targets[2]`; errors about its inputs name fields under it (`targets[2].queue`). */
  readonly field: string;
  /** The target's ID within the rule (`targetId`, or `<kind>-<position>`). */
  readonly targetId: string;
  /** The construct ID the target's own resources start with, in the rule: `Target-<targetId>` (e.g. `Target-lambda-1-Permission`). */
  readonly id: string;
}

/**
 * What a target writes into its `aws_cloudwatch_event_target`, besides what
 * the rule writes for every target (rule, bus, target ID, input, retry policy,
 * dead-letter queue).
 */
export interface RuleTargetConfig {
  /** ARN of the target resource (`arn`). */
  readonly arn: string;
  /** The role EventBridge assumes to deliver (`role_arn`), for targets that need one. @default none */
  readonly roleArn?: string;
  /** SQS parameters (`sqs_target`): a FIFO queue's message group ID. @default none */
  readonly sqsTarget?: CloudwatchEventTargetSqsTarget;
  /** Kinesis parameters (`kinesis_target`): the partition key path. @default none */
  readonly kinesisTarget?: CloudwatchEventTargetKinesisTarget;
  /** HTTP parameters (`http_target`): API Gateway path and query parameters, headers. @default none */
  readonly httpTarget?: CloudwatchEventTargetHttpTarget;
  /** ECS task parameters (`ecs_target`). @default none */
  readonly ecsTarget?: CloudwatchEventTargetEcsTarget;
  /** AWS Batch job parameters (`batch_target`). @default none */
  readonly batchTarget?: CloudwatchEventTargetBatchTarget;
}

/**
 * A target of an `EventBusRule`, in the spirit of aws-cdk-lib's
 * `IRuleTarget`: each kind (queue, topic, Lambda function…) is one class, and
 * a new kind is a new class, with no change to the rule. The rule checks the
 * options every target shares ({@link RuleTargetOptions}) and writes them;
 * `bind` checks the target's own inputs, makes the permission EventBridge
 * needs, and returns the rest of the target.
 */
export interface IRuleTarget {
  /**
   * The kind, e.g. `queue`: the default target ID is `<kind>-<position>`.
   * AWS limit on the ID: 1–64 letters, digits, `.`, `-`, `_`.
   */
  readonly kind: string;
  /** ID, retries, dead-letter queue and input of the target (the rule checks and writes them). @default none set */
  readonly options?: RuleTargetOptions;
  /**
   * The target's own inputs AWS would refuse, each an issue whose field is
   * under `place.field` (e.g. `targets[2].queue`) and names the bad value and
   * what is allowed. The rule calls it for every target before it makes
   * anything, and reports these issues with its own in one ValidationError on
   * its path. The rule's resources do not exist yet: use its name, tags and
   * bus only. @default no checks besides the rule's
   */
  validate?(rule: IEventBusRule, place: RuleTargetPlace): ValidationIssue[];
  /**
   * Binds the valid target to `rule`: grants EventBridge what it needs to
   * deliver (conditioned on the rule's ARN), making any resource in the rule
   * under construct IDs that start with `place.id`, and returns what the rule
   * writes for this target. May still throw a ValidationError on the rule's
   * path; then nothing it made is kept.
   */
  bind(rule: IEventBusRule, place: RuleTargetPlace): RuleTargetConfig;
}

/** The kinds of the built-in targets (made by the `RuleTarget` functions). */
export type RuleTargetKind = 'queue' | 'topic' | 'lambda' | 'event-bus' | 'state-machine' | 'log-group' | 'stream';

export const ARN = {
  // Queues, topics and functions: one pattern each, shared with every module (core/endpoints).
  queue: QUEUE_ARN,
  topic: TOPIC_ARN,
  lambda: FUNCTION_ARN,
  eventBus: /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[A-Za-z0-9._\/-]{1,256}$/,
  stateMachine: /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]{1,80}$/,
  logGroup: /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:([A-Za-z0-9._\/#-]{1,512})$/,
} as const;

const INPUT_PATH_NAME = /^[A-Za-z0-9_-]+$/;

/** True when a queue or topic (object or ARN) is FIFO; an ARN token is FIFO only when it visibly ends in `.fifo`. */
export function isFifo(target: IQueueTarget | ITopicTarget | string): boolean {
  return typeof target === 'string' ? target.endsWith('.fifo') : target?.fifo === true;
}

/** The default target ID of the target at `position` (1-based): `<kind>-<position>`. */
export function defaultTargetId(target: IRuleTarget, position: number): string {
  return `${target.kind}-${position}`;
}

/** Whether a value can be a rule target: an object with a kind (a valid target ID part) and a `bind` method. */
export function isRuleTarget(value: unknown): value is IRuleTarget {
  if (value === null || typeof value !== 'object') return false;
  const target = value as Partial<IRuleTarget>;
  return typeof target.bind === 'function' && typeof target.kind === 'string' && TARGET_KIND.test(target.kind);
}

/** A kind is the first part of a default target ID (`<kind>-<position>`, at most 64 characters). */
const TARGET_KIND = /^[A-Za-z0-9._-]{1,40}$/;

/**
 * Checks what the rule checks of every target: that it is one, and its
 * shared options. `field` is its place in the props (e.g. `targets[2]`). The
 * target's own inputs are its `validate`'s.
 */
export function validateTarget(v: PropsValidator, field: string, target: IRuleTarget): boolean {
  if (!isRuleTarget(target)) {
    v.check(
      false,
      field,
      describeEndpoint(target),
      'must be made with RuleTarget.queue, .topic, .lambda, .eventBus, .stateMachine or .logGroup, or be another IRuleTarget (a kind of 1–40 letters, digits, ".", "-" or "_", and bind(rule, place))',
    );
    return false;
  }
  validateOptions(v, field, target.options ?? {});
  return true;
}

function validateOptions(v: PropsValidator, field: string, o: RuleTargetOptions): void {
  if (o.targetId !== undefined && !isToken(o.targetId)) {
    v.check(
      typeof o.targetId === 'string' && o.targetId.length <= EVENTBRIDGE.targetIdMaxLength && EVENTBRIDGE_NAME.test(o.targetId),
      `${field}.targetId`,
      o.targetId,
      `target IDs must be 1–${EVENTBRIDGE.targetIdMaxLength} characters of letters, digits, ".", "-" and "_"`,
    );
  }
  v.integer(`${field}.retryPolicy.maximumRetryAttempts`, o.retryPolicy?.maximumRetryAttempts, EVENTBRIDGE.minRetryAttempts, EVENTBRIDGE.maxRetryAttempts);
  v.integer(
    `${field}.retryPolicy.maximumEventAgeSeconds`,
    o.retryPolicy?.maximumEventAgeSeconds,
    EVENTBRIDGE.minEventAgeSeconds,
    EVENTBRIDGE.maxEventAgeSeconds,
    'seconds',
  );
  if (o.deadLetterQueue !== undefined && o.deadLetterQueue !== false) {
    validateDeadLetterQueueTarget(v, `${field}.deadLetterQueue`, o.deadLetterQueue);
  }

  const given = (['input', 'inputPath', 'inputTransformer'] as const).filter((k) => o[k] !== undefined);
  v.check(given.length <= 1, `${field}.${given.join('/')}`, given, 'input, inputPath and inputTransformer are mutually exclusive: set at most one');

  if (o.input !== undefined) {
    const text = targetInputText(o.input);
    if (!isToken(text)) {
      v.check(isJson(text), `${field}.input`, o.input, 'must be valid JSON text (a string is sent as JSON, so quote it: \'"text"\')');
      v.check(text.length <= EVENTBRIDGE.inputMaxLength, `${field}.input`, o.input, `must be at most ${EVENTBRIDGE.inputMaxLength.toLocaleString('en-US')} characters of JSON`);
    }
  }
  if (o.inputPath !== undefined && !isToken(o.inputPath)) {
    v.check(
      typeof o.inputPath === 'string' && o.inputPath.startsWith('$') && o.inputPath.length <= EVENTBRIDGE.inputPathMaxLength,
      `${field}.inputPath`,
      o.inputPath,
      `must be a JSON path starting with "$" (e.g. "$.detail"), at most ${EVENTBRIDGE.inputPathMaxLength} characters`,
    );
  }
  if (o.inputTransformer !== undefined) validateInputTransformer(v, `${field}.inputTransformer`, o.inputTransformer);
}

function validateInputTransformer(v: PropsValidator, field: string, t: InputTransformer): void {
  const paths = Object.entries(t.inputPaths ?? {});
  v.check(
    paths.length <= EVENTBRIDGE.maxInputPaths,
    `${field}.inputPaths`,
    t.inputPaths,
    `EventBridge allows at most ${EVENTBRIDGE.maxInputPaths} input paths per target (${paths.length} given)`,
  );
  for (const [name, path] of paths) {
    v.check(
      INPUT_PATH_NAME.test(name) && name.length <= 256 && !name.startsWith('AWS'),
      `${field}.inputPaths`,
      name,
      'variable names must be letters, digits, "_" and "-" and must not start with "AWS"',
    );
    if (!isToken(path)) {
      v.check(
        typeof path === 'string' && path.startsWith('$') && path.length <= EVENTBRIDGE.inputPathMaxLength,
        `${field}.inputPaths.${name}`,
        path,
        `must be a JSON path starting with "$", at most ${EVENTBRIDGE.inputPathMaxLength} characters`,
      );
    }
  }
  if (!isToken(t.inputTemplate)) {
    v.check(
      typeof t.inputTemplate === 'string' && t.inputTemplate.length >= 1 && t.inputTemplate.length <= EVENTBRIDGE.inputTemplateMaxLength,
      `${field}.inputTemplate`,
      t.inputTemplate,
      `is required and must be 1–${EVENTBRIDGE.inputTemplateMaxLength.toLocaleString('en-US')} characters`,
    );
  }
}

/**
 * What EventBridge takes as a dead-letter queue (core's one planner decides
 * the rest): a standard SQS queue construct (a queue made elsewhere as an
 * `ImportedQueue`); `allowed` says what else the setting may be.
 */
export function eventBridgeDeadLetterRules(allowed: string): DeadLetterRules {
  return {
    fifo: false,
    pairing: 'EventBridge dead-letter queues must be standard SQS queues: FIFO queues are not supported',
    arns: [],
    allowed,
    describe: describeEndpoint,
  };
}

/** Checks a dead-letter queue given for EventBridge targets (of a rule or a bus): a standard queue construct. */
export function validateDeadLetterQueueTarget(v: PropsValidator, field: string, queue: IQueueTarget): void {
  const allowed = 'must be false or a queue construct (IQueueTarget, e.g. a DeadLetterQueue)';
  const plan = planDeadLetter(v, field, queue, eventBridgeDeadLetterRules(allowed));
  if (plan.kind === 'make') v.check(false, field, describeEndpoint(queue), allowed);
}

/** Checks an endpoint given as a construct (with `arnProperty`) or as an ARN matching `arn`. */
export function validateEndpoint(v: PropsValidator, field: string, endpoint: unknown, arnProperty: string, arn: RegExp, allowed: string): void {
  if (typeof endpoint === 'string') {
    v.matches(field, endpoint, arn, `must be ${allowed}`);
  } else {
    v.check(
      endpoint !== null && typeof endpoint === 'object' && typeof (endpoint as Record<string, unknown>)[arnProperty] === 'string',
      field,
      describeEndpoint(endpoint),
      `must be a construct with ${arnProperty}, or ${allowed}`,
    );
  }
}

/** The JSON text of a target's `input`. */
export function targetInputText(input: NonNullable<RuleTargetOptions['input']>): string {
  return typeof input === 'string' ? input : JSON.stringify(input);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** An ARN as given, or a construct by its path (its ARN is a token until apply, and a construct cannot be printed as JSON). */
export function describeEndpoint(endpoint: unknown): unknown {
  if (typeof endpoint === 'string' || endpoint === null || typeof endpoint !== 'object') return endpoint;
  const path = (endpoint as { node?: { path?: string } }).node?.path;
  if (typeof path === 'string') return `construct ${path}`;
  const object = endpoint as Record<string, unknown>;
  const arn = ['queueArn', 'topicArn', 'eventBusArn'].map((k) => object[k]).find((a) => typeof a === 'string' && !isToken(a));
  return arn ?? endpoint;
}
