import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { KinesisStream } from '@cdktf/provider-aws/lib/kinesis-stream';
import { IEventBusTarget, IStreamTarget } from '../core/contracts';
import { requireOwnFramework } from '../core/framework';
import { grantTo, IGrantee, keyGrant } from '../core/grants';
import { addMetricAlarm, FailureCountAlarmProps } from '../core/metric-alarm';
import { PolicyStatement } from '../core/policy';
import { checkArguments, checkProps, shape, validScope } from '../core/shape';
import { checkPipeArguments, createPipe, PipeSource, PipeToEventBusOptions, StreamToBusPipe, validatePipeOptions } from '../core/pipe-to-bus';
import { KINESIS } from '../core/aws-limits';
import { isToken, PropsValidator } from '../core/validation';
import { createStreamLambdaConsumer, fanOutConsumerName, KinesisSource, StreamLambdaConsumer, StreamLambdaConsumerProps, streamReadStatements, validateStreamLambdaConsumer } from './lambda-consumer';
import { STREAM_LAMBDA_CONSUMER_PROPS, STREAM_PROPS } from './props-shape';

/** How the stream's capacity is managed. */
export type StreamCapacity =
  /** Kinesis scales the shards with the traffic; billed per GB written and read. */
  | {
      /** On-demand capacity. */
      readonly mode: 'on-demand';
    }
  | {
      /** Provisioned capacity: a fixed number of shards. */
      readonly mode: 'provisioned';
      /** Shards: each takes 1 MB/s or 1,000 records/s of writes and serves 2 MB/s of reads. AWS limit: at least 1, at most the account's shard quota. */
      readonly shardCount: number;
    };

/** Server-side encryption of the stream's records (always on here). */
export type StreamEncryption =
  /** The AWS managed key `alias/aws/kinesis`. */
  | 'aws-managed'
  /** A customer-managed KMS key: producers need `kms:GenerateDataKey` and consumers `kms:Decrypt` on it (the grants here add them). */
  | {
      /** ARN of the customer-managed KMS key (a symmetric encryption key). */
      readonly kmsKeyArn: string;
    };

/** Shard-level (enhanced) CloudWatch metrics; `ALL` turns on every one. */
export type ShardLevelMetric =
  | 'IncomingBytes'
  | 'IncomingRecords'
  | 'OutgoingBytes'
  | 'OutgoingRecords'
  | 'WriteProvisionedThroughputExceeded'
  | 'ReadProvisionedThroughputExceeded'
  | 'IteratorAgeMilliseconds'
  | 'ALL';

const SHARD_LEVEL_METRICS = KINESIS.shardLevelMetrics as readonly ShardLevelMetric[];

/** Props of a {@link StreamWithConsumers}. */
export interface StreamWithConsumersProps {
  /** Stream name, unique per account and Region. AWS limit: 1–128 letters, digits, `_`, `.`, `-`. */
  readonly name: string;
  /** Capacity mode. @default { mode: 'on-demand' } */
  readonly capacity?: StreamCapacity;
  /** Hours records are kept. @default 24 (AWS allows 24–8,760, that is one year; above 24 hours costs extra) */
  readonly retentionPeriodHours?: number;
  /** Server-side encryption. @default 'aws-managed' (the `alias/aws/kinesis` key) */
  readonly encryption?: StreamEncryption;
  /**
   * Shard-level (enhanced) metrics to publish, at extra CloudWatch cost;
   * stream-level metrics are always published. @default none
   */
  readonly shardLevelMetrics?: ShardLevelMetric[];
  /**
   * Alarm on the stream's `WriteProvisionedThroughputExceeded` (AWS/Kinesis,
   * summed over a minute): producers are throttled; `false` turns it off.
   * @default on, firing on any throttled write, no actions
   */
  readonly writeThrottleAlarm?: FailureCountAlarmProps | false;
  /** Tags for every resource made here (provider default tags apply as well). @default none */
  readonly tags?: Record<string, string>;
}

/** One Lambda consumer of a {@link StreamWithConsumers}. */
export interface StreamConsumerSummary {
  /** The id given to `addLambdaConsumer`. */
  readonly id: string;
  /** True when it reads through an enhanced fan-out consumer (dedicated throughput), false when it shares the shards' throughput. */
  readonly enhancedFanOut: boolean;
}

