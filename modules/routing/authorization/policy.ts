import { ContextValue, evaluateCondition, globToRegExp, ParsedOperator, parseOperator } from './conditions';

/** Who makes a request: an AWS service principal, or an IAM role (or user) by ARN. */
export interface RequestPrincipal {
  /** `Service` for `events.amazonaws.com`, `AWS` for a role or user ARN. */
  readonly type: 'Service' | 'AWS';
  /** The service principal name or the role ARN. */
  readonly id: string;
  /** The account of an IAM principal (services have none). */
  readonly account?: string;
}

/** One request as IAM sees it. */
export interface AuthorizationRequest {
  /** Who asks. */
  readonly principal: RequestPrincipal;
  /** The action, `service:Operation`. */
  readonly action: string;
  /** The resource ARN (`*` matches it always). */
  readonly resource: string;
  /** Context keys present in the request (any case), with their values; a key left out is absent. */
  readonly context: Readonly<Record<string, ContextValue>>;
}

/** One condition of a compiled statement. */
interface CompiledCondition {
  readonly operator: ParsedOperator | undefined;
  readonly operatorText: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** A matcher of actions or resources: patterns with `*` / `?` (and, for resources, policy variables read from the request). */
type Matcher = (value: string, lookup?: (key: string) => ContextValue | undefined) => boolean;

/** A statement, compiled once for many requests. */
export interface CompiledStatement {
  /** Position in the policy, from 0. */
  readonly index: number;
  /** The statement's Sid, when it has one. */
  readonly sid?: string;
  /** Allow or Deny. */
  readonly effect: 'Allow' | 'Deny';
  /** How the statement names itself in messages: `Sid "AllowEvents1"` or `statement 2`. */
  readonly label: string;
  readonly principal?: Matcher;
  readonly notPrincipal?: Matcher;
  /** True when the principal is matched only as an account (`arn:aws:iam::<id>:root` or the account ID), which delegates to the account's IAM policies. */
  readonly accountPrincipals: readonly string[];
  readonly action?: Matcher;
  readonly notAction?: Matcher;
  readonly resource?: Matcher;
  readonly notResource?: Matcher;
  readonly conditions: readonly CompiledCondition[];
}

/** A policy document compiled for evaluation. */
export interface CompiledPolicy {
  /** What the policy is, for messages: `queue policy aws_sqs_queue_policy.billing`. */
  readonly name: string;
  /** Resource (and key) policies carry a Principal; identity policies do not. */
  readonly kind: 'resource' | 'identity';
  readonly statements: readonly CompiledStatement[];
  /** Problems reading the document (not JSON, no Statement): a policy AWS would refuse, evaluated as allowing nothing. */
  readonly unreadable?: string;
  /** True when values known only at apply remain in the document, so its decisions cannot be known at synth. */
  readonly unresolved?: boolean;
}

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const texts = (v: unknown): string[] => asList(v).filter((x) => x !== null && typeof x !== 'object').map(String);

const IAM_VARIABLE = /\$\{[A-Za-z0-9-]+:[^}]*\}/;

function matcher(patterns: string[], ignoreCase: boolean): Matcher {
  if (patterns.includes('*')) return () => true;
  const withVariables = patterns.filter((p) => IAM_VARIABLE.test(p));
  const plain = patterns.filter((p) => !IAM_VARIABLE.test(p));
  const exact = new Set(plain.filter((p) => !/[*?]/.test(p)).map((p) => (ignoreCase ? p.toLowerCase() : p)));
  const globs = plain.filter((p) => /[*?]/.test(p)).map((p) => globToRegExp(p, ignoreCase));
  return (value, lookup) => {
    if (exact.has(ignoreCase ? value.toLowerCase() : value) || globs.some((g) => g.test(value))) return true;
    if (!lookup) return false;
    return withVariables.some((p) => {
      const resolved = substitute(p, lookup);
      return resolved !== undefined && globToRegExp(resolved, ignoreCase).test(value);
    });
  };
}

const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;

