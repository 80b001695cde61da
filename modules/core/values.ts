/**
 * The one set of readers of attribute values in synthesized Terraform JSON,
 * used by the checks, the routing model and the simulator. A value may be a
 * literal, or a `${…}` expression known only at apply: every reader returns
 * `undefined` both for a value that is absent and for one it cannot know
 * before apply, and callers skip (checks) or default (routing) what is
 * `undefined`. Readers take the raw value as cdktf wrote it, so a
 * three-valued reading (known / unknown / absent) can be added beside them
 * without changing their callers.
 */
import { decodeJsonencode } from './hcl';

/** True when a value is (or contains) a Terraform expression, known only at apply. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** A nested block: Terraform JSON writes one as an object or a one-element array, depending on the provider. */
export function block(value: unknown): Record<string, unknown> | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Every object of a repeated block: an array of them, or a single one. */
export function blocks(value: unknown): Record<string, unknown>[] {
  return list(value).filter((v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v));
}

/** The value at a dotted path (`destination_config.on_failure.destination_arn`), through blocks. */
export function at(config: Record<string, unknown> | undefined, path: string): unknown {
  let current: unknown = config;
  for (const key of path.split('.')) {
    const b = block(current);
    if (!b) return undefined;
    current = b[key];
  }
  return current;
}

/** Every element of a repeated block or list (a lone value counts as one). */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A known number (numbers and numeric strings); `undefined` when absent or an expression. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !isExpression(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A known boolean (`true`, `"true"`, …); `undefined` when absent or an expression. */
export function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** A known literal string; `undefined` when absent, not a string, or an expression. */
export function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !isExpression(value) ? value : undefined;
}

/**
 * A string as written, expressions kept (`${var.name}`), numbers as text;
 * for names and labels, where an expression is still the best description.
 */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/**
 * A JSON document held by an attribute (a policy, a redrive or filter
 * policy, an event pattern): JSON text, `${jsonencode(…)}` (references
 * inside kept as `${…}` strings), or an object. `undefined` when it is none.
 */
export function document<T = unknown>(value: unknown): T | undefined {
  if (typeof value !== 'string') return typeof value === 'object' && value !== null ? (value as T) : undefined;
  return parseDocument(value) as T | undefined;
}

/**
 * {@link document}, read once per text and shared, frozen: for readers that
 * never change what they read. The checks and the routing model read each
 * policy several times (rule after rule, and three stacks alike).
 */
export function sharedDocument<T = unknown>(value: unknown): T | undefined {
  if (typeof value !== 'string') return document<T>(value);
  if (!sharedDocuments.has(value)) {
    // Cleared when full, so that a long-lived process does not grow.
    if (sharedDocuments.size >= SHARED_DOCUMENTS_KEPT) sharedDocuments.clear();
    sharedDocuments.set(value, deepFreeze(parseDocument(value)));
  }
  return sharedDocuments.get(value) as T | undefined;
}

const sharedDocuments = new Map<string, unknown>();
const SHARED_DOCUMENTS_KEPT = 1_000;

function parseDocument(value: string): unknown {
  // Fn.jsonencode writes `${jsonencode({...})}`, with bare references inside.
  if (value.startsWith('${jsonencode(')) return decodeJsonencode(value);
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** True when the attribute is set to something (an expression counts; `""` and `null` do not). */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The parts of a literal ARN, if the value is one. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Parses a literal ARN (`arn:aws:sqs:eu-west-1:123456789012:orders`). */
export function parseArn(value: unknown): Arn | undefined {
  const text = literal(value);
  if (!text?.startsWith('arn:')) return undefined;
  const [, partition, service, region, account, ...rest] = text.split(':');
  if (rest.length === 0) return undefined;
  return { partition, service, region, account, resource: rest.join(':') };
}

/**
 * `1209600` → `1,209,600`, for messages. Whole numbers are grouped here:
 * validators build their messages on every call, and the first
 * `toLocaleString` of a process loads ICU's number formatting.
 */
export function fmt(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  return `${n < 0 ? '-' : ''}${String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',')}`;
}

/** A value quoted for a message, shortened when long. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
