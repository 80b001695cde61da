import { Construct, IConstruct } from 'constructs';
import { PipesPipe, PipesPipeSourceParametersDynamodbStreamParameters } from '@cdktf/provider-aws/lib/pipes-pipe';
import { IEventBusTarget, isQueueTarget } from './contracts';
import { FailureCountAlarmProps } from './metric-alarm';
import { policyDocument, PolicyStatement } from './policy';
import {
  PIPE_NAME,
  PipeLoggingOptions,
  pipeExecutionLog,
  pipeExecutionRole,
  pipeFailureAlarm,
  PipeResources,
  validatePipeDescription,
  validatePipeExecution,
  validatePipeInputTemplate,
} from './pipe-execution';
import { checkArguments, shape, SHAPES } from './shape';
import { STREAM_READING_SHAPES, StreamReadingOptions } from './stream-consumer';
import { isToken, PropsValidator } from './validation';
import { DeadLetterQueue } from '../dead-letter-queue';
import { failureDestinationStatements, RecordReadCheck, resolveFailureDestination, sanitize, STREAM_READING, StreamFailureDestination, validateFailureDestination, validateStreamReading } from './stream-reading';

/**
 * The pipe from a stream (a table's or a Kinesis stream) to an event bus that
 * both stream constructs make; what differs is the {@link PipeSource}.
 */

/** Options of {@link TableWithStream.addPipeToEventBus} and {@link StreamWithConsumers.addPipeToEventBus}. */
export interface PipeToEventBusOptions extends StreamReadingOptions {
  /** Pipe name. AWS limit: 1–64 letters, digits, `.`, `-`, `_`. @default `<table or stream name>-<id>` */
  readonly name?: string;
  /** Pipe description. AWS limit: 512 characters. @default says which table or stream feeds which bus */
  readonly description?: string;
  /**
   * `source` of the events put on the bus: a static value (1–256 characters,
   * not starting with `aws.`) or a JSON path into the stream record, e.g.
   * `$.dynamodb.NewImage.source.S` (a table) or `$.data.source` (a Kinesis
   * record whose data is JSON).
   */
  readonly source: string;
  /**
   * `detail-type` of the events put on the bus: a static value (1–128
   * characters) or a JSON path into the record, e.g. `$.dynamodb.NewImage.eventType.S`
   * (a table) or `$.data.type` (a Kinesis record whose data is JSON).
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
  /**
   * The pipe's execution log in CloudWatch Logs (a log group made here, written
   * with the execution role); `false` for none. Failures are otherwise visible
   * only as DLQ messages. @default level ERROR, kept 365 days
   */
  readonly logging?: PipeLoggingOptions | false;
  /**
   * Alarm on the pipe's failed executions (AWS/EventBridge/Pipes `ExecutionFailed`); `false` turns it off.
   * @default alarm on any failure, notifying the DLQ's `alarm` actions when a DLQ is made here
   */
  readonly failureAlarm?: FailureCountAlarmProps | false;
  /** Tags of the pipe, its role and its DLQ. @default the table's or stream's tags */
  readonly tags?: Record<string, string>;
}

/** A pipe from a stream (a table's or a Kinesis stream) to an event bus, and what it needs. */
export interface StreamToBusPipe extends PipeResources {
  /** The pipe name: `name`, else `<table or stream name>-<id>`. */
  readonly pipeName: string;
  /** The pipe ARN. */
  readonly pipeArn: string;
  /** The DLQ made for the pipe, unless one was given or turned off. */
  readonly deadLetterQueue?: DeadLetterQueue;
  /** ARN of the pipe's DLQ, if any. */
  readonly deadLetterArn?: string;
}

const { string, number } = shape;

/** The shape of {@link PipeToEventBusOptions}. */
const PIPE_OPTIONS = shape.object(
  {
    ...STREAM_READING_SHAPES,
    name: string,
    description: string,
    inputTemplate: string,
    enrichmentFunctionArn: string,
    deadLetterQueue: SHAPES.failureDestination({ name: string, retentionSeconds: number, encryption: SHAPES.queueEncryption, alarm: SHAPES.depthAlarm }),
    desiredState: string,
    logging: shape.oneOf(shape.literal(false), shape.object({ level: string, retentionDays: number, logGroupName: string })),
    failureAlarm: SHAPES.depthAlarm,
    tags: SHAPES.tags,
  },
  // source, detailType and onPartialBatchItemFailure: checked with their values, by the pipe.
);

/** Checks the shapes of `addPipeToEventBus(id, bus, options)`'s arguments, before their values are read. */
export function checkPipeArguments(scope: IConstruct, id: string, bus: unknown, options: unknown): void {
  checkArguments(scope, [
    ['id', id, shape.id],
    ['bus', bus, shape.oneOf(SHAPES.eventBus, shape.string)],
    [String(id), options ?? {}, PIPE_OPTIONS],
  ]);
}

