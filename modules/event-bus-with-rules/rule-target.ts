import { IEventBusTarget, IQueueTarget, ITopicTarget } from '../core/contracts';
import { PropsValidator, isToken } from '../core/validation';
import { EVENTBRIDGE } from '../core/aws-limits';
import { EVENTBRIDGE_NAME, LOG_GROUP_NAME } from './limits';

/**
 * How EventBridge retries delivery to a target before giving up and sending
 * the event to the target's dead-letter queue.
 */
export interface RetryPolicy {
  /**
   * Retries after the first attempt. EventBridge retries with back-off and
   * jitter; an event is dropped (or dead-lettered) after this many or after
   * {@link maximumEventAgeInSeconds}, whichever comes first.
   * @default 185 (AWS's default and maximum; AWS allows 0–185)
   */
  readonly maximumRetryAttempts?: number;
  /**
   * Seconds an unprocessed event is kept for retries.
   * @default 86,400 (24 hours, AWS's default and maximum; AWS allows 60–86,400)
   */
  readonly maximumEventAgeInSeconds?: number;
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
   * support FIFO DLQs); it is granted `sqs:SendMessage` for this rule only.
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

/** An SQS queue target. */
export interface QueueRuleTarget {
  /** Discriminates the target kinds. */
  readonly kind: 'queue';
  /** The queue, or the ARN of a queue made elsewhere (whose owner must then grant EventBridge `sqs:SendMessage`). */
  readonly queue: IQueueTarget | string;
  /** ID, retries, dead-letter queue, input and message group ID of the target. */
  readonly options: QueueTargetOptions;
}

/** An SNS topic target. */
export interface TopicRuleTarget {
  /** Discriminates the target kinds. */
  readonly kind: 'topic';
  /** The topic, or the ARN of a topic made elsewhere (whose owner must then grant EventBridge `sns:Publish`). */
  readonly topic: ITopicTarget | string;
  /** ID, retries, dead-letter queue and input of the target. */
  readonly options: RuleTargetOptions;
}

/** A Lambda function target, invoked asynchronously. */
export interface LambdaRuleTarget {
  /** Discriminates the target kinds. */
  readonly kind: 'lambda';
  /** The function ARN, optionally with a version or alias qualifier. */
  readonly functionArn: string;
  /** ID, retries, dead-letter queue and input of the target. */
  readonly options: RuleTargetOptions;
}

/** Another event bus, in this or another account or Region. */
export interface EventBusRuleTarget {
  /** Discriminates the target kinds. */
  readonly kind: 'event-bus';
  /** The bus, or its ARN. A bus in another account must allow this account in its bus policy. */
  readonly eventBus: IEventBusTarget | string;
  /** ID, retries, dead-letter queue and input of the target. */
  readonly options: RuleTargetOptions;
}

/** A Step Functions state machine, started once per event. */
export interface StateMachineRuleTarget {
  /** Discriminates the target kinds. */
  readonly kind: 'state-machine';
  /** The state machine ARN (`arn:<partition>:states:<region>:<account>:stateMachine:<name>`). */
  readonly stateMachineArn: string;
  /** ID, retries, dead-letter queue and input of the target. */
  readonly options: RuleTargetOptions;
}

/** A CloudWatch Logs log group. */
export interface LogGroupRuleTarget {
  /** Discriminates the target kinds. */
  readonly kind: 'log-group';
  /** The log group ARN (without `:*`) or its name; an unresolved token is taken for an ARN. */
  readonly logGroup: string;
  /** ID, retries, dead-letter queue and input of the target. */
  readonly options: RuleTargetOptions;
}

/** One target of a rule; make one with the {@link RuleTarget} functions. */
export type RuleTarget =
  | QueueRuleTarget
  | TopicRuleTarget
  | LambdaRuleTarget
  | EventBusRuleTarget
  | StateMachineRuleTarget
  | LogGroupRuleTarget;

/** The kinds of {@link RuleTarget}. */
export type RuleTargetKind = RuleTarget['kind'];

/**
 * Rule targets. Each gets a retry policy and the rule's dead-letter queue,
 * and the permission EventBridge needs: a grant in the queue's or topic's one
 * resource policy, a Lambda permission, a role, or a CloudWatch Logs resource
 * policy, each limited to the rule that delivers.
 */
