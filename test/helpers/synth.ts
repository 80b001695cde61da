import { TerraformStack, Testing } from 'cdktf';
import { synthesizeStack } from '../../modules/core/terraform-json';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

/** The hashicorp/aws version the installed provider package was generated for (its package.json says so). */
export const AWS_PROVIDER_VERSION: string = require('@cdktf/provider-aws/package.json').cdktf.provider.version;

/** A stack with an AWS provider, for module tests. */
export function testStack(id = 'test'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  return stack;
}

/** The stack's synthesized Terraform JSON, with construct paths (`//.metadata.path`). */
export function synthJson(stack: TerraformStack): SynthesizedStack {
  return JSON.parse(JSON.stringify(synthesizeStack(stack))) as SynthesizedStack;
}

export interface SynthesizedStack {
  resource: Record<string, Record<string, Record<string, any>>>;
  data?: Record<string, Record<string, Record<string, any>>>;
  [key: string]: any;
}

/** The resources of one type, as a list. */
export function resourcesOf(json: SynthesizedStack, type: string): Record<string, any>[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The one resource of a type whose construct path ends with `pathSuffix`. */
export function resourceAt(json: SynthesizedStack, type: string, pathSuffix: string): Record<string, any> {
  const found = resourcesOf(json, type).filter((r) => String(r['//']?.metadata?.path ?? '').endsWith(pathSuffix));
  if (found.length !== 1) throw new Error(`expected one ${type} at …${pathSuffix}, found ${found.length}`);
  return found[0];
}

/** The Terraform reference to a resource's attribute, as written in the JSON. */
export function refTo(json: SynthesizedStack, type: string, pathSuffix: string, attribute: string): string {
  const resource = resourceAt(json, type, pathSuffix);
  return `\${${type}.${resource['//'].metadata.uniqueId}.${attribute}}`;
}

/** The asset folder `assets/<construct>/<hash>/`: the hash depends on the framework's canonicalAssetHashes flag. */
const ASSET_FOLDER = /^(assets\/[^/]+\/)[0-9A-F]{32}\//;

/**
 * The stack's Terraform JSON as a snapshot that cdktf and cdktn write alike:
 * printed by `JSON.stringify` (the frameworks print empty objects differently),
 * asset folder hashes and Lambda bundle hashes (`source_code_hash`) blanked (cdktn's `Testing.app()` turns on canonical asset
 * hashes; a bundle's content still shows in `source_code_hash`), and the AWS
 * provider's `source` and `version` blanked when they are the provider package's
 * own (cdktf's writes `aws` and hashicorp/aws 6.25, cdktn's `hashicorp/aws` and
 * 6.66), which a test asserts on its own.
 */
export function neutralSnapshot(stack: TerraformStack): string {
  const json = JSON.parse(Testing.synth(stack));
  const aws = json.terraform?.required_providers?.aws;
  if (aws && /^(hashicorp\/)?aws$/.test(aws.source) && aws.version === AWS_PROVIDER_VERSION) {
    json.terraform.required_providers.aws = { source: '(the provider package’s)', version: '(the provider package’s)' };
  }
  const blank = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(ASSET_FOLDER, '$1(asset hash)/');
    if (Array.isArray(value)) return value.map(blank);
    // A handler's bundle hash changes with its code: the bundle tests own it, the snapshot does not.
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'source_code_hash' ? '(bundle hash)' : blank(v)]));
    return value;
  };
  return JSON.stringify(blank(json), null, 2);
}
