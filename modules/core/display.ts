import { PolicyStatement } from './policy';
import { isToken } from './validation';

/**
 * How values known only at apply (tokens) read in messages: a construct
 * registers a readable form of its ARN (e.g. `arn:<partition>:sns:<region>:<account-id>:orders`),
 * and a warning that names that ARN shows this form instead of a token.
 */
const readable = new Map<string, string>();

/** Registers the readable form of a token (a value that is not a token needs none). */
export function showAs(value: string, text: string): void {
  if (isToken(value)) readable.set(value, text);
}

/** The value itself, its registered readable form, or `fallback` when it is known only at apply. */
export function shown(value: string | undefined, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  if (!isToken(value)) return value;
  return readable.get(value) ?? fallback;
}

/** A statement whose resources and condition values read without tokens, for a message. */
export function statementForDisplay(statement: PolicyStatement, fallback = '<known at apply>'): PolicyStatement {
  const show = <T extends string | string[] | undefined>(value: T): T => (typeof value === 'string' ? shown(value, fallback) : Array.isArray(value) ? value.map((v) => shown(v, fallback)) : value) as T;
  const condition =
    statement.Condition &&
    Object.fromEntries(Object.entries(statement.Condition).map(([op, entries]) => [op, Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, show(v)]))]));
  return { ...statement, Resource: show(statement.Resource), ...(condition ? { Condition: condition } : {}) };
}
