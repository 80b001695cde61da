import {
  CompiledPattern,
  describeNode,
  EndpointNode,
  MappingNode,
  PipeNode,
  QueueNode,
  RoutingEdge,
  RoutingModel,
  RoutingNode,
  RoutingSource,
  RuleNode,
  SubscriptionNode,
  TargetNode,
  TopicNode,
} from './model';
import { renderTemplate } from './transform';
import { Authorizer } from './authorization';

/** Codes of {@link RoutingWarning}s. */
export type RoutingWarningCode =
  /** A filter (rule pattern, subscription filter policy, pipe or event source mapping filter) can never match what its source delivers. */
  | 'ROUTING_FILTER_NEVER_MATCHES'
  /** A pattern or filter policy AWS would refuse (not JSON, bad syntax): it matches nothing. */
  | 'ROUTING_INVALID_FILTER'
  /** Routes lead to a queue or topic, but none of them can deliver (disabled, stopped, never matching). */
  | 'ROUTING_UNREACHABLE_ENDPOINT'
  /** A queue nothing in the stack sends to and nothing consumes. */
  | 'ROUTING_ORPHAN_QUEUE'
  /** Events stop here: a rule without targets, a topic without subscriptions. */
  | 'ROUTING_DEAD_END'
  /** A pipe or event source mapping reads the stream of a table whose stream is off. */
  | 'ROUTING_STREAM_DISABLED'
  /** Several consumers poll one queue: each message goes to only one of them. */
  | 'ROUTING_COMPETING_CONSUMERS'
  /** FIFO and standard resources joined where AWS refuses or reorders. */
  | 'ROUTING_FIFO_MISMATCH'
  /** A hop AWS would refuse: a resource, key or identity policy does not allow the call, with the request context that service sends. */
  | 'ROUTING_DENIED';

/** A problem in how events are routed, found without running anything. */
export interface RoutingWarning {
  /** What kind of problem it is (see {@link RoutingWarningCode}). */
  readonly code: RoutingWarningCode;
  /** Construct path of the resource at fault (its Terraform address when the JSON has no paths). */
  readonly resource: string;
  /** Terraform address of the resource at fault. */
  readonly address: string;
  /** What is wrong and why, in one or two sentences, naming the resource (`rule placed has no targets: …`). */
  readonly message: string;
}

/**
 * The keys a payload can have: `any` (unknown), `text` (not a JSON object), `string` (a field that
 * is always a JSON string), or known keys with their own shapes.
 */
type Shape = 'any' | 'text' | 'string' | { readonly [key: string]: Shape };

const keys = (...names: string[]): Shape => Object.fromEntries(names.map((n) => [n, 'any' as Shape]));
/** Top-level fields of every EventBridge event. */
const EVENT_SHAPE = keys('version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail', 'replay-name');
/** Fields of the SNS notification JSON delivered to SQS without raw delivery. */
const SNS_ENVELOPE_SHAPE = keys(
  'Type',
  'MessageId',
  'SequenceNumber',
  'TopicArn',
  'Subject',
  'Message',
  'Timestamp',
  'SignatureVersion',
  'Signature',
  'SigningCertURL',
  'UnsubscribeURL',
  'MessageAttributes',
);

function streamRecordShape(viewType: string | undefined): Shape {
  const view = viewType ?? 'NEW_AND_OLD_IMAGES';
  const dynamodb: Record<string, Shape> = keys('ApproximateCreationDateTime', 'Keys', 'SequenceNumber', 'SizeBytes', 'StreamViewType') as Record<string, Shape>;
  if (view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES') dynamodb.NewImage = 'any';
  if (view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES') dynamodb.OldImage = 'any';
  return { ...(keys('eventID', 'eventName', 'eventVersion', 'eventSource', 'awsRegion', 'eventSourceARN', 'userIdentity') as object), dynamodb };
}

function sqsRecordShape(body: Shape): Shape {
  return {
    ...(keys('messageId', 'receiptHandle', 'attributes', 'messageAttributes', 'md5OfBody', 'md5OfMessageAttributes', 'eventSource', 'eventSourceARN', 'awsRegion') as object),
    body,
  };
}

/** The shape of a JSON document whose placeholders are unknown (`null`); its strings are `string` fields. */
function shapeOfJson(text: string): Shape {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'text';
  }
  const of = (v: unknown): Shape =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, c]) => [k, of(c)])) : typeof v === 'string' ? 'string' : 'any';
  // A template that is one placeholder (`<$.detail>`) gives whatever it reads.
  if (value === null) return 'any';
  return value && typeof value === 'object' && !Array.isArray(value) ? of(value) : 'text';
}

