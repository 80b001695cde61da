import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { PipesPipe } from '@cdktf/provider-aws/lib/pipes-pipe';
import { awsContext } from '../core/aws-context';
import { IEventBusTarget, IQueueTarget } from '../core/contracts';
import { PolicyDocument, policyDocument, PolicyStatement } from '../core/policy';
import { QueueEncryption, validateQueueEncryption, validateQueueName } from '../core/queue-limits';
import { isToken, PropsValidator } from '../core/validation';
import { DeadLetterQueue, DepthAlarmProps } from '../dead-letter-queue';
import { EventPattern, PatternDialect, validateEventPattern } from '../patterns';
import { jsonDocument } from '../core/json-document';

/** What a DynamoDB stream record holds besides the keys (the table's `StreamViewType`). */
export type StreamViewType = 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'KEYS_ONLY';

/** Where a new reader starts in the stream: its oldest record (up to 24 hours back) or only new records. */
export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

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

/** How a reader (a Pipe or a Lambda event source mapping) reads the table's stream. */
export interface StreamReadingOptions {
  /** Where reading starts. @default 'TRIM_HORIZON' (nothing written before the reader exists is missed; consumers must be idempotent) */
  readonly startingPosition?: StartingPosition;
  /** Most records per batch. @default the AWS default, 100 (AWS allows 1–10,000) */
  readonly batchSize?: number;
  /** Seconds to gather records before sending a batch. @default 0 (AWS allows 0–300) */
  readonly maximumBatchingWindowInSeconds?: number;
  /**
   * Records older than this many seconds are not sent but go to the failure
   * destination; -1 means no limit. @default 86,400 (the 24 hours a DynamoDB
   * stream keeps records) (AWS allows -1 or 60–604,800)
   */
  readonly maximumRecordAgeInSeconds?: number;
  /** Retries of a failing batch before it goes to the failure destination; -1 means until the record expires. @default 10 (AWS allows -1–10,000) */
  readonly maximumRetryAttempts?: number;
  /** Batches processed at once per shard. @default 1 (AWS allows 1–10) */
  readonly parallelizationFactor?: number;
  /**
   * Only records matching one of these EventBridge patterns are read (the
   * others are dropped); patterns match the stream record (`eventName`,
   * `dynamodb.NewImage.<attr>.S`, ...). @default every record (AWS allows at most 5 filters)
   */
  readonly filters?: EventPattern[];
}

/** Options of {@link TableWithStream.addPipeToEventBus}. */
export interface PipeToEventBusOptions extends StreamReadingOptions {
  /** Pipe name. AWS limit: 1–64 letters, digits, `.`, `-`, `_`. @default `<table name>-<id>` */
  readonly name?: string;
  /** Pipe description. AWS limit: 512 characters. @default says which table feeds which bus */
  readonly description?: string;
  /**
   * `source` of the events put on the bus: a static value (1–256 characters,
   * not starting with `aws.`) or a JSON path into the stream record, e.g.
   * `$.dynamodb.NewImage.source.S`.
   */
  readonly source: string;
  /**
   * `detail-type` of the events put on the bus: a static value (1–128
   * characters) or a JSON path into the record, e.g. `$.dynamodb.NewImage.eventType.S`.
   */
  readonly detailType: string;
  /**
   * Input template: the event `detail`, built from the record with `<$.path>`
   * placeholders. AWS limit: 8,192 characters. @default the whole stream record
   */
  readonly inputTemplate?: string;
  /**
   * A Lambda function that enriches each batch before it reaches the bus
   * (invoked synchronously with the records as an array; what it returns is
   * sent on, so it may also drop records). Needed to turn DynamoDB JSON into
   * plain JSON: an input template copies a number (`{"N": "12"}`) as a string,
   * which EventBridge numeric matching never matches. The pipe's role may
   * invoke this function and nothing else. @default no enrichment
   */
  readonly enrichmentFunctionArn?: string;
  /**
   * `AUTOMATIC_BISECT` halves a failing batch and retries each half, so one
   * bad record does not hold back the others; `false` retries whole batches.
   * @default 'AUTOMATIC_BISECT'
   */
  readonly onPartialBatchItemFailure?: 'AUTOMATIC_BISECT' | false;
  /**
   * The pipe's dead-letter queue, which the pipe writes with its execution
   * role's permissions. An SQS queue must be standard. @default a new {@link DeadLetterQueue} named `<pipe name>-dlq`
   */
  readonly deadLetterQueue?: StreamFailureDestination;
  /** Whether the pipe runs. @default 'RUNNING' */
  readonly desiredState?: 'RUNNING' | 'STOPPED';
  /** Tags of the pipe, its role and its DLQ. @default the table's tags */
  readonly tags?: Record<string, string>;
}

