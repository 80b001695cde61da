import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { jsonDocument } from '../core/json-document';
import { FUNCTION_ARN } from '../core/endpoints';
import { IteratorAgeAlarmProps } from '../core/metric-alarm';
import { PolicyDocument, policyDocument } from '../core/policy';
import { isToken, PropsValidator } from '../core/validation';
import { StreamLambdaReaderProps } from '../core/stream-consumer';
import { DeadLetterQueue } from '../dead-letter-queue';
import { addReaderIteratorAgeAlarm, failureDestinationStatements, readerMappingArguments, resolveFailureDestination, sanitize, StreamFailureDestination, validateFailureDestination, validateStreamReading } from '../core/stream-reading';
import { imagesReadCheck, streamReadStatements, StreamSource } from './table-stream';

/** Props of {@link TableWithStream.addLambdaConsumer}. */
export interface TableConsumerProps extends StreamLambdaReaderProps {
  /**
   * Where Lambda sends the metadata of a batch it gave up on, with the
   * function's execution role. An SQS queue or SNS topic must be standard.
   * @default a new {@link DeadLetterQueue} named `<table name>-<id>-dlq`
   */
  readonly onFailureDestination?: StreamFailureDestination;
  /**
   * Alarm on the function's `IteratorAge`; `false` turns it off.
   * @default on, notifying the failure destination's `alarm` actions when a DLQ is made here
   */
  readonly iteratorAgeAlarm?: IteratorAgeAlarmProps | false;
  /** Tags of the mapping and its DLQ. @default the table's tags */
  readonly tags?: Record<string, string>;
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
  /** The alarm on the function's iterator age, unless turned off. */
  readonly iteratorAgeAlarm?: CloudwatchMetricAlarm;
}

const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** The default name of a Lambda consumer's failure queue: `<table>-<id>-dlq`. */
function defaultConsumerQueueName(tableName: string, id: string): string {
  return `${sanitize(tableName, /[^A-Za-z0-9_-]/g)}-${sanitize(id, /[^A-Za-z0-9_-]/g)}-dlq`;
}

/** Checks the options of a Lambda consumer (the reader limit is checked by the table). */
export function validateLambdaConsumerProps(v: PropsValidator, id: string, source: StreamSource, options: TableConsumerProps): void {
  const functionArn = options.functionArn;
  v.matches(`${id}.functionArn`, functionArn, FUNCTION_ARN, 'must be a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>])');
  v.matches(`${id}.functionRoleName`, options.functionRoleName, IAM_ROLE_NAME, 'IAM role names are 1–64 letters, digits and +=,.@_- (the name, not the ARN)');
  if (options.iteratorAgeAlarm) v.number(`${id}.iteratorAgeAlarm.thresholdMilliseconds`, options.iteratorAgeAlarm.thresholdMilliseconds, 0, Number.MAX_SAFE_INTEGER);
  validateStreamReading(v, id, options, 'lambda', imagesReadCheck(source.streamViewType));
  // Stream event source mappings accept an SQS queue, SNS topic or S3 bucket as on-failure destination.
  validateFailureDestination(v, `${id}.onFailureDestination`, options.onFailureDestination, ['sqs', 'sns', 's3'], defaultConsumerQueueName(source.tableName, id));
}

/** Makes a validated Lambda consumer: its failure queue, the role policy when asked, and the event source mapping. */
export function createLambdaConsumer(scope: Construct, id: string, source: StreamSource, options: TableConsumerProps): TableStreamLambdaConsumer {
  const functionArn = options.functionArn;
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
    ...readerMappingArguments(options, destination?.arn, rolePolicy),
    eventSourceArn: source.streamArn,
    tags,
  });

  const iteratorAgeAlarm = addReaderIteratorAgeAlarm(
    scope,
    options,
    `${isToken(source.tableName) ? 'table' : source.tableName}-${sanitize(id, /[^A-Za-z0-9_-]/g)}-iterator-age`,
    `The consumer ${id} of the stream of table ${source.tableName} falls behind: records wait before it reads them`,
    tags,
  );

  return {
    iteratorAgeAlarm,
    eventSourceMapping: mapping,
    functionArn,
    onFailureDestination: destination?.queue,
    onFailureDestinationArn: destination?.arn,
    policyDocument: document,
    rolePolicy,
  };
}