/** DynamoDB JSON keeps numbers (`N`), strings (`S`) and binary (`B`) as JSON strings. */
const DYNAMODB_STRING_VALUE = /^\$\.dynamodb\.(NewImage|OldImage|Keys)\.[^.]+\.(N|S|B)$/;

/**
 * The shape a template produces. A placeholder inside a JSON string always gives a string; outside
 * one, a DynamoDB `N`/`S`/`B` value of a stream record (`streamRecord`) is a JSON string too (a pipe
 * template copies values, it does not convert them); every other placeholder is unknown.
 */
function shapeOfTemplate(template: string, streamRecord = false): Shape {
  return shapeOfJson(renderTemplate(template, (name) => ({ found: true, value: streamRecord && DYNAMODB_STRING_VALUE.test(name) ? '' : null })).text);
}

function union(shapes: Shape[]): Shape {
  if (shapes.length === 0 || shapes.includes('any')) return 'any';
  if (shapes.every((s) => s === 'string')) return 'string';
  if (shapes.includes('string')) return 'any';
  const objects = shapes.filter((s): s is Exclude<Shape, string> => typeof s === 'object');
  if (objects.length === 0) return 'text';
  const merged: Record<string, Shape[]> = {};
  for (const o of objects) for (const [k, v] of Object.entries(o)) (merged[k] ??= []).push(v);
  return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, union(v)]));
}

/**
 * The first field a pattern requires that the shape cannot have, as a path;
 * undefined when the pattern may match. Only `{"exists": false}` matches a
 * missing field, in EventBridge patterns and SNS policies alike.
 */
function absentField(pattern: unknown, shape: Shape, path: string[] = []): string[] | undefined {
  if (shape === 'any' || !pattern || typeof pattern !== 'object' || Array.isArray(pattern)) return undefined;
  for (const [key, value] of Object.entries(pattern as Record<string, unknown>)) {
    if (key === '$or' && Array.isArray(value)) {
      const misses = value.map((alt) => absentField(alt, shape, path));
      if (misses.length > 0 && misses.every((m) => m !== undefined)) return misses[0];
      continue;
    }
    const child = typeof shape === 'string' ? undefined : shape[key];
    if (child === undefined) {
      const allowsMissing = Array.isArray(value) && value.some((v) => v && typeof v === 'object' && (v as Record<string, unknown>).exists === false);
      if (!allowsMissing) return [...path, key];
      continue;
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const miss = absentField(value, child, [...path, key]);
      if (miss) return miss;
    }
  }
  return undefined;
}

/**
 * The first field a pattern matches only as a number or boolean (numeric ranges, number or
 * true/false values) where the shape always holds a string: EventBridge and SNS compare types, so
 * `{"numeric": [">=", 1000]}` never matches `"5000"`. Undefined when there is none.
 */
function stringOnlyField(pattern: unknown, shape: Shape, path: string[] = []): string[] | undefined {
  if (typeof shape !== 'object' || !pattern || typeof pattern !== 'object' || Array.isArray(pattern)) return undefined;
  for (const [key, value] of Object.entries(pattern as Record<string, unknown>)) {
    if (key === '$or' && Array.isArray(value)) {
      const hits = value.map((alt) => stringOnlyField(alt, shape, path));
      if (hits.length > 0 && hits.every((h) => h !== undefined)) return hits[0];
      continue;
    }
    const child = shape[key];
    if (child === 'string' && Array.isArray(value) && value.length > 0 && value.every(isNumberOrBooleanMatcher)) return [...path, key];
    if (child !== undefined && value && typeof value === 'object' && !Array.isArray(value)) {
      const hit = stringOnlyField(value, child, [...path, key]);
      if (hit) return hit;
    }
  }
  return undefined;
}

function isNumberOrBooleanMatcher(m: unknown): boolean {
  if (typeof m === 'number' || typeof m === 'boolean') return true;
  return !!m && typeof m === 'object' && !Array.isArray(m) && Object.keys(m).length === 1 && 'numeric' in m;
}

/** Why a pattern can never match a payload of this shape (`what` names the payload), or undefined. */
function neverMatches(pattern: unknown, shape: Shape, what: string): string | undefined {
  const missing = absentField(pattern, shape);
  if (missing) return `requires ${describeMissing(missing, shape, what)}`;
  const text = stringOnlyField(pattern, shape);
  return text ? stringReason(text, what) : undefined;
}

function stringReason(field: string[], what: string): string {
  return `matches "${field.join('.')}" only as a number or boolean, but every ${what} holds it as a string (a pipe input template copies DynamoDB values as strings: convert them in an enrichment, or match strings)`;
}