/** Options of {@link TableWithStream.addLambdaConsumer}. */
export interface LambdaConsumerOptions extends StreamReadingOptions {
  /** Split a failing batch in two and retry each half (splits do not count as retries). @default true */
  readonly bisectBatchOnFunctionError?: boolean;
  /** The function reports failed records (`batchItemFailures`) and only those are retried: `function_response_types = ["ReportBatchItemFailures"]`. @default true */
  readonly reportBatchItemFailures?: boolean;
  /**
   * Where Lambda sends the metadata of a batch it gave up on, with the
   * function's execution role. An SQS queue or SNS topic must be standard.
   * @default a new {@link DeadLetterQueue} named `<table name>-<id>-dlq`
   */
  readonly onFailureDestination?: StreamFailureDestination;
  /**
   * Name of the function's execution role: when set, the policy it needs
   * ({@link TableStreamLambdaConsumer.policyDocument}) is attached to it as an
   * inline policy, created before the mapping (Lambda refuses to create a
   * mapping whose function cannot read the stream). @default none: attach `policyDocument` yourself, before the mapping is created
   */
  readonly functionRoleName?: string;
  /** Whether the mapping polls the stream. @default true */
  readonly enabled?: boolean;
  /** Tags of the mapping and its DLQ. @default the table's tags */
  readonly tags?: Record<string, string>;
}

/** A pipe from the table's stream to an event bus, and what it needs. */
export interface TableStreamPipe {
  /** The pipe resource (`aws_pipes_pipe`). */
  readonly pipe: PipesPipe;
  /** The pipe name: `name`, else `<table name>-<id>`. */
  readonly pipeName: string;
  /** The pipe ARN. */
  readonly pipeArn: string;
  /** The pipe's execution role (trusts `pipes.amazonaws.com` for this pipe only). */
  readonly role: IamRole;
  /** The role's one inline policy. */
  readonly rolePolicy: IamRolePolicy;
  /** What `rolePolicy` allows. */
  readonly policyDocument: PolicyDocument;
  /** The DLQ made for the pipe, unless one was given or turned off. */
  readonly deadLetterQueue?: DeadLetterQueue;
  /** ARN of the pipe's DLQ, if any. */
  readonly deadLetterArn?: string;
}

/** A Lambda function reading the table's stream, and what its role needs. */
export interface TableStreamLambdaConsumer {
  /** The event source mapping resource (`aws_lambda_event_source_mapping`). */
  readonly eventSourceMapping: LambdaEventSourceMapping;
  /** The ARN of the function the mapping invokes, as given. */
  readonly functionArn: string;
  /** The failure destination made here, unless one was given or turned off. */
  readonly onFailureDestination?: DeadLetterQueue;
  /** ARN of the failure destination, if any. */
  readonly onFailureDestinationArn?: string;
  /** The IAM policy the function's execution role needs: read the stream, send to the failure destination. */
  readonly policyDocument: PolicyDocument;
  /** The inline policy attached to `functionRoleName`, when given. */
  readonly rolePolicy?: IamRolePolicy;
}

/** What a reader needs to know of the table. */
export interface StreamSource {
  /** The table name as given in props (for default names). */
  readonly tableName: string;
  readonly tableArn: string;
  readonly streamArn: string;
  readonly streamViewType: StreamViewType;
  /** The table's customer-managed key, when one encrypts it (and so its stream). */
  readonly kmsKeyArn?: string;
  readonly tags?: Record<string, string>;
}

/** Stream reader limits (EventBridge Pipes API `PipeSourceDynamoDBStreamParameters`, Lambda `CreateEventSourceMapping`). */
export const STREAM_READING = {
  maxFilters: 5,
  defaultMaximumRetryAttempts: 10,
  defaultMaximumRecordAgeInSeconds: 86_400,
  defaultStartingPosition: 'TRIM_HORIZON' as StartingPosition,
} as const;

