/**
 * Types for EventBridge event patterns and SNS filter policies.
 *
 * The types make the common mistakes compile errors (a bare string where AWS wants an array,
 * an unknown operator key, a numeric range written upper bound first). They cannot express every
 * AWS rule (limits, CIDR syntax, `$or` arity inside dynamic arrays), so the validators re-check
 * everything at runtime, including JSON that never went through these types.
 */

/** A JSON value that a pattern can compare for equality: string, number, boolean or `null`. */
export type PatternPrimitive = string | number | boolean | null;

/** Comparison operators of a one-sided `numeric` match. */
export type NumericOperator = '=' | '<' | '<=' | '>' | '>=';

/** Operators that may open a two-sided numeric range (the lower bound comes first). */
export type LowerBoundOperator = '>' | '>=';

/** Operators that may close a two-sided numeric range. */
export type UpperBoundOperator = '<' | '<=';

/**
 * The argument of a `numeric` match: `[op, n]` or a range `['>' | '>=', low, '<' | '<=', high]`.
 * AWS requires the lower bound first and `low < high`.
 */
export type NumericExpression =
  | readonly [NumericOperator, number]
  | readonly [LowerBoundOperator, number, UpperBoundOperator, number];

/** `{"equals-ignore-case": "..."}`, also used inside `prefix` and `suffix`. */
export interface EqualsIgnoreCaseMatch {
  /** Case-insensitive equality with this string. */
  readonly 'equals-ignore-case': string;
}

/** `{"prefix": "..."}`: the string value starts with this text (optionally ignoring case). */
export interface PrefixMatch {
  /** The text the value must start with; `""` matches every string. */
  readonly prefix: string | EqualsIgnoreCaseMatch;
}

/** `{"suffix": "..."}`: the string value ends with this text (optionally ignoring case). */
export interface SuffixMatch {
  /** The text the value must end with; `""` matches every string. */
  readonly suffix: string | EqualsIgnoreCaseMatch;
}

/**
 * `{"wildcard": "..."}`: `*` matches any run of characters; `\*` and `\\` escape. EventBridge only;
 * consecutive `**` is refused, and so are wildcards that make the rule "too complex".
 */
export interface WildcardMatch {
  /** The wildcard expression. */
  readonly wildcard: string;
}

/** `{"numeric": [...]}`: the value is a JSON number satisfying the comparison. */
export interface NumericMatch {
  /** The comparison; see {@link NumericExpression}. */
  readonly numeric: NumericExpression;
}

/** `{"exists": true|false}`: the field is present (as a leaf value) or absent. */
export interface ExistsMatch {
  /** `true`: a leaf value exists at this path; `false`: none does. */
  readonly exists: boolean;
}

/** `{"cidr": "10.0.0.0/24"}`: the string value is an IPv4 or IPv6 address inside this block. */
export interface CidrMatch {
  /** The CIDR block. */
  readonly cidr: string;
}

/** What `anything-but` accepts in an EventBridge pattern. */
export type AnythingButValue =
  | string
  | number
  | ReadonlyArray<string | number>
  | {
      /** The value starts with none of these texts; `""` is refused. */
      readonly prefix: string | ReadonlyArray<string>;
    }
  | {
      /** The value ends with none of these texts; `""` is refused. */
      readonly suffix: string | ReadonlyArray<string>;
    }
  | {
      /** The value equals none of these strings, ignoring case. */
      readonly 'equals-ignore-case': string | ReadonlyArray<string>;
    }
  | {
      /** The value matches none of these wildcard expressions (syntax as in {@link WildcardMatch}). */
      readonly wildcard: string | ReadonlyArray<string>;
    };

/**
 * `{"anything-but": ...}`: the field exists and its value is none of these. Never matches a
 * missing field; matches `null` and values of other types.
 */
export interface AnythingButMatch {
  /** The excluded value(s) or the excluded prefix/suffix/case-insensitive value/wildcard. */
  readonly 'anything-but': AnythingButValue;
}

/** Any one content-filter operator of an EventBridge pattern. */
export type EventPatternOperator =
  | PrefixMatch
  | SuffixMatch
  | EqualsIgnoreCaseMatch
  | WildcardMatch
  | NumericMatch
  | ExistsMatch
  | CidrMatch
  | AnythingButMatch;