export const RuleTarget = {
  /**
   * An SQS queue; grants `events.amazonaws.com` `sqs:SendMessage` for this rule
   * through the queue's policy. A queue encrypted with a customer-managed key
   * also needs that key's policy to let `events.amazonaws.com` use
   * `kms:GenerateDataKey` and `kms:Decrypt`; SSE-SQS queues need nothing more.
   */
  queue(queue: IQueueTarget | string, options: QueueTargetOptions = {}): QueueRuleTarget {
    return { kind: 'queue', queue, options };
  },
  /** An SNS topic (standard); grants `events.amazonaws.com` `sns:Publish` for this rule through the topic's policy. */
  topic(topic: ITopicTarget | string, options: RuleTargetOptions = {}): TopicRuleTarget {
    return { kind: 'topic', topic, options };
  },
  /** A Lambda function; adds an `aws_lambda_permission` for `events.amazonaws.com` with this rule as source. */
  lambda(functionArn: string, options: RuleTargetOptions = {}): LambdaRuleTarget {
    return { kind: 'lambda', functionArn, options };
  },
  /** Another event bus; adds a role EventBridge assumes for this rule only, allowed `events:PutEvents` on that bus only. */
  eventBus(eventBus: IEventBusTarget | string, options: RuleTargetOptions = {}): EventBusRuleTarget {
    return { kind: 'event-bus', eventBus, options };
  },
  /** A Step Functions state machine; adds a role allowed `states:StartExecution` on it only. */
  stateMachine(stateMachineArn: string, options: RuleTargetOptions = {}): StateMachineRuleTarget {
    return { kind: 'state-machine', stateMachineArn, options };
  },
  /**
   * A CloudWatch Logs log group: its ARN (without `:*`; an unresolved token,
   * such as a log group resource's `arn`, is taken for an ARN) or its name.
   * Adds it to the bus's CloudWatch Logs resource policy for this rule.
   */
  logGroup(logGroup: string, options: RuleTargetOptions = {}): LogGroupRuleTarget {
    return { kind: 'log-group', logGroup, options };
  },
};

const KINDS: readonly RuleTargetKind[] = ['queue', 'topic', 'lambda', 'event-bus', 'state-machine', 'log-group'];

export const ARN = {
  // Names are 1–80 (queues) and 1–256 (topics) characters, `.fifo` included.
  queue: /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:(?=[A-Za-z0-9_.-]{1,80}$)[A-Za-z0-9_-]+(\.fifo)?$/,
  topic: /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:(?=[A-Za-z0-9_.-]{1,256}$)[A-Za-z0-9_-]+(\.fifo)?$/,
  lambda: /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]{1,64})(:[A-Za-z0-9$_-]{1,128})?$/,
  eventBus: /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[A-Za-z0-9._\/-]{1,256}$/,
  stateMachine: /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]{1,80}$/,
  logGroup: /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:([A-Za-z0-9._\/#-]{1,512})$/,
} as const;

/** SQS message group IDs: letters, digits and ASCII punctuation. */
const MESSAGE_GROUP_ID = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]+$/;
const INPUT_PATH_NAME = /^[A-Za-z0-9_-]+$/;

/** True when a queue or topic (object or ARN) is FIFO; an ARN token is FIFO only when it visibly ends in `.fifo`. */
export function isFifo(target: IQueueTarget | ITopicTarget | string): boolean {
  return typeof target === 'string' ? target.endsWith('.fifo') : target?.fifo === true;
}

/** The default target ID of the target at `position` (1-based). */
export function defaultTargetId(target: RuleTarget, position: number): string {
  return `${target.kind}-${position}`;
}

/**
 * Checks one target. `field` is its place in the props (e.g. `targets[2]`);
 * `isThisBus` tells whether an event-bus target is the rule's own bus.
 */
