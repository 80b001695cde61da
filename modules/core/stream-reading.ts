import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaEventSourceMappingConfig } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { isQueueTarget } from './contracts';
import { addIteratorAgeAlarm, IteratorAgeAlarmProps } from './metric-alarm';
import { IQueueTarget } from './contracts';
import { DeadLetterRules, DeadLetterService, planDeadLetter, resolveDeadLetter } from './dead-letter';
import { PolicyStatement } from './policy';
import { QueueEncryption, validateQueueEncryption, validateQueueName } from './queue-limits';
import { isToken, PropsValidator } from './validation';
import { DeadLetterQueue, DepthAlarmProps } from '../dead-letter-queue';
import { PatternDialect, validateEventPattern } from '../patterns';
import type { StartingPosition, StreamLambdaReaderProps, StreamReadingOptions } from './stream-consumer';
import { LAMBDA, SQS } from './aws-limits';
import { fmt } from './values';

/**
 * How a reader (a pipe or a Lambda event source mapping) takes a stream, a
 * table's or a Kinesis stream: reading options and their limits, and the
 * failure destination with the statements that send to it.
 */

/** Checks what a reader of one stream takes from its records (a field's value: a filter pattern, a JSON path, an input template). */
export type RecordReadCheck = (v: PropsValidator, field: string, value: unknown) => void;

/** A dead-letter queue made for a stream reader (a {@link DeadLetterQueue}: standard, encrypted, TLS-only, depth alarm). */
export interface StreamDeadLetterQueueOptions {
  /** Queue name. AWS limit: 1–80 letters, digits, hyphens and underscores. @default `<reader name>-dlq` */
  readonly name?: string;
  /** Seconds a message is kept. @default 1,209,600 (14 days, the AWS maximum; AWS allows 60–1,209,600) */
  readonly retentionSeconds?: number;
  /** Server-side encryption of the queue. @default 'sqs-managed' */
  readonly encryption?: QueueEncryption;
  /** The depth alarm; `false` turns it off. @default alarm when more than 0 messages are visible */
  readonly alarm?: DepthAlarmProps | false;
}

/**
 * Where records that a reader gave up on are sent: a queue made here
 * (options, the default), an existing standard queue (`IQueueTarget`), the ARN
 * of a standard SQS queue or SNS topic (or, for Lambda, an S3 bucket), or
 * `false` for none (records are then dropped silently after the retries).
 */
export type StreamFailureDestination = StreamDeadLetterQueueOptions | IQueueTarget | string | false;

/**
 * Stream reader defaults and the filter limit. The reading limits are
 * Lambda's (core/aws-limits `LAMBDA`), which EventBridge Pipes'
 * `PipeSourceDynamoDBStreamParameters` share.
 */
export const STREAM_READING = {
  /** Both a pipe and (by default) an event source mapping take at most 5 filters. */
  maxFilters: LAMBDA.defaultMaxFilters,
  defaultMaximumRetryAttempts: 10,
  defaultMaximumRecordAgeSeconds: 86_400,
  defaultStartingPosition: 'TRIM_HORIZON' as StartingPosition,
} as const;

/** Checks the options every stream reader shares. */
export function validateStreamReading(
  v: PropsValidator,
  prefix: string,
  options: StreamReadingOptions,
  dialect: PatternDialect,
  /** Checks what a filter reads of the records (a table's stream images); none for other streams. */
  checkRead?: RecordReadCheck,
): void {
  v.oneOf(`${prefix}.startingPosition`, options.startingPosition, ['TRIM_HORIZON', 'LATEST']);
  v.integer(`${prefix}.batchSize`, options.batchSize, 1, LAMBDA.maxBatchSize, 'records');
  v.integer(`${prefix}.maximumBatchingWindowSeconds`, options.maximumBatchingWindowSeconds, 0, LAMBDA.maxBatchingWindowSeconds, 'seconds');
  const age = options.maximumRecordAgeSeconds;
  if (age !== undefined && !isToken(age)) {
    v.check(
      Number.isInteger(age) && (age === -1 || (age >= LAMBDA.minRecordAgeSeconds && age <= LAMBDA.maxRecordAgeSeconds)),
      `${prefix}.maximumRecordAgeSeconds`,
      age,
      `must be -1 (no limit) or a whole number from ${fmt(LAMBDA.minRecordAgeSeconds)} to ${fmt(LAMBDA.maxRecordAgeSeconds)} seconds`,
    );
  }
  v.integer(`${prefix}.maximumRetryAttempts`, options.maximumRetryAttempts, -1, LAMBDA.maxRetryAttempts, '(-1 retries until the record expires)');
  v.integer(`${prefix}.parallelizationFactor`, options.parallelizationFactor, 1, LAMBDA.maxParallelizationFactor, 'batches per shard');

  const filters = options.filters;
  if (filters === undefined) return;
  if (!Array.isArray(filters)) {
    v.check(false, `${prefix}.filters`, filters, 'must be a list of EventBridge event patterns');
    return;
  }
  v.check(
    filters.length <= STREAM_READING.maxFilters,
    `${prefix}.filters`,
    filters,
    `at most ${STREAM_READING.maxFilters} filters per ${dialect === 'pipes' ? 'pipe' : 'event source mapping'} (${filters.length} given)`,
  );
  filters.forEach((pattern, i) => {
    const field = `${prefix}.filters[${i}]`;
    for (const problem of validateEventPattern(pattern, { dialect })) {
      v.check(false, problem.path ? `${field}.${problem.path}` : field, valueAt(pattern, problem.path), problem.message);
    }
    checkRead?.(v, field, pattern);
  });
}