/**
 * Finds routing problems in a stack without running it: filters that can
 * never match what their source delivers (notably a `MessageAttributes`
 * filter behind EventBridge, which publishes no attributes), endpoints no
 * route can reach, queues with neither producer nor consumer, dead ends,
 * streams that are off, competing consumers and FIFO mismatches.
 */
export function analyzeRouting(source: RoutingSource): RoutingWarning[] {
  return new Analysis(RoutingModel.from(source)).run();
}

class Analysis {
  private readonly warnings: RoutingWarning[] = [];
  private readonly incoming = new Map<RoutingNode, RoutingEdge[]>();
  private readonly bodyShapes = new Map<RoutingNode, Shape>();
  private readonly deadSubscriptions = new Set<SubscriptionNode>();
  private readonly deadConsumers = new Set<MappingNode | PipeNode>();
  private readonly deadRules = new Set<RuleNode>();

  constructor(private readonly model: RoutingModel) {
    for (const e of model.edges()) {
      const list = this.incoming.get(e.to) ?? [];
      list.push(e);
      this.incoming.set(e.to, list);
    }
  }

  run(): RoutingWarning[] {
    for (const rule of this.model.ofKind('rule')) {
      if (rule.pattern?.error) this.warn('ROUTING_INVALID_FILTER', rule, `rule ${rule.name}: event_pattern is invalid (${rule.pattern.error}): the rule matches nothing`);
      else if (rule.pattern) this.ruleOnPipeEvents(rule);
      if (rule.targets.length === 0 && rule.enabled) this.warn('ROUTING_DEAD_END', rule, `rule ${rule.name} has no targets: the events it matches go nowhere`);
    }
    for (const topic of this.model.ofKind('topic')) {
      if (topic.subscriptions.length === 0) this.warn('ROUTING_DEAD_END', topic, `topic ${topic.name} has no subscriptions: messages published to it go nowhere`);
      for (const sub of topic.subscriptions) this.subscription(topic, sub);
    }
    for (const node of [...this.model.ofKind('pipe'), ...this.model.ofKind('mapping')]) this.consumer(node);
    for (const queue of this.model.ofKind('queue')) this.queue(queue);
    for (const topic of this.model.ofKind('topic')) this.reachable(topic);
    for (const { via, hop, denial } of Authorizer.of(this.model).deniedHops()) {
      this.warn('ROUTING_DENIED', via, `${hop} denied: ${denial.call}: ${denial.reason}`);
    }
    return this.warnings;
  }

  private warn(code: RoutingWarningCode, node: Pick<RoutingNode, 'address' | 'path'>, message: string): void {
    this.warnings.push({ code, resource: node.path ?? node.address, address: node.address, message });
  }

  private producers(node: RoutingNode): RoutingEdge[] {
    return this.incoming.get(node) ?? [];
  }

  /** What a queue's or topic's messages look like, from every route into it; `any` when something outside the stack may send. */
  private bodyShape(node: RoutingNode, seen = new Set<RoutingNode>()): Shape {
    const cached = this.bodyShapes.get(node);
    if (cached) return cached;
    const edges = this.producers(node);
    if (edges.length === 0 || seen.has(node)) return 'any';
    seen.add(node);
    const shape = union(edges.map((e) => this.edgeShape(e, seen)));
    this.bodyShapes.set(node, shape);
    return shape;
  }

  private edgeShape(edge: RoutingEdge, seen: Set<RoutingNode>): Shape {
    if (edge.kind === 'deadLetter') return 'any';
    const via = edge.via ?? edge.from;
    switch (via.kind) {
      case 'target':
        return targetShape(via);
      case 'subscription':
        return via.rawMessageDelivery ? this.bodyShape(via.topic, seen) : SNS_ENVELOPE_SHAPE;
      case 'pipe':
        return pipeOutputShape(via);
      default:
        return 'any';
    }
  }

  /**
   * What the events a rule matches look like when its pattern names only sources that the stack's
   * pipes put on its bus (`source` set to a fixed value); undefined otherwise, since applications
   * may put any event on a bus and the stack does not show them.
   */
  private pipeEventShape(rule: RuleNode): Shape | undefined {
    const sources = (rule.pattern?.pattern as Record<string, unknown> | undefined)?.source;
    if (!Array.isArray(sources) || sources.length === 0 || !sources.every((v): v is string => typeof v === 'string')) return undefined;
    const pipes = this.producers(rule.bus)
      .map((e) => e.via ?? e.from)
      .filter((n): n is PipeNode => n.kind === 'pipe' && sources.includes(n.eventBusParameters?.source ?? ''));
    const covered = new Set(pipes.map((p) => p.eventBusParameters?.source));
    if (!sources.every((v) => covered.has(v))) return undefined;
    return union(pipes.map((p) => ({ ...(EVENT_SHAPE as object), detail: pipeOutputShape(p) })));
  }