export function validateTarget(v: PropsValidator, field: string, target: RuleTarget, isThisBus: (bus: IEventBusTarget | string) => boolean): void {
  if (!target || typeof target !== 'object' || !KINDS.includes(target.kind)) {
    v.check(false, field, describeEndpoint(target), `must be made with RuleTarget.queue, .topic, .lambda, .eventBus, .stateMachine or .logGroup (kinds ${KINDS.join(', ')})`);
    return;
  }
  const o: RuleTargetOptions = target.options ?? {};
  validateOptions(v, field, o);
  switch (target.kind) {
    case 'queue':
      validateQueueTarget(v, field, target);
      break;
    case 'topic':
      validateEndpoint(v, `${field}.topic`, target.topic, 'topicArn', ARN.topic, 'an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>)');
      v.check(
        !isFifo(target.topic),
        `${field}.topic`,
        describeEndpoint(target.topic),
        'a FIFO topic needs a message group ID in the target\'s SNS parameters, which aws_cloudwatch_event_target (hashicorp/aws 6.x) cannot set: use a standard topic, or a FIFO queue target with messageGroupId',
      );
      break;
    case 'lambda':
      v.matches(`${field}.functionArn`, target.functionArn, ARN.lambda, 'must be a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>])');
      break;
    case 'event-bus':
      validateEndpoint(v, `${field}.eventBus`, target.eventBus, 'eventBusArn', ARN.eventBus, 'an event bus ARN (arn:<partition>:events:<region>:<account>:event-bus/<name>)');
      v.check(
        !isThisBus(target.eventBus),
        `${field}.eventBus`,
        describeEndpoint(target.eventBus),
        'must be another event bus: a rule that sends its own bus\'s events back to it would loop',
      );
      break;
    case 'state-machine':
      v.matches(
        `${field}.stateMachineArn`,
        target.stateMachineArn,
        ARN.stateMachine,
        'must be a Step Functions state machine ARN (arn:<partition>:states:<region>:<account>:stateMachine:<name>)',
      );
      break;
    case 'log-group':
      validateLogGroup(v, `${field}.logGroup`, target.logGroup);
      break;
  }
}

function validateQueueTarget(v: PropsValidator, field: string, target: QueueRuleTarget): void {
  validateEndpoint(v, `${field}.queue`, target.queue, 'queueArn', ARN.queue, 'an SQS queue ARN (arn:<partition>:sqs:<region>:<account>:<name>)');
  const groupId = target.options?.messageGroupId;
  v.check(
    !isFifo(target.queue) || groupId !== undefined,
    `${field}.messageGroupId`,
    groupId,
    'is required for a FIFO queue: EventBridge refuses to send to one without a message group ID',
  );
  // EventBridge sends no deduplication ID: a FIFO queue target must deduplicate by content (EventBridge API reference, Target.SqsParameters).
  const queue = target.queue as Partial<IQueueTarget> & { contentBasedDeduplication?: boolean };
  v.check(
    typeof queue !== 'object' || queue === null || queue.fifo !== true || queue.contentBasedDeduplication !== false,
    `${field}.queue`,
    describeEndpoint(target.queue),
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
    `${field}.retryPolicy.maximumEventAgeInSeconds`,
    o.retryPolicy?.maximumEventAgeInSeconds,
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
    `${paths.length} paths`,
    `EventBridge allows at most ${EVENTBRIDGE.maxInputPaths} input paths per target`,
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

/** Checks a dead-letter queue given for EventBridge targets (of a rule or a bus). */
export function validateDeadLetterQueueTarget(v: PropsValidator, field: string, queue: IQueueTarget): void {
  if (!queue || typeof queue !== 'object' || typeof queue.allowSendFrom !== 'function') {
    v.check(false, field, describeEndpoint(queue), 'must be false or a queue construct (IQueueTarget, e.g. a DeadLetterQueue)');
    return;
  }
  v.check(!queue.fifo, field, describeEndpoint(queue), 'EventBridge dead-letter queues must be standard SQS queues: FIFO queues are not supported');
}

function validateEndpoint(v: PropsValidator, field: string, endpoint: unknown, arnProperty: string, arn: RegExp, allowed: string): void {
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

function validateLogGroup(v: PropsValidator, field: string, logGroup: string): void {
  if (isToken(logGroup)) return;
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
}

/** Checks a CloudWatch Logs log group name. */
export function validateLogGroupName(v: PropsValidator, field: string, name: string | undefined): void {
  if (name === undefined || isToken(name)) return;
  v.check(
    typeof name === 'string' && LOG_GROUP_NAME.test(name) && !name.startsWith('aws/'),
    field,
    name,
    'log group names must be 1–512 characters of letters, digits, ".", "-", "_", "/" and "#", and must not start with "aws/"',
  );
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
