import { createHash } from 'crypto';
import { expressionText } from '../core/evaluation';
import { referencesIn } from '../core/references';
import { TerraformModel, TerraformResource } from '../core/terraform-json';
import { block, blocks, bool, sharedDocument, num, text } from '../core/values';
import { compileEventPattern, compileFilterPolicy, EventPattern, FilterPolicy, FilterPolicyScope, SnsMessage } from '../patterns';
import { BucketNode, BucketNotificationNode } from './buckets';
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
  StreamNode,
  RoutingNode,
  RuleNode,
  SubscriptionNode,
  TargetNode,
  WorkflowNode,
} from './nodes';
import { workflowCalls, workflowNode } from './workflow-node';

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
    // A Kinesis consumer ARN is `stream/<stream>/consumer/<name>:<time>`: it reads the stream.
    if (service === 'dynamodb' || service === 'kinesis') return { service, name: resource.split('/')[1] ?? resource };
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
  states: 'workflow',
  kinesis: 'stream',
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
    for (const r of this.tf.resources('aws_sfn_state_machine')) this.add(workflowNode(r, this.awsName(r), this.arnPrefix('states')));
    for (const r of this.tf.resources('aws_kinesis_stream')) this.stream(r);
    for (const r of this.tf.resources('aws_s3_bucket')) this.bucket(r);
    // Second pass: settings that point at other endpoints.
    for (const r of this.tf.resources('aws_sqs_queue')) this.inlineRedrive(r);
    for (const r of this.tf.resources('aws_sqs_queue_redrive_policy')) this.redrivePolicy(r);
    for (const r of this.tf.resources('aws_sfn_state_machine')) {
      (this.index.get(r.address) as Mutable<WorkflowNode>).calls = workflowCalls(sharedDocument(r.config.definition), (value, kinds) => this.endpoint(value, kinds));
    }
    for (const r of this.tf.resources('aws_lambda_function')) this.functionDeadLetter(r);
    for (const r of this.tf.resources('aws_lambda_function_event_invoke_config')) this.invokeConfig(r);
    for (const r of this.tf.resources('aws_cloudwatch_event_rule')) this.rule(r);
    for (const r of this.tf.resources('aws_cloudwatch_event_target')) this.target(r);
    for (const r of this.tf.resources('aws_sns_topic_subscription')) this.subscription(r);
    for (const r of this.tf.resources('aws_pipes_pipe')) this.pipe(r);
    for (const r of this.tf.resources('aws_lambda_event_source_mapping')) this.mapping(r);
    for (const r of this.tf.resources('aws_s3_bucket_notification')) this.bucketNotification(r);
    return [...this.nodes, ...this.externals.values()];
  }

  private add(node: RoutingNode, names?: string[]): void {
    this.nodes.push(node);
    this.index.add(node, names);
  }

  private base(r: TerraformResource, kind: NodeKind, name: string, arn: string): NodeBase {
    return { kind, address: r.address, type: r.type, name, path: r.path, arn };
  }

  /** The name AWS knows a resource by: its name argument (locals evaluated), `unresolved: …` when not known at synth, else the logical id. */
  private awsName(r: TerraformResource, attribute = 'name'): string {
    for (const value of [r.config[attribute], r.config.name_prefix]) {
      const reading = this.tf.read(value, r);
      if (reading.state === 'unknown') return `unresolved: ${reading.expression}`;
      if (reading.state === 'known') return text(reading.value) ?? r.name;
    }
    return r.name;
  }

  /** An ARN made of a name, or `unresolved: <address>.arn` when the name is not known: no ARN is invented. */
  private arnOf(r: TerraformResource, name: string, arn: string): string {
    return name.startsWith('unresolved: ') ? `unresolved: ${r.address}.arn` : arn;
  }

  private bus(r: TerraformResource): void {
    const name = this.awsName(r);
    this.add({ ...this.base(r, 'bus', name, this.arnOf(r, name, `${this.arnPrefix('events')}event-bus/${name}`)), kind: 'bus', rules: [], implicit: false });
  }

  private topic(r: TerraformResource): void {
    const name = this.awsName(r);
    this.add({ ...this.base(r, 'topic', name, this.arnOf(r, name, `${this.arnPrefix('sns')}${name}`)), kind: 'topic', fifo: bool(r.config.fifo_topic) ?? false, subscriptions: [] });
  }

  private queue(r: TerraformResource): void {
    const name = this.awsName(r);
    const url = name.startsWith('unresolved: ') ? `unresolved: ${r.address}.url` : `https://sqs.${this.region}.amazonaws.com/${this.account}/${name}`;
    const node: QueueNode = {
      ...this.base(r, 'queue', name, this.arnOf(r, name, `${this.arnPrefix('sqs')}${name}`)),
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
      ...this.base(r, 'function', name, this.arnOf(r, name, `${this.arnPrefix('lambda')}function:${name}`)),
      kind: 'function',
      maximumRetryAttempts: 2,
      timeout: num(r.config.timeout) ?? 3,
    });
  }

  private table(r: TerraformResource): void {
    const name = this.awsName(r);
    const arn = this.arnOf(r, name, `${this.arnPrefix('dynamodb')}table/${name}`);
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

  private stream(r: TerraformResource): void {
    const name = this.awsName(r);
    const node: StreamNode = { ...this.base(r, 'stream', name, this.arnOf(r, name, `${this.arnPrefix('kinesis')}stream/${name}`)), kind: 'stream', consumers: [] };
    this.add(node);
  }

  private bucket(r: TerraformResource): void {
    const name = this.awsName(r, 'bucket');
    // Bucket ARNs name neither Region nor account.
    this.add({ ...this.base(r, 'bucket', name, this.arnOf(r, name, `arn:aws:s3:::${name}`)), kind: 'bucket', notifications: [] } as BucketNode);
  }

  /** A bucket's one notification configuration: EventBridge on or off, and its queue, topic and function notifications. */
  private bucketNotification(r: TerraformResource): void {
    const found = referencesIn(r.config.bucket).map((ref) => this.index.get(ref.address)).find((n) => n?.kind === 'bucket') ?? this.index.named('bucket', text(r.config.bucket) ?? '');
    if (found?.kind !== 'bucket') return;
    const bucket = found as Mutable<BucketNode>;
    if (bool(r.config.eventbridge) === true) bucket.eventBus = this.index.get(DEFAULT_BUS) as BusNode;
    const kinds: Array<[string, string, EndpointNode['kind']]> = [
      ['queue', 'queue_arn', 'queue'],
      ['topic', 'topic_arn', 'topic'],
      ['lambda_function', 'lambda_function_arn', 'function'],
    ];
    for (const [blockName, arnField, kind] of kinds) {
      blocks(r.config[blockName]).forEach((b, i) => {
        const notification: BucketNotificationNode = {
          id: text(b.id) ?? `${blockName}-${i + 1}`,
          events: Array.isArray(b.events) ? b.events.map(String) : [],
          prefix: text(b.filter_prefix),
          suffix: text(b.filter_suffix),
          endpoint: this.required(b[arnField], [kind]),
        };
        bucket.notifications.push(notification);
      });
    }
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
    const policy = sharedDocument<{ deadLetterTargetArn?: string; maxReceiveCount?: number | string }>(policyValue);
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
    const bus = this.busOf(r.config.event_bus_name, r);
    const name = this.awsName(r);
    const state = text(r.config.state);
    const enabled = state !== undefined ? state !== 'DISABLED' : bool(r.config.is_enabled) ?? true;
    const pattern = r.config.event_pattern === undefined ? undefined : compilePattern(this.known(r.config.event_pattern, r));
    const arn = bus.unresolved ? `unresolved: ${r.address}.arn` : this.arnOf(r, name, `${this.arnPrefix('events')}rule/${bus.implicit ? '' : `${bus.name}/`}${name}`);
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

  /** The bus a rule or target names; a bus not known at synth (a conditional) is a bus of its own, never the default one. */
  private busOf(value: unknown, r?: TerraformResource): BusNode {
    const reading = this.tf.read(value, r);
    if (reading.state === 'unknown') {
      const unresolved = `unresolved: ${reading.expression}`;
      const existing = this.index.get(unresolved);
      if (existing?.kind === 'bus') return existing;
      const bus: BusNode = { kind: 'bus', address: unresolved, type: 'aws_cloudwatch_event_bus', name: unresolved, arn: unresolved, rules: [], implicit: false, unresolved };
      this.add(bus);
      return bus;
    }
    if (value === undefined || value === 'default') return this.index.get(DEFAULT_BUS) as BusNode;
    const bus = this.endpoint(value, ['bus']);
    return bus?.kind === 'bus' ? bus : (this.index.get(DEFAULT_BUS) as BusNode);
  }

  /** A value with locals evaluated, else as written. */
  private known(value: unknown, r: TerraformResource): unknown {
    const reading = this.tf.read(value, r);
    return reading.state === 'known' ? reading.value : value;
  }

  private target(r: TerraformResource): void {
    const rule = this.ruleOf(r.config.rule, r.config.event_bus_name, r);
    if (!rule) return;
    const transformer = block(r.config.input_transformer);
    const retry = block(r.config.retry_policy);
    const dlq = block(r.config.dead_letter_config)?.arn;
    const node: TargetNode = {
      ...this.base(r, 'target', text(r.config.target_id) ?? r.name, rule.arn),
      kind: 'target',
      rule,
      endpoint: this.required(r.config.arn, ['bus', 'topic', 'queue', 'function', 'workflow', 'stream']),
      input: documentText(r.config.input),
      inputPath: text(r.config.input_path),
      inputTransformer: transformer
        ? { inputPaths: (sharedDocument(transformer.input_paths) ?? {}) as Record<string, string>, inputTemplate: documentText(transformer.input_template) ?? '' }
        : undefined,
      deadLetterQueue: dlq === undefined ? undefined : this.endpoint(dlq, ['queue']),
      maximumRetryAttempts: num(retry?.maximum_retry_attempts) ?? 185,
      maximumEventAgeSeconds: num(retry?.maximum_event_age_in_seconds) ?? 86_400,
      messageGroupId: text(block(r.config.sqs_target)?.message_group_id),
      partitionKeyPath: text(block(r.config.kinesis_target)?.partition_key_path),
    };
    rule.targets.push(node);
    this.add(node);
  }

  private ruleOf(value: unknown, busValue: unknown, r: TerraformResource): RuleNode | undefined {
    for (const ref of referencesIn(value)) {
      const node = this.index.get(ref.address);
      if (node?.kind === 'rule') return node;
    }
    const name = text(value);
    if (name === undefined) return undefined;
    const bus = this.busOf(busValue, r);
    return this.index.named('rule', `${bus.name}/${nameFromArn(name).name}`);
  }

  private subscription(r: TerraformResource): void {
    const topic = this.endpoint(r.config.topic_arn, ['topic']);
    if (topic?.kind !== 'topic') return;
    const protocol = text(r.config.protocol) ?? 'sqs';
    const kinds: EndpointNode['kind'][] = protocol === 'sqs' ? ['queue'] : protocol === 'lambda' ? ['function'] : [];
    const scope = (text(r.config.filter_policy_scope) ?? 'MessageAttributes') as FilterPolicyScope;
    const read = r.config.filter_policy === undefined ? undefined : readDocument(this.known(r.config.filter_policy, r));
    const policyText = read?.text;
    let filterPolicy: FilterPolicy | undefined;
    let filterPolicyError = read?.error;
    let admits: (m: SnsMessage) => boolean = () => true;
    if (read?.document !== undefined) {
      try {
        filterPolicy = read.document as FilterPolicy;
        admits = compileFilterPolicy(filterPolicy, scope);
      } catch (e) {
        filterPolicyError = (e as Error).message;
      }
    }
    if (filterPolicyError !== undefined) admits = () => false;
    const redrive = sharedDocument<{ deadLetterTargetArn?: string }>(r.config.redrive_policy);
    const node: SubscriptionNode = {
      ...this.base(r, 'subscription', r.name, `${topic.arn}:${stableUuid(r.address)}`),
      kind: 'subscription',
      topic,
      protocol,
      endpoint: kinds.length ? this.required(r.config.endpoint, kinds) : this.outside(r, protocol),
      filterPolicy,
      filterPolicyText: policyText,
      filterPolicyError,
      ...(read?.unresolved ? { filterPolicyUnresolved: read.unresolved } : {}),
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
      source: this.required(r.config.source, ['table', 'stream', 'queue']),
      target: this.required(r.config.target, ['bus', 'topic', 'queue', 'function', 'workflow']),
      filters: filtersOf(sourceParams?.filter_criteria),
      running: text(r.config.desired_state) !== 'STOPPED',
      enrichment: r.config.enrichment ? this.endpoint(r.config.enrichment, ['function']) : undefined,
      inputTemplate: documentText(targetParams?.input_template),
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
      source: this.required(r.config.event_source_arn, ['table', 'stream', 'queue']),
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
    return source.kind === 'queue' || source.kind === 'table' || source.kind === 'stream' ? source.consumers : undefined;
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
      // An enhanced fan-out consumer reads its stream.
      const consumer = ref.address.startsWith('aws_kinesis_stream_consumer.') ? this.tf.get(ref.address) : undefined;
      if (consumer && kinds.includes('stream')) return this.endpoint(consumer.config.stream_arn, kinds);
    }
    const reading = this.tf.read(value);
    const written = text(reading.state === 'known' ? reading.value : value) ?? JSON.stringify(value);
    const { service, name } = nameFromArn(written);
    const serviceKind = service ? ENDPOINT_KIND_OF_SERVICE[service] : undefined;
    for (const kind of serviceKind ? [serviceKind] : kinds) {
      const node = kind === 'bus' && name === 'default' ? this.index.get(DEFAULT_BUS) : this.index.named(kind, name);
      if (node && (kinds as NodeKind[]).includes(node.kind)) return node as EndpointNode;
    }
    // What depends on a module output, a variable or a data source is not an external resource: it is unknown.
    if (reading.state === 'unknown') return this.unresolvedEndpoint(reading.expression);
    return this.external(written, service ?? 'unknown');
  }

  private required(value: unknown, kinds: EndpointNode['kind'][]): EndpointNode {
    return this.endpoint(value, kinds) ?? this.external('(unset)', 'unknown');
  }

  /** An endpoint outside AWS (an e-mail address, an HTTPS URL): as written, or unresolved when known only at plan. */
  private outside(r: TerraformResource, protocol: string): ExternalNode {
    const reading = this.tf.read(r.config.endpoint, r);
    if (reading.state === 'unknown') return this.unresolvedEndpoint(reading.expression);
    return this.external(text(reading.state === 'known' ? reading.value : undefined) ?? '', protocol);
  }

  private unresolvedEndpoint(expression: string): ExternalNode {
    const unresolved = `unresolved: ${expression}`;
    let node = this.externals.get(unresolved);
    if (!node) {
      node = { kind: 'external', address: unresolved, type: 'unresolved', name: unresolved, arn: unresolved, unresolved };
      this.externals.set(unresolved, node);
      this.index.add(node);
    }
    return node;
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

/**
 * Compiles a pattern held as JSON text, `${jsonencode(…)}` or an object. A
 * pattern that is not JSON (or that AWS refuses) matches nothing; one not
 * known at synth (a variable, a value known only at plan) is `unresolved`
 * and lets everything through.
 */
export function compilePattern(value: unknown): CompiledPattern {
  const read = readDocument(value);
  if (read.unresolved) return { text: read.text, unresolved: read.unresolved, matches: () => true };
  if (read.error !== undefined) return { text: read.text, error: read.error, matches: () => false };
  try {
    const pattern = read.document as EventPattern;
    return { text: read.text, pattern, matches: compileEventPattern(pattern) };
  } catch (e) {
    return { text: read.text, error: (e as Error).message, matches: () => false };
  }
}

/**
 * A document attribute (pattern, filter policy, template) as JSON text and
 * parsed: `${jsonencode(…)}` decoded; `unresolved` when a part is known only
 * at plan; `error` when it is not JSON.
 */
function readDocument(value: unknown): { text: string; document?: unknown; unresolved?: string; error?: string } {
  const written = typeof value === 'string' ? value : JSON.stringify(value);
  const decoded = sharedDocument(value);
  if (typeof value === 'string' && value.includes('${')) {
    const text = decoded === undefined ? written : JSON.stringify(decoded);
    return decoded === undefined || text.includes('${') ? { text, unresolved: `unresolved: ${expressionText(written)}` } : { text, document: decoded };
  }
  if (decoded === undefined) {
    try {
      JSON.parse(written);
    } catch (e) {
      return { text: written, error: (e as Error).message };
    }
  }
  return { text: written, document: decoded };
}

/** A text attribute that may be written with `jsonencode` (a target's input, a template): the JSON text it stands for. */
function documentText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.startsWith('${jsonencode(')) {
    const decoded = sharedDocument(value);
    if (decoded !== undefined) return JSON.stringify(decoded);
  }
  return text(value);
}

function filtersOf(criteria: unknown): CompiledPattern[] {
  return blocks(block(criteria)?.filter)
    .map((f) => f.pattern)
    .filter((p) => p !== undefined)
    .map(compilePattern);
}
