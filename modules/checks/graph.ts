import { Reading } from '../core/evaluation';
import { analyzeRouting, RoutingWarning } from '../routing/analyze';
import { parseReference, referencesInText, visitStrings } from '../core/references';
import { TerraformModel, TerraformResource } from '../core/terraform-json';
import { at, block, bool, isSet, list, literal, num, parseArn, sharedDocument } from '../core/values';
import { Statement, statementsOf, statementsOfPolicyDocument } from './iam';

/** A reference from one resource to another, found anywhere in its arguments. */
export interface Reference {
  /** The resource that makes the reference. */
  readonly from: TerraformResource;
  /** Top-level argument holding it (`redrive_policy`, `dead_letter_config`, `depends_on`). */
  readonly argument: string;
  /** Address referred to (`aws_sqs_queue.dlq`); may name nothing in the stack. */
  readonly to: string;
  /** Attribute read (`arn`); empty for `depends_on`. */
  readonly attribute: string;
}

/** An AWS service delivering to a queue, topic or function on behalf of a source, as a resource policy must allow. */
export interface Delivery {
  /** Service principal, e.g. `events.amazonaws.com`. */
  readonly service: string;
  /** The action the destination's policy must allow (`sqs:SendMessage`, `sns:Publish`, `lambda:InvokeFunction`). */
  readonly action: string;
  /** What the service acts for, the `aws:SourceArn` (the EventBridge rule, the SNS topic), when in the stack. */
  readonly source?: TerraformResource;
  /** The resource that sets the delivery up (the target, the subscription). */
  readonly via: TerraformResource;
  /** The queue, topic or function delivered to. */
  readonly destination: TerraformResource;
  /** What the destination is to `via`: `target`, `endpoint` or `dead-letter queue`. */
  readonly as: 'target' | 'endpoint' | 'dead-letter queue';
}

/** A resource policy document and the resource that holds it. */
export interface PolicyHolder {
  /** The resource holding the policy: a policy resource (`aws_sqs_queue_policy`, `aws_iam_role_policy`, …) or the resource whose own `policy` / `inline_policy` it is. */
  readonly resource: TerraformResource;
  /** The policy document as written: JSON text, a `jsonencode(…)` expression, or a reference; read it with `statements`. */
  readonly policy: unknown;
}

/** The KMS key an attribute names: an AWS managed key (`alias/aws/sqs`) or one of the stack's keys. */
export type KeyReference =
  | {
      /** An AWS managed key, whose key policy cannot be changed. */
      readonly kind: 'aws-managed';
      /** Its alias, e.g. `alias/aws/sqs`. */
      readonly alias: string;
    }
  | {
      /** A customer managed key of the stack (`aws_kms_key` or `aws_kms_replica_key`). */
      readonly kind: 'customer';
      /** The key resource (reached through an `aws_kms_alias` when the value names one). */
      readonly key: TerraformResource;
    };

/** A queue's dead-letter queue, from its `redrive_policy` or an `aws_sqs_queue_redrive_policy`. */
export interface DeadLetterTarget {
  /** The resource that holds the redrive policy. */
  readonly holder: TerraformResource;
  /** `deadLetterTargetArn` as written. */
  readonly arn: unknown;
  /** The DLQ, when it is in the stack. */
  readonly queue?: TerraformResource;
  /** Receives before SQS moves a message to the DLQ; `undefined` when absent or known only at apply. */
  readonly maxReceiveCount?: number;
}

/** What a stream or queue consumer reads from. */
export interface EventSource {
  /** The kind of source, from the resource type or the ARN's service (`docdb` for any `rds` ARN); `other` when neither tells. */
  readonly kind: 'sqs' | 'dynamodb' | 'kinesis' | 'kafka' | 'mq' | 'docdb' | 'other';
  /** The source resource (or data source), when the value refers to one in the stack; absent for a literal ARN. */
  readonly resource?: TerraformResource;
}