const PIPE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const DYNAMIC_PATH = /^\$(\.[\w/_-]+(\[(\d+|\*)\])*)*$/;
const STATIC_SOURCE = /^[/.\-_A-Za-z0-9]/;
const EVENT_BUS_ARN = /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[/.\-_A-Za-z0-9]{1,256}$/;
const LAMBDA_FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:(\$LATEST|[A-Za-z0-9_-]{1,128}))?$/;
const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** Checks the options every stream reader shares. */
export function validateStreamReading(
  v: PropsValidator,
  prefix: string,
  options: StreamReadingOptions,
  dialect: PatternDialect,
  viewType: StreamViewType,
): void {
  v.oneOf(`${prefix}.startingPosition`, options.startingPosition, ['TRIM_HORIZON', 'LATEST']);
  v.integer(`${prefix}.batchSize`, options.batchSize, 1, 10_000, 'records');
  v.integer(`${prefix}.maximumBatchingWindowInSeconds`, options.maximumBatchingWindowInSeconds, 0, 300, 'seconds');
  const age = options.maximumRecordAgeInSeconds;
  if (age !== undefined && !isToken(age)) {
    v.check(
      Number.isInteger(age) && (age === -1 || (age >= 60 && age <= 604_800)),
      `${prefix}.maximumRecordAgeInSeconds`,
      age,
      'must be -1 (no limit) or a whole number from 60 to 604,800 seconds',
    );
  }
  v.integer(`${prefix}.maximumRetryAttempts`, options.maximumRetryAttempts, -1, 10_000, '(-1 retries until the record expires)');
  v.integer(`${prefix}.parallelizationFactor`, options.parallelizationFactor, 1, 10, 'batches per shard');

  const filters = options.filters;
  if (filters === undefined) return;
  if (!Array.isArray(filters)) {
    v.check(false, `${prefix}.filters`, filters, 'must be a list of EventBridge event patterns');
    return;
  }
  v.check(
    filters.length <= STREAM_READING.maxFilters,
    `${prefix}.filters`,
    filters.length,
    `at most ${STREAM_READING.maxFilters} filters per ${dialect === 'pipes' ? 'pipe' : 'event source mapping'}`,
  );
  filters.forEach((pattern, i) => {
    const field = `${prefix}.filters[${i}]`;
    for (const problem of validateEventPattern(pattern, { dialect })) {
      v.check(false, problem.path ? `${field}.${problem.path}` : field, valueAt(pattern, problem.path), problem.message);
    }
    checkImagesRead(v, field, pattern, viewType);
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

/** The stream images (`NewImage`, `OldImage`) a filter pattern (by its keys) or a JSON path / input template (by its `$.dynamodb.…` paths) reads. */
function imagesRead(value: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (!isToken(v)) for (const m of v.matchAll(/\$\.dynamodb\.(NewImage|OldImage)\b/g)) found.add(m[1]);
    } else if (Array.isArray(v)) {
      v.forEach((item) => typeof item === 'object' && visit(item));
    } else if (v && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (key === 'NewImage' || key === 'OldImage') found.add(key);
        if (typeof child === 'object') visit(child);
      }
    }
  };
  visit(value);
  return found;
}

/** Refuses reading `NewImage`/`OldImage` from a stream whose view type does not write it: it would never be there. */
function checkImagesRead(v: PropsValidator, field: string, value: unknown, viewType: StreamViewType): void {
  const written = { NewImage: viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES', OldImage: viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES' };
  for (const image of imagesRead(value)) {
    v.check(
      written[image as keyof typeof written],
      field,
      value,
      `reads dynamodb.${image}, which the table's stream (view type ${viewType}) does not write: use a view type with ${image === 'NewImage' ? 'NEW_IMAGE' : 'OLD_IMAGE'} (e.g. NEW_AND_OLD_IMAGES)`,
    );
  }
}