/**
 * A Kinesis data stream and its Lambda consumers, safe by default: on-demand
 * capacity, KMS encryption, 24-hour retention, an alarm on throttled writes,
 * and consumers with bounded retries, bisection, reported batch item failures,
 * a dead-letter queue and an iterator-age alarm, reading with shared
 * throughput or through an enhanced fan-out consumer.
 */
export class StreamWithConsumers extends Construct implements IStreamTarget {
  /** The stream resource. */
  readonly stream: KinesisStream;
  /** ARN of the stream. */
  readonly streamArn: string;
  /** Name of the stream (as Terraform knows it). */
  readonly streamName: string;
  /** The customer-managed key that encrypts the stream, when one does. */
  readonly kmsKeyArn?: string;
  /** The alarm on throttled writes, unless turned off. */
  readonly writeThrottleAlarm?: CloudwatchMetricAlarm;
  private readonly props: StreamWithConsumersProps;
  private readonly lambdaConsumers: { id: string; consumerName?: string }[] = [];

  constructor(scope: Construct, id: string, props: StreamWithConsumersProps) {
    super(validScope(scope, id, 'StreamWithConsumers'), id);
    requireOwnFramework(this);
    checkProps(this, props, STREAM_PROPS);
    const capacity: StreamCapacity = props.capacity ?? { mode: 'on-demand' };
    const encryption = props.encryption ?? 'aws-managed';

    const v = new PropsValidator(this);
    v.check(props.name !== undefined, 'name', props.name, 'is required: the stream name');
    v.matches('name', props.name, KINESIS.name, 'stream names are 1–128 letters, digits, underscores, dots and hyphens');
    v.oneOf('capacity.mode', capacity.mode, ['on-demand', 'provisioned']);
    if (capacity.mode === 'provisioned') {
      v.check(capacity.shardCount !== undefined, 'capacity.shardCount', capacity.shardCount, 'is required with mode "provisioned": the number of shards');
      v.integer('capacity.shardCount', capacity.shardCount, 1, Number.MAX_SAFE_INTEGER, 'shards');
    } else {
      const shards = (capacity as { shardCount?: number }).shardCount;
      v.check(shards === undefined, 'capacity.shardCount', shards, 'applies to mode "provisioned" only: on-demand streams scale their shards themselves');
    }
    v.integer('retentionPeriodHours', props.retentionPeriodHours, KINESIS.minRetentionHours, KINESIS.maxRetentionHours, 'hours');
    if (typeof encryption === 'object' && encryption !== null) {
      v.check(encryption.kmsKeyArn !== undefined, 'encryption.kmsKeyArn', encryption.kmsKeyArn, 'is required: the ARN of a customer-managed KMS key');
      v.arn('encryption.kmsKeyArn', encryption.kmsKeyArn, 'kms');
    } else {
      v.check(encryption === 'aws-managed', 'encryption', encryption, 'must be "aws-managed" or { kmsKeyArn }');
    }
    (props.shardLevelMetrics ?? []).forEach((m, i) => v.oneOf(`shardLevelMetrics[${i}]`, m, SHARD_LEVEL_METRICS));
    if (props.writeThrottleAlarm) v.number('writeThrottleAlarm.threshold', props.writeThrottleAlarm.threshold, 0, Number.MAX_SAFE_INTEGER);
    v.throwIfInvalid();

    this.props = props;
    this.kmsKeyArn = typeof encryption === 'object' ? encryption.kmsKeyArn : undefined;
    this.stream = new KinesisStream(this, 'Stream', {
      name: props.name,
      streamModeDetails: { streamMode: capacity.mode === 'provisioned' ? 'PROVISIONED' : 'ON_DEMAND' },
      // The provider refuses a shard count for on-demand streams.
      shardCount: capacity.mode === 'provisioned' ? capacity.shardCount : undefined,
      retentionPeriod: props.retentionPeriodHours ?? KINESIS.minRetentionHours,
      encryptionType: 'KMS',
      kmsKeyId: this.kmsKeyArn ?? 'alias/aws/kinesis',
      shardLevelMetrics: props.shardLevelMetrics?.length ? [...new Set(props.shardLevelMetrics)] : undefined,
      tags: props.tags,
    });
    this.streamArn = this.stream.arn;
    this.streamName = this.stream.name;

    if (props.writeThrottleAlarm !== false) {
      const alarm = props.writeThrottleAlarm ?? {};
      this.writeThrottleAlarm = addMetricAlarm(this, 'WriteThrottleAlarm', {
        alarmName: `${props.name}-write-throttles`,
        description: `Writes to the Kinesis stream ${props.name} are throttled (WriteProvisionedThroughputExceeded): producers must retry or the stream needs more capacity`,
        namespace: 'AWS/Kinesis',
        metricName: 'WriteProvisionedThroughputExceeded',
        dimensions: { StreamName: this.streamName },
        statistic: 'Sum',
        threshold: alarm.threshold ?? 0,
        alarmActions: alarm.alarmActions,
        okActions: alarm.okActions,
        tags: props.tags,
      });
    }
  }