const SOURCE_KINDS: Record<string, EventSource['kind']> = {
  aws_sqs_queue: 'sqs',
  'data.aws_sqs_queue': 'sqs',
  aws_dynamodb_table: 'dynamodb',
  'data.aws_dynamodb_table': 'dynamodb',
  aws_kinesis_stream: 'kinesis',
  'data.aws_kinesis_stream': 'kinesis',
  aws_kinesis_stream_consumer: 'kinesis',
  aws_msk_cluster: 'kafka',
  aws_msk_serverless_cluster: 'kafka',
  aws_mq_broker: 'mq',
  aws_docdb_cluster: 'docdb',
};
const ARN_KINDS: Record<string, EventSource['kind']> = { sqs: 'sqs', dynamodb: 'dynamodb', kinesis: 'kinesis', kafka: 'kafka', mq: 'mq', rds: 'docdb' };

/**
 * A synthesized stack as a graph: every resource, the references between
 * them (also inside JSON documents and `jsonencode` expressions), and the
 * relations rules ask about (a queue's DLQ and policies, who delivers to
 * what, which key encrypts what). Indexes are built once, on first use, so a
 * stack is evaluated in time linear in its size.
 */
export class ResourceGraph {
  private referenceIndex?: { out: Map<string, Reference[]>; in: Map<string, Reference[]> };
  private deliveryList?: Delivery[];
  private readonly memo = new Map<string, unknown>();
  private readonly providerRegions = new Map<string, string | undefined>();
  private readonly providerAccounts = new Map<string, string | undefined>();

  /** From a model, or from the JSON of a synthesized stack (object or `cdk.tf.json` text). */
  static from(source: TerraformModel | string | object): ResourceGraph {
    return new ResourceGraph(source instanceof TerraformModel ? source : TerraformModel.fromJson(source));
  }

  /** @param model the parsed stack; see {@link ResourceGraph.from} to start from JSON. */
  constructor(readonly model: TerraformModel) {
    for (const p of list((model.json.provider as Record<string, unknown> | undefined)?.aws)) {
      const config = block(p) ?? {};
      const key = typeof config.alias === 'string' ? `aws.${config.alias}` : 'aws';
      this.providerRegions.set(key, literal(config.region));
      const accounts = list(config.allowed_account_ids);
      this.providerAccounts.set(key, accounts.length === 1 ? literal(accounts[0]) : undefined);
    }
  }

  /** Every resource (not data source), or those of one type (`data.<type>` for data sources). */
  resources(type?: string): TerraformResource[] {
    return this.model.resources(type);
  }

  /** Every resource and data source. */
  all(): TerraformResource[] {
    return this.cached('all', () => {
      const data = Object.entries(this.model.json.data ?? {}).flatMap(([type, byName]) =>
        Object.keys(byName).map((name) => this.model.get(`data.${type}.${name}`)!),
      );
      return [...this.model.resources(), ...data];
    });
  }

  /** The resource at an address. */
  get(address: string): TerraformResource | undefined {
    return this.model.get(address);
  }

  /** What a value of `resource` is at synth: known, unknown (and on what it depends) or absent. */
  read(resource: TerraformResource, value: unknown): Reading {
    return this.model.read(value, resource);
  }

  /**
   * Whether a value of `resource` is set for sure: known and not empty. A
   * check that forbids a value asks this, so that a value depending on a
   * variable, an iterator, a conditional or `lookup`/`try` (which may be
   * null) never counts as set.
   */
  surelySet(resource: TerraformResource, value: unknown): boolean {
    const reading = this.read(resource, value);
    return reading.state === 'known' && isSet(reading.value);
  }

  /** How messages name a resource: its construct path when cdktf wrote one, else its Terraform address. */
  label(resource: TerraformResource): string {
    return resource.path ?? resource.address;
  }

  /** The resource a value refers to as a whole (`${aws_sqs_queue.q.arn}`), if it is of one of `types` (any type if none given). */
  ref(value: unknown, ...types: string[]): TerraformResource | undefined {
    const ref = parseReference(value);
    const resource = ref && this.model.get(ref.address);
    if (!resource) return undefined;
    const type = resource.mode === 'data' ? `data.${resource.type}` : resource.type;
    return types.length === 0 || types.includes(type) ? resource : undefined;
  }

