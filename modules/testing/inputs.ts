/**
 * What a simulation starts from (an event put on a bus, a stream record, a
 * message published or sent) and how the world behaves during it, as the
 * APIs take them.
 */
import type { RoutingModelOptions } from '../routing';
import type { ImageFormat } from './dynamodb-json';
import type { SnsMessageAttribute, SqsMessageAttribute } from './payloads';
import type { ObjectCreatedInput } from './s3-events';

/** A PutEvents entry, as the API takes it. */
export interface PutEventsEntry {
  /** The source of the event, e.g. `orders.service`. Required: the simulator throws without one, as PutEvents fails the entry. */
  readonly Source: string;
  /** Free-form text that, with `Source`, says what fields `Detail` holds. Required, as for PutEvents. */
  readonly DetailType: string;
  /** A JSON object, or its text. */
  readonly Detail: Record<string, unknown> | string;
  /** ARNs of the resources the event concerns (the event's `resources`). @default [] */
  readonly Resources?: readonly string[];
  /** @default the simulation's `time` */
  readonly Time?: string | Date;
}

/** Put an event on a bus. */
export interface PutEventsInput {
  /** Discriminates the simulation inputs. */
  readonly kind: 'putEvents';
  /** The bus: name, construct path (or fragment), address or ARN; `default` for the account's default bus. */
  readonly bus: string;
  /** The one entry put (PutEvents takes up to 10; simulate them one at a time). */
  readonly entry: PutEventsEntry;
}

/**
 * Write an item to a table and see its stream record. Images and keys are
 * DynamoDB JSON (`{ "total": { "N": "42" } }`) or plain objects
 * (`{ total: 42 }`), which are converted as the SDK's `marshall` does;
 * `format` says which when detection is not wanted.
 */
export interface StreamRecordInput {
  /** Discriminates the simulation inputs. */
  readonly kind: 'streamRecord';
  /** The table: name, construct path (or fragment), address or ARN. */
  readonly table: string;
  /** The change: `INSERT` (new item), `MODIFY` (changed item) or `REMOVE` (deleted item). */
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The item after the change; required unless `eventName` is `REMOVE`. Left out of the record when the view type has no new image. @default none */
  readonly newImage?: Record<string, unknown>;
  /** The item before the change. Left out of the record on `INSERT` and when the view type has no old image. @default none */
  readonly oldImage?: Record<string, unknown>;
  /** @default the table's `hash_key` and `range_key` read from the new (else old) image */
  readonly keys?: Record<string, unknown>;
  /** @default 'auto' (DynamoDB JSON when every attribute is a well-formed DynamoDB JSON value) */
  readonly format?: ImageFormat;
}

/** An SNS message attribute: a string (`String`), number (`Number`), string array (`String.Array`), or as SNS writes it. */
export type PublishAttribute = string | number | readonly string[] | SnsMessageAttribute;

/** Publish a message on a topic. */
export interface PublishInput {
  /** Discriminates the simulation inputs. */
  readonly kind: 'publish';
  /** The topic: name, construct path (or fragment), address or ARN. */
  readonly topic: string;
  /** Text, or an object sent as its JSON. */
  readonly message: string | Record<string, unknown>;
  /** Message attributes, by name; what `MessageAttributes` filter policies match. @default none */
  readonly attributes?: Readonly<Record<string, PublishAttribute>>;
  /** The subject, copied into the notification's `Subject`. @default none */
  readonly subject?: string;
  /** FIFO topics. @default 'default' */
  readonly messageGroupId?: string;
  /** FIFO topics. @default the message id */
  readonly messageDeduplicationId?: string;
}

/** An SQS message attribute: a string (`String`), number (`Number`), or as SQS writes it. */
export type MessageAttribute = string | number | SqsMessageAttribute;

/** Send a message to a queue. */
export interface SendMessageInput {
  /** Discriminates the simulation inputs. */
  readonly kind: 'sendMessage';
  /** The queue: name, construct path (or fragment), address, ARN or URL. */
  readonly queue: string;
  /** Text, or an object sent as its JSON. */
  readonly body: string | Record<string, unknown>;
  /** Message attributes, by name. @default none */
  readonly attributes?: Readonly<Record<string, MessageAttribute>>;
  /** FIFO queues. @default 'default' */
  readonly messageGroupId?: string;
}

