import { createHash } from 'crypto';
import { TerraformStack } from 'cdktf';
import { referencesIn } from '../core/references';
import { TerraformModel, TerraformResource } from '../core/terraform-json';
import { block, blocks, bool, document, num, text } from '../core/values';
import { compileEventPattern, compileFilterPolicy, EventPattern, FilterPolicy, FilterPolicyScope, SnsMessage } from '../patterns';

/** What a routing model can be read from: a stack, its JSON (object or `cdk.tf.json` text), or an indexed model. */
export type RoutingSource = TerraformStack | TerraformModel | RoutingModel | string | Record<string, unknown>;

/** Where the simulated resources live; every ARN, URL and envelope uses these. */
export interface RoutingModelOptions {
  /** Account id in ARNs and envelopes. @default '123456789012' */
  readonly account?: string;
  /** Region in ARNs and envelopes. @default the `aws` provider's literal `region`, else 'us-east-1' */
  readonly region?: string;
}

/** The kinds of node in a routing model; targets, subscriptions and mappings are the resources that join them. */
export type NodeKind = 'bus' | 'rule' | 'target' | 'topic' | 'subscription' | 'queue' | 'function' | 'table' | 'pipe' | 'mapping' | 'external';

/** What every node has: where it is in Terraform, in the construct tree and in AWS. */
export interface NodeBase {
  /** What the node is (see {@link NodeKind}); each node type narrows it to one kind. */
  readonly kind: NodeKind;
  /** Terraform address (`aws_sqs_queue.x`); an ARN for an `external` node, `aws_cloudwatch_event_bus.<default>` for the default bus. */
  readonly address: string;
  /** Terraform type (`aws_sqs_queue`), or the ARN's service for an `external` node. */
  readonly type: string;
  /** Name in AWS (queue, topic, function, rule... name); the logical id when AWS names it. */
  readonly name: string;
  /** Construct path, when the JSON carries cdktf metadata. */
  readonly path?: string;
  /** ARN in the simulated account and region (a subscription's ARN for subscriptions). */
  readonly arn: string;
}

/** An EventBridge filter (rule pattern, pipe or event-source-mapping filter), compiled once. */
export interface CompiledPattern {
  /** The pattern as written (JSON text). */
  readonly text: string;
  /** The parsed pattern; undefined when the text is not valid JSON or the pattern cannot be evaluated (see `error`). */
  readonly pattern?: EventPattern;
  /** Why the pattern cannot be evaluated (not JSON, or syntax AWS refuses); such a pattern matches nothing. */
  readonly error?: string;
  /** Whether the pattern matches an event (or record), with EventBridge's matching semantics; always `false` when `error` is set. */
  readonly matches: (event: unknown) => boolean;
}

/** `aws_cloudwatch_event_bus`, or the account's `default` bus. */
export interface BusNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'bus';
  /** The rules on the bus, in the stack's order. */
  readonly rules: RuleNode[];
  /** True for the account's default bus, which no resource declares. */
  readonly implicit: boolean;
}

/** `aws_cloudwatch_event_rule`. */
export interface RuleNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'rule';
  /** The bus the rule is on (`event_bus_name`); the default bus when unset or not found. */
  readonly bus: BusNode;
  /** The event pattern; absent on schedule-only rules, which no event matches. */
  readonly pattern?: CompiledPattern;
  /** `schedule_expression`, e.g. `rate(5 minutes)`; the simulator does not run schedules. */
  readonly scheduleExpression?: string;
  /** `state` is `ENABLED` or `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` (or legacy `is_enabled` true). @default true */
  readonly enabled: boolean;
  /** The rule's targets, in the stack's order. */
  readonly targets: TargetNode[];
}

/** `aws_cloudwatch_event_target`. */
export interface TargetNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'target';
  /** The rule the target belongs to. */
  readonly rule: RuleNode;
  /** What `arn` names: a bus, topic, queue or function of the stack, else an external node. */
  readonly endpoint: EndpointNode;
  /** Constant JSON text sent instead of the event. */
  readonly input?: string;
  /** JSONPath of the part of the event sent. */
  readonly inputPath?: string;
  /** `input_transformer`: the text sent is built from the event. */
  readonly inputTransformer?: {
    /** `input_paths`: variable name → JSON path in the event. */
    readonly inputPaths: Record<string, string>;
    /** `input_template`, with `<name>` placeholders. */
    readonly inputTemplate: string;
  };
  /** `dead_letter_config.arn`: where EventBridge sends the event once retries are exhausted. */
  readonly deadLetterQueue?: EndpointNode;
  /** `retry_policy.maximum_retry_attempts`. @default 185 (EventBridge's default) */
  readonly maximumRetryAttempts: number;
  /** `retry_policy.maximum_event_age_in_seconds`. @default 86400 (24 h) */
  readonly maximumEventAgeInSeconds: number;
  /** `sqs_target.message_group_id`, for FIFO queue targets. */
  readonly messageGroupId?: string;
}

/** `aws_sns_topic`. */
export interface TopicNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'topic';
  /** `fifo_topic`. @default false */
  readonly fifo: boolean;
  /** The topic's subscriptions, in the stack's order. */
  readonly subscriptions: SubscriptionNode[];
}

