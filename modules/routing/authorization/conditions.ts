import { cidrMatcher, parseCidr } from '../../patterns/cidr';

/**
 * IAM condition operators, for single- and multivalued context keys. A condition key absent from the request makes a positive
 * operator false and a negated one (`…Not…`, `NotIpAddress`) true; `…IfExists`
 * makes an absent key true; `ForAllValues:` is true for an absent or empty key,
 * `ForAnyValue:` false.
 */

/** A request context value: one string, or several for a multivalued key. */
export type ContextValue = string | readonly string[];

/** Compares one request value with one policy value. */
type Compare = (requestValue: string, policyValue: string) => boolean;

/** A base operator: how it compares, and whether it is negated (true when no value matches). */
interface BaseOperator {
  readonly compare: Compare;
  readonly negated: boolean;
}

/** IAM string wildcards: `*` any run of characters, `?` one character; case-sensitive unless told. */
export function globToRegExp(pattern: string, ignoreCase = false): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
}

const regexCache = new Map<string, RegExp>();
function like(value: string, pattern: string, ignoreCase = false): boolean {
  if (!/[*?]/.test(pattern)) return ignoreCase ? value.toLowerCase() === pattern.toLowerCase() : value === pattern;
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = regexCache.get(cacheKey);
  if (!re) {
    re = globToRegExp(pattern, ignoreCase);
    regexCache.set(cacheKey, re);
  }
  return re.test(value);
}

/** ARNs compare segment by segment (partition, service, region, account, resource), each with wildcards. */
function arnLike(value: string, pattern: string): boolean {
  const v = splitArn(value);
  const p = splitArn(pattern);
  if (!v || !p) return false;
  return p.every((segment, i) => like(v[i], segment));
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

function number(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Dates are ISO 8601 or epoch seconds (IAM "Date condition operators"). */
function date(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

function numeric(test: (a: number, b: number) => boolean): Compare {
  return (a, b) => {
    const x = number(a);
    const y = number(b);
    return x !== undefined && y !== undefined && test(x, y);
  };
}

function dated(test: (a: number, b: number) => boolean): Compare {
  return (a, b) => {
    const x = date(a);
    const y = date(b);
    return x !== undefined && y !== undefined && test(x, y);
  };
}

function ipAddress(value: string, block: string): boolean {
  const parsed = parseCidr(block.includes('/') ? block : `${block}/${block.includes(':') ? 128 : 32}`);
  return typeof parsed !== 'string' && cidrMatcher(parsed)(value);
}

const positive = (compare: Compare): BaseOperator => ({ compare, negated: false });
const negated = (compare: Compare): BaseOperator => ({ compare, negated: true });

const BASE_OPERATORS: Record<string, BaseOperator> = {
  stringequals: positive((a, b) => a === b),
  stringnotequals: negated((a, b) => a === b),
  stringequalsignorecase: positive((a, b) => a.toLowerCase() === b.toLowerCase()),
  stringnotequalsignorecase: negated((a, b) => a.toLowerCase() === b.toLowerCase()),
  stringlike: positive((a, b) => like(a, b)),
  stringnotlike: negated((a, b) => like(a, b)),
  numericequals: positive(numeric((a, b) => a === b)),
  numericnotequals: negated(numeric((a, b) => a === b)),
  numericlessthan: positive(numeric((a, b) => a < b)),
  numericlessthanequals: positive(numeric((a, b) => a <= b)),
  numericgreaterthan: positive(numeric((a, b) => a > b)),
  numericgreaterthanequals: positive(numeric((a, b) => a >= b)),
  dateequals: positive(dated((a, b) => a === b)),
  datenotequals: negated(dated((a, b) => a === b)),
  datelessthan: positive(dated((a, b) => a < b)),
  datelessthanequals: positive(dated((a, b) => a <= b)),
  dategreaterthan: positive(dated((a, b) => a > b)),
  dategreaterthanequals: positive(dated((a, b) => a >= b)),
  bool: positive((a, b) => a.toLowerCase() === b.toLowerCase()),
  binaryequals: positive((a, b) => a === b),
  ipaddress: positive(ipAddress),
  notipaddress: negated(ipAddress),
  arnequals: positive(arnLike),
  arnlike: positive(arnLike),
  arnnotequals: negated(arnLike),
  arnnotlike: negated(arnLike),
};

/** A condition operator as written, taken apart: `ForAnyValue:StringLikeIfExists` → set `any`, base `stringlike`, ifExists. */
export interface ParsedOperator {
  /** The operator as written. */
  readonly text: string;
  /** `ForAnyValue:` / `ForAllValues:` qualifier, if any. */
  readonly set?: 'any' | 'all';
  /** The base operator, lower-case (`stringequals`, `null`). */
  readonly base: string;
  /** True for the `…IfExists` form. */
  readonly ifExists: boolean;
}

/** Parses an operator; `undefined` when IAM has no such operator. */
export function parseOperator(text: string): ParsedOperator | undefined {
  let rest = text;
  let set: ParsedOperator['set'];
  const qualifier = /^(ForAnyValue|ForAllValues):/i.exec(rest);
  if (qualifier) {
    set = qualifier[1].toLowerCase() === 'foranyvalue' ? 'any' : 'all';
    rest = rest.slice(qualifier[0].length);
  }
  let ifExists = false;
  if (/IfExists$/i.test(rest) && rest.toLowerCase() !== 'null') {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = rest.toLowerCase();
  if (base === 'null') return set || ifExists ? undefined : { text, base, ifExists: false };
  if (!(base in BASE_OPERATORS)) return undefined;
  return { text, set, base, ifExists };
}

/** True when IAM knows the operator. */
export function isConditionOperator(text: string): boolean {
  return parseOperator(text) !== undefined;
}

/**
 * Evaluates one condition (operator, key, policy values) against the request
 * value of its key (`undefined` when the request lacks the key).
 */
export function evaluateCondition(operator: ParsedOperator, policyValues: readonly string[], requestValue: ContextValue | undefined): boolean {
  const present = requestValue !== undefined && !(Array.isArray(requestValue) && requestValue.length === 0);
  if (operator.base === 'null') {
    // "Null": "true" asks for the key to be absent, "false" for it to be present.
    return policyValues.some((v) => (v.toLowerCase() === 'true' ? !present : present));
  }
  const op = BASE_OPERATORS[operator.base];
  if (!present) {
    if (operator.set === 'all') return true;
    if (operator.set === 'any') return false;
    return operator.ifExists || op.negated;
  }
  const values: readonly string[] = typeof requestValue === 'string' ? [requestValue] : (requestValue as readonly string[]);
  const matchesAny = (value: string): boolean => policyValues.some((p) => op.compare(value, p));
  // A negated operator holds when the value matches none of the policy's values.
  const holds = (value: string): boolean => (op.negated ? !matchesAny(value) : matchesAny(value));
  if (operator.set === 'all') return values.every(holds);
  return values.some(holds);
}