  /** References made by a resource, `depends_on` included. */
  referencesFrom(resource: TerraformResource): readonly Reference[] {
    return this.references().out.get(resource.address) ?? [];
  }

  /** References to a resource, optionally only from one type of resource. */
  referencesTo(resource: TerraformResource, fromType?: string): readonly Reference[] {
    const all = this.references().in.get(resource.address) ?? [];
    return fromType ? all.filter((r) => r.from.type === fromType && r.from.mode === 'resource') : all;
  }

  private references(): { out: Map<string, Reference[]>; in: Map<string, Reference[]> } {
    if (this.referenceIndex) return this.referenceIndex;
    const index = { out: new Map<string, Reference[]>(), in: new Map<string, Reference[]>() };
    const add = (ref: Reference): void => {
      push(index.out, ref.from.address, ref);
      push(index.in, ref.to, ref);
    };
    for (const from of this.all()) {
      for (const [argument, value] of Object.entries(from.config)) {
        if (argument === '//' || argument === 'lifecycle' || argument === 'provider') continue;
        if (argument === 'depends_on') {
          for (const d of list(value)) {
            if (typeof d === 'string') add({ from, argument, to: d.replace(/^\$\{(.*)\}$/, '$1'), attribute: '' });
          }
          continue;
        }
        visitStrings(value, (text) => {
          for (const r of referencesInText(text)) add({ from, argument, to: r.address, attribute: r.attribute });
        });
      }
    }
    this.referenceIndex = index;
    return index;
  }

  /**
   * A JSON document held by an attribute: JSON text, `${jsonencode(…)}`, or
   * an object. References inside stay as `${…}` strings. Read once per text
   * and shared by every rule: frozen.
   */
  document(value: unknown): unknown {
    return sharedDocument(value);
  }

  /**
   * The statements of a policy attribute: JSON, `jsonencode`, or a reference
   * to an `aws_iam_policy_document` (with its source and override documents).
   * `undefined` when they cannot be known before apply.
   */
  statements(value: unknown, seen = new Set<string>()): Statement[] | undefined {
    const doc = this.ref(value, 'data.aws_iam_policy_document');
    if (doc) {
      if (seen.has(doc.address)) return [];
      seen.add(doc.address);
      // Statements (or their principals, conditions) written as `dynamic` are known only at plan.
      if (doc.possiblyPresent?.length) return undefined;
      const own = statementsOfPolicyDocument(doc.config);
      const others = [...list(doc.config.source_policy_documents), ...list(doc.config.override_policy_documents)].map((v) => this.statements(v, seen));
      if (others.some((o) => o === undefined)) return undefined;
      return [...own, ...others.flatMap((o) => o ?? [])];
    }
    return statementsOf(this.document(value));
  }

  /** The region a resource is created in: its `region` argument, else its provider's. */
  region(resource: TerraformResource): string | undefined {
    if (resource.config.region !== undefined) return literal(resource.config.region);
    return this.providerRegions.get(this.providerKey(resource));
  }

  /** The account a resource is created in, when its provider allows exactly one. */
  account(resource: TerraformResource): string | undefined {
    return this.providerAccounts.get(this.providerKey(resource));
  }

  private providerKey(resource: TerraformResource): string {
    const p = literal(resource.config.provider);
    return p ? p.replace(/^\$\{(.*)\}$/, '$1') : 'aws';
  }

  /** Region of an ARN value: a literal ARN's, or the referenced resource's. */
  arnRegion(value: unknown): string | undefined {
    const arn = parseArn(value);
    if (arn) return arn.region || undefined;
    const resource = this.ref(value);
    return resource && this.region(resource);
  }

  /** Account of an ARN value: a literal ARN's, or the referenced resource's when known. */
  arnAccount(value: unknown): string | undefined {
    const arn = parseArn(value);
    if (arn) return arn.account || undefined;
    const resource = this.ref(value);
    return resource && this.account(resource);
  }