/** `aws_sns_topic_subscription`. */
export interface SubscriptionNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'subscription';
  /** The topic subscribed to. */
  readonly topic: TopicNode;
  /** `protocol` (`sqs`, `lambda`, `https`, `email`, …). @default 'sqs' */
  readonly protocol: string;
  /** What `endpoint` names: a queue (`sqs`) or function (`lambda`) of the stack, else an external node. */
  readonly endpoint: EndpointNode;
  /** The parsed filter policy; absent without one, or when it is not JSON. */
  readonly filterPolicy?: FilterPolicy;
  /** The filter policy as written (JSON text); absent without one. */
  readonly filterPolicyText?: string;
  /** Why the filter policy cannot be evaluated (not JSON, or syntax SNS refuses); such a subscription admits nothing. */
  readonly filterPolicyError?: string;
  /** @default 'MessageAttributes' (SNS's default) */
  readonly filterPolicyScope: FilterPolicyScope;
  /** Whether the filter policy lets a message through: always with no policy, never with an unreadable one. */
  readonly admits: (message: SnsMessage) => boolean;
  /** @default false */
  readonly rawMessageDelivery: boolean;
  /** `redrive_policy.deadLetterTargetArn`. */
  readonly deadLetterQueue?: EndpointNode;
}

/** `aws_sqs_queue`. */
export interface QueueNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'queue';
  /** The queue URL in the simulated account and Region (`https://sqs.<region>.amazonaws.com/<account>/<name>`). */
  readonly url: string;
  /** `fifo_queue`. @default false */
  readonly fifo: boolean;
  /** From `aws_sqs_queue_redrive_policy` or the queue's inline `redrive_policy`. */
  readonly redrive?: {
    /** What `deadLetterTargetArn` names. */
    readonly deadLetterQueue: EndpointNode;
    /** Receives after which SQS moves a message to the DLQ. @default 10 when the policy does not say */
    readonly maxReceiveCount: number;
  };
  /** Event source mappings and pipes reading from the queue (they compete for each message). */
  readonly consumers: Array<MappingNode | PipeNode>;
  /** @default 30 */
  readonly visibilityTimeoutSeconds: number;
  /** @default 345600 (4 days) */
  readonly messageRetentionSeconds: number;
}

/** `aws_lambda_function`. */
export interface FunctionNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'function';
  /** `dead_letter_config.target_arn`: where failed asynchronous invocations go. */
  readonly deadLetterTarget?: EndpointNode;
  /** From `aws_lambda_function_event_invoke_config`. @default 2 (Lambda's default for asynchronous invocations) */
  readonly maximumRetryAttempts: number;
  /** `aws_lambda_function_event_invoke_config` on-failure destination. */
  readonly onFailure?: EndpointNode;
  /** @default 3 (seconds) */
  readonly timeout: number;
}

/** `aws_dynamodb_table`. */
export interface TableNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'table';
  /** `stream_enabled`. @default false */
  readonly streamEnabled: boolean;
  /** `KEYS_ONLY`, `NEW_IMAGE`, `OLD_IMAGE` or `NEW_AND_OLD_IMAGES`. */
  readonly streamViewType?: string;
  /** The stream ARN, `<table ARN>/stream/2024-01-01T00:00:00.000`: a fixed label keeps payloads deterministic. */
  readonly streamArn: string;
  /** `hash_key`: the partition key attribute. */
  readonly hashKey?: string;
  /** `range_key`: the sort key attribute, if the table has one. */
  readonly rangeKey?: string;
  /** Pipes and event source mappings reading the stream (each reads every record). */
  readonly consumers: Array<MappingNode | PipeNode>;
}

/** `aws_pipes_pipe`. */
export interface PipeNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'pipe';
  /** What `source` names: a table (its stream) or a queue of the stack, else an external node. */
  readonly source: EndpointNode;
  /** What `target` names: a bus, topic, queue or function of the stack, else an external node. */
  readonly target: EndpointNode;
  /** `source_parameters.filter_criteria.filter[].pattern`; a record passes when any matches. */
  readonly filters: CompiledPattern[];
  /** `desired_state` is not `STOPPED`. */
  readonly running: boolean;
  /** `enrichment`: the function that reshapes each batch before the target. */
  readonly enrichment?: EndpointNode;
  /** `target_parameters.input_template`, with `<$.path>` placeholders. */
  readonly inputTemplate?: string;
  /** `target_parameters.eventbridge_event_bus_parameters`: static values or `$.` JSON paths into the record. */
  readonly eventBusParameters?: {
    /** `source` of the event put. @default `Pipe <pipe name>` */
    readonly source?: string;
    /** `detail_type` of the event put. @default `Event from <source service>` (e.g. `aws:dynamodb`) */
    readonly detailType?: string;
    /** `resources` of the event put. @default [] */
    readonly resources?: string[];
    /** `time` of the event put. @default the simulation's time */
    readonly time?: string;
  };
  /** The stream source's `dead_letter_config.arn`. */
  readonly deadLetterQueue?: EndpointNode;
  /** Stream sources' `maximum_retry_attempts`; -1 retries until the record expires. @default -1 */
  readonly maximumRetryAttempts: number;
}

