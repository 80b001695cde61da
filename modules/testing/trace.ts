import type { NodeBase } from '../routing/model';
import type { SimulationInput } from './inputs';
import type { DynamoDbStreamRecord, EventBridgeEvent, SnsNotification, SqsMessage } from './payloads';
import type { KinesisStreamRecord } from './kinesis';

/**
 * A node of the routing model, as a trace names it: the node's identity
 * (kind, Terraform address and type, AWS name, construct path, ARN, and
 * `unresolved` when not known at synth) as plain data, safe to print and compare.
 */
export type ResourceRef = Pick<NodeBase, 'kind' | 'address' | 'type' | 'name' | 'path' | 'arn' | 'unresolved'>;

interface HopBase {
  /** Nesting level in the trace tree (0 for the input). */
  readonly depth: number;
  /** The resource the hop happened at. */
  readonly resource: ResourceRef;
}

/** A bus received an event (from PutEvents, a rule target or a pipe). */
export interface EventHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'event';
  /** The event as the bus received it. */
  readonly event: EventBridgeEvent;
}

/** A rule was evaluated against an event. */
export interface RuleHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'rule';
  /** Whether the rule's pattern matched the event (always `false` when `reason` is set). */
  readonly matched: boolean;
  /** The event pattern (JSON text). */
  readonly pattern?: string;
  /** Why a rule cannot match (disabled, schedule only, unreadable pattern). */
  readonly reason?: string;
}

/** A rule target delivered (or failed to deliver) its input to an endpoint. */
export interface TargetHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'target';
  /** The target's endpoint: the queue, topic, function, bus or outside resource. */
  readonly endpoint: ResourceRef;
  /** The text sent: the event, or what `input`, `input_path` or the input transformer made of it. */
  readonly input: string;
  /** Input-transformer variables whose path matched nothing (left out of the output). */
  readonly missing: readonly string[];
  /** Delivery attempts made: 1 plus the failures before success, or `maximum_retry_attempts` + 1 when every one failed. */
  readonly attempts: number;
  /** Whether an attempt succeeded; if none did, the event went to the target's DLQ or was dropped. */
  readonly delivered: boolean;
}

/** A topic received a message. */
export interface PublishHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'publish';
  /** The notification as SNS sends it to non-raw subscribers. */
  readonly notification: SnsNotification;
  /** True when the topic received the message as a dead letter (a topic as failure destination). */
  readonly deadLetter: boolean;
}

/** A subscription's filter policy was evaluated against a message. */
export interface SubscriptionHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'subscription';
  /** The subscription's endpoint: the queue, function or outside endpoint. */
  readonly endpoint: ResourceRef;
  /** Whether the filter policy let the message through (`true` when there is none). */
  readonly admitted: boolean;
  /** The filter policy (JSON text), when the subscription has one. */
  readonly filterPolicy?: string;
  /** What the filter policy matched: the message attributes (SNS's default) or the JSON body. */
  readonly filterPolicyScope: 'MessageAttributes' | 'MessageBody';
  /** Why the subscription cannot admit the message (an invalid filter policy). */
  readonly reason?: string;
}

/** A queue received a message. */
export interface MessageHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'message';
  /** The message as ReceiveMessage would return it. */
  readonly message: SqsMessage;
  /** True when the queue received it as a dead letter (redrive, or a DLQ or failure destination). */
  readonly deadLetter: boolean;
}

/** A pipe's or event source mapping's filter criteria were evaluated. */
export interface FilterHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'filter';
  /** Whether any filter matched the record; one that matches none is dropped (deleted, for an SQS source). */
  readonly matched: boolean;
  /** The filter patterns (JSON text), in order. */
  readonly patterns: readonly string[];
}

/** A function was invoked with an event. */
export interface InvokeHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'invoke';
  /** The Lambda event. */
  readonly event: unknown;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Whether this invocation succeeded (see `SimulationOptions.consumerFailures`). */
  readonly succeeded: boolean;
  /** The event source mapping, target or subscription that invoked it. */
  readonly via?: ResourceRef;
  /** True when the function was invoked as a failure destination. */
  readonly deadLetter: boolean;
}

/** A table's stream emitted a record. */
export interface RecordHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'record';
  /** The stream record, as pipes and event source mappings receive it. */
  readonly record: DynamoDbStreamRecord;
}

/** A Kinesis stream took a record (from PutRecord or a rule target); each of its readers gets it. */
export interface KinesisRecordHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'kinesis';
  /** The record, as the stream's Lambda readers receive it (data base64-encoded). */
  readonly record: KinesisStreamRecord;
}

/** A bucket emitted an object event (an `objectCreated` input). */
export interface ObjectHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'object';
  /** The event, as notification records name it (`ObjectCreated:Put`). */
  readonly eventName: string;
  /** The object key. */
  readonly key: string;
}

/** One of a bucket's direct notifications was evaluated against an object event. */
export interface NotificationHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'notification';
  /** The notification configuration's ID. */
  readonly id: string;
  /** The queue, topic or function it notifies. */
  readonly endpoint: ResourceRef;
  /** Whether its event types and key filters match the event. */
  readonly matched: boolean;
  /** Its event types and filters, e.g. `s3:ObjectCreated:* prefix invoices/`. */
  readonly filter: string;
}