  /** Whether a queue, or the queue a value names (reference or ARN), is FIFO; `undefined` if unknown. */
  isFifoQueue(value: TerraformResource | unknown): boolean | undefined {
    const queue = isResource(value) ? value : this.ref(value, 'aws_sqs_queue');
    if (queue) return queue.config.fifo_queue === undefined ? false : bool(queue.config.fifo_queue);
    const arn = parseArn(value);
    return arn?.service === 'sqs' ? arn.resource.endsWith('.fifo') : undefined;
  }

  /** Whether a topic, or the topic a value names (reference or ARN), is FIFO; `undefined` if unknown. */
  isFifoTopic(value: TerraformResource | unknown): boolean | undefined {
    const topic = isResource(value) ? value : this.ref(value, 'aws_sns_topic');
    if (topic) return topic.config.fifo_topic === undefined ? false : bool(topic.config.fifo_topic);
    const arn = parseArn(value);
    return arn?.service === 'sns' ? arn.resource.endsWith('.fifo') : undefined;
  }

  /** The queue's policies: its own `policy` argument and every `aws_sqs_queue_policy` on it. */
  queuePolicies(queue: TerraformResource): PolicyHolder[] {
    const byQueue = this.cached('queuePolicies', () => this.groupBy('aws_sqs_queue_policy', 'queue_url', 'aws_sqs_queue'));
    return this.withInline(queue, byQueue.get(queue.address) ?? []);
  }

  /** The topic's policies: its own `policy` argument and every `aws_sns_topic_policy` on it. */
  topicPolicies(topic: TerraformResource): PolicyHolder[] {
    const byTopic = this.cached('topicPolicies', () => this.groupBy('aws_sns_topic_policy', 'arn', 'aws_sns_topic'));
    return this.withInline(topic, byTopic.get(topic.address) ?? []);
  }

  private withInline(resource: TerraformResource, separate: TerraformResource[]): PolicyHolder[] {
    const inline = resource.config.policy;
    const holders = separate.map((p) => ({ resource: p, policy: p.config.policy }));
    return inline !== undefined && inline !== '' ? [{ resource, policy: inline }, ...holders] : holders;
  }

  /** Resources of `type` grouped by the resource of `targetType` their `argument` refers to. */
  private groupBy(type: string, argument: string, targetType: string): Map<string, TerraformResource[]> {
    const map = new Map<string, TerraformResource[]>();
    for (const r of this.resources(type)) {
      const target = this.ref(r.config[argument], targetType);
      if (target) push(map, target.address, r);
    }
    return map;
  }

  /** The queue's dead-letter queue, if it has one. */
  deadLetterTarget(queue: TerraformResource): DeadLetterTarget | undefined {
    const separate = this.cached('redrivePolicies', () => this.groupBy('aws_sqs_queue_redrive_policy', 'queue_url', 'aws_sqs_queue'));
    const holder = queue.config.redrive_policy ? queue : separate.get(queue.address)?.[0];
    if (!holder) return undefined;
    const doc = block(this.document(holder.config.redrive_policy));
    if (!doc) return undefined;
    return {
      holder,
      arn: doc.deadLetterTargetArn,
      queue: this.ref(doc.deadLetterTargetArn, 'aws_sqs_queue'),
      maxReceiveCount: num(doc.maxReceiveCount),
    };
  }