/** `aws_lambda_event_source_mapping`. */
export interface MappingNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'mapping';
  /** What `event_source_arn` names: a table (its stream) or a queue of the stack, else an external node. */
  readonly source: EndpointNode;
  /** What `function_name` names (through an alias if need be). */
  readonly function: EndpointNode;
  /** `filter_criteria.filter[].pattern`; a record passes when any matches. */
  readonly filters: CompiledPattern[];
  /** @default true */
  readonly enabled: boolean;
  /** `function_response_types` holds `ReportBatchItemFailures`. */
  readonly reportBatchItemFailures: boolean;
  /** Stream sources only; -1 retries until the record expires. @default -1 */
  readonly maximumRetryAttempts: number;
  /** `destination_config.on_failure.destination_arn` (stream sources). */
  readonly onFailure?: EndpointNode;
  /** `batch_size`, when set (the simulator sends one record at a time). */
  readonly batchSize?: number;
}

/** An ARN or name the stack refers to but does not declare (another stack's queue, a Step Functions state machine...). */
export interface ExternalNode extends NodeBase {
  /** Discriminates the node kinds. */
  readonly kind: 'external';
}

/** Any node. */
export type RoutingNode = BusNode | RuleNode | TargetNode | TopicNode | SubscriptionNode | QueueNode | FunctionNode | TableNode | PipeNode | MappingNode | ExternalNode;
/** Nodes that receive payloads: what targets, subscriptions, pipes and DLQ settings point at. */
export type EndpointNode = BusNode | TopicNode | QueueNode | FunctionNode | TableNode | ExternalNode;
/** The node type of a kind. */
export type NodeOf<K extends NodeKind> = Extract<
  RoutingNode,
  {
    /** The kind selected. */
    kind: K;
  }
>;

/** A directed edge of the routing graph, for diagrams and analysis. */
export interface RoutingEdge {
  /** Where the flow starts (a bus, topic, queue, table, rule, target, function…). */
  readonly from: RoutingNode;
  /** Where it goes. */
  readonly to: RoutingNode;
  /** `route` carries events; `deadLetter` carries what failed. */
  readonly kind: 'route' | 'deadLetter';
  /** The pattern, filter, transform or redrive setting on the edge. */
  readonly label?: string;
  /** The resource that makes the edge (rule, target, subscription, pipe, event source mapping), when not `from` itself. */
  readonly via?: RoutingNode;
}

const DEFAULT_ACCOUNT = '123456789012';
const DEFAULT_REGION = 'us-east-1';
const DEFAULT_BUS = 'aws_cloudwatch_event_bus.<default>';
const stackCache = new WeakMap<object, RoutingModel>();

/**
 * The routing graph of a synthesized stack: buses, rules and targets, topics
 * and subscriptions, queues and their redrive, tables' streams, pipes and
 * Lambda event source mappings, joined by following `${type.name.attr}`
 * references (and literal ARNs, names and queue URLs) in the Terraform JSON,
 * so it works on any stack, not only ours.
 */
export class RoutingModel {
  /**
   * The model of a source. A stack is synthesized once and its model cached
   * (when no options are given): build again with {@link RoutingModel.fromJson}
   * after changing the stack.
   */
  static from(source: RoutingSource, options: RoutingModelOptions = {}): RoutingModel {
    if (source instanceof RoutingModel) return source;
    if (source instanceof TerraformModel) return new RoutingModel(source, options);
    if (TerraformStack.isStack(source)) {
      const cacheable = options.account === undefined && options.region === undefined;
      const cached = cacheable ? stackCache.get(source) : undefined;
      if (cached) return cached;
      const model = new RoutingModel(TerraformModel.fromStack(source), options);
      if (cacheable) stackCache.set(source, model);
      return model;
    }
    return RoutingModel.fromJson(source as string | object, options);
  }

  /** The model of a synthesized stack's JSON (object, or the text of `cdk.tf.json`). */
  static fromJson(json: string | object, options: RoutingModelOptions = {}): RoutingModel {
    return new RoutingModel(TerraformModel.fromJson(json), options);
  }

  /** Account id used in ARNs and envelopes. */
  readonly account: string;
  /** Region used in ARNs and envelopes. */
  readonly region: string;
  /** Every node, in the stack's order (the default bus first). */
  readonly nodes: readonly RoutingNode[];

  private readonly index = new NodeIndex();
  private edgeList?: RoutingEdge[];

  private constructor(
    /** The Terraform JSON the model was read from. */
    readonly terraform: TerraformModel,
    options: RoutingModelOptions,
  ) {
    this.account = options.account ?? DEFAULT_ACCOUNT;
    this.region = options.region ?? providerRegion(terraform.json) ?? DEFAULT_REGION;
    this.nodes = new Builder(this.index, terraform, this.region, this.account).build();
  }

  /** The node at a Terraform address. */
  get(address: string): RoutingNode | undefined {
    return this.index.get(address);
  }