  private ruleOnPipeEvents(rule: RuleNode): void {
    const shape = this.pipeEventShape(rule);
    const field = shape && stringOnlyField(rule.pattern?.pattern, shape);
    if (!field) return;
    this.warn('ROUTING_FILTER_NEVER_MATCHES', rule, `rule ${rule.name}: event_pattern ${stringReason(field, `event the stack's pipes put on bus ${rule.bus.name}`)}: the rule never matches`);
    this.deadRules.add(rule);
  }

  /** True when every route into the topic is EventBridge or Pipes, which publish without message attributes. */
  private publishedWithoutAttributes(topic: TopicNode): boolean {
    const edges = this.producers(topic);
    return edges.length > 0 && edges.every((e) => e.kind === 'route' && ['target', 'pipe'].includes((e.via ?? e.from).kind));
  }

  private subscription(topic: TopicNode, sub: SubscriptionNode): void {
    if (sub.filterPolicyError) {
      this.warn('ROUTING_INVALID_FILTER', sub, `subscription ${sub.name}: filter_policy is invalid (${sub.filterPolicyError}): the subscription admits nothing`);
      this.deadSubscriptions.add(sub);
    } else if (sub.filterPolicy && sub.filterPolicyScope === 'MessageAttributes' && this.publishedWithoutAttributes(topic)) {
      // SNS matches no attribute filter, not even {"exists": false}, on a message without attributes.
      this.warn(
        'ROUTING_FILTER_NEVER_MATCHES',
        sub,
        `subscription ${sub.name}: filter_policy has scope MessageAttributes, but topic ${topic.name} is only published to by EventBridge or Pipes, which send no message attributes: it never matches. Set filter_policy_scope = "MessageBody" and filter on the event's fields`,
      );
      this.deadSubscriptions.add(sub);
    } else if (sub.filterPolicy && sub.filterPolicyScope === 'MessageBody') {
      const why = neverMatches(sub.filterPolicy, this.bodyShape(topic), `message published to topic ${topic.name}`);
      if (why) {
        this.warn('ROUTING_FILTER_NEVER_MATCHES', sub, `subscription ${sub.name}: filter_policy ${why}: it never matches`);
        this.deadSubscriptions.add(sub);
      }
    }
    if (topic.fifo && sub.protocol !== 'sqs') {
      this.warn('ROUTING_FIFO_MISMATCH', sub, `subscription ${sub.name}: FIFO topic ${topic.name} delivers only to SQS queues, not to protocol ${sub.protocol}`);
    }
    if (!topic.fifo && sub.endpoint.kind === 'queue' && sub.endpoint.fifo) {
      this.warn('ROUTING_FIFO_MISMATCH', sub, `subscription ${sub.name}: standard topic ${topic.name} cannot deliver to FIFO queue ${sub.endpoint.name}`);
    }
  }

  private consumer(node: PipeNode | MappingNode): void {
    const source = node.source;
    const invalid = node.filters.filter((f) => f.error);
    for (const f of invalid) this.warn('ROUTING_INVALID_FILTER', node, `${consumerKind(node)} ${node.name}: filter pattern is invalid (${f.error}): it matches nothing`);
    if (source.kind === 'table' && !source.streamEnabled) {
      this.warn('ROUTING_STREAM_DISABLED', node, `${consumerKind(node)} ${node.name} reads table ${source.name}, which has no stream enabled: it receives nothing`);
      this.deadConsumers.add(node);
      return;
    }
    const shape: Shape =
      source.kind === 'table' ? streamRecordShape(source.streamViewType) : source.kind === 'queue' ? sqsRecordShape(this.bodyShape(source)) : 'any';
    const valid = node.filters.filter((f) => !f.error);
    const misses = valid.map((f) => neverMatches(f.pattern, shape, `record from ${source.kind} ${source.name}`));
    if (node.filters.length > 0 && (valid.length === 0 || misses.every((m) => m !== undefined))) {
      this.deadConsumers.add(node);
      if (valid.length > 0) this.warn('ROUTING_FILTER_NEVER_MATCHES', node, `${consumerKind(node)} ${node.name}: filter ${misses[0]}: it never matches`);
    }
    if (node.kind === 'pipe' && node.target.kind === 'topic' && node.target.fifo) {
      this.warn('ROUTING_FIFO_MISMATCH', node, `pipe ${node.name} targets FIFO topic ${node.target.name}, which pipes cannot target`);
    }
  }

  private queue(queue: QueueNode): void {
    const producers = this.producers(queue);
    if (producers.length === 0 && queue.consumers.length === 0) {
      this.warn('ROUTING_ORPHAN_QUEUE', queue, `queue ${queue.name} has no producer and no consumer in the stack`);
    }
    if (queue.consumers.length > 1) {
      this.warn(
        'ROUTING_COMPETING_CONSUMERS',
        queue,
        `queue ${queue.name} has ${queue.consumers.length} consumers (${queue.consumers.map((c) => c.name).join(', ')}): each message goes to one of them only; fan out with a topic instead`,
      );
    }
    const dlq = queue.redrive?.deadLetterQueue;
    if (dlq?.kind === 'queue' && dlq.fifo !== queue.fifo) {
      this.warn('ROUTING_FIFO_MISMATCH', queue, `${queue.fifo ? 'FIFO' : 'standard'} queue ${queue.name} redrives to ${dlq.fifo ? 'FIFO' : 'standard'} queue ${dlq.name}: a DLQ must be of the same type`);
    }
    this.reachable(queue);
  }

  /** Flags an endpoint whose every route is dead. */
  private reachable(node: EndpointNode): void {
    const edges = this.producers(node);
    if (edges.length === 0 || edges.some((e) => this.live(e))) return;
    const why = edges.map((e) => `${describeNode(e.via ?? e.from)}: ${this.deadReason(e)}`).join('; ');
    this.warn('ROUTING_UNREACHABLE_ENDPOINT', node, `no route can deliver to ${node.kind} ${node.name} (${why})`);
  }

  private live(edge: RoutingEdge): boolean {
    return this.deadReason(edge) === undefined;
  }

  private deadReason(edge: RoutingEdge): string | undefined {
    if (edge.kind === 'deadLetter') return undefined;
    const via = edge.via ?? edge.from;
    switch (via.kind) {
      case 'target':
        return this.deadRules.has(via.rule) ? 'pattern never matches' : ruleDeadReason(via.rule.enabled, via.rule.pattern);
      case 'subscription':
        return this.deadSubscriptions.has(via) ? 'filter never matches' : undefined;
      case 'pipe':
        return !via.running ? 'desired_state STOPPED' : this.deadConsumers.has(via) ? 'receives nothing' : undefined;
      case 'mapping':
        return !via.enabled ? 'disabled' : this.deadConsumers.has(via) ? 'receives nothing' : undefined;
      default:
        return undefined;
    }
  }
}

/** How a message calls a stream or queue consumer. */
function consumerKind(node: PipeNode | MappingNode): string {
  return node.kind === 'pipe' ? 'pipe' : 'event source mapping';
}

function ruleDeadReason(enabled: boolean, pattern: CompiledPattern | undefined): string | undefined {
  if (!enabled) return 'rule disabled';
  if (pattern?.error) return 'pattern invalid';
  return undefined;
}

/** What a pipe sends its target: the template's output, else the record (unknown after an enrichment). */
function pipeOutputShape(pipe: PipeNode): Shape {
  const fromStream = pipe.source.kind === 'table' && pipe.enrichment === undefined;
  if (pipe.inputTemplate !== undefined) return shapeOfTemplate(pipe.inputTemplate, fromStream);
  return fromStream && pipe.source.kind === 'table' ? streamRecordShape(pipe.source.streamViewType) : 'any';
}

function targetShape(t: TargetNode): Shape {
  if (t.input !== undefined) return shapeOfJson(t.input);
  if (t.inputTransformer) return shapeOfTemplate(t.inputTransformer.inputTemplate);
  if (t.inputPath !== undefined) return t.inputPath === '$' ? EVENT_SHAPE : 'any';
  return EVENT_SHAPE;
}

/** `"a.b", which no X has (fields of a: ...)`: the missing field and what its parent can hold. */
function describeMissing(missing: string[], shape: Shape, what: string): string {
  let parent = shape;
  for (const key of missing.slice(0, -1)) parent = typeof parent === 'object' ? (parent[key] ?? 'any') : parent;
  const where = missing.length > 1 ? ` of ${missing.slice(0, -1).join('.')}` : '';
  const fields = parent === 'text' ? ' (they are not JSON objects)' : typeof parent === 'object' ? ` (fields${where}: ${Object.keys(parent).join(', ')})` : '';
  return `"${missing.join('.')}", which no ${what} has${fields}`;
}
