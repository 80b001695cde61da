import type {
  CidrMatch,
  EqualsIgnoreCaseMatch,
  EventPattern,
  ExistsMatch,
  FilterPolicy,
  LowerBoundOperator,
  NumericMatch,
  NumericOperator,
  PrefixMatch,
  SuffixMatch,
  UpperBoundOperator,
  WildcardMatch,
  OrAlternatives,
} from './types';

/** Options of the `prefix` and `suffix` builders. */
export interface StringMatchOptions {
  /**
   * Compare without regard to case (`{"prefix": {"equals-ignore-case": ...}}`). EventBridge and
   * Pipes only: SNS filter policies and Lambda filter criteria refuse it.
   * @default false
   */
  readonly ignoreCase?: boolean;
}

/** The argument of {@link match.anythingBut}: excluded values, or one excluded form. */
export type AnythingButInput =
  | string
  | number
  | ReadonlyArray<string | number>
  | {
      /** Excluded prefix(es), written `{"anything-but": {"prefix": ...}}`; `""` is refused. EventBridge rules, and SNS with one string; not Pipes or Lambda filters. */
      readonly prefix: string | ReadonlyArray<string>;
    }
  | {
      /** Excluded suffix(es), written `{"anything-but": {"suffix": ...}}`; `""` is refused. EventBridge rules only. */
      readonly suffix: string | ReadonlyArray<string>;
    }
  | {
      /** Excluded value(s) compared ignoring case, written `{"anything-but": {"equals-ignore-case": ...}}`. EventBridge rules only. */
      readonly equalsIgnoreCase: string | ReadonlyArray<string>;
    }
  | {
      /** Excluded wildcard expression(s), written `{"anything-but": {"wildcard": ...}}`. EventBridge rules only. */
      readonly wildcard: string | ReadonlyArray<string>;
    };

/** What `anythingBut` returns for each input form, so SNS-compatible forms stay assignable to FilterPolicy. */
type AnythingButOutput<T extends AnythingButInput> = T extends { readonly prefix: infer P }
  ? { readonly 'anything-but': { readonly prefix: P } }
  : T extends { readonly equalsIgnoreCase: infer E }
    ? { readonly 'anything-but': { readonly 'equals-ignore-case': E } }
    : T extends { readonly suffix: infer S }
      ? { readonly 'anything-but': { readonly suffix: S } }
      : T extends { readonly wildcard: infer W }
        ? { readonly 'anything-but': { readonly wildcard: W } }
        : { readonly 'anything-but': T };

function prefix(value: string): {
  /** The text the value must start with. */
  readonly prefix: string;
};
function prefix(value: string, options: StringMatchOptions): PrefixMatch;
function prefix(value: string, options?: StringMatchOptions): PrefixMatch {
  return { prefix: options?.ignoreCase ? { 'equals-ignore-case': value } : value };
}

function suffix(value: string): {
  /** The text the value must end with. */
  readonly suffix: string;
};
function suffix(value: string, options: StringMatchOptions): SuffixMatch;
function suffix(value: string, options?: StringMatchOptions): SuffixMatch {
  return { suffix: options?.ignoreCase ? { 'equals-ignore-case': value } : value };
}

function numeric(operator: NumericOperator, value: number): NumericMatch;
function numeric(lower: LowerBoundOperator, low: number, upper: UpperBoundOperator, high: number): NumericMatch;
function numeric(op: NumericOperator, value: number, upperOp?: UpperBoundOperator, high?: number): NumericMatch {
  if (upperOp === undefined) return { numeric: [op, value] };
  // The overloads only allow a lower-bound operator here; AWS requires that order.
  return { numeric: [op as LowerBoundOperator, value, upperOp, high as number] };
}

function anythingBut<const T extends AnythingButInput>(value: T): AnythingButOutput<T> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    if ('equalsIgnoreCase' in value) return { 'anything-but': { 'equals-ignore-case': value.equalsIgnoreCase } } as AnythingButOutput<T>;
    return { 'anything-but': { ...value } } as unknown as AnythingButOutput<T>;
  }
  return { 'anything-but': Array.isArray(value) ? [...value] : value } as AnythingButOutput<T>;
}

function or<const T extends OrAlternatives<EventPattern | FilterPolicy>>(...alternatives: T): {
  /** The alternatives: the pattern matches when any one of them does. */
  readonly $or: T;
} {
  return { $or: alternatives };
}

/**
 * Builders for pattern operators. Each returns the plain JSON object AWS expects, so a pattern
 * built with them `JSON.stringify`s to exactly what EventBridge or SNS accepts. Put operators in
 * a field's array of alternatives: `{ total: [match.numeric('>=', 100)] }`.
 *
 * The builders do not validate their arguments; `validateEventPattern` / `validateFilterPolicy`
 * (and the constructs that call them at synth) do.
 */
export const match = {
  /** `{"prefix": value}`; with `{ ignoreCase: true }`, `{"prefix": {"equals-ignore-case": value}}` (EventBridge/Pipes only). */
  prefix,
  /** `{"suffix": value}`; with `{ ignoreCase: true }`, `{"suffix": {"equals-ignore-case": value}}` (EventBridge/Pipes only). */
  suffix,
  /** `{"equals-ignore-case": value}`: case-insensitive string equality. */
  equalsIgnoreCase: (value: string): EqualsIgnoreCaseMatch => ({ 'equals-ignore-case': value }),
  /** `{"wildcard": value}`: `*` matches any run of characters (EventBridge rules only; no `**`). */
  wildcard: (value: string): WildcardMatch => ({ wildcard: value }),
  /**
   * `{"anything-but": ...}`: a value, a list of values (all strings or all numbers), or
   * `{prefix}`, `{suffix}`, `{equalsIgnoreCase}`, `{wildcard}` (each a string or list of strings).
   * SNS accepts only values and `{prefix: string}`; Pipes and Lambda only values.
   */
  anythingBut,
  /**
   * `{"numeric": [op, n]}` or `{"numeric": [">"|">=", low, "<"|"<=", high]}`.
   * AWS range: EventBridge ±5.0e9 with 6 decimals; SNS ±1.0e9 with 5 decimals.
   */
  numeric,
  /** `{"exists": present}`: the field has (`true`, default) or has no (`false`) leaf value. */
  exists: (present = true): ExistsMatch => ({ exists: present }),
  /** `{"cidr": block}`: an IPv4 or IPv6 address string inside the block (not in Lambda filters). */
  cidr: (block: string): CidrMatch => ({ cidr: block }),
  /**
   * `{"$or": [a, b, ...]}` (at least two alternatives). Spread it into a pattern object:
   * `{ source: ['orders.service'], ...match.or({ a: ['x'] }, { b: ['y'] }) }`. Not in Lambda filters.
   */
  or,
} as const;
