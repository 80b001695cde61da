import { block } from '../core/terraform-json';
/**
 * Reading attribute values of synthesized Terraform JSON. Values may be
 * literals, or `${…}` expressions known only at apply: every reader returns
 * `undefined` for a value it cannot know, and rules skip what they cannot know.
 */

/** True when a value is (or contains) a Terraform expression, known only at apply. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

export { block } from '../core/terraform-json';

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

/** `1209600` → `1,209,600`, for messages. */
export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** A value quoted for a message, shortened when long. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