/** The value at a problem's path (`a.b[0].c`) in a pattern, or the whole pattern when the path does not lead anywhere. */
function valueAt(pattern: unknown, path: string): unknown {
  if (!path) return pattern;
  let here: unknown = pattern;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (here === null || typeof here !== 'object' || !(part in here)) return pattern;
    here = (here as Record<string, unknown>)[part];
  }
  return here;
}

/** Checks a failure destination; `services` are the ARN services allowed for it. */
export function validateFailureDestination(
  v: PropsValidator,
  field: string,
  destination: StreamFailureDestination | undefined,
  services: readonly DeadLetterService[],
  /** The name a queue made here gets when none is given; `undefined` when another issue already asks for a name. */
  defaultName: string | undefined,
): void {
  // Unset means a queue made here with the default name: check that too.
  const plan = planDeadLetter<StreamDeadLetterQueueOptions>(v, field, destination ?? {}, failureDestinationRules(services));
  if (plan.kind !== 'make') return;
  const settings = plan.props;
  if (settings.name !== undefined) {
    validateQueueName(v, `${field}.name`, settings.name, false);
  } else if (defaultName === undefined) {
    // Another issue already asks for the name this one would be made from.
  } else if (isToken(defaultName)) {
    v.check(false, `${field}.name`, undefined, 'the table name is known only at apply, so the default queue name (made from it) cannot be checked: set a name');
  } else {
    v.check(
      /^[A-Za-z0-9_-]{1,80}$/.test(defaultName),
      `${field}.name`,
      defaultName,
      'the default queue name is not a valid SQS name (1–80 letters, digits, hyphens, underscores): set a name',
    );
  }
  v.integer(`${field}.retentionSeconds`, settings.retentionSeconds, SQS.minRetentionSeconds, SQS.maxRetentionSeconds, 'seconds');
  validateQueueEncryption(v, `${field}.encryption`, settings.encryption);
  if (settings.alarm) v.number(`${field}.alarm.threshold`, settings.alarm.threshold, 0, Number.MAX_SAFE_INTEGER);
}

/** What a stream reader takes as failure destination (Lambda: SQS, SNS or S3; Pipes: SQS or SNS), standard only. */
function failureDestinationRules(services: readonly DeadLetterService[]): DeadLetterRules {
  const fifo = 'failure records are sent without a message group ID, which FIFO requires';
  return {
    fifo: false,
    pairing: { queue: `must be a standard queue: ${fifo}`, arn: `must be a standard queue or topic: ${fifo}` },
    arns: services,
    allowed: 'must be queue options, an IQueueTarget, an ARN, or false',
    describe: (queue) => queue.queueName,
  };
}

/** A failure destination once made: its ARN, what sends to it, and the queue made here if any. */
interface ResolvedDestination {
  readonly arn: string;
  readonly kmsKeyArn?: string;
  readonly queue?: DeadLetterQueue;
}

export function resolveFailureDestination(
  scope: Construct,
  destination: StreamFailureDestination | undefined,
  defaultName: string,
  tags: Record<string, string> | undefined,
): ResolvedDestination | undefined {
  // Checked already (validateFailureDestination): the plan is only read here.
  const plan = planDeadLetter<StreamDeadLetterQueueOptions>(new PropsValidator(scope), 'onFailureDestination', destination ?? {}, failureDestinationRules(['sqs', 'sns', 's3']));
  const resolved = resolveDeadLetter(
    scope,
    'DeadLetterQueue',
    plan,
    (options) =>
      new DeadLetterQueue(scope, 'DeadLetterQueue', {
        name: options.name ?? defaultName,
        retentionSeconds: options.retentionSeconds,
        encryption: options.encryption,
        alarm: options.alarm,
        tags,
      }),
    false,
  );
  return resolved && { arn: resolved.arn, kmsKeyArn: resolved.queue?.kmsKeyArn, queue: resolved.made };
}