const DYNAMIC_PATH = /^\$(\.[\w/_-]+(\[(\d+|\*)\])*)*$/;
const STATIC_SOURCE = /^[/.\-_A-Za-z0-9]/;
const EVENT_BUS_ARN = /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[/.\-_A-Za-z0-9]{1,256}$/;

/** What a pipe reads, as the pipe builder needs it: a table's stream or a Kinesis stream. */
export interface PipeSource {
  /** What the source is, in error texts: `table` or `stream`. */
  readonly noun: 'table' | 'stream';
  /** Its name as given in props (for default names). */
  readonly name: string;
  /** ARN of the stream the pipe reads. */
  readonly arn: string;
  /** What the pipe's role needs to read it (with `kms:Decrypt` under a customer-managed key). */
  readonly readStatements: PolicyStatement[];
  /** The default description, up to the bus name. */
  readonly description: string;
  /** The `source_parameters` block the reading options go to. */
  readonly parametersBlock: 'dynamodbStreamParameters' | 'kinesisStreamParameters';
  /** JSON path examples for the source and detail-type, in error texts. */
  readonly examples: { readonly source: string; readonly detailType: string };
  /** Checks what paths, templates and filters read of the records (a table's stream images). */
  readonly checkRead?: RecordReadCheck;
  readonly tags?: Record<string, string>;
}

/** The default name of a pipe: `<table or stream>-<id>`. */
export function defaultPipeName(sourceName: string, id: string): string {
  return `${sourceName}-${sanitize(id, /[^.\-_A-Za-z0-9]/g)}`;
}

/** Checks the options of a pipe to an event bus (the reader limit is checked by the table). */
export function validatePipeOptions(
  v: PropsValidator,
  id: string,
  source: PipeSource,
  bus: IEventBusTarget | string,
  options: PipeToEventBusOptions,
): void {
  const name = options.name ?? defaultPipeName(source.name, id);
  v.arn(`${id}.enrichmentFunctionArn`, options.enrichmentFunctionArn, 'lambda');
  if (options.name !== undefined) {
    v.matches(`${id}.name`, options.name, PIPE_NAME, 'pipe names are 1–64 letters, digits, dots, hyphens and underscores');
  } else if (isToken(name)) {
    v.check(false, `${id}.name`, undefined, `the ${source.noun} name is known only at apply, so the default pipe name "<${source.noun} name>-<id>" cannot be checked against the 64-character limit: set name`);
  } else {
    v.check(PIPE_NAME.test(name), `${id}.name`, name, `the default pipe name "<${source.noun} name>-<id>" is longer than 64 characters or has characters pipes refuse: set name (1–64 letters, digits, dots, hyphens, underscores)`);
  }
  if (typeof bus === 'string') {
    v.matches(`${id}.bus`, bus, EVENT_BUS_ARN, 'must be an event bus ARN (arn:<partition>:events:<region>:<account>:event-bus/<name>) or an IEventBusTarget');
  } else {
    v.check(typeof bus === 'object' && bus !== null && typeof bus.eventBusArn === 'string', `${id}.bus`, bus, 'must be an IEventBusTarget or an event bus ARN');
  }
  validatePipeDescription(v, `${id}.description`, options.description);

  v.check(options.source !== undefined, `${id}.source`, options.source, `is required: the source of the events put on the bus (a static value or a JSON path such as ${source.examples.source})`);
  if (typeof options.source === 'string' && !isToken(options.source)) {
    const src = options.source;
    const ok = src.startsWith('$')
      ? DYNAMIC_PATH.test(src) && src.length <= 256
      : src.length >= 1 && src.length <= 256 && STATIC_SOURCE.test(src) && !src.startsWith('aws.');
    v.check(
      ok,
      `${id}.source`,
      src,
      `must be 1–256 characters, not starting with "aws." (reserved for AWS services), or a JSON path into the record such as ${source.examples.source}`,
    );
    if (src.startsWith('$')) source.checkRead?.(v, `${id}.source`, src);
  }
  v.check(options.detailType !== undefined, `${id}.detailType`, options.detailType, `is required: the detail-type of the events put on the bus (a static value or a JSON path such as ${source.examples.detailType})`);
  if (typeof options.detailType === 'string' && !isToken(options.detailType)) {
    const dt = options.detailType;
    const ok = dt.length >= 1 && dt.length <= 128 && (!dt.startsWith('$') || DYNAMIC_PATH.test(dt));
    v.check(ok, `${id}.detailType`, dt, `must be 1–128 characters, or a JSON path into the record such as ${source.examples.detailType}`);
    if (dt.startsWith('$')) source.checkRead?.(v, `${id}.detailType`, dt);
  }
  validatePipeInputTemplate(v, `${id}.inputTemplate`, options.inputTemplate);
  if (options.inputTemplate !== undefined && !isToken(options.inputTemplate)) source.checkRead?.(v, `${id}.inputTemplate`, options.inputTemplate);
  v.check(
    options.onPartialBatchItemFailure === undefined || options.onPartialBatchItemFailure === 'AUTOMATIC_BISECT' || options.onPartialBatchItemFailure === false,
    `${id}.onPartialBatchItemFailure`,
    options.onPartialBatchItemFailure,
    'must be "AUTOMATIC_BISECT" or false',
  );
  validatePipeExecution(v, id, options);
  validateStreamReading(v, id, options, 'pipes', source.checkRead);
  // Pipes accept an SQS queue or SNS topic as the DLQ of a stream source.
  validateFailureDestination(v, `${id}.deadLetterQueue`, options.deadLetterQueue, ['sqs', 'sns'], isToken(name) ? undefined : `${sanitize(name, /[^A-Za-z0-9_-]/g)}-dlq`);
}