/**
 * The value of a pattern field: a list of alternatives (OR). Each alternative is an exact JSON
 * value or one operator object. AWS refuses an empty list.
 */
export type EventPatternLeaf = ReadonlyArray<PatternPrimitive | EventPatternOperator>;

/** At least two alternatives, as `$or` requires. */
export type OrAlternatives<P> = readonly [P, P, ...P[]];

/**
 * An EventBridge event pattern (also the filter pattern of EventBridge Pipes and of Lambda event
 * source mappings, which accept a subset: see `validateEventPattern`'s `dialect`).
 *
 * Every field maps to a list of alternatives or to a nested pattern; `$or` maps to two or more
 * nested patterns. Keys may be dotted (`"detail.state"` is the same path as `{detail: {state}}`).
 *
 * @example { source: ['orders.service'], detail: { total: [{ numeric: ['>=', 100] }] } }
 */
export interface EventPattern {
  readonly [field: string]: EventPatternLeaf | EventPattern | OrAlternatives<EventPattern> | undefined;
}

/** What `anything-but` accepts in an SNS filter policy (no suffix, case-insensitive or wildcard form). */
export type FilterPolicyAnythingButValue =
  | string
  | number
  | ReadonlyArray<string | number>
  | {
      /** The value does not start with this text (one string; `""` is refused). */
      readonly prefix: string;
    };

/** `anything-but` as SNS accepts it. */
export interface FilterPolicyAnythingButMatch {
  /** The excluded value(s), or `{prefix}` for an excluded prefix. */
  readonly 'anything-but': FilterPolicyAnythingButValue;
}

/** Any one operator SNS filter policies support. */
export type FilterPolicyOperator =
  | {
      /** The string value starts with this text (SNS has no case-insensitive form). */
      readonly prefix: string;
    }
  | {
      /** The string value ends with this text (SNS has no case-insensitive form). */
      readonly suffix: string;
    }
  | EqualsIgnoreCaseMatch
  | NumericMatch
  | ExistsMatch
  | CidrMatch
  | FilterPolicyAnythingButMatch;

/** The value of a filter policy key: a list of alternatives (OR); AWS refuses an empty list. */
export type FilterPolicyLeaf = ReadonlyArray<PatternPrimitive | FilterPolicyOperator>;

/**
 * An SNS subscription filter policy. Nesting is allowed only with scope `MessageBody`.
 * AWS limits: at most 5 keys, at most 150 value combinations, 256 KB.
 *
 * @example { detail: { 'detail-type': ['OrderPlaced', 'OrderCancelled'] } }
 */
export interface FilterPolicy {
  readonly [key: string]: FilterPolicyLeaf | FilterPolicy | OrAlternatives<FilterPolicy> | undefined;
}

/** Which part of an SNS message a filter policy applies to. AWS default: `MessageAttributes`. */
export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** One thing wrong with a pattern or policy. */
export interface PatternProblem {
  /** Where: a dotted path such as `detail.total` or `detail.status[0].prefix`; `''` for the whole pattern. */
  readonly path: string;
  /** What is wrong and what is allowed, worded like AWS's own error where AWS has one. */
  readonly message: string;
}

/**
 * Which service's pattern syntax to validate against.
 * - `eventbridge`: EventBridge rules (all operators; 2048 characters by default).
 * - `pipes`: EventBridge Pipes filter criteria (no wildcard, no anything-but with prefix/suffix/
 *   equals-ignore-case/wildcard; 4096 characters).
 * - `lambda`: Lambda event source mapping filter criteria (additionally no cidr, no `$or`, no
 *   prefix/suffix ignoring case; 4096 characters).
 */
export type PatternDialect = 'eventbridge' | 'pipes' | 'lambda';

/** An SNS message as SNS delivers it: raw body and typed message attributes. */
export interface SnsMessage {
  /** The message body; parsed as JSON for scope `MessageBody`. */
  readonly Message?: string;
  /** Message attributes; `String`, `String.Array` (a JSON array in `Value`) and `Number` are compared, `Binary` is ignored. */
  readonly MessageAttributes?: Record<
    string,
    {
      /** The attribute's data type: `String`, `String.Array`, `Number` or `Binary` (optionally with a custom suffix, e.g. `Number.float`). */
      readonly Type: string;
      /** The attribute's value, as text. */
      readonly Value: string;
    }
  >;
}
