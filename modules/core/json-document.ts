import { Fn, IResolveContext, Lazy, Token } from 'cdktf';

/**
 * A JSON document for a Terraform string attribute (a policy, a redrive policy), written as
 * `jsonencode({…})`: the one form that both `cdktf synth` and `cdktf synth --hcl` render as
 * Terraform reads it. A JSON string with references in it (`JSON.stringify` of a document holding
 * an ARN token) comes out of the HCL renderer unquoted, as text `terraform fmt` rejects.
 *
 * cdktf writes string literals inside `jsonencode` without escaping them, so quotes, backslashes
 * and `%{` (a template directive) are escaped here; references stay references.
 */
export function jsonDocument(document: unknown): string {
  const escaped = escapeLiterals(document);
  return Lazy.stringValue({ produce: (context) => jsonencode(escaped, context) });
}

/** A {@link jsonDocument} built at synth, so that statements added after construction are included. */
export function lazyJsonDocument(produce: () => unknown): string {
  return Lazy.stringValue({ produce: (context) => jsonencode(escapeLiterals(produce()), context) });
}

/** {@link jsonDocument} as cdktf's own `Fn.jsonencode` renders it: what the one-pass rendering must equal. */
export function cdktfJsonDocument(document: unknown): string {
  return Fn.jsonencode(escapeLiterals(document));
}

/**
 * The text cdktf writes for `Fn.jsonencode(escaped)` as a whole attribute, in one
 * pass. cdktf's own rendering resolves a value's whole subtree again at each level
 * of nesting (a policy is five deep): a tenth of a synth's time. What is not plain
 * (a literal with `${` or a newline, list, number or map tokens, other resolvables,
 * null in a list), and a document inside another expression, is left to cdktf.
 */
function jsonencode(escaped: unknown, context: IResolveContext): string {
  if (context.suppressBraces || context.iteratorContext) return Fn.jsonencode(escaped);
  // As cdktf's function call does: references inside render bare (`aws_sqs_queue.q.arn`).
  const flags = { suppressBraces: context.suppressBraces, ignoreEscapes: context.ignoreEscapes, warnEscapes: context.warnEscapes };
  Object.assign(context, { suppressBraces: true, ignoreEscapes: true, warnEscapes: true });
  try {
    const body = render(escaped, context);
    return body === undefined ? Fn.jsonencode(escaped) : `\${jsonencode(${body})}`;
  } finally {
    Object.assign(context, flags);
  }
}

function render(value: unknown, context: IResolveContext): string | undefined {
  if (typeof value === 'string') return renderString(value, context);
  if (typeof value === 'number') return Token.isUnresolved(value) || !Number.isFinite(value) ? undefined : String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (Token.isUnresolved(value)) return undefined;
    const items: string[] = [];
    for (const item of value) {
      const text = render(item, context);
      if (text === undefined) return undefined;
      items.push(text);
    }
    return `[${items.join(', ')}]`;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      // cdktf writes an attribute that is null as `null` (an element of a list, otherwise).
      const text = key.includes('TfToken[') ? undefined : item === null ? 'null' : render(item, context);
      if (text === undefined) return undefined;
      entries.push(`"${key}" = ${text}`);
    }
    return `{${entries.join(', ')}}`;
  }
  return undefined;
}

/** A string token's placeholder in text, as cdktf encodes it. */
const TOKEN = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/**
 * A string as cdktf writes it inside `jsonencode`: a lone reference bare
 * (`aws_sqs_queue.q.arn`), text quoted with each reference in it as `${…}`.
 */
function renderString(text: string, context: IResolveContext): string | undefined {
  const literals = text.split(TOKEN);
  if (literals.some((literal) => /\$\{|\n|TfToken\[/.test(literal)) || text.startsWith('"')) return undefined;
  const tokens = text.match(TOKEN) ?? [];
  const resolved: unknown[] = tokens.map((token) => context.resolve(token));
  if (resolved.some((value) => typeof value !== 'string')) return undefined;
  if (tokens.length === 1 && text === tokens[0]) return resolved[0] as string;
  return `"${literals.map((literal, i) => (i < resolved.length ? `${literal}\${${resolved[i]}}` : literal)).join('')}"`;
}

function escapeLiterals(value: unknown): unknown {
  if (typeof value === 'string') return escape(value);
  if (Array.isArray(value)) return value.map(escapeLiterals);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [escape(k), escapeLiterals(v)]));
  }
  return value;
}

/** Token placeholders (`${TfToken[…]}`) hold none of these characters, so references survive. */
function escape(text: string): string {
  return text.replace(/[\\"]/g, '\\$&').replace(/%\{/g, '%%{');
}
