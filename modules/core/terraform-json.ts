import { TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { parseReference } from './references';

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
  /** The resource's arguments as written in the JSON (references left as `${…}`). */
  readonly config: Record<string, unknown>;
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
          const resource: TerraformResource = {
            mode,
            type,
            name,
            address: mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`,
            path: meta?.metadata?.path,
            config,
          };
          this.byAddress.set(resource.address, resource);
          const list = this.byType.get(resource.address.startsWith('data.') ? `data.${type}` : type) ?? [];
          list.push(resource);
          this.byType.set(resource.address.startsWith('data.') ? `data.${type}` : type, list);
        }
      }
    }
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
    return this.resources(type).filter((r) => parseReference(r.config[attribute])?.address === resource.address);
  }
}

/**
 * A stack's Terraform JSON as `cdktf synth` writes it, in memory: aspects
 * applied, tokens resolved and `//.metadata.path` kept (`Testing.synth`
 * drops the construct paths that findings and traces are named by).
 */
export function synthesizeStack(stack: TerraformStack): Record<string, any> {
  invokeAspects(stack);
  return stack.toTerraform();
}
