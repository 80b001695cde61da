import { MappingNode, PipeNode, StreamNode } from '../routing';
import { PayloadContext } from './payloads';
import { batchFailureRecord, parseJson } from './records';

/**
 * Kinesis records as a stream's readers receive them: the producer's data
 * base64-encoded, with the partition key and a sequence number in one shard.
 */

/** The shard every simulated record lands in: the simulator does not model shards. */
const SHARD_ID = 'shardId-000000000000';

/** A Kinesis record in the `Records` of the event a Lambda stream consumer receives. */
export interface KinesisStreamRecord {
  /** The record itself. */
  readonly kinesis: {
    /** The record format version: `1.0`. */
    readonly kinesisSchemaVersion: '1.0';
    /** The producer's partition key (a rule target's `partition_key_path` value, else the event ID). */
    readonly partitionKey: string;
    /** The record's sequence number in its shard (digits). */
    readonly sequenceNumber: string;
    /** The data the producer put, base64-encoded (`Buffer.from(data, 'base64')` reads it). */
    readonly data: string;
    /** When the stream took the record, in seconds since the epoch (with milliseconds). */
    readonly approximateArrivalTimestamp: number;
  };
  /** Always `aws:kinesis`. */
  readonly eventSource: 'aws:kinesis';
  /** Always `1.0`. */
  readonly eventVersion: '1.0';
  /** `<shard id>:<sequence number>`. */
  readonly eventID: string;
  /** Always `aws:kinesis:record`. */
  readonly eventName: 'aws:kinesis:record';
  /** The stream's Region. */
  readonly awsRegion: string;
  /** ARN of the stream. */
  readonly eventSourceARN: string;
}

/** The record a stream keeps for `data` (text, as sent: an EventBridge target sends the event's JSON). */
export function kinesisRecord(ctx: PayloadContext, stream: StreamNode, data: string, partitionKey: string): KinesisStreamRecord {
  const sequenceNumber = ctx.nextSequence();
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey,
      sequenceNumber,
      data: Buffer.from(data, 'utf8').toString('base64'),
      approximateArrivalTimestamp: ctx.time.getTime() / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${SHARD_ID}:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    awsRegion: ctx.region,
    eventSourceARN: stream.arn,
  };
}

/**
 * What a Lambda filter sees of a Kinesis record: its metadata (`partitionKey`,
 * `sequenceNumber`, …) and `data` decoded, as JSON when it is JSON (Lambda
 * filters on the fields of JSON data; other data matches only on metadata).
 */
export function kinesisFilterView(record: KinesisStreamRecord): Record<string, unknown> {
  const text = Buffer.from(record.kinesis.data, 'base64').toString('utf8');
  const parsed = parseJson(text);
  return { ...record.kinesis, data: parsed !== undefined && typeof parsed === 'object' ? parsed : text };
}

/** The batch metadata a stream reader sends its on-failure destination (not the records: they stay in the stream until they expire). */
export function kinesisFailureRecord(ctx: PayloadContext, from: MappingNode | PipeNode, stream: StreamNode, record: KinesisStreamRecord, attempts: number): Record<string, unknown> {
  const arrival = new Date(record.kinesis.approximateArrivalTimestamp * 1000).toISOString();
  return batchFailureRecord(ctx, from, attempts, {
    KinesisBatchInfo: {
      shardId: SHARD_ID,
      startSequenceNumber: record.kinesis.sequenceNumber,
      endSequenceNumber: record.kinesis.sequenceNumber,
      approximateArrivalOfFirstRecord: arrival,
      approximateArrivalOfLastRecord: arrival,
      batchSize: 1,
      streamArn: stream.arn,
    },
  });
}
