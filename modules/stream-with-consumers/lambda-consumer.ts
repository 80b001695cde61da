import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KinesisStreamConsumer } from '@cdktf/provider-aws/lib/kinesis-stream-consumer';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { ENDPOINT_ARN_FORMS, FUNCTION_ARN } from '../core/endpoints';
import { jsonDocument } from '../core/json-document';
import { IteratorAgeAlarmProps } from '../core/metric-alarm';
import { PolicyDocument, policyDocument, PolicyStatement } from '../core/policy';
import { isToken, PropsValidator } from '../core/validation';
import { DeadLetterQueue } from '../dead-letter-queue';
import {
  addReaderIteratorAgeAlarm,
  failureDestinationStatements,
  readerMappingArguments,
  resolveFailureDestination,
  sanitize,
  StreamFailureDestination,
  validateFailureDestination,
  validateStreamReading,
} from '../core/stream-reading';
import { KINESIS, LAMBDA } from '../core/aws-limits';
import { StreamLambdaReaderProps } from '../core/stream-consumer';

/** A Lambda function that reads a {@link StreamWithConsumers}, and how it reads. */
export interface StreamLambdaConsumerProps extends StreamLambdaReaderProps {
  /** Seconds of a tumbling window: the function gets the state of the window and aggregates across batches. @default no window (AWS allows 0–900) */
  readonly tumblingWindowSeconds?: number;
  /**
   * Read through an enhanced fan-out consumer (`aws_kinesis_stream_consumer`):
   * dedicated throughput of 2 MB/s per shard, pushed over HTTP/2, instead of
   * sharing the shard's 2 MB/s and 5 reads a second with the other consumers.
   * Costs per consumer-shard hour and per GB read. `true` names it `<id>`.
   * AWS limit: names are 1–128 letters, digits, `_`, `.`, `-`; 20 consumers per stream.
   * @default false (a shared-throughput consumer)
   */
  readonly enhancedFanOut?:
    | boolean
    | {
        /** Name of the stream consumer. */
        readonly consumerName: string;
      };
  /**
   * Where Lambda sends the metadata of a batch it gave up on, with the
   * function's execution role. An SQS queue or SNS topic must be standard.
   * @default a new {@link DeadLetterQueue} named `<stream name>-<id>-dlq`
   */
  readonly onFailureDestination?: StreamFailureDestination;
  /**
   * Alarm on the function's `IteratorAge`; `false` turns it off.
   * @default on, at half the maximum record age (at most one hour), notifying the failure queue's `alarm` actions when one is made here
   */
  readonly iteratorAgeAlarm?: IteratorAgeAlarmProps | false;
  /** Tags of the mapping, the fan-out consumer and the failure queue. @default the stream's tags */
  readonly tags?: Record<string, string>;
}

/** A Lambda function reading the stream, and what its role needs. */
export interface StreamLambdaConsumer {
  /** The event source mapping (`aws_lambda_event_source_mapping`). */
  readonly eventSourceMapping: LambdaEventSourceMapping;
  /** The ARN of the function the mapping invokes, as given. */
  readonly functionArn: string;
  /** The enhanced fan-out consumer, when asked for. */
  readonly streamConsumer?: KinesisStreamConsumer;
  /** The failure queue made here, unless one was given or turned off. */
  readonly onFailureDestination?: DeadLetterQueue;
  /** ARN of the failure destination, if any. */
  readonly onFailureDestinationArn?: string;
  /** The IAM policy the function's execution role needs: read the stream (through its fan-out consumer), decrypt it, send to the failure destination. */
  readonly policyDocument: PolicyDocument;
  /** The inline policy attached to `functionRoleName`, when given. */
  readonly rolePolicy?: IamRolePolicy;
  /** The alarm on the function's iterator age, unless turned off. */
  readonly iteratorAgeAlarm?: CloudwatchMetricAlarm;
}

/** What a consumer needs to know of its stream. */
export interface KinesisSource {
  /** The stream name as given in props (for default names). */
  readonly streamName: string;
  readonly streamArn: string;
  /** The customer-managed key that encrypts the stream, when one does. */
  readonly kmsKeyArn?: string;
  readonly tags?: Record<string, string>;
}

const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

const plainName = (text: string): string => sanitize(text, /[^A-Za-z0-9_-]/g);
const defaultQueueName = (source: KinesisSource, id: string): string => `${plainName(source.streamName)}-${plainName(id)}-dlq`;

/** The name of the fan-out consumer, if one is asked for. */
export function fanOutConsumerName(id: string, props: StreamLambdaConsumerProps): string | undefined {
  const efo = props.enhancedFanOut;
  if (efo === undefined || efo === false) return undefined;
  return efo === true ? id : efo.consumerName;
}