/** A producer puts a record on a Kinesis stream (`PutRecord`). */
export interface PutRecordInput {
  /** Discriminates the simulation inputs. */
  readonly kind: 'putRecord';
  /** The stream: name, construct path (or fragment), address or ARN. */
  readonly stream: string;
  /** The record's data: text as is, anything else as JSON. */
  readonly data: unknown;
  /** The partition key (Kinesis limit: 1–256 characters). */
  readonly partitionKey: string;
}

/** What can start a simulation. */
export type SimulationInput = PutEventsInput | StreamRecordInput | PublishInput | SendMessageInput | PutRecordInput | ObjectCreatedInput;

/** How the world behaves during a simulation. */
export interface SimulationOptions extends RoutingModelOptions {
  /** When everything happens. @default '2024-01-01T00:00:00Z' */
  readonly time?: string | Date;
  /** Makes the ids of events, messages and records. @default counter UUIDs `00000000-0000-4000-8000-000000000001`, `...2`, ... */
  readonly ids?: () => string;
  /**
   * Consumers that fail: function, event source mapping or pipe, or a queue
   * or table meaning every consumer that reads it (any reference
   * `RoutingModel.find` reads: name, ARN, construct path, address) → how many invocations fail in a row
   * before one succeeds (`Infinity`: every one). SQS sources then redrive to
   * the DLQ after `maxReceiveCount` receives; stream sources retry up to
   * `maximum_retry_attempts` then use the on-failure destination;
   * asynchronous invocations retry twice (or as configured), then go to the
   * function's DLQ or on-failure destination.
   * @default {} (nothing fails)
   */
  readonly consumerFailures?: Readonly<Record<string, number>>;
  /**
   * Deliveries that fail (a queue whose key denies the service, a missing
   * permission): rule target, subscription, pipe, or the endpoint they
   * deliver to → how many attempts fail in a row. Rule targets retry up to
   * `retry_policy.maximum_retry_attempts` (185), then use the target's DLQ;
   * subscriptions retry as SNS does (100,015 times for SQS and Lambda), then
   * use the subscription's redrive DLQ; pipes retry to `maximum_retry_attempts`.
   * @default {} (nothing fails)
   */
  readonly deliveryFailures?: Readonly<Record<string, number>>;
  /**
   * What each pipe enrichment function does: function reference (name, ARN,
   * construct path) → the function's logic, called with the batch (here one
   * record) as AWS sends it, returning the events to send on (fewer drops
   * records). A pipe with an enrichment and no entry here throws, since its
   * output cannot be guessed. @default {}
   */
  readonly enrichments?: Readonly<Record<string, (events: unknown[]) => unknown[]>>;
  /** Nesting beyond which a trace stops (a bus feeding itself loops forever on AWS too). @default 40 */
  readonly maxDepth?: number;
  /**
   * Evaluate, at every hop, the policies AWS evaluates (resource, key and
   * identity policies, with the request context of each service call): a
   * refused call is a failed delivery, recorded as a `denied` hop, and the
   * event goes on as AWS goes on (to the DLQ, or dropped). Set `false` to
   * simulate matching only.
   * @default true
   */
  readonly authorize?: boolean;
}

/** An SNS message attribute as SNS writes it. */
export function snsAttribute(v: PublishAttribute): SnsMessageAttribute {
  if (typeof v === 'string') return { Type: 'String', Value: v };
  if (typeof v === 'number') return { Type: 'Number', Value: String(v) };
  if (Array.isArray(v)) return { Type: 'String.Array', Value: JSON.stringify(v) };
  return v as SnsMessageAttribute;
}

/** An SQS message attribute as SQS writes it. */
export function sqsAttribute(v: MessageAttribute): SqsMessageAttribute {
  return typeof v === 'string' ? { DataType: 'String', StringValue: v } : typeof v === 'number' ? { DataType: 'Number', StringValue: String(v) } : v;
}

export /** A PutEvents entry's `Time`; an unreadable one fails like PutEvents' validation, naming the value. */
function entryTime(value: string | Date): Date {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new Error(`PutEvents entry Time is not a date: ${String(value)}`);
  return time;
}