  /**
   * Adds a Lambda event source mapping on the stream, with bounded retries and
   * record age, bisection, batch item failures reported, an on-failure
   * destination and an iterator-age alarm; through an enhanced fan-out consumer
   * when asked. Returns the IAM policy the function's role needs (and attaches
   * it when `functionRoleName` is given).
   */
  addLambdaConsumer(id: string, props: StreamLambdaConsumerProps): StreamLambdaConsumer {
    checkArguments(this, [
      ['id', id, shape.id],
      [String(id), props, STREAM_LAMBDA_CONSUMER_PROPS],
    ]);
    const v = new PropsValidator(this);
    const source = this.source();
    validateStreamLambdaConsumer(v, id, source, props);
    const consumerName = fanOutConsumerName(id, props);
    if (consumerName !== undefined) {
      const taken = this.lambdaConsumers.find((c) => c.consumerName === consumerName);
      v.check(taken === undefined, `${id}.enhancedFanOut`, consumerName, `stream consumer names are unique per stream: ${taken?.id} already registers "${consumerName}"`);
    }
    v.throwIfInvalid();
    this.lambdaConsumers.push({ id, consumerName });
    return createStreamLambdaConsumer(new Construct(this, id), id, source, props);
  }

  /**
   * Adds an EventBridge Pipe that puts the stream's records on an event bus:
   * filtered (Pipes decode JSON `data`, so patterns and paths read
   * `data.<field>`), with bounded retries, bisection on partial failures, a
   * dead-letter queue, an execution log, a failure alarm and an execution role
   * that may do exactly that. The pipe shares the shards' read throughput.
   */
  addPipeToEventBus(id: string, bus: IEventBusTarget | string, options: PipeToEventBusOptions): StreamToBusPipe {
    checkPipeArguments(this, id, bus, options);
    const v = new PropsValidator(this);
    const source = this.pipeSource();
    validatePipeOptions(v, id, source, bus, options ?? ({} as PipeToEventBusOptions));
    v.throwIfInvalid();
    return createPipe(new Construct(this, id), id, source, bus, options);
  }

  /** The Lambda consumers, by id, and whether each reads through an enhanced fan-out consumer. */
  get consumers(): readonly StreamConsumerSummary[] {
    return this.lambdaConsumers.map((c) => ({ id: c.id, enhancedFanOut: c.consumerName !== undefined }));
  }

  /** Lets `grantee` read the stream with shared throughput (describe, list shards, get shard iterators and records), with `kms:Decrypt` under a customer-managed key. */
  grantRead(grantee: IGrantee): void {
    grantTo(grantee, streamReadStatements(this.source()));
  }

  /** Lets `grantee` put records on the stream, with `kms:GenerateDataKey` under a customer-managed key. */
  grantWrite(grantee: IGrantee): void {
    grantTo(grantee, this.writeStatements());
  }

  /** The statements a producer needs: put records, and the key's data key under a customer-managed key. */
  writeStatements(): PolicyStatement[] {
    return [
      { Sid: 'WriteStream', Effect: 'Allow', Action: ['kinesis:DescribeStreamSummary', 'kinesis:ListShards', 'kinesis:PutRecord', 'kinesis:PutRecords'], Resource: this.streamArn },
      // Kinesis asks KMS for a data key for each write under the stream's key.
      ...keyGrant('EncryptStream', this.kmsKeyArn, ['kms:GenerateDataKey']),
    ];
  }

  private pipeSource(): PipeSource {
    const source = this.source();
    return {
      noun: 'stream',
      name: source.streamName,
      arn: this.streamArn,
      readStatements: streamReadStatements(source),
      description: `Records of Kinesis stream ${source.streamName}`,
      parametersBlock: 'kinesisStreamParameters',
      examples: { source: '$.data.source', detailType: '$.data.type' },
      tags: this.props.tags,
    };
  }

  private source(): KinesisSource {
    return { streamName: isToken(this.props.name) ? this.streamName : this.props.name, streamArn: this.streamArn, kmsKeyArn: this.kmsKeyArn, tags: this.props.tags };
  }
}