  /**
   * Every delivery an AWS service makes under a resource policy: EventBridge
   * targets and their DLQs, SNS subscription endpoints and their DLQs.
   */
  deliveries(): readonly Delivery[] {
    if (this.deliveryList) return this.deliveryList;
    const found: Delivery[] = [];
    const destinationTypes = ['aws_sqs_queue', 'aws_sns_topic', 'aws_lambda_function', 'aws_lambda_alias'];
    const actionFor = (d: TerraformResource): string =>
      d.type === 'aws_sqs_queue' ? 'sqs:SendMessage' : d.type === 'aws_sns_topic' ? 'sns:Publish' : 'lambda:InvokeFunction';
    for (const via of this.resources('aws_cloudwatch_event_target')) {
      const service = 'events.amazonaws.com';
      const source = this.ref(via.config.rule, 'aws_cloudwatch_event_rule');
      const target = this.ref(via.config.arn, ...destinationTypes);
      if (target) found.push({ service, action: actionFor(target), source, via, destination: target, as: 'target' });
      const dlq = this.ref(at(via.config, 'dead_letter_config.arn'), 'aws_sqs_queue');
      if (dlq) found.push({ service, action: 'sqs:SendMessage', source, via, destination: dlq, as: 'dead-letter queue' });
    }
    for (const via of this.resources('aws_sns_topic_subscription')) {
      const service = 'sns.amazonaws.com';
      const source = this.ref(via.config.topic_arn, 'aws_sns_topic');
      const endpoint = this.ref(via.config.endpoint, ...destinationTypes);
      if (endpoint && (via.config.protocol === 'sqs' || via.config.protocol === 'lambda')) {
        found.push({ service, action: actionFor(endpoint), source, via, destination: endpoint, as: 'endpoint' });
      }
      const dlq = this.ref(block(this.document(via.config.redrive_policy))?.deadLetterTargetArn, 'aws_sqs_queue');
      if (dlq) found.push({ service, action: 'sqs:SendMessage', source, via, destination: dlq, as: 'dead-letter queue' });
    }
    this.deliveryList = found;
    return found;
  }

  /** Deliveries into one queue, topic or function. */
  deliveriesTo(destination: TerraformResource): Delivery[] {
    const byDestination = this.cached('deliveriesTo', () => {
      const map = new Map<string, Delivery[]>();
      for (const d of this.deliveries()) push(map, d.destination.address, d);
      return map;
    });
    return byDestination.get(destination.address) ?? [];
  }

  /** The key a `kms_master_key_id` / `kms_key_arn` value names, when it can be told. */
  kmsKey(value: unknown): KeyReference | undefined {
    const awsManaged = (name: string | undefined): KeyReference | undefined => {
      const alias = name && /(?:^|:)(alias\/aws\/[A-Za-z0-9_/-]+)$/.exec(name)?.[1];
      return alias ? { kind: 'aws-managed', alias } : undefined;
    };
    const text = literal(value);
    if (text !== undefined) return awsManaged(text);
    const key = this.ref(value, 'aws_kms_key', 'aws_kms_replica_key');
    if (key) return { kind: 'customer', key };
    const alias = this.ref(value, 'aws_kms_alias');
    if (alias) {
      const target = this.ref(alias.config.target_key_id, 'aws_kms_key', 'aws_kms_replica_key');
      return target ? { kind: 'customer', key: target } : awsManaged(literal(alias.config.name));
    }
    const data = this.ref(value, 'data.aws_kms_alias', 'data.aws_kms_key');
    return data ? awsManaged(literal(data.config.name ?? data.config.key_id)) : undefined;
  }

  /**
   * The statements of a key's policy (its `policy` or an `aws_kms_key_policy`);
   * a key with neither has the default key policy, which admits only the
   * account's IAM principals: `[]`. `undefined` when the policy cannot be read.
   */
  keyStatements(key: TerraformResource): Statement[] | undefined {
    const byKey = this.cached('keyPolicies', () => this.groupBy('aws_kms_key_policy', 'key_id', 'aws_kms_key'));
    const policy = key.config.policy ?? byKey.get(key.address)?.[0]?.config.policy;
    return policy === undefined ? [] : this.statements(policy);
  }