/** A Principal element as matchers: specific principals, and accounts named as a whole. */
function principalMatcher(value: unknown): { match: Matcher; accounts: string[] } {
  if (value === '*') return { match: () => true, accounts: [] };
  const entries: Array<[string, string]> = [];
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [type, ids] of Object.entries(value as Record<string, unknown>)) for (const id of texts(ids)) entries.push([type, id]);
  }
  const accounts: string[] = [];
  const ids = new Set<string>();
  let anyone = false;
  for (const [type, id] of entries) {
    if (type === 'AWS' && id === '*') anyone = true;
    else if (type === 'AWS' && (ACCOUNT_ROOT.test(id) || /^\d{12}$/.test(id))) accounts.push(ACCOUNT_ROOT.exec(id)?.[1] ?? id);
    else ids.add(`${type}|${id}`);
  }
  return { match: (key) => anyone || ids.has(key), accounts };
}

/** Compiles a policy document (an object, or its JSON text). */
export function compilePolicy(name: string, kind: CompiledPolicy['kind'], document: unknown): CompiledPolicy {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return { name, kind, statements: [], unreadable: 'is not JSON' };
    }
  }
  if (!doc || typeof doc !== 'object' || !('Statement' in (doc as object))) return { name, kind, statements: [], unreadable: 'has no Statement' };
  const statements = asList((doc as { Statement: unknown }).Statement).map((raw, index): CompiledStatement => {
    const s = (raw ?? {}) as Record<string, unknown>;
    const sid = typeof s.Sid === 'string' && s.Sid !== '' ? s.Sid : undefined;
    const principal = s.Principal !== undefined ? principalMatcher(s.Principal) : undefined;
    const notPrincipal = s.NotPrincipal !== undefined ? principalMatcher(s.NotPrincipal) : undefined;
    const conditions: CompiledCondition[] = [];
    const block = s.Condition && typeof s.Condition === 'object' ? (s.Condition as Record<string, unknown>) : {};
    for (const [operatorText, entries] of Object.entries(block)) {
      for (const [key, values] of Object.entries((entries ?? {}) as Record<string, unknown>)) {
        conditions.push({ operator: parseOperator(operatorText), operatorText, key, values: texts(values) });
      }
    }
    return {
      index,
      sid,
      effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
      label: sid ? `Sid "${sid}"` : `statement ${index + 1}`,
      principal: principal?.match,
      notPrincipal: notPrincipal && ((key: string) => notPrincipal.match(key) || notPrincipal.accounts.some((a) => key.endsWith(`|${a}`))),
      accountPrincipals: principal?.accounts ?? [],
      // IAM matches action names case-insensitively, resource ARNs case-sensitively.
      action: s.Action !== undefined ? matcher(texts(s.Action), true) : undefined,
      notAction: s.NotAction !== undefined ? matcher(texts(s.NotAction), true) : undefined,
      resource: s.Resource !== undefined ? matcher(texts(s.Resource), false) : undefined,
      notResource: s.NotResource !== undefined ? matcher(texts(s.NotResource), false) : undefined,
      conditions,
    };
  });
  return { name, kind, statements };
}

/** Why a statement did not apply to a request. */
export type Mismatch =
  | { readonly element: 'Principal' | 'Action' | 'Resource' }
  | {
      readonly element: 'Condition';
      /** The operator as written. */
      readonly operator: string;
      /** The condition key as written. */
      readonly key: string;
      /** The policy's values. */
      readonly values: readonly string[];
      /** The request's value, or `undefined` when the request lacks the key. */
      readonly requestValue?: ContextValue;
    };

/** How one statement relates to a request. */
export interface StatementOutcome {
  readonly policy: CompiledPolicy;
  readonly statement: CompiledStatement;
  /** `applies`: the statement's effect holds; `delegates`: it names the caller's account, so the account's IAM policies decide; otherwise why not. */
  readonly result: 'applies' | 'delegates' | Mismatch;
}

function contextLookup(context: AuthorizationRequest['context']): (key: string) => ContextValue | undefined {
  const lower = new Map<string, ContextValue>();
  for (const [k, v] of Object.entries(context)) lower.set(k.toLowerCase(), v);
  return (key) => lower.get(key.toLowerCase());
}