/** Checks a failure destination; `services` are the ARN services allowed for it. */
function validateFailureDestination(
  v: PropsValidator,
  field: string,
  destination: StreamFailureDestination | undefined,
  services: readonly ('sqs' | 'sns' | 's3')[],
  /** The name a queue made here gets when none is given; `undefined` when another issue already asks for a name. */
  defaultName: string | undefined,
): void {
  if (destination === false) return;
  // Unset means a queue made here with the default name: check that too.
  destination = destination ?? {};
  if (typeof destination === 'string') {
    if (isToken(destination)) return;
    const service = /^arn:aws[a-z-]*:([a-z0-9]+):/.exec(destination)?.[1];
    v.check(
      service !== undefined && (services as readonly string[]).includes(service),
      field,
      destination,
      `must be the ARN of ${describeServices(services)}`,
    );
    v.check(
      !destination.endsWith('.fifo'),
      field,
      destination,
      'must be a standard queue or topic: failure records are sent without a message group ID, which FIFO requires',
    );
    return;
  }
  if (typeof destination !== 'object' || destination === null) {
    v.check(false, field, destination, 'must be queue options, an IQueueTarget, an ARN, or false');
    return;
  }
  if (isQueueTarget(destination)) {
    v.check(!destination.fifo, field, destination.queueName, 'must be a standard queue: failure records are sent without a message group ID, which FIFO requires');
    return;
  }
  if (destination.name !== undefined) {
    validateQueueName(v, `${field}.name`, destination.name, false);
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
  v.integer(`${field}.retentionSeconds`, destination.retentionSeconds, 60, 1_209_600, 'seconds');
  validateQueueEncryption(v, `${field}.encryption`, destination.encryption);
  if (destination.alarm) v.number(`${field}.alarm.threshold`, destination.alarm.threshold, 0, Number.MAX_SAFE_INTEGER);
}

function describeServices(services: readonly string[]): string {
  const words: Record<string, string> = { sqs: 'a standard SQS queue', sns: 'a standard SNS topic', s3: 'an S3 bucket' };
  const list = services.map((s) => words[s]);
  return list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

function isQueueTarget(value: unknown): value is IQueueTarget {
  return typeof value === 'object' && value !== null && 'queueArn' in value;
}

/** A failure destination once made: its ARN, what sends to it, and the queue made here if any. */
interface ResolvedDestination {
  readonly arn: string;
  readonly kmsKeyArn?: string;
  readonly queue?: DeadLetterQueue;
}

function resolveFailureDestination(
  scope: Construct,
  destination: StreamFailureDestination | undefined,
  defaultName: string,
  tags: Record<string, string> | undefined,
): ResolvedDestination | undefined {
  if (destination === false) return undefined;
  if (typeof destination === 'string') return { arn: destination };
  if (isQueueTarget(destination)) return { arn: destination.queueArn, kmsKeyArn: destination.kmsKeyArn };
  const options = destination ?? {};
  const queue = new DeadLetterQueue(scope, 'DeadLetterQueue', {
    name: options.name ?? defaultName,
    retentionSeconds: options.retentionSeconds,
    encryption: options.encryption,
    alarm: options.alarm,
    tags,
  });
  return { arn: queue.queueArn, kmsKeyArn: queue.kmsKeyArn, queue };
}

/** Statements that let a principal send to a failure destination (SQS, SNS or S3, by its ARN). */
function failureDestinationStatements(destination: ResolvedDestination | undefined, sid: string): PolicyStatement[] {
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

/** Statements that let a principal read the table's stream (and decrypt it, with a customer-managed key). */
export function streamReadStatements(source: Pick<StreamSource, 'tableArn' | 'streamArn' | 'kmsKeyArn'>): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      Sid: 'ReadTableStream',
      Effect: 'Allow',
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      Resource: source.streamArn,
    },
    // ListStreams names no stream; AWS's own examples scope it to the table's streams.
    { Sid: 'ListTableStreams', Effect: 'Allow', Action: 'dynamodb:ListStreams', Resource: `${source.tableArn}/stream/*` },
  ];
  if (source.kmsKeyArn) {
    statements.push({ Sid: 'DecryptTableStream', Effect: 'Allow', Action: 'kms:Decrypt', Resource: source.kmsKeyArn });
  }
  return statements;
}

/** Replaces the characters a name does not allow with `-`; a token (known only at apply) is left whole. */
function sanitize(text: string, disallowed: RegExp): string {
  return isToken(text) ? text : text.replace(disallowed, '-');
}

/** The default name of a pipe: `<table>-<id>`. */
export function defaultPipeName(tableName: string, id: string): string {
  return `${tableName}-${sanitize(id, /[^.\-_A-Za-z0-9]/g)}`;
}