/** Checks a Lambda consumer's props. */
export function validateStreamLambdaConsumer(v: PropsValidator, id: string, source: KinesisSource, props: StreamLambdaConsumerProps): void {
  v.check(props.functionArn !== undefined, `${id}.functionArn`, props.functionArn, 'is required: the ARN of the function that reads the stream');
  v.matches(`${id}.functionArn`, props.functionArn, FUNCTION_ARN, `must be a Lambda function ARN (${ENDPOINT_ARN_FORMS.function})`);
  v.matches(`${id}.functionRoleName`, props.functionRoleName, IAM_ROLE_NAME, 'IAM role names are 1–64 letters, digits and +=,.@_- (the name, not the ARN)');
  v.integer(`${id}.tumblingWindowSeconds`, props.tumblingWindowSeconds, 0, LAMBDA.maxTumblingWindowSeconds, 'seconds');
  if (props.iteratorAgeAlarm) v.number(`${id}.iteratorAgeAlarm.thresholdMilliseconds`, props.iteratorAgeAlarm.thresholdMilliseconds, 0, Number.MAX_SAFE_INTEGER);
  const efo = props.enhancedFanOut;
  if (typeof efo === 'object' && efo !== null) {
    v.matches(`${id}.enhancedFanOut.consumerName`, efo.consumerName, KINESIS.name, 'stream consumer names are 1–128 letters, digits, underscores, dots and hyphens');
  } else if (efo === true) {
    v.matches(`${id}.enhancedFanOut`, id, KINESIS.name, `the consumer is named after the id "${id}", which is not a valid stream consumer name (1–128 letters, digits, _ . -): give { consumerName }`);
  }
  validateStreamReading(v, id, props, 'lambda');
  // Stream event source mappings accept an SQS queue, SNS topic or S3 bucket as on-failure destination.
  validateFailureDestination(v, `${id}.onFailureDestination`, props.onFailureDestination, ['sqs', 'sns', 's3'], defaultQueueName(source, id));
}

/** Statements that let a principal read the stream (shared throughput), with `kms:Decrypt` under a customer-managed key. */
export function streamReadStatements(source: Pick<KinesisSource, 'streamArn' | 'kmsKeyArn'>): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      Sid: 'ReadStream',
      Effect: 'Allow',
      Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'],
      Resource: source.streamArn,
    },
  ];
  if (source.kmsKeyArn) statements.push({ Sid: 'DecryptStream', Effect: 'Allow', Action: 'kms:Decrypt', Resource: source.kmsKeyArn });
  return statements;
}

/** Makes a validated Lambda consumer: its fan-out consumer, failure queue, role policy when asked, mapping and alarm. */
export function createStreamLambdaConsumer(scope: Construct, id: string, source: KinesisSource, props: StreamLambdaConsumerProps): StreamLambdaConsumer {
  const tags = props.tags ?? source.tags;
  const consumerName = fanOutConsumerName(id, props);
  const streamConsumer = consumerName ? new KinesisStreamConsumer(scope, 'StreamConsumer', { name: consumerName, streamArn: source.streamArn, tags }) : undefined;
  const destination = resolveFailureDestination(scope, props.onFailureDestination, defaultQueueName(source, id), tags);
  const document = policyDocument([
    ...streamReadStatements(source),
    // Reading through a fan-out consumer: SubscribeToShard and DescribeStreamConsumer act on the consumer, not the stream.
    ...(streamConsumer
      ? [{ Sid: 'ReadThroughConsumer', Effect: 'Allow' as const, Action: ['kinesis:DescribeStreamConsumer', 'kinesis:SubscribeToShard'], Resource: streamConsumer.arn }]
      : []),
    ...failureDestinationStatements(destination, 'SendFailureRecords'),
  ]);
  const rolePolicy = props.functionRoleName
    ? new IamRolePolicy(scope, 'RolePolicy', {
        name: `${isToken(source.streamName) ? 'stream' : source.streamName}-kinesis-${sanitize(id, /[^\w+=,.@-]/g)}`.slice(0, 128),
        role: props.functionRoleName,
        policy: jsonDocument(document),
      })
    : undefined;

  const mapping = new LambdaEventSourceMapping(scope, 'EventSourceMapping', {
    ...readerMappingArguments(props, destination?.arn, rolePolicy),
    // Through the consumer, Lambda subscribes to each shard instead of polling it.
    eventSourceArn: streamConsumer ? streamConsumer.arn : source.streamArn,
    tumblingWindowInSeconds: props.tumblingWindowSeconds,
    tags,
  });

  const iteratorAgeAlarm = addReaderIteratorAgeAlarm(
    scope,
    props,
    `${isToken(source.streamName) ? 'stream' : source.streamName}-${plainName(id)}-iterator-age`,
    `The consumer ${id} of the Kinesis stream ${source.streamName} falls behind: records wait before it reads them`,
    tags,
  );

  return {
    eventSourceMapping: mapping,
    functionArn: props.functionArn,
    streamConsumer,
    onFailureDestination: destination?.queue,
    onFailureDestinationArn: destination?.arn,
    policyDocument: document,
    rolePolicy,
    iteratorAgeAlarm,
  };
}