  /** The nodes of one kind. */
  ofKind<K extends NodeKind>(kind: K): NodeOf<K>[] {
    return this.index.ofKind(kind);
  }

  /**
   * The nodes a reference names best (optionally among some kinds): those it
   * names exactly (address, AWS name, ARN, queue URL, construct path); else
   * those whose logical id it is; else those whose construct path or name
   * holds it as whole segments, case-insensitively (`fulfillment` matches
   * `orders/fulfillment/Queue` and `orders-dev-fulfillment`, not `fulfillments`).
   */
  find(ref: string, kinds?: readonly NodeKind[]): RoutingNode[] {
    const scored: Array<[number, RoutingNode]> = [];
    for (const node of this.nodes) {
      if (kinds && !kinds.includes(node.kind)) continue;
      const score = matchScore(node, ref);
      if (score > 0) scored.push([score, node]);
    }
    const best = Math.max(0, ...scored.map(([s]) => s));
    return scored.filter(([s]) => s === best).map(([, n]) => n);
  }

  /** The one node of the given kinds a reference names; throws, listing the candidates, when none or several do. */
  resolve<K extends NodeKind>(ref: string, kinds: readonly K[]): NodeOf<K> {
    const found = this.find(ref, kinds);
    if (found.length === 1) return found[0] as NodeOf<K>;
    const what = kinds.join(' or ');
    const known = this.nodes.filter((n) => (kinds as readonly NodeKind[]).includes(n.kind)).map(describeNode);
    if (found.length === 0) {
      throw new Error(`No ${what} matches "${ref}". Known: ${known.length ? known.join(', ') : 'none'}`);
    }
    throw new Error(`"${ref}" names ${found.length} ${what} nodes: ${found.map(describeNode).join(', ')}; use an address or full path`);
  }

  /** The routing graph's edges: what can flow where, and where failures go. */
  edges(): readonly RoutingEdge[] {
    return (this.edgeList ??= buildEdges(this));
  }
}

/** Nodes by address, by kind and AWS name, and by kind. */
class NodeIndex {
  private readonly byAddress = new Map<string, RoutingNode>();
  private readonly byName = new Map<string, RoutingNode>();
  private readonly byKind = new Map<NodeKind, RoutingNode[]>();

  add(node: RoutingNode, names: string[] = [node.name]): void {
    this.byAddress.set(node.address, node);
    for (const n of names) if (!this.byName.has(`${node.kind}:${n}`)) this.byName.set(`${node.kind}:${n}`, node);
    const list = this.byKind.get(node.kind) ?? [];
    list.push(node);
    this.byKind.set(node.kind, list);
  }

  get(address: string): RoutingNode | undefined {
    return this.byAddress.get(address);
  }

  named<K extends NodeKind>(kind: K, name: string): NodeOf<K> | undefined {
    return this.byName.get(`${kind}:${name}`) as NodeOf<K> | undefined;
  }

  ofKind<K extends NodeKind>(kind: K): NodeOf<K>[] {
    return (this.byKind.get(kind) ?? []) as NodeOf<K>[];
  }
}

/** `kind name (path)` for messages. */
export function describeNode(node: Pick<NodeBase, 'kind' | 'name' | 'path' | 'address'>): string {
  return `${node.kind} ${node.name}${node.path ? ` (${node.path})` : node.kind === 'external' ? '' : ` (${node.address})`}`;
}

function matchScore(node: NodeBase, ref: string): number {
  if (ref === node.address || ref === node.name || ref === node.arn || ref === node.path) return 3;
  if (node.kind === 'queue' && ref === (node as QueueNode).url) return 3;
  const lower = ref.toLowerCase();
  if (node.address.endsWith(`.${ref}`)) return 2;
  const segments = lower.split('/').filter(Boolean);
  if (node.path && containsRun(node.path.toLowerCase().split('/'), segments)) return 1;
  const tokens = lower.split(/[-_.]/).filter(Boolean);
  if (tokens.length > 0 && containsRun(node.name.toLowerCase().split(/[-_.]/), tokens)) return 1;
  return 0;
}