/** Checks the options of a pipe to an event bus (the reader limit is checked by the table). */
export function validatePipeOptions(
  v: PropsValidator,
  id: string,
  source: StreamSource,
  bus: IEventBusTarget | string,
  options: PipeToEventBusOptions,
): void {
  const name = options.name ?? defaultPipeName(source.tableName, id);
  v.arn(`${id}.enrichmentFunctionArn`, options.enrichmentFunctionArn, 'lambda');
  if (options.name !== undefined) {
    v.matches(`${id}.name`, options.name, PIPE_NAME, 'pipe names are 1–64 letters, digits, dots, hyphens and underscores');
  } else if (isToken(name)) {
    v.check(false, `${id}.name`, undefined, 'the table name is known only at apply, so the default pipe name "<table name>-<id>" cannot be checked against the 64-character limit: set name');
  } else {
    v.check(PIPE_NAME.test(name), `${id}.name`, name, 'the default pipe name "<table name>-<id>" is longer than 64 characters or has characters pipes refuse: set name (1–64 letters, digits, dots, hyphens, underscores)');
  }
  if (typeof bus === 'string') {
    v.matches(`${id}.bus`, bus, EVENT_BUS_ARN, 'must be an event bus ARN (arn:<partition>:events:<region>:<account>:event-bus/<name>) or an IEventBusTarget');
  } else {
    v.check(typeof bus === 'object' && bus !== null && typeof bus.eventBusArn === 'string', `${id}.bus`, bus, 'must be an IEventBusTarget or an event bus ARN');
  }
  v.check(options.description === undefined || isToken(options.description) || options.description.length <= 512, `${id}.description`, options.description, 'pipe descriptions are at most 512 characters');

  v.check(options.source !== undefined, `${id}.source`, options.source, 'is required: the source of the events put on the bus (a static value or a JSON path such as $.dynamodb.NewImage.source.S)');
  if (typeof options.source === 'string' && !isToken(options.source)) {
    const src = options.source;
    const ok = src.startsWith('$')
      ? DYNAMIC_PATH.test(src) && src.length <= 256
      : src.length >= 1 && src.length <= 256 && STATIC_SOURCE.test(src) && !src.startsWith('aws.');
    v.check(
      ok,
      `${id}.source`,
      src,
      'must be 1–256 characters, not starting with "aws." (reserved for AWS services), or a JSON path into the record such as $.dynamodb.NewImage.source.S',
    );
    if (src.startsWith('$')) checkImagesRead(v, `${id}.source`, src, source.streamViewType);
  }
  v.check(options.detailType !== undefined, `${id}.detailType`, options.detailType, 'is required: the detail-type of the events put on the bus (a static value or a JSON path such as $.dynamodb.NewImage.eventType.S)');
  if (typeof options.detailType === 'string' && !isToken(options.detailType)) {
    const dt = options.detailType;
    const ok = dt.length >= 1 && dt.length <= 128 && (!dt.startsWith('$') || DYNAMIC_PATH.test(dt));
    v.check(ok, `${id}.detailType`, dt, 'must be 1–128 characters, or a JSON path into the record such as $.dynamodb.NewImage.eventType.S');
    if (dt.startsWith('$')) checkImagesRead(v, `${id}.detailType`, dt, source.streamViewType);
  }
  if (options.inputTemplate !== undefined && !isToken(options.inputTemplate)) {
    v.check(options.inputTemplate.length <= 8_192, `${id}.inputTemplate`, options.inputTemplate, `input templates are at most 8,192 characters (this one is ${options.inputTemplate.length})`);
    checkImagesRead(v, `${id}.inputTemplate`, options.inputTemplate, source.streamViewType);
  }
  v.check(
    options.onPartialBatchItemFailure === undefined || options.onPartialBatchItemFailure === 'AUTOMATIC_BISECT' || options.onPartialBatchItemFailure === false,
    `${id}.onPartialBatchItemFailure`,
    options.onPartialBatchItemFailure,
    'must be "AUTOMATIC_BISECT" or false',
  );
  v.oneOf(`${id}.desiredState`, options.desiredState, ['RUNNING', 'STOPPED']);
  validateStreamReading(v, id, options, 'pipes', source.streamViewType);
  // Pipes accept an SQS queue or SNS topic as the DLQ of a stream source.
  validateFailureDestination(v, `${id}.deadLetterQueue`, options.deadLetterQueue, ['sqs', 'sns'], isToken(name) ? undefined : `${sanitize(name, /[^A-Za-z0-9_-]/g)}-dlq`);
}