/** A pipe delivered (or failed to deliver) to its target. */
export interface PipeHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'pipe';
  /** The pipe's target. */
  readonly endpoint: ResourceRef;
  /** What the pipe sends its target (a PutEvents entry for a bus). */
  readonly payload: unknown;
  /** The attempt this hop records (1 for the first); each retry is a hop of its own. */
  readonly attempts: number;
  /** Whether this attempt reached the target. */
  readonly delivered: boolean;
  /** Why the attempt failed: a simulated failure, or a dynamic path or template that matched nothing. */
  readonly reason?: string;
}

/** Something failed for good and was sent to a dead-letter queue or failure destination. */
export interface DeadLetterHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'deadLetter';
  /** The dead-letter queue or failure destination. */
  readonly endpoint: ResourceRef;
  /** Why: the retries or receives exhausted, and the setting that sent it there. */
  readonly reason: string;
}

/** AWS refused a call of the hop: the policy, statement and condition that refused it (see `cdktf-eda` authorization). */
export interface DeniedHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'denied';
  /** Where the refused call was going. */
  readonly endpoint: ResourceRef;
  /** The call refused: `sns.amazonaws.com sqs:SendMessage on queue orders-billing`. */
  readonly call: string;
  /** The policy, the statement and the failed condition, or the missing statement. */
  readonly reason: string;
  /** The policy that decided. */
  readonly policy?: string;
  /** The statement that denied or nearly allowed (`Sid "…"` or `statement n`). */
  readonly statement?: string;
}

/** The event stopped here: filtered out, retries exhausted with no DLQ, nobody consuming, expired. */
export interface DroppedHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'dropped';
  /** Why the event stopped, worded as AWS behaves (e.g. `no dead_letter_config, so EventBridge drops the event`). */
  readonly reason: string;
}

/** An endpoint outside the stack (or of a kind not simulated) received a payload. */
export interface ExternalHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'external';
  /** What was sent: parsed JSON when the text is JSON, else the text (or the SNS notification object). */
  readonly payload: unknown;
  /** True when it was sent as a dead letter (an outside DLQ or failure destination). */
  readonly deadLetter: boolean;
}

/** A workflow received a StartExecution request: an execution starts with this input. */
export interface ExecutionHop extends HopBase {
  /** Discriminates the hop kinds. */
  readonly kind: 'execution';
  /** The execution input: the rule target's input, or a pipe's batch as a JSON array (even of one record). */
  readonly input: unknown;
  /** The rule target or pipe that started it. */
  readonly via: ResourceRef;
}

/** One step of a simulation. */
export type Hop =
  | EventHop
  | RuleHop
  | TargetHop
  | PublishHop
  | SubscriptionHop
  | MessageHop
  | FilterHop
  | InvokeHop
  | RecordHop
  | KinesisRecordHop
  | ObjectHop
  | NotificationHop
  | PipeHop
  | DeadLetterHop
  | DeniedHop
  | DroppedHop
  | ExecutionHop
  | ExternalHop;

/**
 * An endpoint that received a payload, and the payload as it received it:
 * - bus: the EventBridge event;
 * - topic: the SNS notification;
 * - queue: the SQS message (ReceiveMessage shape);
 * - function: the Lambda event;
 * - stream: the Kinesis record;
 * - external: the text or object sent.
 */
export interface Delivery {
  /** The endpoint that received the payload. */
  readonly endpoint: ResourceRef;
  /** The payload as the endpoint received it (see above, by kind). */
  readonly payload: unknown;
  /** True when it arrived as a dead letter (redrive, target/subscription/pipe DLQ, failure destination). */
  readonly deadLetter: boolean;
  /** The hop that recorded the delivery. */
  readonly hop: Hop;
}

/** What one simulated event did: every hop in order, and every delivery. */
export class Trace {
  /** Every endpoint that received a payload, in order. */
  readonly deliveries: readonly Delivery[];

  constructor(
    /** The simulated input. */
    readonly input: SimulationInput,
    /** Every hop, depth-first in the order AWS would perform them. */
    readonly hops: readonly Hop[],
    private readonly find: (ref: string) => readonly string[],
  ) {
    this.deliveries = hops.flatMap((hop): Delivery[] => {
      switch (hop.kind) {
        case 'event':
          return [{ endpoint: hop.resource, payload: hop.event, deadLetter: false, hop }];
        case 'publish':
          return [{ endpoint: hop.resource, payload: hop.notification, deadLetter: hop.deadLetter, hop }];
        case 'message':
          return [{ endpoint: hop.resource, payload: hop.message, deadLetter: hop.deadLetter, hop }];
        case 'invoke':
          return [{ endpoint: hop.resource, payload: hop.event, deadLetter: hop.deadLetter, hop }];
        case 'kinesis':
          return [{ endpoint: hop.resource, payload: hop.record, deadLetter: false, hop }];
        case 'external':
          return [{ endpoint: hop.resource, payload: hop.payload, deadLetter: hop.deadLetter, hop }];
        case 'execution':
          return [{ endpoint: hop.resource, payload: hop.input, deadLetter: false, hop }];
        default:
          return [];
      }
    });
  }

