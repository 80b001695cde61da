import { Fn, Lazy } from 'cdktf';

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
  return Fn.jsonencode(escapeLiterals(document));
}

/** A {@link jsonDocument} built at synth, so that statements added after construction are included. */
export function lazyJsonDocument(produce: () => unknown): string {
  return Lazy.stringValue({ produce: () => jsonDocument(produce()) });
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
