import { parseReference } from '../../core/references';
import { TerraformResource } from '../../core/terraform-json';
import { block, blocks, sharedDocument, literal } from '../../core/values';
import type { RoutingModel } from '../model';
import type { BucketNode, BucketNotificationNode } from '../buckets';
import type { EndpointNode, MappingNode, NodeBase, PipeNode, SubscriptionNode, TargetNode } from '../nodes';
import { ContextValue } from './conditions';
import { AuthorizationRequest, CompiledPolicy, Decision, evaluate, PolicyCache, PolicySet, RequestPrincipal } from './policy';
import { REQUEST_CONTEXT, ServiceCall } from './request-context';

/** A hop AWS would refuse: which call, and which policy, statement and condition refused it. */
export interface Denial {
  /** The call refused: `sns.amazonaws.com sqs:SendMessage on queue orders-billing`. */
  readonly call: string;
  /** Why: the policy, the statement and the failed condition, or the missing statement. */
  readonly reason: string;
  /** The policy that decided, when one did. */
  readonly policy?: string;
  /** The statement (`Sid "…"` or `statement n`) that denied or nearly allowed. */
  readonly statement?: string;
}

/** Where a denied hop starts: a node of the routing graph, or a resource outside it (an alarm, an API integration). */
export type HopOrigin = Pick<NodeBase, 'address' | 'path' | 'name'>;

/** What a hop asks: one or more calls that must all be allowed. */
interface Call {
  readonly principal: RequestPrincipal;
  readonly action: string;
  readonly resource: string;
  /** What the resource is, for messages: `queue orders-billing`. */
  readonly on: string;
  readonly context: Record<string, ContextValue>;
  readonly policies: PolicySet;
  /** Keys the table says AWS is silent about for this call. */
  readonly silent: readonly string[];
  /** True when a policy that decides could not be read (an AWS managed policy, a key outside the stack): the call is not judged. */
  readonly unknown?: boolean;
}

const cache = new WeakMap<RoutingModel, Authorizer>();

/**
 * Evaluates, for each hop of a routing model, the policies AWS evaluates for
 * that call, with the principal and request context of {@link REQUEST_CONTEXT}.
 * Decisions are made once per hop and kept, so simulating many events costs a lookup.
 */
export class Authorizer {
  /** The authorizer of a model, made once. */
  static of(model: RoutingModel): Authorizer {
    let a = cache.get(model);
    if (!a) cache.set(model, (a = new Authorizer(model)));
    return a;
  }

  private readonly policies = new PolicyCache();
  /** Policies as read from the model, by document value, then kind and name: every alarm of a topic reads the topic's policy. */
  private readonly readPolicies = new Map<unknown, Map<string, CompiledPolicy | undefined>>();
  private readonly decisions = new Map<string, Denial | null>();

  private constructor(private readonly model: RoutingModel) {}

  /** EventBridge delivering a rule target's input to its endpoint (resource policy or the target's role; the endpoint's key). */
  ruleTarget(target: TargetNode): Denial | undefined {
    return this.decide(`target ${target.address}`, () => {
      const rule = target.rule;
      const role = this.roleOf(this.resource(target)?.config.role_arn);
      if (role) return this.roleCalls(role, target.endpoint, sendAction(target.endpoint));
      return this.serviceCalls('events.amazonaws.com', target.endpoint, rule.arn, callOf('eventbridge-target', target.endpoint));
    });
  }

  /** EventBridge sending a failed event to the target's DLQ. */
  ruleDeadLetter(target: TargetNode): Denial | undefined {
    const dlq = target.deadLetterQueue;
    if (!dlq) return undefined;
    return this.decide(`target-dlq ${target.address}`, () => this.serviceCalls('events.amazonaws.com', dlq, target.rule.arn, 'eventbridge-target-dlq'));
  }

  /** SNS delivering to a subscription's queue or function. */
  subscription(sub: SubscriptionNode): Denial | undefined {
    if (sub.endpoint.kind !== 'queue' && sub.endpoint.kind !== 'function') return undefined;
    return this.decide(`subscription ${sub.address}`, () =>
      this.serviceCalls('sns.amazonaws.com', sub.endpoint, sub.topic.arn, sub.endpoint.kind === 'queue' ? 'sns-delivery-sqs' : 'sns-delivery-lambda'),
    );
  }