/** Replaces `${aws:SourceArn}`-style policy variables with request values; an absent one leaves the value unmatchable. */
function substitute(value: string, lookup: (key: string) => ContextValue | undefined): string | undefined {
  if (!value.includes('${')) return value;
  let missing = false;
  const out = value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name === '*' || name === '?' || name === '$') return name;
    // Terraform interpolations (`${aws_sns_topic.x.arn}`) are values, not IAM variables.
    if (!/^[A-Za-z0-9-]+:/.test(name)) return whole;
    const v = lookup(name);
    if (typeof v !== 'string') {
      missing = true;
      return '';
    }
    return v;
  });
  return missing ? undefined : out;
}

/** Evaluates one statement against a request. */
export function matchStatement(policy: CompiledPolicy, statement: CompiledStatement, request: AuthorizationRequest): StatementOutcome {
  const principalKey = `${request.principal.type}|${request.principal.id}`;
  let delegated = false;
  if (policy.kind === 'resource') {
    if (statement.principal) {
      const named = statement.principal(principalKey);
      const asAccount = request.principal.account !== undefined && statement.accountPrincipals.includes(request.principal.account);
      if (!named && !asAccount) return { policy, statement, result: { element: 'Principal' } };
      delegated = !named && asAccount;
    } else if (statement.notPrincipal) {
      const account = request.principal.account ? `AWS|${request.principal.account}` : '';
      if (statement.notPrincipal(principalKey) || (account && statement.notPrincipal(account))) return { policy, statement, result: { element: 'Principal' } };
    } else {
      return { policy, statement, result: { element: 'Principal' } };
    }
  }
  if (statement.action ? !statement.action(request.action) : statement.notAction ? statement.notAction(request.action) : true) {
    return { policy, statement, result: { element: 'Action' } };
  }
  const lookup = contextLookup(request.context);
  if (request.resource !== '*' && (statement.resource ? !statement.resource(request.resource, lookup) : statement.notResource ? statement.notResource(request.resource, lookup) : false)) {
    return { policy, statement, result: { element: 'Resource' } };
  }
  for (const c of statement.conditions) {
    const requestValue = lookup(c.key);
    const values = c.values.map((v) => substitute(v, lookup)).filter((v): v is string => v !== undefined);
    if (!c.operator || !evaluateCondition(c.operator, values, requestValue)) {
      return { policy, statement, result: { element: 'Condition', operator: c.operatorText, key: c.key, values: c.values, requestValue } };
    }
  }
  return { policy, statement, result: delegated ? 'delegates' : 'applies' };
}

/** The policies AWS evaluates for one request, by role. */
export interface PolicySet {
  /** The resource's own policy (queue, topic, bus, function permissions); absent when the resource has none. */
  readonly resourcePolicy?: CompiledPolicy;
  /** For KMS: the key policy, which must allow the caller, or its account (then IAM policies decide). */
  readonly keyPolicy?: CompiledPolicy;
  /** The caller's identity policies (a role's inline and attached policies). */
  readonly identityPolicies?: readonly CompiledPolicy[];
}

/** An authorization decision with the statements that made it. */
export interface Decision {
  readonly allowed: boolean;
  /** The statement that allowed the request. */
  readonly allowedBy?: StatementOutcome;
  /** The explicit Deny, when one decided. */
  readonly deniedBy?: StatementOutcome;
  /** For an implicit deny: the statements that named this principal and action but failed a condition or resource. */
  readonly nearMisses: readonly StatementOutcome[];
  /** Why, in one sentence. */
  readonly reason: string;
}

/**
 * Evaluates a same-account request (IAM "Policy evaluation logic"): an
 * explicit Deny in any policy wins; otherwise a key policy must allow the
 * caller directly or name its account (then an identity policy must allow);
 * otherwise the resource policy or an identity policy allows; otherwise the
 * request is implicitly denied.
 */
