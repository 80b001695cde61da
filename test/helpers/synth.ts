import { TerraformStack, Testing } from 'cdktf';
import { synthesizeStack } from '../../modules/core/terraform-json';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

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
