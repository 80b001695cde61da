import { TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { Reading, ValueReader } from './evaluation';
import { parseReference } from './references';
import { requireOwnFramework } from './framework';

/** One resource (or data source) of a synthesized stack. */
export interface TerraformResource {
  /** `resource` or `data`. */
  readonly mode: 'resource' | 'data';
  /** Terraform type, e.g. `aws_sqs_queue`. */
  readonly type: string;
  /** Logical name in the JSON, e.g. `orders_queue_Queue_1A2B3C4D`. */
  readonly name: string;
  /** Terraform address: `aws_sqs_queue.x`, or `data.aws_region.x`. */
  readonly address: string;
  /** Construct path from `//.metadata.path`, when cdktf wrote one. */
  readonly path?: string;
  /**
   * The resource's arguments as written in the JSON (references left as
   * `${…}`), with the content of each `dynamic` block also placed where the
   * block itself would be, so readers see it as possibly present.
   */
  readonly config: Record<string, unknown>;
  /** Made with `count` or `for_each`: the resource stands for every one of its instances. */
  readonly perInstance?: boolean;
  /** Blocks written as `dynamic` (dotted paths for nested ones): present zero or more times, known only at plan. */
  readonly possiblyPresent?: readonly string[];
}

type StackJson = {
  /** Resource type → logical name → arguments. */
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  /** Data source type → logical name → arguments. */
  data?: Record<string, Record<string, Record<string, unknown>>>;
  [key: string]: unknown;
};

/**
 * A synthesized stack's Terraform JSON, indexed for rules and simulations
 * that follow references between resources (`${aws_sqs_queue.x.arn}`),
 * including references inside JSON documents such as policies.
 */
export class TerraformModel {
  private readonly byAddress = new Map<string, TerraformResource>();
  private readonly byType = new Map<string, TerraformResource[]>();
  private valueReader?: ValueReader;
  private readonly referrersByAttribute = new Map<string, Map<string, TerraformResource[]>>();

  /** From a stack: synthesizes it in memory (nothing written), construct paths kept. */
  static fromStack(stack: TerraformStack): TerraformModel {
    return new TerraformModel(synthesizeStack(stack) as StackJson);
  }

  /** From the JSON of a synthesized stack (object or text, e.g. `cdk.tf.json`). */
  static fromJson(json: string | object): TerraformModel {
    return new TerraformModel((typeof json === 'string' ? JSON.parse(json) : json) as StackJson);
  }

  private constructor(
    /** The stack's Terraform JSON as given (`provider`, `resource`, `data`, `//` metadata, …). */
    readonly json: StackJson,
  ) {
    for (const mode of ['resource', 'data'] as const) {
      for (const [type, byName] of Object.entries(json[mode] ?? {})) {
        for (const [name, config] of Object.entries(byName)) {
          const meta = config['//'] as { metadata?: { path?: string } } | undefined;
          const possiblyPresent: string[] = [];
          const resource: TerraformResource = {
            mode,
            type,
            name,
            address: mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`,
            path: meta?.metadata?.path,
            config: withDynamicBlocks(eachValueAsInstance(config), possiblyPresent),
            ...(config.count !== undefined || config.for_each !== undefined ? { perInstance: true } : {}),
            ...(possiblyPresent.length ? { possiblyPresent } : {}),
          };
          this.byAddress.set(resource.address, resource);
          const list = this.byType.get(resource.address.startsWith('data.') ? `data.${type}` : type) ?? [];
          list.push(resource);
          this.byType.set(resource.address.startsWith('data.') ? `data.${type}` : type, list);
        }
      }
    }
  }

  /** The stack's value reader: locals evaluated, what is unknown at synth told apart (see {@link ValueReader}). */
  get values(): ValueReader {
    return (this.valueReader ??= new ValueReader(this.json));
  }

  /** What a value of a resource is at synth (its `dynamic` blocks' iterators in scope). */
  read(value: unknown, resource?: TerraformResource): Reading {
    return this.values.read(value, resource ? this.values.iteratorsOf(resource.config) : undefined);
  }

  /** Every resource (not data source), or those of one type (`data.<type>` for data sources). */
  resources(type?: string): TerraformResource[] {
    if (type) return this.byType.get(type) ?? [];
    return [...this.byAddress.values()].filter((r) => r.mode === 'resource');
  }

  /** The resource at an address, if any. */
  get(address: string): TerraformResource | undefined {
    return this.byAddress.get(address);
  }

  /** The resource a whole-value reference (`${aws_sqs_queue.x.arn}`) points at. */
  target(value: unknown):
    | {
        /** The resource referred to. */
        resource: TerraformResource;
        /** The attribute read, e.g. `arn`. */
        attribute: string;
      }
    | undefined {
    const ref = parseReference(value);
    const resource = ref && this.byAddress.get(ref.address);
    return resource && ref ? { resource, attribute: ref.attribute } : undefined;
  }

  /** The resources whose `attribute` (e.g. `queue_url`) refers to `resource`. */
  referrers(type: string, attribute: string, resource: TerraformResource): TerraformResource[] {
    return [...(this.referrerIndex(type, attribute).get(resource.address) ?? [])];
  }

  /**
   * The resources of `type` by the address their `attribute` refers to, read
   * once per type and attribute: a stack with a thousand queues asks for the
   * policy of each.
   */
  private referrerIndex(type: string, attribute: string): Map<string, TerraformResource[]> {
    const key = `${type} ${attribute}`;
    let index = this.referrersByAttribute.get(key);
    if (!index) {
      index = new Map();
      for (const r of this.resources(type)) {
        const address = parseReference(r.config[attribute])?.address;
        if (address === undefined) continue;
        const referring = index.get(address);
        if (referring) referring.push(r);
        else index.set(address, [r]);
      }
      this.referrersByAttribute.set(key, index);
    }
    return index;
  }
}

const EACH_VALUE = /(?<![A-Za-z0-9_.])each\.value(?![A-Za-z0-9_])/g;

/**
 * For a resource iterating over another (`for_each = aws_sqs_queue.orders`,
 * what `TerraformIterator.fromResources` writes), `each.value` is that
 * resource's instance: reads of it are rewritten as `aws_sqs_queue.orders[each.key]`
 * so they reach the resource like any reference.
 */
function eachValueAsInstance(config: Record<string, unknown>): Record<string, unknown> {
  const over = parseReference(config.for_each);
  if (!over || over.attribute !== '' || over.instance !== undefined || /^(var|local|module|each|count)\./.test(over.address)) return config;
  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') return value.includes('each.value') ? value.replace(EACH_VALUE, `${over.address}[each.key]`) : value;
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === '//' || k === 'for_each' ? v : rewrite(v)]));
    return value;
  };
  return rewrite(config) as Record<string, unknown>;
}

/**
 * A configuration with the content of its `dynamic` blocks (nested ones too)
 * added where a static block of that name goes, after any static ones;
 * `possiblyPresent` collects their dotted paths. The `dynamic` key is kept.
 */
function withDynamicBlocks(config: Record<string, unknown>, possiblyPresent: string[], path = ''): Record<string, unknown> {
  const dynamic = config.dynamic;
  const hasNested = (v: unknown): boolean => JSON.stringify(v ?? null).includes('"dynamic"');
  if (!hasNested(config)) return config;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === '//' || key === 'dynamic' || !hasNested(value)) result[key] = value;
    else if (Array.isArray(value)) result[key] = value.map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? withDynamicBlocks(v as Record<string, unknown>, possiblyPresent, `${path}${key}.`) : v));
    else if (value && typeof value === 'object') result[key] = withDynamicBlocks(value as Record<string, unknown>, possiblyPresent, `${path}${key}.`);
    else result[key] = value;
  }
  if (dynamic && typeof dynamic === 'object') {
    for (const [name, spec] of Object.entries(dynamic as Record<string, unknown>)) {
      for (const d of Array.isArray(spec) ? spec : [spec]) {
        const content = (d as Record<string, unknown> | undefined)?.content;
        if (!content || typeof content !== 'object') continue;
        possiblyPresent.push(`${path}${name}`);
        const block = withDynamicBlocks(content as Record<string, unknown>, possiblyPresent, `${path}${name}.`);
        const existing = result[name];
        result[name] = existing === undefined ? [block] : [...(Array.isArray(existing) ? existing : [existing]), block];
      }
    }
  }
  return result;
}

/**
 * A stack's Terraform JSON as `cdktf synth` writes it, in memory: aspects
 * applied, tokens resolved and `//.metadata.path` kept (`Testing.synth`
 * drops the construct paths that findings and traces are named by).
 */
export function synthesizeStack(stack: TerraformStack): Record<string, any> {
  requireOwnFramework(stack);
  invokeAspects(stack);
  return stack.toTerraform();
}