  /** SNS sending an undeliverable message to the subscription's DLQ. */
  subscriptionDeadLetter(sub: SubscriptionNode): Denial | undefined {
    const dlq = sub.deadLetterQueue;
    if (!dlq) return undefined;
    return this.decide(`subscription-dlq ${sub.address}`, () => this.serviceCalls('sns.amazonaws.com', dlq, sub.topic.arn, 'sns-subscription-dlq'));
  }

  /** A pipe reading its source with its role (and the source's key). */
  pipeSource(pipe: PipeNode): Denial | undefined {
    return this.decide(`pipe-source ${pipe.address}`, () => this.readCalls(this.roleOf(this.resource(pipe)?.config.role_arn), pipe.source));
  }

  /** A pipe invoking its enrichment with its role. */
  pipeEnrichment(pipe: PipeNode): Denial | undefined {
    const enrichment = pipe.enrichment;
    if (!enrichment) return undefined;
    return this.decide(`pipe-enrichment ${pipe.address}`, () => this.roleCalls(this.roleOf(this.resource(pipe)?.config.role_arn), enrichment, 'lambda:InvokeFunction'));
  }

  /** A pipe delivering to its target with its role (and the target's key). */
  pipeTarget(pipe: PipeNode): Denial | undefined {
    return this.decide(`pipe-target ${pipe.address}`, () => this.roleCalls(this.roleOf(this.resource(pipe)?.config.role_arn), pipe.target, sendAction(pipe.target)));
  }

  /** A pipe sending a failed record's metadata to its DLQ with its role. */
  pipeDeadLetter(pipe: PipeNode): Denial | undefined {
    const dlq = pipe.deadLetterQueue;
    if (!dlq) return undefined;
    return this.decide(`pipe-dlq ${pipe.address}`, () => this.roleCalls(this.roleOf(this.resource(pipe)?.config.role_arn), dlq, sendAction(dlq)));
  }

  /** An event source mapping reading its source with the function's role (and the source's key). */
  mappingSource(mapping: MappingNode): Denial | undefined {
    return this.decide(`mapping-source ${mapping.address}`, () => {
      const fn = mapping.function.kind === 'function' ? this.resource(mapping.function) : undefined;
      return this.readCalls(this.roleOf(fn?.config.role), mapping.source);
    });
  }

  /** Every denied hop of the model, for analysis and checks. */
  deniedHops(): Array<{ readonly via: HopOrigin; readonly hop: string; readonly denial: Denial }> {
    const out: Array<{ via: HopOrigin; hop: string; denial: Denial }> = [];
    const add = (via: HopOrigin, hop: string, denial: Denial | undefined): void => {
      if (denial) out.push({ via, hop, denial });
    };
    for (const rule of this.model.ofKind('rule')) {
      for (const t of rule.targets) {
        add(t, 'rule target', this.ruleTarget(t));
        add(t, 'rule target dead-letter queue', this.ruleDeadLetter(t));
      }
    }
    for (const sub of this.model.ofKind('subscription')) {
      add(sub, 'subscription', this.subscription(sub));
      add(sub, 'subscription dead-letter queue', this.subscriptionDeadLetter(sub));
    }
    for (const pipe of this.model.ofKind('pipe')) {
      add(pipe, 'pipe source', this.pipeSource(pipe));
      add(pipe, 'pipe enrichment', this.pipeEnrichment(pipe));
      add(pipe, 'pipe target', this.pipeTarget(pipe));
      add(pipe, 'pipe dead-letter queue', this.pipeDeadLetter(pipe));
    }
    for (const mapping of this.model.ofKind('mapping')) add(mapping, 'event source mapping', this.mappingSource(mapping));
    for (const alarm of this.model.terraform.resources('aws_cloudwatch_metric_alarm')) {
      for (const topic of this.alarmTopics(alarm)) add(alarm, 'alarm action', this.alarmAction(alarm, topic));
    }
    for (const integration of this.model.terraform.resources('aws_apigatewayv2_integration')) {
      add(integration, 'API integration', this.apiIntegration(integration));
    }
    return out;
  }