function containsRun(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function providerRegion(json: Record<string, unknown>): string | undefined {
  const aws = (json.provider as Record<string, unknown> | undefined)?.aws;
  const configs = (Array.isArray(aws) ? aws : aws ? [aws] : []) as Array<Record<string, unknown>>;
  const main = configs.find((c) => !c.alias) ?? configs[0];
  const region = main?.region;
  return typeof region === 'string' && !region.includes('${') ? region : undefined;
}


/** A stable UUID-shaped id derived from text (subscription and event source mapping ids). */
export function stableUuid(text: string): string {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The resource name in an ARN, a queue URL, or a bare name. */
function nameFromArn(value: string): { service?: string; name: string } {
  if (value.startsWith('arn:')) {
    const parts = value.split(':');
    const service = parts[2];
    const resource = parts.slice(5).join(':');
    if (service === 'lambda') return { service, name: resource.split(':')[1] ?? resource };
    if (service === 'dynamodb') return { service, name: resource.split('/')[1] ?? resource };
    if (service === 'events' || service === 'pipes') return { service, name: resource.split('/').pop() ?? resource };
    return { service, name: resource.split(/[/:]/).pop() ?? resource };
  }
  if (/^https:\/\/sqs\./.test(value) || /^https:\/\/[^/]*queue\.amazonaws\.com\//.test(value)) {
    return { service: 'sqs', name: value.split('/').pop() ?? value };
  }
  return { name: value };
}

const ENDPOINT_KIND_OF_SERVICE: Record<string, EndpointNode['kind']> = {
  events: 'bus',
  sns: 'topic',
  sqs: 'queue',
  lambda: 'function',
  dynamodb: 'table',
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Builds the nodes in dependency order: endpoints first, then what joins them. */
class Builder {
  private readonly nodes: RoutingNode[] = [];
  private readonly externals = new Map<string, ExternalNode>();
  private readonly arnPrefix: (service: string) => string;

  constructor(
    private readonly index: NodeIndex,
    private readonly tf: TerraformModel,
    private readonly region: string,
    private readonly account: string,
  ) {
    this.arnPrefix = (service) => `arn:aws:${service}:${region}:${account}:`;
  }

  build(): RoutingNode[] {
    const defaultBus: BusNode = {
      kind: 'bus',
      address: DEFAULT_BUS,
      type: 'aws_cloudwatch_event_bus',
      name: 'default',
      arn: `${this.arnPrefix('events')}event-bus/default`,
      rules: [],
      implicit: true,
    };
    this.add(defaultBus);
    for (const r of this.tf.resources('aws_cloudwatch_event_bus')) this.bus(r);
    for (const r of this.tf.resources('aws_sns_topic')) this.topic(r);
    for (const r of this.tf.resources('aws_sqs_queue')) this.queue(r);
    for (const r of this.tf.resources('aws_lambda_function')) this.fn(r);
    for (const r of this.tf.resources('aws_dynamodb_table')) this.table(r);
    // Second pass: settings that point at other endpoints.
    for (const r of this.tf.resources('aws_sqs_queue')) this.inlineRedrive(r);
    for (const r of this.tf.resources('aws_sqs_queue_redrive_policy')) this.redrivePolicy(r);
    for (const r of this.tf.resources('aws_lambda_function')) this.functionDeadLetter(r);
    for (const r of this.tf.resources('aws_lambda_function_event_invoke_config')) this.invokeConfig(r);
    for (const r of this.tf.resources('aws_cloudwatch_event_rule')) this.rule(r);
    for (const r of this.tf.resources('aws_cloudwatch_event_target')) this.target(r);
    for (const r of this.tf.resources('aws_sns_topic_subscription')) this.subscription(r);
    for (const r of this.tf.resources('aws_pipes_pipe')) this.pipe(r);
    for (const r of this.tf.resources('aws_lambda_event_source_mapping')) this.mapping(r);
    return [...this.nodes, ...this.externals.values()];
  }

  private add(node: RoutingNode, names?: string[]): void {
    this.nodes.push(node);
    this.index.add(node, names);
  }

  private base(r: TerraformResource, kind: NodeKind, name: string, arn: string): NodeBase {
    return { kind, address: r.address, type: r.type, name, path: r.path, arn };
  }

  private awsName(r: TerraformResource, attribute = 'name'): string {
    return text(r.config[attribute]) ?? text(r.config.name_prefix) ?? r.name;
  }

  private bus(r: TerraformResource): void {
    const name = this.awsName(r);
    this.add({ ...this.base(r, 'bus', name, `${this.arnPrefix('events')}event-bus/${name}`), kind: 'bus', rules: [], implicit: false });
  }

  private topic(r: TerraformResource): void {
    const name = this.awsName(r);
    this.add({ ...this.base(r, 'topic', name, `${this.arnPrefix('sns')}${name}`), kind: 'topic', fifo: bool(r.config.fifo_topic) ?? false, subscriptions: [] });
  }

  private queue(r: TerraformResource): void {
    const name = this.awsName(r);
    const url = `https://sqs.${this.region}.amazonaws.com/${this.account}/${name}`;
    const node: QueueNode = {
      ...this.base(r, 'queue', name, `${this.arnPrefix('sqs')}${name}`),
      kind: 'queue',
      url,
      fifo: bool(r.config.fifo_queue) ?? false,
      consumers: [],
      visibilityTimeoutSeconds: num(r.config.visibility_timeout_seconds) ?? 30,
      messageRetentionSeconds: num(r.config.message_retention_seconds) ?? 345_600,
    };
    this.add(node, [name, url]);
  }

  private fn(r: TerraformResource): void {
    const name = this.awsName(r, 'function_name');
    this.add({
      ...this.base(r, 'function', name, `${this.arnPrefix('lambda')}function:${name}`),
      kind: 'function',
      maximumRetryAttempts: 2,
      timeout: num(r.config.timeout) ?? 3,
    });
  }

  private table(r: TerraformResource): void {
    const name = this.awsName(r);
    const arn = `${this.arnPrefix('dynamodb')}table/${name}`;
    this.add({
      ...this.base(r, 'table', name, arn),
      kind: 'table',
      streamEnabled: bool(r.config.stream_enabled) ?? false,
      streamViewType: text(r.config.stream_view_type),
      // A stream's label is its creation time; a fixed one keeps payloads deterministic.
      streamArn: `${arn}/stream/2024-01-01T00:00:00.000`,
      hashKey: text(r.config.hash_key),
      rangeKey: text(r.config.range_key),
      consumers: [],
    });
  }

  private inlineRedrive(r: TerraformResource): void {
    if (r.config.redrive_policy === undefined) return;
    this.setRedrive(this.index.get(r.address) as QueueNode, r.config.redrive_policy);
  }

  private redrivePolicy(r: TerraformResource): void {
    const queue = this.endpoint(r.config.queue_url, ['queue']);
    if (queue?.kind === 'queue') this.setRedrive(queue, r.config.redrive_policy);
  }

  private setRedrive(queue: QueueNode, policyValue: unknown): void {
    const policy = document<{ deadLetterTargetArn?: string; maxReceiveCount?: number | string }>(policyValue);
    const dlq = policy?.deadLetterTargetArn && this.endpoint(policy.deadLetterTargetArn, ['queue']);
    if (!dlq) return;
    (queue as Mutable<QueueNode>).redrive = { deadLetterQueue: dlq, maxReceiveCount: num(policy.maxReceiveCount) ?? 10 };
  }

  private functionDeadLetter(r: TerraformResource): void {
    const target = block(r.config.dead_letter_config)?.target_arn;
    if (target === undefined) return;
    (this.index.get(r.address) as Mutable<FunctionNode>).deadLetterTarget = this.endpoint(target, ['queue', 'topic']);
  }

  private invokeConfig(r: TerraformResource): void {
    const fn = this.endpoint(r.config.function_name, ['function']);
    if (fn?.kind !== 'function') return;
    const m = fn as Mutable<FunctionNode>;
    m.maximumRetryAttempts = num(r.config.maximum_retry_attempts) ?? 2;
    const onFailure = block(block(r.config.destination_config)?.on_failure)?.destination;
    if (onFailure !== undefined) m.onFailure = this.endpoint(onFailure, ['queue', 'topic', 'function', 'bus']);
  }

  private rule(r: TerraformResource): void {
    const bus = this.busOf(r.config.event_bus_name);
    const name = this.awsName(r);
    const state = text(r.config.state);
    const enabled = state !== undefined ? state !== 'DISABLED' : bool(r.config.is_enabled) ?? true;
    const pattern = r.config.event_pattern === undefined ? undefined : compilePattern(r.config.event_pattern);
    const arn = `${this.arnPrefix('events')}rule/${bus.implicit ? '' : `${bus.name}/`}${name}`;
    const node: RuleNode = {
      ...this.base(r, 'rule', name, arn),
      kind: 'rule',
      bus,
      pattern,
      scheduleExpression: text(r.config.schedule_expression),
      enabled,
      targets: [],
    };
    bus.rules.push(node);
    this.add(node, [`${bus.name}/${name}`]);
  }

  private busOf(value: unknown): BusNode {
    if (value === undefined || value === 'default') return this.index.get(DEFAULT_BUS) as BusNode;
    const bus = this.endpoint(value, ['bus']);
    return bus?.kind === 'bus' ? bus : (this.index.get(DEFAULT_BUS) as BusNode);
  }

  private target(r: TerraformResource): void {
    const rule = this.ruleOf(r.config.rule, r.config.event_bus_name);
    if (!rule) return;
    const transformer = block(r.config.input_transformer);
    const retry = block(r.config.retry_policy);
    const dlq = block(r.config.dead_letter_config)?.arn;
    const node: TargetNode = {
      ...this.base(r, 'target', text(r.config.target_id) ?? r.name, rule.arn),
      kind: 'target',
      rule,
      endpoint: this.required(r.config.arn, ['bus', 'topic', 'queue', 'function']),
      input: text(r.config.input),
      inputPath: text(r.config.input_path),
      inputTransformer: transformer
        ? { inputPaths: (transformer.input_paths ?? {}) as Record<string, string>, inputTemplate: text(transformer.input_template) ?? '' }
        : undefined,
      deadLetterQueue: dlq === undefined ? undefined : this.endpoint(dlq, ['queue']),
      maximumRetryAttempts: num(retry?.maximum_retry_attempts) ?? 185,
      maximumEventAgeInSeconds: num(retry?.maximum_event_age_in_seconds) ?? 86_400,
      messageGroupId: text(block(r.config.sqs_target)?.message_group_id),
    };
    rule.targets.push(node);
    this.add(node);
  }

  private ruleOf(value: unknown, busValue: unknown): RuleNode | undefined {
    for (const ref of referencesIn(value)) {
      const node = this.index.get(ref.address);
      if (node?.kind === 'rule') return node;
    }
    const name = text(value);
    if (name === undefined) return undefined;
    const bus = this.busOf(busValue);
    return this.index.named('rule', `${bus.name}/${nameFromArn(name).name}`);
  }

  private subscription(r: TerraformResource): void {
    const topic = this.endpoint(r.config.topic_arn, ['topic']);
    if (topic?.kind !== 'topic') return;
    const protocol = text(r.config.protocol) ?? 'sqs';
    const kinds: EndpointNode['kind'][] = protocol === 'sqs' ? ['queue'] : protocol === 'lambda' ? ['function'] : [];
    const scope = (text(r.config.filter_policy_scope) ?? 'MessageAttributes') as FilterPolicyScope;
    const policyText = r.config.filter_policy === undefined ? undefined : typeof r.config.filter_policy === 'string' ? r.config.filter_policy : JSON.stringify(r.config.filter_policy);
    let filterPolicy: FilterPolicy | undefined;
    let filterPolicyError: string | undefined;
    let admits: (m: SnsMessage) => boolean = () => true;
    if (policyText !== undefined) {
      try {
        filterPolicy = JSON.parse(policyText) as FilterPolicy;
        admits = compileFilterPolicy(filterPolicy, scope);
      } catch (e) {
        filterPolicyError = (e as Error).message;
        admits = () => false;
      }
    }
    const redrive = document<{ deadLetterTargetArn?: string }>(r.config.redrive_policy);
    const node: SubscriptionNode = {
      ...this.base(r, 'subscription', r.name, `${topic.arn}:${stableUuid(r.address)}`),
      kind: 'subscription',
      topic,
      protocol,
      endpoint: kinds.length ? this.required(r.config.endpoint, kinds) : this.external(text(r.config.endpoint) ?? '', protocol),
      filterPolicy,
      filterPolicyText: policyText,
      filterPolicyError,
      filterPolicyScope: scope,
      admits,
      rawMessageDelivery: bool(r.config.raw_message_delivery) ?? false,
      deadLetterQueue: redrive?.deadLetterTargetArn ? this.endpoint(redrive.deadLetterTargetArn, ['queue']) : undefined,
    };
    topic.subscriptions.push(node);
    this.add(node);
  }

  private pipe(r: TerraformResource): void {
    const name = this.awsName(r);
    const sourceParams = block(r.config.source_parameters);
    const stream = block(sourceParams?.dynamodb_stream_parameters) ?? block(sourceParams?.kinesis_stream_parameters);
    const targetParams = block(r.config.target_parameters);
    const busParams = block(targetParams?.eventbridge_event_bus_parameters);
    const dlq = block(stream?.dead_letter_config)?.arn;
    const node: PipeNode = {
      ...this.base(r, 'pipe', name, `${this.arnPrefix('pipes')}pipe/${name}`),
      kind: 'pipe',
      source: this.required(r.config.source, ['table', 'queue']),
      target: this.required(r.config.target, ['bus', 'topic', 'queue', 'function']),
      filters: filtersOf(sourceParams?.filter_criteria),
      running: text(r.config.desired_state) !== 'STOPPED',
      enrichment: r.config.enrichment ? this.endpoint(r.config.enrichment, ['function']) : undefined,
      inputTemplate: text(targetParams?.input_template),
      eventBusParameters: busParams
        ? {
            source: text(busParams.source),
            detailType: text(busParams.detail_type),
            resources: Array.isArray(busParams.resources) ? (busParams.resources as string[]) : undefined,
            time: text(busParams.time),
          }
        : undefined,
      deadLetterQueue: dlq === undefined ? undefined : this.endpoint(dlq, ['queue', 'topic']),
      maximumRetryAttempts: num(stream?.maximum_retry_attempts) ?? -1,
    };
    this.consumerOf(node.source)?.push(node);
    this.add(node);
  }

  private mapping(r: TerraformResource): void {
    const onFailure = block(block(r.config.destination_config)?.on_failure)?.destination_arn;
    const node: MappingNode = {
      ...this.base(r, 'mapping', r.name, `${this.arnPrefix('lambda')}event-source-mapping:${stableUuid(r.address)}`),
      kind: 'mapping',
      source: this.required(r.config.event_source_arn, ['table', 'queue']),
      function: this.required(r.config.function_name, ['function']),
      filters: filtersOf(r.config.filter_criteria),
      enabled: bool(r.config.enabled) ?? true,
      reportBatchItemFailures: Array.isArray(r.config.function_response_types) && r.config.function_response_types.includes('ReportBatchItemFailures'),
      maximumRetryAttempts: num(r.config.maximum_retry_attempts) ?? -1,
      onFailure: onFailure === undefined ? undefined : this.endpoint(onFailure, ['queue', 'topic']),
      batchSize: r.config.batch_size === undefined ? undefined : num(r.config.batch_size) ?? 10,
    };
    this.consumerOf(node.source)?.push(node);
    this.add(node);
  }

  private consumerOf(source: EndpointNode): Array<MappingNode | PipeNode> | undefined {
    return source.kind === 'queue' || source.kind === 'table' ? source.consumers : undefined;
  }

  /**
   * The endpoint a value designates: a reference to a node of an expected
   * kind (`${aws_sqs_queue.q.arn}`, `.url`, `.stream_arn`, also inside an
   * interpolated ARN), else a literal ARN, queue URL or name of a declared
   * node, else an external node.
   */
  private endpoint(value: unknown, kinds: EndpointNode['kind'][]): EndpointNode | undefined {
    if (value === undefined || value === null) return undefined;
    for (const ref of referencesIn(value)) {
      const node = this.index.get(ref.address);
      if (node && (kinds as NodeKind[]).includes(node.kind)) return node as EndpointNode;
      // An alias invokes its function.
      const alias = ref.address.startsWith('aws_lambda_alias.') ? this.tf.get(ref.address) : undefined;
      if (alias && kinds.includes('function')) return this.endpoint(alias.config.function_name, kinds);
    }
    const written = text(value) ?? JSON.stringify(value);
    const { service, name } = nameFromArn(written);
    const serviceKind = service ? ENDPOINT_KIND_OF_SERVICE[service] : undefined;
    for (const kind of serviceKind ? [serviceKind] : kinds) {
      const node = kind === 'bus' && name === 'default' ? this.index.get(DEFAULT_BUS) : this.index.named(kind, name);
      if (node && (kinds as NodeKind[]).includes(node.kind)) return node as EndpointNode;
    }
    return this.external(written, service ?? 'unknown');
  }

  private required(value: unknown, kinds: EndpointNode['kind'][]): EndpointNode {
    return this.endpoint(value, kinds) ?? this.external('(unset)', 'unknown');
  }

  private external(value: string, service: string): ExternalNode {
    let node = this.externals.get(value);
    if (!node) {
      node = { kind: 'external', address: value, type: service, name: nameFromArn(value).name, arn: value };
      this.externals.set(value, node);
      this.index.add(node);
    }
    return node;
  }
}

/** Compiles a pattern held as JSON text (or an object); a pattern that cannot be read matches nothing. */
export function compilePattern(value: unknown): CompiledPattern {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  try {
    const pattern = JSON.parse(text) as EventPattern;
    return { text, pattern, matches: compileEventPattern(pattern) };
  } catch (e) {
    return { text, error: (e as Error).message, matches: () => false };
  }
}

function filtersOf(criteria: unknown): CompiledPattern[] {
  return blocks(block(criteria)?.filter)
    .map((f) => f.pattern)
    .filter((p) => p !== undefined)
    .map(compilePattern);
}

function buildEdges(model: RoutingModel): RoutingEdge[] {
  const edges: RoutingEdge[] = [];
  const route = (from: RoutingNode, to: RoutingNode | undefined, label?: string, via?: RoutingNode): void => {
    if (to) edges.push({ from, to, kind: 'route', label, via });
  };
  const dead = (from: RoutingNode, to: RoutingNode | undefined, label?: string, via?: RoutingNode): void => {
    if (to) edges.push({ from, to, kind: 'deadLetter', label, via });
  };
  for (const node of model.nodes) {
    switch (node.kind) {
      case 'rule':
        route(node.bus, node, node.pattern?.text ?? node.scheduleExpression);
        for (const t of node.targets) {
          route(node, t.endpoint, transformLabel(t), t);
          dead(node, t.deadLetterQueue, `target ${t.name} DLQ`, t);
        }
        break;
      case 'subscription':
        route(node.topic, node.endpoint, node.filterPolicyText ? `${node.filterPolicyScope}: ${node.filterPolicyText}` : undefined, node);
        dead(node.topic, node.deadLetterQueue, `subscription ${node.name} DLQ`, node);
        break;
      case 'queue':
        if (node.redrive) dead(node, node.redrive.deadLetterQueue, `maxReceiveCount ${node.redrive.maxReceiveCount}`);
        break;
      case 'function':
        dead(node, node.deadLetterTarget, 'async DLQ');
        dead(node, node.onFailure, 'on failure');
        break;
      case 'pipe':
        route(node.source, node, node.filters.map((f) => f.text).join(' | ') || undefined);
        // Pipes call the enrichment synchronously and send on what it returns.
        route(node, node.enrichment, 'enrichment');
        route(node, node.target, pipeLabel(node));
        dead(node, node.deadLetterQueue, 'DLQ');
        break;
      case 'mapping':
        route(node.source, node.function, node.filters.map((f) => f.text).join(' | ') || undefined, node);
        dead(node.function, node.onFailure, 'on failure', node);
        break;
      default:
        break;
    }
  }
  return edges;
}

function transformLabel(t: TargetNode): string | undefined {
  if (t.inputTransformer) return `template ${t.inputTransformer.inputTemplate}`;
  if (t.inputPath) return `input_path ${t.inputPath}`;
  if (t.input) return `input ${t.input}`;
  return undefined;
}

function pipeLabel(p: PipeNode): string | undefined {
  const parts: string[] = [];
  if (p.eventBusParameters?.source) parts.push(`source ${p.eventBusParameters.source}`);
  if (p.eventBusParameters?.detailType) parts.push(`detail-type ${p.eventBusParameters.detailType}`);
  if (p.inputTemplate) parts.push(`template ${p.inputTemplate}`);
  return parts.join(', ') || undefined;
}