/** Makes a validated pipe: its DLQ, role, role policy and the pipe. */
export function createPipe(scope: Construct, id: string, source: StreamSource, bus: IEventBusTarget | string, options: PipeToEventBusOptions): TableStreamPipe {
  const name = options.name ?? defaultPipeName(source.tableName, id);
  const tags = options.tags ?? source.tags;
  const busArn = typeof bus === 'string' ? bus : bus.eventBusArn;
  const busName = typeof bus === 'string' ? bus.split('/').pop()! : bus.eventBusName;
  const busKey = typeof bus === 'string' ? undefined : bus.kmsKeyArn;
  const ctx = awsContext(scope);
  // Built from its parts, not read from the pipe: the pipe references the role,
  // so the role's trust policy referencing the pipe would be a cycle.
  const pipeArn = `arn:${ctx.partition}:pipes:${ctx.region}:${ctx.accountId}:pipe/${name}`;

  const destination = resolveFailureDestination(scope, options.deadLetterQueue, `${sanitize(name, /[^A-Za-z0-9_-]/g)}-dlq`, tags);

  const document = policyDocument([
    ...streamReadStatements(source),
    { Sid: 'PutEventsOnBus', Effect: 'Allow', Action: 'events:PutEvents', Resource: busArn },
    ...(options.enrichmentFunctionArn ? [{ Sid: 'InvokeEnrichment', Effect: 'Allow' as const, Action: 'lambda:InvokeFunction', Resource: options.enrichmentFunctionArn }] : []),
    ...(busKey ? [{ Sid: 'EncryptForBus', Effect: 'Allow' as const, Action: 'kms:GenerateDataKey', Resource: busKey }] : []),
    ...failureDestinationStatements(destination, 'SendToDeadLetterQueue'),
  ]);

  const roleName = `${name}-role`;
  const role = new IamRole(scope, 'Role', {
    name: !isToken(roleName) && roleName.length <= 64 ? roleName : undefined,
    description: `Execution role of EventBridge pipe ${name}`,
    assumeRolePolicy: jsonDocument(
      policyDocument([
        {
          Effect: 'Allow',
          Principal: { Service: 'pipes.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': ctx.accountId }, ArnEquals: { 'aws:SourceArn': pipeArn } },
        },
      ]),
    ),
    tags,
  });
  const rolePolicy = new IamRolePolicy(scope, 'RolePolicy', { name: 'pipe-permissions', role: role.id, policy: jsonDocument(document) });

  const pipe = new PipesPipe(scope, 'Pipe', {
    name,
    description: options.description ?? `Changes of DynamoDB table ${source.tableName} put on event bus ${busName}`,
    desiredState: options.desiredState ?? 'RUNNING',
    roleArn: role.arn,
    source: source.streamArn,
    target: busArn,
    enrichment: options.enrichmentFunctionArn,
    sourceParameters: {
      dynamodbStreamParameters: {
        startingPosition: options.startingPosition ?? STREAM_READING.defaultStartingPosition,
        batchSize: options.batchSize,
        maximumBatchingWindowInSeconds: options.maximumBatchingWindowInSeconds,
        maximumRecordAgeInSeconds: options.maximumRecordAgeInSeconds ?? STREAM_READING.defaultMaximumRecordAgeInSeconds,
        maximumRetryAttempts: options.maximumRetryAttempts ?? STREAM_READING.defaultMaximumRetryAttempts,
        parallelizationFactor: options.parallelizationFactor,
        onPartialBatchItemFailure: options.onPartialBatchItemFailure === false ? undefined : 'AUTOMATIC_BISECT',
        deadLetterConfig: destination ? { arn: destination.arn } : undefined,
      },
      filterCriteria: options.filters?.length ? { filter: options.filters.map((p) => ({ pattern: JSON.stringify(p) })) } : undefined,
    },
    targetParameters: {
      inputTemplate: options.inputTemplate,
      eventbridgeEventBusParameters: { source: options.source, detailType: options.detailType },
    },
    tags,
    // The pipe starts reading as soon as it exists: its permissions must be in place first.
    dependsOn: [rolePolicy],
  });

  return {
    pipe,
    pipeName: name,
    pipeArn: pipe.arn,
    role,
    rolePolicy,
    policyDocument: document,
    deadLetterQueue: destination?.queue,
    deadLetterArn: destination?.arn,
  };
}

