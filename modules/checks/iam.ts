import { block, list } from '../core/values';

/** A principal of a resource-policy statement; `type` is `*` for `"Principal": "*"`. */
export interface Principal {
  /** The principal type as written: `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*`. */
  readonly type: string;
  /** One identifier of that type: an ARN, account ID, service principal (`sns.amazonaws.com`), or `*`. */
  readonly id: string;
}

/** One condition entry: `{"ArnEquals": {"aws:SourceArn": [...]}}` → operator, key, values. */
export interface Condition {
  /** The condition operator as written, e.g. `ArnEquals`, `StringLike`, `BoolIfExists`, `ForAnyValue:StringEquals`. */
  readonly operator: string;
  /** The condition key as written, e.g. `aws:SourceArn` (IAM compares key names case-insensitively). */
  readonly key: string;
  /** The values, as text (a JSON boolean or number becomes its text, as AWS compares them). */
  readonly values: readonly string[];
}

/** A policy statement in one shape, whatever form it was written in (JSON or `aws_iam_policy_document`). */
export interface Statement {
  /** `Allow` or `Deny`; a statement without a readable `Deny` is taken for `Allow`. */
  readonly effect: 'Allow' | 'Deny';
  /** `undefined` in identity policies, which have no `Principal`. */
  readonly principals?: readonly Principal[];
  /** The `NotPrincipal` entries; `undefined` when the statement has none. */
  readonly notPrincipals?: readonly Principal[];
  /** The `Action` entries (e.g. `sqs:SendMessage`, `sqs:*`); `[]` when absent. */
  readonly actions: readonly string[];
  /** The `NotAction` entries: the statement covers every action except these. `[]` when absent. */
  readonly notActions: readonly string[];
  /** The `Resource` entries (ARNs, `*`, or `${…}` expressions as written); `[]` when absent. */
  readonly resources: readonly string[];
  /** The `NotResource` entries; `[]` when absent. */
  readonly notResources: readonly string[];
  /** Every condition, one entry per operator and key; `[]` when there is no `Condition`. */
  readonly conditions: readonly Condition[];
}

const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === 'string');
/** Condition values may be written as JSON booleans or numbers: AWS compares them as text. */
const texts = (v: unknown): string[] => list(v).filter((x) => x !== null && typeof x !== 'object').map(String);

function principalsOf(value: unknown): Principal[] | undefined {
  if (value === undefined) return undefined;
  if (value === '*') return [{ type: '*', id: '*' }];
  const b = block(value);
  if (!b) return [];
  return Object.entries(b).flatMap(([type, ids]) => strings(ids).map((id) => ({ type, id })));
}

function conditionsOf(value: unknown): Condition[] {
  const b = block(value);
  if (!b) return [];
  return Object.entries(b).flatMap(([operator, entries]) =>
    Object.entries(block(entries) ?? {}).map(([key, values]) => ({ operator, key, values: texts(values) })),
  );
}

/** The statements of a parsed JSON policy document; `undefined` if it is not one. */
export function statementsOf(document: unknown): Statement[] | undefined {
  const doc = block(document);
  if (!doc || doc.Statement === undefined) return undefined;
  return list(doc.Statement)
    .map((s) => block(s))
    .filter((s): s is Record<string, unknown> => !!s)
    .map((s) => ({
      effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
      principals: principalsOf(s.Principal),
      notPrincipals: principalsOf(s.NotPrincipal),
      actions: strings(s.Action),
      notActions: strings(s.NotAction),
      resources: strings(s.Resource),
      notResources: strings(s.NotResource),
      conditions: conditionsOf(s.Condition),
    }));
}

/** The statements of an `aws_iam_policy_document` data source's own `statement` blocks. */
export function statementsOfPolicyDocument(config: Record<string, unknown>): Statement[] {
  const principals = (v: unknown): Principal[] | undefined => {
    const blocks = list(v).map((p) => block(p)).filter((p): p is Record<string, unknown> => !!p);
    if (blocks.length === 0) return undefined;
    return blocks.flatMap((p) => strings(p.identifiers).map((id) => (p.type === '*' ? { type: '*', id: '*' } : { type: String(p.type), id })));
  };
  return list(config.statement)
    .map((s) => block(s))
    .filter((s): s is Record<string, unknown> => !!s)
    .map((s) => ({
      effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
      principals: principals(s.principals),
      notPrincipals: principals(s.not_principals),
      actions: strings(s.actions),
      notActions: strings(s.not_actions),
      resources: strings(s.resources),
      notResources: strings(s.not_resources),
      conditions: list(s.condition)
        .map((c) => block(c))
        .filter((c): c is Record<string, unknown> => !!c)
        .map((c) => ({ operator: String(c.test), key: String(c.variable), values: texts(c.values) })),
    }));
}

/** IAM matching of a pattern with `*` and `?` against a name, case-insensitively (as IAM matches actions). */
export function wildcardMatch(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  if (!/[*?]/.test(pattern)) return pattern.toLowerCase() === name.toLowerCase();
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(name);
}

/** True when the statement's actions cover `action` (honouring `NotAction`). */
export function coversAction(statement: Statement, action: string): boolean {
  if (statement.notActions.length > 0) return !statement.notActions.some((p) => wildcardMatch(p, action));
  return statement.actions.some((p) => wildcardMatch(p, action));
}

/** True for `*` and `{"AWS": "*"}`: anyone, in any account. */
export function isAnyone(principal: Principal): boolean {
  return principal.type === '*' || (principal.type === 'AWS' && principal.id === '*');
}

/** True when the statement names `service` (e.g. `events.amazonaws.com`) or anyone as principal. */
export function admitsService(statement: Statement, service: string): boolean {
  return (statement.principals ?? []).some((p) => isAnyone(p) || (p.type === 'Service' && p.id.toLowerCase() === service.toLowerCase()));
}

/** The values of a condition key (`aws:SourceArn`), under any operator; key names are case-insensitive. */
export function conditionValues(statement: Statement, key: string): string[] {
  return statement.conditions.filter((c) => c.key.toLowerCase() === key.toLowerCase()).flatMap((c) => c.values);
}

/**
 * Condition keys that limit who can use a grant to anyone. A statement open
 * to `*` is public unless one of them pins it to fixed values (what AWS
 * Config's `sqs-queue-no-public-access` and `sns-topic-no-public-access` call non-public).
 */
const RESTRICTING_KEYS = [
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:sourceip',
  'aws:userid',
  'kms:calleraccount',
  'kms:viaservice',
  'sns:endpoint',
];

/** True for an `Allow` to anyone that no condition pins to fixed values. */
export function isPublicGrant(statement: Statement): boolean {
  if (statement.effect !== 'Allow') return false;
  if (!(statement.principals ?? []).some(isAnyone)) return false;
  return !statement.conditions.some((c) => RESTRICTING_KEYS.includes(c.key.toLowerCase()) && c.values.length > 0 && c.values.every((v) => v !== '*'));
}

/** True for the `Deny` of requests without TLS (`aws:SecureTransport` = false) to anyone, covering `action`. */
export function deniesInsecureTransport(statement: Statement, action: string): boolean {
  return (
    statement.effect === 'Deny' &&
    (statement.principals ?? []).some(isAnyone) &&
    coversAction(statement, action) &&
    statement.conditions.some((c) => c.operator.startsWith('Bool') && c.key.toLowerCase() === 'aws:securetransport' && c.values.includes('false'))
  );
}