export function evaluate(request: AuthorizationRequest, policies: PolicySet): Decision {
  const all: CompiledPolicy[] = [];
  if (policies.keyPolicy) all.push(policies.keyPolicy);
  if (policies.resourcePolicy) all.push(policies.resourcePolicy);
  const identity = request.principal.type === 'AWS' ? (policies.identityPolicies ?? []) : [];
  all.push(...identity);
  const outcomes = all.flatMap((p) => p.statements.map((s) => matchStatement(p, s, request)));
  const deny = outcomes.find((o) => o.statement.effect === 'Deny' && (o.result === 'applies' || o.result === 'delegates'));
  if (deny) return { allowed: false, deniedBy: deny, nearMisses: [], reason: `${deny.policy.name} ${deny.statement.label} explicitly denies ${request.action}` };
  const allows = (o: StatementOutcome, result: 'applies' | 'delegates'): boolean => o.statement.effect === 'Allow' && o.result === result;
  const identityAllow = outcomes.find((o) => o.policy.kind === 'identity' && allows(o, 'applies'));
  const nearMisses = outcomes.filter((o) => o.statement.effect === 'Allow' && typeof o.result === 'object' && (o.result.element === 'Condition' || o.result.element === 'Resource'));
  if (policies.keyPolicy) {
    const keyAllow = outcomes.find((o) => o.policy === policies.keyPolicy && allows(o, 'applies'));
    if (keyAllow) return { allowed: true, allowedBy: keyAllow, nearMisses: [], reason: `${keyAllow.policy.name} ${keyAllow.statement.label} allows it` };
    const delegation = outcomes.find((o) => o.policy === policies.keyPolicy && allows(o, 'delegates'));
    if (delegation && identityAllow) return { allowed: true, allowedBy: identityAllow, nearMisses: [], reason: `${identityAllow.policy.name} ${identityAllow.statement.label} allows it, as ${delegation.policy.name} ${delegation.statement.label} lets the account's IAM policies decide` };
    return { allowed: false, nearMisses, reason: implicitDenyReason(request, policies.keyPolicy, nearMisses, delegation !== undefined) };
  }
  const resourceAllow = outcomes.find((o) => o.policy === policies.resourcePolicy && allows(o, 'applies'));
  const allowedBy = resourceAllow ?? identityAllow;
  if (allowedBy) return { allowed: true, allowedBy, nearMisses: [], reason: `${allowedBy.policy.name} ${allowedBy.statement.label} allows it` };
  const primary = request.principal.type === 'Service' ? policies.resourcePolicy : (identity[0] ?? policies.resourcePolicy);
  return { allowed: false, nearMisses, reason: implicitDenyReason(request, primary, nearMisses, false) };
}

function describePrincipal(p: RequestPrincipal): string {
  return p.type === 'Service' ? p.id : `role ${p.id}`;
}

function show(value: ContextValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify([...value]);
}

/** Names the policy, the statement and the condition that failed, or says no statement names the caller. */
function implicitDenyReason(request: AuthorizationRequest, policy: CompiledPolicy | undefined, nearMisses: readonly StatementOutcome[], delegated: boolean): string {
  const who = describePrincipal(request.principal);
  if (!policy) return `no policy allows ${who} ${request.action}: the resource has no policy${request.principal.type === 'AWS' ? ' and no identity policy allows it' : ''}`;
  if (policy.unreadable) return `${policy.name} ${policy.unreadable}, so it allows nothing`;
  const miss = nearMisses.find((m) => m.policy === policy) ?? nearMisses[0];
  if (miss && typeof miss.result === 'object') {
    const r = miss.result;
    if (r.element === 'Condition') {
      const got = r.requestValue === undefined ? `the request carries no ${r.key}` : `the request's ${r.key} is ${show(r.requestValue)}`;
      return `${miss.policy.name} ${miss.statement.label} would allow ${who} ${request.action}, but its condition ${r.operator} ${r.key} ${show(r.values)} fails: ${got}`;
    }
    return `${miss.policy.name} ${miss.statement.label} would allow ${who} ${request.action}, but not on ${request.resource}`;
  }
  if (delegated) return `${policy.name} lets only the account's IAM policies use the key, and none allows ${who} ${request.action}`;
  return `${policy.name} has no statement allowing ${who} ${request.action}`;
}

/** Compiles each document once; the simulator asks for the same policy on every event. */
export class PolicyCache {
  private readonly cache = new Map<string, CompiledPolicy>();

  /** The compiled policy for a name and document, compiled on first use. */
  get(name: string, kind: CompiledPolicy['kind'], document: unknown): CompiledPolicy {
    const key = `${kind}\u0000${name}\u0000${typeof document === 'string' ? document : JSON.stringify(document)}`;
    let compiled = this.cache.get(key);
    if (!compiled) {
      compiled = compilePolicy(name, kind, document);
      this.cache.set(key, compiled);
    }
    return compiled;
  }
}