/** The default name of a Lambda consumer's failure queue: `<table>-<id>-dlq`. */
function defaultConsumerQueueName(tableName: string, id: string): string {
  return `${sanitize(tableName, /[^A-Za-z0-9_-]/g)}-${sanitize(id, /[^A-Za-z0-9_-]/g)}-dlq`;
}

/** Checks the options of a Lambda consumer (the reader limit is checked by the table). */
export function validateLambdaConsumerOptions(v: PropsValidator, id: string, source: StreamSource, functionArn: string, options: LambdaConsumerOptions): void {
  v.check(functionArn !== undefined, `${id}.functionArn`, functionArn, 'is required: the ARN of the function that reads the stream');
  v.matches(`${id}.functionArn`, functionArn, LAMBDA_FUNCTION_ARN, 'must be a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>])');
  v.matches(`${id}.functionRoleName`, options.functionRoleName, IAM_ROLE_NAME, 'IAM role names are 1–64 letters, digits and +=,.@_- (the name, not the ARN)');
  validateStreamReading(v, id, options, 'lambda', source.streamViewType);
  // Stream event source mappings accept an SQS queue, SNS topic or S3 bucket as on-failure destination.
  validateFailureDestination(v, `${id}.onFailureDestination`, options.onFailureDestination, ['sqs', 'sns', 's3'], defaultConsumerQueueName(source.tableName, id));
}

/** Makes a validated Lambda consumer: its failure queue, the role policy when asked, and the event source mapping. */
export function createLambdaConsumer(scope: Construct, id: string, source: StreamSource, functionArn: string, options: LambdaConsumerOptions): TableStreamLambdaConsumer {
  const tags = options.tags ?? source.tags;
  const destination = resolveFailureDestination(scope, options.onFailureDestination, defaultConsumerQueueName(source.tableName, id), tags);
  const document = policyDocument([...streamReadStatements(source), ...failureDestinationStatements(destination, 'SendFailureRecords')]);
  const rolePolicy = options.functionRoleName
    ? new IamRolePolicy(scope, 'RolePolicy', {
        // Table names use only characters IAM policy names allow.
        name: `${isToken(source.tableName) ? 'table' : source.tableName}-stream-${sanitize(id, /[^\w+=,.@-]/g)}`.slice(0, 128),
        role: options.functionRoleName,
        policy: jsonDocument(document),
      })
    : undefined;

  const mapping = new LambdaEventSourceMapping(scope, 'EventSourceMapping', {
    eventSourceArn: source.streamArn,
    functionName: functionArn,
    enabled: options.enabled ?? true,
    startingPosition: options.startingPosition ?? STREAM_READING.defaultStartingPosition,
    batchSize: options.batchSize,
    maximumBatchingWindowInSeconds: options.maximumBatchingWindowInSeconds,
    parallelizationFactor: options.parallelizationFactor,
    bisectBatchOnFunctionError: options.bisectBatchOnFunctionError ?? true,
    maximumRetryAttempts: options.maximumRetryAttempts ?? STREAM_READING.defaultMaximumRetryAttempts,
    maximumRecordAgeInSeconds: options.maximumRecordAgeInSeconds ?? STREAM_READING.defaultMaximumRecordAgeInSeconds,
    functionResponseTypes: options.reportBatchItemFailures === false ? undefined : ['ReportBatchItemFailures'],
    filterCriteria: options.filters?.length ? { filter: options.filters.map((p) => ({ pattern: JSON.stringify(p) })) } : undefined,
    destinationConfig: destination ? { onFailure: { destinationArn: destination.arn } } : undefined,
    tags,
    // Lambda checks at creation that the function's role can read the stream.
    dependsOn: rolePolicy ? [rolePolicy] : undefined,
  });

  return {
    eventSourceMapping: mapping,
    functionArn,
    onFailureDestination: destination?.queue,
    onFailureDestinationArn: destination?.arn,
    policyDocument: document,
    rolePolicy,
  };
}