  /** The calls AWS would refuse on the way, in order. */
  get denials(): readonly DeniedHop[] {
    return this.hops.filter((h): h is DeniedHop => h.kind === 'denied');
  }

  /** The deliveries that arrived as dead letters. */
  get deadLetters(): readonly Delivery[] {
    return this.deliveries.filter((d) => d.deadLetter);
  }

  /**
   * The deliveries to the endpoints (bus, topic, queue, function, outside
   * ARN) a reference names best: address, AWS name, ARN, construct path, or
   * else a fragment of the path or name (see `RoutingModel.find`).
   */
  deliveriesTo(ref: string): readonly Delivery[] {
    const addresses = new Set(this.find(ref));
    return this.deliveries.filter((d) => addresses.has(d.endpoint.address));
  }

  /** The trace as an indented tree, one hop a line. */
  toString(): string {
    return this.hops.map((h) => `${'  '.repeat(h.depth)}${describeHop(h)}`).join('\n');
  }
}

/** `kind name (path)`. */
export function describeRef(ref: ResourceRef): string {
  if (ref.unresolved) return ref.unresolved;
  return `${ref.kind} ${ref.name}${ref.path ? ` (${ref.path})` : ''}`;
}

/** Shortens text for one-line messages. */
export function truncate(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function describeHop(h: Hop): string {
  const at = describeRef(h.resource);
  switch (h.kind) {
    case 'event':
      return `${at} received event ${h.event.source} / ${h.event['detail-type']}`;
    case 'rule':
      return `${h.matched ? '✓' : '✗'} ${at}${h.pattern ? ` ${truncate(h.pattern)}` : ''}${h.reason ? ` (${h.reason})` : ''}`;
    case 'target':
      return `→ target ${h.resource.name} to ${describeRef(h.endpoint)}: ${truncate(h.input)}${h.delivered ? '' : ` (failed ${h.attempts} attempts)`}${
        h.missing.length ? ` [no value for ${h.missing.join(', ')}]` : ''
      }`;
    case 'publish':
      return `${at} published ${truncate(h.notification.Message)}${h.deadLetter ? ' (dead letter)' : ''}`;
    case 'subscription':
      return `${h.admitted ? '✓' : '✗'} ${at} to ${describeRef(h.endpoint)}${h.filterPolicy ? ` [${h.filterPolicyScope}] ${truncate(h.filterPolicy)}` : ''}${
        h.reason ? ` (${h.reason})` : ''
      }`;
    case 'message':
      return `${at} received message ${truncate(h.message.Body)}${h.deadLetter ? ' (dead letter)' : ''}`;
    case 'filter':
      return `${h.matched ? '✓' : '✗'} filter of ${at}: ${truncate(h.patterns.join(' | '))}`;
    case 'invoke':
      return `${at} invoked${h.via ? ` by ${h.via.kind} ${h.via.name}` : ''} (attempt ${h.attempt}): ${h.succeeded ? 'succeeded' : 'failed'}${h.deadLetter ? ' (dead letter)' : ''}`;
    case 'record':
      return `${at} stream record ${h.record.eventName}`;
    case 'kinesis':
      return `${at} took record ${h.record.kinesis.sequenceNumber} (partition key ${truncate(h.record.kinesis.partitionKey)})`;
    case 'object':
      return `${at} ${h.eventName} ${h.key}`;
    case 'notification':
      return `${h.matched ? '✓' : '✗'} notification ${h.id} of ${at} to ${describeRef(h.endpoint)}: ${h.filter}`;
    case 'pipe':
      return `→ ${at} to ${describeRef(h.endpoint)}: ${truncate(JSON.stringify(h.payload))}${h.delivered ? '' : ` (failed${h.reason ? `: ${h.reason}` : ''})`}`;
    case 'deadLetter':
      return `✉ ${at} dead-letters to ${describeRef(h.endpoint)}: ${h.reason}`;
    case 'denied':
      return `⛔ denied at ${at}: ${h.call}: ${h.reason}`;
    case 'dropped':
      return `✗ dropped at ${at}: ${h.reason}`;
    case 'execution':
      return `${at} started an execution (by ${h.via.kind} ${h.via.name}) with input ${truncate(JSON.stringify(h.input))}`;
    case 'external':
      return `→ ${at} received ${truncate(typeof h.payload === 'string' ? h.payload : JSON.stringify(h.payload))}${h.deadLetter ? ' (dead letter)' : ''}`;
  }
}

/** Plain-data view of a node for traces. */
export function refOf(node: NodeBase): ResourceRef {
  return {
    kind: node.kind,
    address: node.address,
    type: node.type,
    name: node.name,
    ...(node.path ? { path: node.path } : {}),
    arn: node.arn,
    ...(node.unresolved ? { unresolved: node.unresolved } : {}),
  };
}
