import { createHash } from 'crypto';
import { referencesIn } from '../core/references';
import { TerraformModel, TerraformResource } from '../core/terraform-json';
import { block, blocks, bool, document, num, text } from '../core/values';
import { compileEventPattern, compileFilterPolicy, EventPattern, FilterPolicy, FilterPolicyScope, SnsMessage } from '../patterns';
import {
  BusNode,
  CompiledPattern,
  EndpointNode,
  ExternalNode,
  FunctionNode,
  MappingNode,
  NodeBase,
  NodeKind,
  NodeOf,
  PipeNode,
  QueueNode,
  RoutingNode,
  RuleNode,
  SubscriptionNode,
  TargetNode,
} from './nodes';

/** The address given to the account's default bus, which no resource declares. */
export const DEFAULT_BUS = 'aws_cloudwatch_event_bus.<default>';

/** Nodes by address, by kind and AWS name, and by kind. */
export class NodeIndex {
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
export class Builder {
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
