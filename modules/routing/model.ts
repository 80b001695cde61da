import { TerraformStack } from 'cdktf';
import { TerraformModel } from '../core/terraform-json';
import { Builder, NodeIndex } from './builder';
import { buildEdges } from './edges';
import { describeNode, NodeBase, NodeKind, NodeOf, QueueNode, RoutingEdge, RoutingNode } from './nodes';

// Node types, the builder and the edges have files of their own; what model.ts offered before is still here.
export type * from './nodes';
export { describeNode } from './nodes';
export { compilePattern, stableUuid } from './builder';

/** What a routing model can be read from: a stack, its JSON (object or `cdk.tf.json` text), or an indexed model. */
export type RoutingSource = TerraformStack | TerraformModel | RoutingModel | string | Record<string, unknown>;

/** Where the simulated resources live; every ARN, URL and envelope uses these. */
export interface RoutingModelOptions {
  /** Account id in ARNs and envelopes. @default '123456789012' */
  readonly account?: string;
  /** Region in ARNs and envelopes. @default the `aws` provider's `region` (locals evaluated; one known only at plan, such as `${var.region}`, is kept as written), else 'us-east-1' */
  readonly region?: string;
}

const DEFAULT_ACCOUNT = '123456789012';
const DEFAULT_REGION = 'us-east-1';
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
    this.region = options.region ?? providerRegion(terraform) ?? DEFAULT_REGION;
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
    return (this.edgeList ??= buildEdges(this.nodes));
  }
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

function providerRegion(terraform: TerraformModel): string | undefined {
  const aws = (terraform.json.provider as Record<string, unknown> | undefined)?.aws;
  const configs = (Array.isArray(aws) ? aws : aws ? [aws] : []) as Array<Record<string, unknown>>;
  const main = configs.find((c) => !c.alias) ?? configs[0];
  // A region known only at plan (`${var.region}`) stays as written: no default is put in its place.
  const reading = terraform.read(main?.region);
  const region = reading.state === 'known' ? reading.value : main?.region;
  return typeof region === 'string' ? region : undefined;
}