/** Statements that let a principal send to a failure destination (SQS, SNS or S3, by its ARN). */
export function failureDestinationStatements(destination: ResolvedDestination | undefined, sid: string): PolicyStatement[] {
  if (!destination) return [];
  const arn = destination.arn;
  const service = isToken(arn) ? 'sqs' : (/^arn:aws[a-z-]*:([a-z0-9]+):/.exec(arn)?.[1] ?? 'sqs');
  const statements: PolicyStatement[] =
    service === 'sns'
      ? [{ Sid: sid, Effect: 'Allow', Action: 'sns:Publish', Resource: arn }]
      : service === 's3'
        ? [
            { Sid: sid, Effect: 'Allow', Action: 's3:PutObject', Resource: `${arn}/*` },
            { Sid: `${sid}List`, Effect: 'Allow', Action: 's3:ListBucket', Resource: arn },
          ]
        : [{ Sid: sid, Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arn }];
  if (destination.kmsKeyArn) {
    statements.push({ Sid: `${sid}Key`, Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: destination.kmsKeyArn });
  }
  return statements;
}

/** Replaces the characters a name does not allow with `-`; a token (known only at apply) is left whole. */
export function sanitize(text: string, disallowed: RegExp): string {
  return isToken(text) ? text : text.replace(disallowed, '-');
}

/**
 * The event source mapping arguments every Lambda reader of a stream shares,
 * the source aside: where and how it reads, bounded retries, bisection, batch
 * item failures, filters, the failure destination, and waiting for the role
 * policy (Lambda checks at creation that the function's role can read the stream).
 */
export function readerMappingArguments(
  props: StreamLambdaReaderProps,
  destinationArn: string | undefined,
  rolePolicy: ITerraformDependable | undefined,
): Omit<LambdaEventSourceMappingConfig, 'eventSourceArn'> {
  return {
    functionName: props.functionArn,
    enabled: props.enabled ?? true,
    startingPosition: props.startingPosition ?? STREAM_READING.defaultStartingPosition,
    batchSize: props.batchSize,
    maximumBatchingWindowInSeconds: props.maximumBatchingWindowSeconds,
    parallelizationFactor: props.parallelizationFactor,
    bisectBatchOnFunctionError: props.bisectBatchOnFunctionError ?? true,
    maximumRetryAttempts: props.maximumRetryAttempts ?? STREAM_READING.defaultMaximumRetryAttempts,
    maximumRecordAgeInSeconds: props.maximumRecordAgeSeconds ?? STREAM_READING.defaultMaximumRecordAgeSeconds,
    functionResponseTypes: props.reportBatchItemFailures === false ? undefined : ['ReportBatchItemFailures'],
    filterCriteria: props.filters?.length ? { filter: props.filters.map((p) => ({ pattern: JSON.stringify(p) })) } : undefined,
    destinationConfig: destinationArn ? { onFailure: { destinationArn } } : undefined,
    dependsOn: rolePolicy || props.dependsOn?.length ? [...(props.dependsOn ?? []), ...(rolePolicy ? [rolePolicy] : [])] : undefined,
  };
}

/**
 * The `IteratorAge` alarm of a stream reader, unless turned off; its actions
 * default to those of the failure queue made for it.
 */
export function addReaderIteratorAgeAlarm(
  scope: Construct,
  props: StreamLambdaReaderProps & { readonly iteratorAgeAlarm?: IteratorAgeAlarmProps | false; readonly onFailureDestination?: StreamFailureDestination },
  alarmName: string,
  description: string,
  tags: Record<string, string> | undefined,
): CloudwatchMetricAlarm | undefined {
  if (props.iteratorAgeAlarm === false) return undefined;
  const dlq = props.onFailureDestination;
  const defaults = (typeof dlq === 'object' && dlq !== null && !isQueueTarget(dlq) && dlq.alarm) || {};
  const alarm = props.iteratorAgeAlarm ?? {};
  return addIteratorAgeAlarm(scope, 'IteratorAgeAlarm', {
    alarmName,
    description,
    functionArn: props.functionArn,
    maximumRecordAgeSeconds: props.maximumRecordAgeSeconds ?? STREAM_READING.defaultMaximumRecordAgeSeconds,
    thresholdMilliseconds: alarm.thresholdMilliseconds,
    alarmActions: alarm.alarmActions ?? defaults.alarmActions,
    okActions: alarm.okActions ?? defaults.okActions,
    tags,
  });
}