  /** S3 sending a bucket's notification to its queue, topic or function (the destination's policy, then its key). */
  bucketNotification(bucket: BucketNode, notification: BucketNotificationNode): Denial | undefined {
    const endpoint = notification.endpoint;
    const call: ServiceCall | undefined =
      endpoint.kind === 'queue' ? 's3-notification-sqs' : endpoint.kind === 'topic' ? 's3-notification-sns' : endpoint.kind === 'function' ? 's3-notification-lambda' : undefined;
    return this.decide(`bucket-notification ${bucket.address} ${notification.id}`, () => this.serviceCalls('s3.amazonaws.com', endpoint, bucket.arn, call));
  }

  /** CloudWatch publishing an alarm's state change to a topic of its actions (the topic policy, then the topic's key). */
  alarmAction(alarm: TerraformResource, topic: EndpointNode): Denial | undefined {
    return this.decide(`alarm ${alarm.address} ${topic.address}`, () => this.serviceCalls('cloudwatch.amazonaws.com', topic, this.alarmArn(alarm), 'cloudwatch-alarm-sns'));
  }

  /** The topics of the stack an alarm's alarm, OK and insufficient-data actions publish to. */
  alarmTopics(alarm: TerraformResource): EndpointNode[] {
    const topics = new Map<string, EndpointNode>();
    for (const attribute of ['alarm_actions', 'ok_actions', 'insufficient_data_actions']) {
      const actions = alarm.config[attribute];
      for (const action of Array.isArray(actions) ? actions : []) {
        const ref = parseReference(action);
        const node = ref && this.model.get(ref.address);
        if (node?.kind === 'topic') topics.set(node.address, node as EndpointNode);
      }
    }
    return [...topics.values()];
  }