  /**
   * The identity-policy statements of the role a value names (inline
   * policies, `aws_iam_role_policy`, attached `aws_iam_policy`), and whether
   * they are all known: an attached AWS managed policy or an unreadable
   * document makes them incomplete.
   */
  roleStatements(value: unknown):
    | {
        /** The `aws_iam_role` the value names. */
        role: TerraformResource;
        /** The statements of its identity policies that could be read. */
        statements: Statement[];
        /** `false` when an attached policy is not in the stack (e.g. an AWS managed policy) or a document cannot be read at synth. */
        complete: boolean;
      }
    | undefined {
    const role = this.ref(value, 'aws_iam_role');
    if (!role) return undefined;
    const index = this.cached('rolePolicies', () => {
      const map = new Map<string, unknown[]>();
      const roleOf = (v: unknown): TerraformResource | undefined => this.ref(v, 'aws_iam_role');
      for (const p of this.resources('aws_iam_role_policy')) {
        const r = roleOf(p.config.role);
        if (r) push(map, r.address, { policy: p.config.policy });
      }
      for (const a of this.resources('aws_iam_role_policy_attachment')) {
        const r = roleOf(a.config.role);
        if (r) push(map, r.address, { policyArn: a.config.policy_arn });
      }
      for (const a of this.resources('aws_iam_policy_attachment')) {
        for (const roleName of list(a.config.roles)) {
          const r = roleOf(roleName);
          if (r) push(map, r.address, { policyArn: a.config.policy_arn });
        }
      }
      return map;
    });
    const sources: Array<{ policy?: unknown; policyArn?: unknown }> = [
      ...list(role.config.inline_policy).map((p) => ({ policy: block(p)?.policy })),
      ...list(role.config.managed_policy_arns).map((policyArn) => ({ policyArn })),
      ...((index.get(role.address) ?? []) as Array<{ policy?: unknown; policyArn?: unknown }>),
    ];
    let complete = true;
    const statements: Statement[] = [];
    for (const s of sources) {
      let policy = s.policy;
      if (s.policyArn !== undefined) {
        const managed = this.ref(s.policyArn, 'aws_iam_policy');
        if (!managed) {
          complete = false;
          continue;
        }
        policy = managed.config.policy;
      }
      const found = this.statements(policy);
      if (found) statements.push(...found);
      else complete = false;
    }
    return { role, statements, complete };
  }

  /**
   * Every identity policy in the stack and the resource holding it:
   * `aws_iam_policy`, `aws_iam_role_policy`, user and group policies, and
   * roles' `inline_policy` blocks.
   */
  identityPolicies(): readonly PolicyHolder[] {
    return this.cached('identityPolicies', () => {
      const holders: PolicyHolder[] = [];
      for (const type of ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy']) {
        for (const resource of this.resources(type)) holders.push({ resource, policy: resource.config.policy });
      }
      for (const role of this.resources('aws_iam_role')) {
        for (const inline of list(role.config.inline_policy)) {
          const policy = block(inline)?.policy;
          if (policy !== undefined) holders.push({ resource: role, policy });
        }
      }
      return holders;
    });
  }

  /** The function a `function_name` / ARN value names, through an alias if need be. */
  lambdaFunction(value: unknown): TerraformResource | undefined {
    const alias = this.ref(value, 'aws_lambda_alias');
    return this.ref(alias ? alias.config.function_name : value, 'aws_lambda_function');
  }

  /** What an event source mapping or pipe reads from. */
  eventSource(value: unknown): EventSource | undefined {
    const resource = this.ref(value);
    if (resource) {
      const kind = SOURCE_KINDS[resource.mode === 'data' ? `data.${resource.type}` : resource.type];
      return kind ? { kind, resource } : { kind: 'other', resource };
    }
    const arn = parseArn(value);
    if (arn) return { kind: ARN_KINDS[arn.service] ?? 'other' };
    return undefined;
  }

  /** The routing simulator's analysis of the stack (EDA-ROUTING-001 and -002 both read it), run once. */
  routingWarnings(): readonly RoutingWarning[] {
    return this.cached('routing-warnings', () => analyzeRouting(this.model));
  }

  /** Memoizes an index for the life of the graph. */
  cached<T>(key: string, build: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, build());
    return this.memo.get(key) as T;
  }
}

function isResource(value: unknown): value is TerraformResource {
  return typeof value === 'object' && value !== null && 'address' in value && 'config' in value;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const existing = map.get(key);
  if (existing) existing.push(value);
  else map.set(key, [value]);
}