/** Makes a validated pipe: its DLQ, role, role policy and the pipe. */
export function createPipe(scope: Construct, id: string, source: PipeSource, bus: IEventBusTarget | string, options: PipeToEventBusOptions): StreamToBusPipe {
  const name = options.name ?? defaultPipeName(source.name, id);
  const tags = options.tags ?? source.tags;
  const busArn = typeof bus === 'string' ? bus : bus.eventBusArn;
  const busName = typeof bus === 'string' ? bus.split('/').pop()! : bus.eventBusName;
  const busKey = typeof bus === 'string' ? undefined : bus.kmsKeyArn;

  const destination = resolveFailureDestination(scope, options.deadLetterQueue, `${sanitize(name, /[^A-Za-z0-9_-]/g)}-dlq`, tags);
  const log = pipeExecutionLog(scope, 'Logs', name, options.logging, tags);

  const document = policyDocument([
    ...source.readStatements,
    { Sid: 'PutEventsOnBus', Effect: 'Allow', Action: 'events:PutEvents', Resource: busArn },
    ...(options.enrichmentFunctionArn ? [{ Sid: 'InvokeEnrichment', Effect: 'Allow' as const, Action: 'lambda:InvokeFunction', Resource: options.enrichmentFunctionArn }] : []),
    ...(busKey ? [{ Sid: 'EncryptForBus', Effect: 'Allow' as const, Action: 'kms:GenerateDataKey', Resource: busKey }] : []),
    ...log.statements,
    ...failureDestinationStatements(destination, 'SendToDeadLetterQueue'),
  ]);

  const { role, rolePolicy } = pipeExecutionRole(scope, { role: 'Role', policy: 'RolePolicy' }, name, document, tags);

  const readingParameters: PipesPipeSourceParametersDynamodbStreamParameters = {
    startingPosition: options.startingPosition ?? STREAM_READING.defaultStartingPosition,
    batchSize: options.batchSize,
    maximumBatchingWindowInSeconds: options.maximumBatchingWindowSeconds,
    maximumRecordAgeInSeconds: options.maximumRecordAgeSeconds ?? STREAM_READING.defaultMaximumRecordAgeSeconds,
    maximumRetryAttempts: options.maximumRetryAttempts ?? STREAM_READING.defaultMaximumRetryAttempts,
    parallelizationFactor: options.parallelizationFactor,
    onPartialBatchItemFailure: options.onPartialBatchItemFailure === false ? undefined : 'AUTOMATIC_BISECT',
    deadLetterConfig: destination ? { arn: destination.arn } : undefined,
  };
  const pipe = new PipesPipe(scope, 'Pipe', {
    name,
    description: options.description ?? `${source.description} put on event bus ${busName}`,
    desiredState: options.desiredState ?? 'RUNNING',
    roleArn: role.arn,
    source: source.arn,
    target: busArn,
    enrichment: options.enrichmentFunctionArn,
    sourceParameters: {
      // The DynamoDB and Kinesis blocks take the same reading parameters.
      [source.parametersBlock]: readingParameters,
      filterCriteria: options.filters?.length ? { filter: options.filters.map((p) => ({ pattern: JSON.stringify(p) })) } : undefined,
    },
    targetParameters: {
      inputTemplate: options.inputTemplate,
      eventbridgeEventBusParameters: { source: options.source, detailType: options.detailType },
    },
    logConfiguration: log.logConfiguration,
    tags,
    // The pipe starts reading as soon as it exists: its permissions must be in place first.
    dependsOn: [rolePolicy],
  });

  const dlq = options.deadLetterQueue;
  const failureAlarm = pipeFailureAlarm(
    scope,
    'FailureAlarm',
    pipe,
    name,
    `Executions of pipe ${name} fail: stream records do not reach the bus`,
    options.failureAlarm,
    (typeof dlq === 'object' && dlq !== null && !isQueueTarget(dlq) && dlq.alarm) || {},
    tags,
  );

  return {
    pipe,
    pipeName: name,
    pipeArn: pipe.arn,
    role,
    rolePolicy,
    policyDocument: document,
    deadLetterQueue: destination?.queue,
    deadLetterArn: destination?.arn,
    logGroup: log.logGroup,
    failureAlarm,
  };
}