  /**
   * API Gateway invoking the Lambda function of an HTTP API integration, once
   * per route and stage using it: the function's `aws_lambda_permission`s with
   * the route's execute-api ARN as aws:SourceArn.
   */
  apiIntegration(integration: TerraformResource): Denial | undefined {
    const ref = parseReference(integration.config.integration_uri);
    const fn = ref && this.model.get(ref.address);
    if (fn?.kind !== 'function') return undefined;
    const api = parseReference(integration.config.api_id);
    const apiResource = api && this.model.terraform.get(api.address);
    if (!apiResource) return undefined;
    const tf = this.model.terraform;
    const routes = tf.referrers('aws_apigatewayv2_route', 'api_id', apiResource).filter((r) => parseReference(String(r.config.target ?? '').replace(/^integrations\//, ''))?.address === integration.address);
    const stages = tf.referrers('aws_apigatewayv2_stage', 'api_id', apiResource).map((s) => literal(s.config.name));
    const executionArn = this.executionArn(apiResource);
    return this.decide(`api-integration ${integration.address}`, () =>
      routes.flatMap((route) => {
        const key = literal(route.config.route_key);
        // The $default route's resource is `$default`; others are `METHOD/path` (API Gateway "identifiers used in permissions").
        const resourcePath = key === undefined ? undefined : key === '$default' ? '$default' : key.replace(' /', '/');
        return resourcePath === undefined ? [] : stages.flatMap((stage) => (stage === undefined ? [] : this.serviceCalls('apigateway.amazonaws.com', fn as EndpointNode, `${executionArn}/${stage}/${resourcePath}`, 'apigateway-invoke-lambda')));
      }),
    );
  }

  // ─── calls ────────────────────────────────────────────────────────────────

  private decide(key: string, calls: () => Call[]): Denial | undefined {
    if (this.decisions.has(key)) return this.decisions.get(key) ?? undefined;
    let denial: Denial | undefined;
    for (const call of calls()) {
      if (call.unknown || !this.knowable(call)) continue;
      const request: AuthorizationRequest = { principal: call.principal, action: call.action, resource: call.resource, context: call.context };
      const decision = evaluate(request, call.policies);
      if (!decision.allowed) {
        denial = denialOf(call, decision);
        break;
      }
    }
    this.decisions.set(key, denial ?? null);
    return denial;
  }

  /**
   * Whether a call can be judged at synth: a value known only at apply (a
   * `count.index`, a `try(…)`, a variable) left in the resource or a policy
   * could make AWS decide either way, so such a call is not judged.
   */
  private knowable(call: Call): boolean {
    const policies = [call.policies.resourcePolicy, call.policies.keyPolicy, ...(call.policies.identityPolicies ?? [])];
    const values = [call.resource, ...Object.values(call.context).flat()];
    return !values.some((v) => v.includes('${') || v.startsWith('unresolved')) && !policies.some((p) => p?.unresolved);
  }

  /** A service principal delivering to an endpoint on behalf of `sourceArn`: the endpoint's policy, then its key. */
  private serviceCalls(service: string, endpoint: EndpointNode, sourceArn: string, call: ServiceCall | undefined): Call[] {
    if (!call || endpoint.kind === 'external') return [];
    const row = REQUEST_CONTEXT[call];
    const principal: RequestPrincipal = { type: 'Service', id: service };
    const context: Record<string, ContextValue> = {};
    if ('aws:SourceArn' in row.present) context['aws:SourceArn'] = sourceArn;
    if ('aws:SourceAccount' in row.present) context['aws:SourceAccount'] = this.model.account;
    context['aws:SecureTransport'] = 'true';
    const calls: Call[] = [
      { principal, action: row.actions[0], resource: endpoint.arn, on: describe(endpoint), context, policies: { resourcePolicy: this.resourcePolicy(endpoint) }, silent: row.silent },
    ];
    const key = this.keyCall(principal, endpoint, 'kms:GenerateDataKey');
    if (key) calls.push(key);
    return calls;
  }

  /** A role calling an endpoint: its identity policies and the endpoint's policy (same account), then the endpoint's key. */
  private roleCalls(role: TerraformResource | undefined, endpoint: EndpointNode, action: string | undefined): Call[] {
    if (!action || endpoint.kind === 'external') return [];
    const principal = this.rolePrincipal(role);
    const identity = this.identityPolicies(role);
    const calls: Call[] = [
      {
        principal,
        action,
        resource: endpoint.arn,
        on: describe(endpoint),
        context: this.roleContext(principal),
        policies: { resourcePolicy: this.resourcePolicy(endpoint), identityPolicies: identity.policies },
        silent: REQUEST_CONTEXT['role-call'].silent,
        unknown: identity.unknown,
      },
    ];
    const key = this.keyCall(principal, endpoint, 'kms:GenerateDataKey', identity);
    if (key) calls.push(key);
    return calls;
  }

  /** A role reading a stream or queue (pipe or event source mapping), and decrypting with its key. */
  private readCalls(role: TerraformResource | undefined, source: EndpointNode): Call[] {
    const principal = this.rolePrincipal(role);
    const identity = this.identityPolicies(role);
    const base = { principal, context: this.roleContext(principal), silent: REQUEST_CONTEXT['role-call'].silent, unknown: identity.unknown };
    const calls: Call[] = [];
    if (source.kind === 'table') {
      for (const action of ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']) {
        calls.push({ ...base, action, resource: source.streamArn, on: `the stream of ${describe(source)}`, policies: { identityPolicies: identity.policies } });
      }
    } else if (source.kind === 'stream') {
      // Shared-throughput readers call these on the stream (a fan-out reader's SubscribeToShard names its consumer, which the model folds into the stream).
      for (const action of ['kinesis:DescribeStream', 'kinesis:GetRecords', 'kinesis:GetShardIterator']) {
        calls.push({ ...base, action, resource: source.arn, on: describe(source), policies: { identityPolicies: identity.policies } });
      }
    } else if (source.kind === 'queue') {
      for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']) {
        calls.push({ ...base, action, resource: source.arn, on: describe(source), policies: { resourcePolicy: this.resourcePolicy(source), identityPolicies: identity.policies } });
      }
    } else {
      return [];
    }
    const key = this.keyCall(principal, source, 'kms:Decrypt', identity);
    if (key) calls.push(key);
    return calls;
  }

  /** The KMS call a service makes for a caller writing to (or reading from) an encrypted endpoint. */
  private keyCall(principal: RequestPrincipal, endpoint: EndpointNode, action: string, identity?: { policies: CompiledPolicy[]; unknown: boolean }): Call | undefined {
    const found = this.keyOf(endpoint);
    if (!found) return undefined;
    const context: Record<string, ContextValue> = {};
    const region = this.model.region;
    if (endpoint.kind === 'topic') {
      context['kms:EncryptionContext:aws:sns:topicArn'] = endpoint.arn;
      context['kms:ViaService'] = `sns.${region}.amazonaws.com`;
    } else if (endpoint.kind === 'queue') {
      context['kms:EncryptionContext:aws:sqs:arn'] = endpoint.arn;
      context['kms:ViaService'] = `sqs.${region}.amazonaws.com`;
    } else if (endpoint.kind === 'bus') {
      context['kms:EncryptionContext:aws:events:event-bus:arn'] = endpoint.arn;
      context['kms:ViaService'] = `events.${region}.amazonaws.com`;
    } else if (endpoint.kind === 'stream') {
      // Kinesis passes the stream ARN as encryption context in every KMS call ("Kinesis Data Streams encryption context").
      context['kms:EncryptionContext:aws:kinesis:arn'] = endpoint.arn;
      context['kms:ViaService'] = `kinesis.${region}.amazonaws.com`;
    } else if (endpoint.kind === 'table') {
      context['kms:EncryptionContext:aws:dynamodb:tableName'] = endpoint.name;
      context['kms:EncryptionContext:aws:dynamodb:subscriberId'] = this.model.account;
      context['kms:ViaService'] = `dynamodb.${region}.amazonaws.com`;
    } else {
      return undefined;
    }
    if (principal.type === 'AWS') Object.assign(context, this.roleContext(principal), { 'kms:CallerAccount': this.model.account });
    const row = REQUEST_CONTEXT[endpoint.kind === 'topic' ? 'sns-kms-for-publisher' : 'sqs-kms-for-sender'];
    const on = `the key of ${describe(endpoint)}`;
    if (found === 'aws-managed') {
      // An AWS managed key's policy admits only the account's IAM principals through the service.
      // (KMS "AWS managed keys": principals of the account, through the service, with no IAM permission needed).
      const policy = this.policies.get(`AWS managed key policy of ${describe(endpoint)}`, 'resource', {
        Statement: [
          {
            Sid: 'Allow access through the service for all principals in the account that are authorized to use it',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
            Resource: '*',
            Condition: { StringEquals: { 'kms:CallerAccount': this.model.account, 'kms:ViaService': context['kms:ViaService'] } },
          },
        ],
      });
      return { principal, action, resource: '*', on, context, policies: { keyPolicy: policy, identityPolicies: identity?.policies }, silent: row.silent, unknown: identity?.unknown };
    }
    if (found === 'outside') return undefined;
    const keyPolicy = this.policyOf(found, found.config.policy, 'resource', `key policy ${found.address}`) ?? this.defaultKeyPolicy(found);
    return { principal, action, resource: `arn:aws:kms:${region}:${this.model.account}:key/${found.name}`, on, context, policies: { keyPolicy, identityPolicies: identity?.policies }, silent: row.silent, unknown: identity?.unknown };
  }

  // ─── policies ─────────────────────────────────────────────────────────────

  private resource(node: NodeBase): TerraformResource | undefined {
    return this.model.terraform.get(node.address);
  }

  /** The resource policy AWS reads for an endpoint; `undefined` when it has none. */
  private resourcePolicy(endpoint: EndpointNode): CompiledPolicy | undefined {
    const r = this.resource(endpoint);
    if (!r) return undefined;
    const tf = this.model.terraform;
    switch (endpoint.kind) {
      case 'queue': {
        const holder = tf.referrers('aws_sqs_queue_policy', 'queue_url', r)[0];
        return holder ? this.policyOf(holder, holder.config.policy, 'resource', `queue policy ${holder.address}`) : this.policyOf(r, r.config.policy, 'resource', `queue policy of ${r.address}`);
      }
      case 'topic': {
        const holder = tf.referrers('aws_sns_topic_policy', 'arn', r)[0];
        // A topic without a policy of its own has SNS's default, which admits only the owner account.
        return holder
          ? this.policyOf(holder, holder.config.policy, 'resource', `topic policy ${holder.address}`)
          : (this.policyOf(r, r.config.policy, 'resource', `topic policy of ${r.address}`) ??
              this.policies.get(`default topic policy of ${r.address}`, 'resource', {
                Statement: [{ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:*', Resource: endpoint.arn, Condition: { StringEquals: { 'AWS:SourceOwner': this.model.account } } }],
              }));
      }
      case 'bus': {
        const holder = tf.referrers('aws_cloudwatch_event_bus_policy', 'event_bus_name', r)[0];
        return holder ? this.policyOf(holder, holder.config.policy, 'resource', `bus policy ${holder.address}`) : undefined;
      }
      case 'function':
        return this.lambdaPermissions(endpoint, r);
      default:
        return undefined;
    }
  }

  /** A function's `aws_lambda_permission`s, as the resource policy Lambda builds from them. */
  private lambdaPermissions(endpoint: EndpointNode, fn: TerraformResource): CompiledPolicy {
    const permissions = this.model.terraform.resources('aws_lambda_permission').filter((p) => {
      const ref = parseReference(p.config.function_name);
      return ref ? ref.address === fn.address : literal(p.config.function_name) === endpoint.name || literal(p.config.function_name) === endpoint.arn;
    });
    const statements = permissions.map((p) => {
      const principal = literal(p.config.principal) ?? '';
      const condition: Record<string, Record<string, string>> = {};
      if (p.config.source_arn !== undefined) condition.ArnLike = { 'AWS:SourceArn': this.resolve(p.config.source_arn) as string };
      if (p.config.source_account !== undefined) condition.StringEquals = { 'AWS:SourceAccount': this.resolve(p.config.source_account) as string };
      return {
        Sid: literal(p.config.statement_id) ?? p.name,
        Effect: 'Allow',
        Principal: principal.endsWith('.amazonaws.com') ? { Service: principal } : principal === '*' ? '*' : { AWS: principal },
        Action: literal(p.config.action) ?? 'lambda:InvokeFunction',
        Resource: endpoint.arn,
        ...(Object.keys(condition).length ? { Condition: condition } : {}),
      };
    });
    return this.policies.get(`Lambda permissions of ${fn.address}`, 'resource', { Statement: statements });
  }

  private ownerOnly(name: string): CompiledPolicy {
    return this.policies.get(name, 'resource', { Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${this.model.account}:root` }, Action: '*', Resource: '*' }] });
  }

  /** A key without a policy gets KMS's default key policy: the account, through IAM. */
  private defaultKeyPolicy(key: TerraformResource): CompiledPolicy {
    return this.ownerOnly(`default key policy of ${key.address}`);
  }

  /** The key encrypting an endpoint: a key of the stack, `aws-managed`, `outside` (not judged), or none. */
  private keyOf(endpoint: EndpointNode): TerraformResource | 'aws-managed' | 'outside' | undefined {
    const r = this.resource(endpoint);
    if (!r) return undefined;
    const value =
      endpoint.kind === 'table'
        ? block(r.config.server_side_encryption)?.kms_key_arn ?? blocks(r.config.server_side_encryption)[0]?.kms_key_arn
        : endpoint.kind === 'bus'
          ? r.config.kms_key_identifier
          : endpoint.kind === 'stream'
            ? r.config.kms_key_id
            : r.config.kms_master_key_id;
    if (value === undefined || value === null || value === '') return undefined;
    const text = literal(value);
    if (text !== undefined) return /(^|:)alias\/aws\//.test(text) ? 'aws-managed' : 'outside';
    const ref = parseReference(value);
    const target = ref && this.model.terraform.get(ref.address);
    if (!target) return 'outside';
    if (target.type === 'aws_kms_key') return target;
    if (target.type === 'aws_kms_alias') {
      const keyRef = parseReference(target.config.target_key_id);
      const key = keyRef && this.model.terraform.get(keyRef.address);
      return key?.type === 'aws_kms_key' ? key : 'outside';
    }
    return 'outside';
  }

  private roleOf(value: unknown): TerraformResource | undefined {
    const ref = parseReference(value);
    const r = ref && this.model.terraform.get(ref.address);
    return r?.type === 'aws_iam_role' ? r : undefined;
  }

  private rolePrincipal(role: TerraformResource | undefined): RequestPrincipal {
    const name = role ? (literal(role.config.name) ?? role.name) : 'unknown';
    return { type: 'AWS', id: `arn:aws:iam::${this.model.account}:role/${name}`, account: this.model.account };
  }

  private roleContext(principal: RequestPrincipal): Record<string, ContextValue> {
    return { 'aws:PrincipalArn': principal.id, 'aws:PrincipalAccount': this.model.account, 'aws:SecureTransport': 'true' };
  }

  /** A role's inline policies, role policies and attached customer managed policies; AWS managed ones cannot be read here. */
  private identityPolicies(role: TerraformResource | undefined): { policies: CompiledPolicy[]; unknown: boolean } {
    if (!role) return { policies: [], unknown: true };
    const tf = this.model.terraform;
    const policies: CompiledPolicy[] = [];
    let unknown = false;
    for (const inline of blocks(role.config.inline_policy)) {
      const p = this.policyOf(role, inline.policy, 'identity', `inline policy ${literal(inline.name) ?? ''} of ${role.address}`);
      if (p) policies.push(p);
    }
    for (const rp of [...tf.referrers('aws_iam_role_policy', 'role', role)]) {
      const p = this.policyOf(rp, rp.config.policy, 'identity', `role policy ${rp.address}`);
      if (p) policies.push(p);
    }
    const attached = [...tf.referrers('aws_iam_role_policy_attachment', 'role', role).map((a) => a.config.policy_arn), ...((role.config.managed_policy_arns as unknown[]) ?? [])];
    for (const arn of attached) {
      const ref = parseReference(arn);
      const managed = ref && tf.get(ref.address);
      const p = managed?.type === 'aws_iam_policy' ? this.policyOf(managed, managed.config.policy, 'identity', `policy ${managed.address}`) : undefined;
      if (p) policies.push(p);
      else unknown = true;
    }
    return { policies, unknown };
  }

  /** A policy document of a resource, compiled once, with Terraform references replaced by the model's values. */
  private policyOf(_holder: TerraformResource, value: unknown, kind: CompiledPolicy['kind'], name: string): CompiledPolicy | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    let byName = this.readPolicies.get(value);
    if (!byName) this.readPolicies.set(value, (byName = new Map()));
    const key = `${kind}\u0000${name}`;
    if (byName.has(key)) return byName.get(key);
    const policy = this.readPolicy(value, kind, name);
    byName.set(key, policy);
    return policy;
  }

  private readPolicy(value: unknown, kind: CompiledPolicy['kind'], name: string): CompiledPolicy {
    const doc = sharedDocument(value);
    const resolved = doc === undefined ? String(value) : this.resolve(doc);
    const compiled = this.policies.get(name, kind, resolved);
    // Values known only at apply make the policy's decision unknown at synth.
    if (JSON.stringify(resolved).includes('${') && !compiled.unresolved) return { ...compiled, unresolved: true };
    return compiled;
  }

  /** Replaces `${…}` references to the stack's resources, partition, region and account with the model's values. */
  private resolve(value: unknown): unknown {
    if (typeof value === 'string') return value.includes('${') ? value.replace(/\$\{([^{}]+)\}/g, (whole, inner: string) => this.resolveReference(inner.trim()) ?? whole) : value;
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(v)]));
    return value;
  }

  private resolveReference(expression: string): string | undefined {
    const ref = parseReference(`\${${expression}}`);
    if (!ref) return undefined;
    const [type] = ref.address.split('.');
    if (ref.address.startsWith('data.aws_partition.')) return 'aws';
    if (ref.address.startsWith('data.aws_region.')) return this.model.region;
    if (ref.address.startsWith('data.aws_caller_identity.')) return ref.attribute === 'account_id' ? this.model.account : undefined;
    const node = this.model.get(ref.address);
    if (node) {
      if (ref.attribute === 'arn') return node.arn;
      if (ref.attribute === 'url' || (ref.attribute === 'id' && node.kind === 'queue')) return node.kind === 'queue' ? node.url : undefined;
      if (ref.attribute === 'name' || ref.attribute === 'function_name' || ref.attribute === 'id') return node.name;
      if (ref.attribute === 'stream_arn' && node.kind === 'table') return node.streamArn;
      return undefined;
    }
    const r = this.model.terraform.get(ref.address);
    if (!r) return undefined;
    const name = literal(r.config.name) ?? r.name;
    if (type === 'aws_kms_key' && ref.attribute === 'arn') return `arn:aws:kms:${this.model.region}:${this.model.account}:key/${r.name}`;
    if (type === 'aws_kms_key' && (ref.attribute === 'key_id' || ref.attribute === 'id')) return r.name;
    if (type === 'aws_iam_role' && ref.attribute === 'arn') return `arn:aws:iam::${this.model.account}:role/${name}`;
    if (type === 'aws_iam_role' && (ref.attribute === 'name' || ref.attribute === 'id')) return name;
    if (type === 'aws_pipes_pipe' && ref.attribute === 'arn') return `arn:aws:pipes:${this.model.region}:${this.model.account}:pipe/${name}`;
    if (type === 'aws_cloudwatch_metric_alarm' && ref.attribute === 'arn') return this.alarmArn(r);
    if (type === 'aws_apigatewayv2_api' && ref.attribute === 'execution_arn') return this.executionArn(r);
    if (type === 'aws_apigatewayv2_api' && ref.attribute === 'id') return r.name;
    return undefined;
  }

  private alarmArn(alarm: TerraformResource): string {
    return `arn:aws:cloudwatch:${this.model.region}:${this.model.account}:alarm:${literal(alarm.config.alarm_name) ?? alarm.name}`;
  }

  /** An API's execute-api ARN; AWS picks the API id at apply, so the logical name stands for it (consistently in permissions and requests). */
  private executionArn(api: TerraformResource): string {
    return `arn:aws:execute-api:${this.model.region}:${this.model.account}:${api.name}`;
  }
}

/** The action a role or service performs to deliver to an endpoint. */
function sendAction(endpoint: EndpointNode): string | undefined {
  switch (endpoint.kind) {
    case 'queue':
      return 'sqs:SendMessage';
    case 'topic':
      return 'sns:Publish';
    case 'function':
      return 'lambda:InvokeFunction';
    case 'bus':
      return 'events:PutEvents';
    case 'workflow':
      return 'states:StartExecution';
    case 'stream':
      return 'kinesis:PutRecord';
    default:
      return undefined;
  }
}

/** The table row of an EventBridge target's delivery, by endpoint. */
function callOf(_prefix: 'eventbridge-target', endpoint: EndpointNode): ServiceCall | undefined {
  return endpoint.kind === 'queue' ? 'eventbridge-target-sqs' : endpoint.kind === 'topic' ? 'eventbridge-target-sns' : endpoint.kind === 'function' ? 'eventbridge-target-lambda' : undefined;
}

function describe(node: NodeBase): string {
  return `${node.kind} ${node.name}`;
}

function denialOf(call: Call, decision: Decision): Denial {
  const who = call.principal.type === 'Service' ? call.principal.id : `role ${call.principal.id.split('/').pop()}`;
  const miss = decision.deniedBy ?? decision.nearMisses[0];
  let reason = decision.reason;
  if (miss && typeof miss.result === 'object' && miss.result.element === 'Condition' && miss.result.requestValue === undefined) {
    const key = miss.result.key;
    const silent = call.silent.find((k) => k.toLowerCase() === key.toLowerCase());
    if (silent) reason += ` (AWS documents no ${silent} in this request, so it is taken as absent)`;
  }
  return {
    call: `${who} ${call.action} on ${call.on}`,
    reason,
    policy: miss?.policy.name ?? (decision.reason.split(' has no statement')[0] || undefined),
    statement: miss?.statement.label,
  };
}
