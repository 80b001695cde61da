/**
 * Payloads the simulator builds from its inputs and from failures: the
 * event PutEvents makes of an entry, the stream record of an item change,
 * and the records failure destinations receive, each in AWS's shape.
 */
import type { FunctionNode, MappingNode, PipeNode, TableNode } from '../routing';
import { DynamoDbItem, toDynamoDbItem } from './dynamodb-json';
import { entryTime, PutEventsEntry, StreamRecordInput } from './inputs';
import { DynamoDbStreamRecord, EventBridgeEvent, eventTime, PayloadContext } from './payloads';

/** The event PutEvents puts on a bus for an entry; throws where PutEvents fails the entry. */
export function eventBridgeEvent(ctx: PayloadContext, entry: PutEventsEntry): EventBridgeEvent {
  if (!entry || typeof entry.Source !== 'string' || !entry.Source) throw new Error('PutEvents entry needs a Source');
  if (typeof entry.DetailType !== 'string' || !entry.DetailType) throw new Error('PutEvents entry needs a DetailType');
  const detail = typeof entry.Detail === 'string' ? parseJson(entry.Detail) : entry.Detail;
  // PutEvents rejects a Detail that is not a JSON object.
  if (!detail || typeof detail !== 'object' || Array.isArray(detail)) throw new Error(`PutEvents Detail must be a JSON object, got ${JSON.stringify(entry.Detail)}`);
  return {
    version: '0',
    id: ctx.nextId(),
    'detail-type': entry.DetailType,
    source: entry.Source,
    account: ctx.account,
    time: eventTime(entry.Time === undefined ? ctx.time : entryTime(entry.Time)),
    region: ctx.region,
    resources: [...(entry.Resources ?? [])],
    detail,
  };
}

/** The stream record DynamoDB writes for an item change, as the table's stream view type shapes it. */
export function streamRecord(ctx: PayloadContext, table: TableNode, input: StreamRecordInput): DynamoDbStreamRecord {
  const newImage = input.newImage && toDynamoDbItem(input.newImage, input.format);
  const oldImage = input.oldImage && toDynamoDbItem(input.oldImage, input.format);
  if (input.eventName !== 'REMOVE' && !newImage) throw new Error(`A ${input.eventName} stream record needs a newImage`);
  const image = newImage ?? oldImage;
  let keys: DynamoDbItem;
  if (input.keys) keys = toDynamoDbItem(input.keys, input.format);
  else {
    if (!image || !table.hashKey) throw new Error('Give keys, or an image and a table with hash_key');
    keys = {};
    for (const k of [table.hashKey, table.rangeKey]) {
      if (!k) continue;
      if (image[k] === undefined) throw new Error(`The image has no key attribute "${k}"`);
      keys[k] = image[k];
    }
  }
  const view = table.streamViewType ?? 'NEW_AND_OLD_IMAGES';
  // An INSERT has no old image and a REMOVE no new one, whatever the view type.
  const withNew = (view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES') && input.eventName !== 'REMOVE' && newImage;
  const withOld = (view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES') && input.eventName !== 'INSERT' && oldImage;
  const dynamodb = {
    ApproximateCreationDateTime: Math.floor(ctx.time.getTime() / 1000),
    Keys: keys,
    ...(withNew ? { NewImage: newImage } : {}),
    ...(withOld ? { OldImage: oldImage } : {}),
    SequenceNumber: ctx.nextSequence(),
    SizeBytes: 0,
    StreamViewType: view,
  };
  dynamodb.SizeBytes = Buffer.byteLength(JSON.stringify([dynamodb.Keys, dynamodb.NewImage ?? null, dynamodb.OldImage ?? null]));
  return {
    eventID: ctx.nextId().replace(/-/g, ''),
    eventName: input.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: ctx.region,
    dynamodb,
    eventSourceARN: table.streamArn,
  };
}

/** What an asynchronous invocation's on-failure destination receives once retries are exhausted. */
export function asyncFailureRecord(ctx: PayloadContext, fn: FunctionNode, event: unknown, requestId: string, attempts: number): Record<string, unknown> {
  return {
    version: '1.0',
    timestamp: ctx.time.toISOString(),
    requestContext: { requestId, functionArn: `${fn.arn}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: attempts },
    requestPayload: event,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorMessage: 'Simulated failure' },
  };
}

/** Stream sources send batch metadata, not the records, to their failure destination. */
export function streamFailureRecord(ctx: PayloadContext, from: MappingNode | PipeNode, table: TableNode, record: DynamoDbStreamRecord, attempts: number): Record<string, unknown> {
  const arrival = ctx.time.toISOString();
  return batchFailureRecord(ctx, from, attempts, {
    DDBStreamBatchInfo: {
      shardId: 'shardId-00000000000000000000-00000001',
      startSequenceNumber: record.dynamodb.SequenceNumber,
      endSequenceNumber: record.dynamodb.SequenceNumber,
      approximateArrivalOfFirstRecord: arrival,
      approximateArrivalOfLastRecord: arrival,
      batchSize: 1,
      streamArn: table.streamArn,
    },
  });
}

/** What a stream reader sends its failure destination for a batch it gave up on: who failed, how often, and the batch's place in the stream (`batchInfo`). */
export function batchFailureRecord(ctx: PayloadContext, from: MappingNode | PipeNode, attempts: number, batchInfo: Record<string, unknown>): Record<string, unknown> {
  return {
    requestContext: {
      requestId: ctx.nextId(),
      ...(from.kind === 'mapping' ? { functionArn: from.function.arn } : { pipeArn: from.arn }),
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: attempts,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp: ctx.time.toISOString(),
    ...batchInfo,
  };
}

/** Parsed JSON text, or `undefined` when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
