import { Token } from 'cdktf';

/** One invalid prop: which field, the value given, and what AWS allows there. */
export interface ValidationIssue {
  /** Dotted path of the prop, e.g. `deadLetter.maxReceiveCount`. */
  readonly field: string;
  /** The value the caller gave. */
  readonly value: unknown;
  /** What is allowed, in AWS's terms (a range, a pattern, a rule). */
  readonly allowed: string;
}

/**
 * Thrown at construction when props break an AWS limit, so that synth fails
 * before anything is written instead of `terraform apply` failing later.
 * Carries every problem found, not only the first.
 */
export class ValidationError extends Error {
  constructor(
    /** Construct path of the construct whose props are invalid. */
    readonly constructPath: string,
    /** Every problem found. */
    readonly issues: readonly ValidationIssue[],
  ) {
    super(formatIssues(constructPath, issues));
    this.name = 'ValidationError';
  }
}

function formatIssues(path: string, issues: readonly ValidationIssue[]): string {
  const lines = issues.map((i) => `${i.field} = ${formatValue(i.value)} is invalid: ${i.allowed}`);
  return lines.length === 1 ? `${path}: ${lines[0]}` : `${path}: ${lines.length} invalid props:\n  - ${lines.join('\n  - ')}`;
}

const MAX_LENGTH = 200;

/**
 * A short, readable rendering of any value for an error message; never
 * throws. JSON where JSON can say it; a construct by its path (its attributes
 * are tokens, and its tree is cyclic); a token as `<token: …>` (known only at
 * apply); a function by its name; BigInt with its `n`; a repeated (cyclic)
 * object as `[Circular]`. Cut to 200 characters.
 */
export function formatValue(value: unknown): string {
  let text: string;
  try {
    text = render(value, new Set());
  } catch {
    // A getter or proxy that throws: say what kind of value it was.
    text = `<${typeof value}>`;
  }
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 3)}...` : text;
}

function render(value: unknown, seen: Set<object>): string {
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return Token.isUnresolved(value) ? `<token: ${value}>` : JSON.stringify(value);
    case 'number':
      if (Token.isUnresolved(value)) return '<token: a number known only at apply>';
      return String(value);
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return value.name ? `<function ${value.name}>` : '<function>';
  }
  if (value === null) return 'null';
  const object = value as object;
  const path = constructPath(object);
  if (path !== undefined) return `<construct ${path}>`;
  if (seen.has(object)) return '[Circular]';
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? '<invalid Date>' : JSON.stringify(object.toISOString());
  if (object instanceof RegExp) return String(object);
  if (object instanceof Error) return `<${object.name}: ${object.message}>`;
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      return `[${object.map((item) => render(item, seen)).join(',')}]`;
    }
    if (object instanceof Map || object instanceof Set) return `<${object.constructor.name} of ${object.size}>`;
    // Like JSON.stringify: undefined members are left out.
    const shown = Object.entries(object)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${render(v, seen)}`);
    const name = object.constructor?.name;
    const prefix = name && name !== 'Object' ? `${name} ` : '';
    return `${prefix}{${shown.join(',')}}`;
  } finally {
    seen.delete(object);
  }
}

/** The construct path of a construct (anything with `node.path`), else undefined. */
function constructPath(object: object): string | undefined {
  const node = (object as { node?: unknown }).node;
  if (node === null || typeof node !== 'object') return undefined;
  const path = (node as { path?: unknown }).path;
  return typeof path === 'string' ? path || '<root>' : undefined;
}
