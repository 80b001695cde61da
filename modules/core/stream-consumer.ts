import { ITerraformDependable } from 'cdktf';
import type { EventPattern } from '../patterns';
import { shape, SHAPES } from './shape';

/** Where a new reader starts in the stream: its oldest record or only new records. */
export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

/** How a reader (a Pipe or a Lambda event source mapping) reads a DynamoDB or Kinesis stream. */
export interface StreamReadingOptions {
  /** Where reading starts. @default 'TRIM_HORIZON' (nothing written before the reader exists is missed; consumers must be idempotent) */
  readonly startingPosition?: StartingPosition;
  /** Most records per batch. @default the AWS default, 100 (AWS allows 1–10,000) */
  readonly batchSize?: number;
  /** Seconds to gather records before sending a batch. @default 0 (AWS allows 0–300) */
  readonly maximumBatchingWindowSeconds?: number;
  /**
   * Records older than this many seconds are not sent but go to the failure
   * destination; -1 means no limit. @default 86,400 (the 24 hours a DynamoDB
   * stream keeps records, and a Kinesis stream by default) (AWS allows -1 or 60–604,800)
   */
  readonly maximumRecordAgeSeconds?: number;
  /** Retries of a failing batch before it goes to the failure destination; -1 means until the record expires. @default 10 (AWS allows -1–10,000) */
  readonly maximumRetryAttempts?: number;
  /** Batches processed at once per shard (records of one key stay in order). @default 1 (AWS allows 1–10) */
  readonly parallelizationFactor?: number;
  /**
   * Only records matching one of these patterns are read (the others are
   * dropped). A pattern matches the stream record: for a table `eventName`,
   * `dynamodb.NewImage.<attr>.S`, ...; for a Kinesis stream its metadata
   * (`partitionKey`, ...) and, for JSON data, its decoded `data`
   * (`{ data: { type: ['OrderPlaced'] } }`). @default every record (AWS allows at most 5 filters)
   */
  readonly filters?: EventPattern[];
}

/** What a Lambda function reading a stream (a table's or a Kinesis stream) is given, whichever the stream. */
export interface StreamLambdaReaderProps extends StreamReadingOptions {
  /** ARN of the function that reads the stream (unqualified, or with a version or alias). */
  readonly functionArn: string;
  /** Split a failing batch in two and retry each half (splits do not count as retries). @default true */
  readonly bisectBatchOnFunctionError?: boolean;
  /** The function reports failed records (`batchItemFailures`) and only those are retried: `function_response_types = ["ReportBatchItemFailures"]`. @default true */
  readonly reportBatchItemFailures?: boolean;
  /**
   * Name of the function's execution role: when set, the policy it needs (the
   * consumer's `policyDocument`) is attached to it as an inline policy, created
   * before the mapping (Lambda refuses to create a mapping whose function cannot
   * read the stream). IAM limit: 1–64 letters, digits and `+=,.@_-`.
   * @default none: attach `policyDocument` yourself, before the mapping is created
   */
  readonly functionRoleName?: string;
  /** Whether the mapping polls the stream. @default true */
  readonly enabled?: boolean;
  /**
   * Resources the mapping waits for at create and outlives at destroy, such as
   * a role policy of yours that lets the function read the stream.
   * @default the policy attached through `functionRoleName`, if any
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** The shapes of {@link StreamReadingOptions}' fields, checked before any value. */
export const STREAM_READING_SHAPES = {
  startingPosition: shape.string,
  batchSize: shape.number,
  maximumBatchingWindowSeconds: shape.number,
  maximumRecordAgeSeconds: shape.number,
  maximumRetryAttempts: shape.number,
  parallelizationFactor: shape.number,
  filters: shape.array(shape.record(shape.json)),
};

/** The shapes of {@link StreamLambdaReaderProps}' fields, and of the failure destination both stream consumers take. */
export const STREAM_LAMBDA_READER_SHAPES = {
  ...STREAM_READING_SHAPES,
  functionArn: shape.string,
  bisectBatchOnFunctionError: shape.boolean,
  reportBatchItemFailures: shape.boolean,
  onFailureDestination: SHAPES.failureDestination({ name: shape.string, retentionSeconds: shape.number, encryption: SHAPES.queueEncryption, alarm: SHAPES.depthAlarm }),
  functionRoleName: shape.string,
  enabled: shape.boolean,
  dependsOn: shape.array(shape.construct('a Terraform resource or module (ITerraformDependable)', 'fqn')),
};
