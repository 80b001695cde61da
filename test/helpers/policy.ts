/**
 * Policy statements found by what they say (effect, principal, action,
 * resource, condition) rather than by Sid or position: the Sids of grants are
 * numbered in the order the grants were made.
 */

/** True when `actual` holds everything in `expected` (objects: these keys at least; arrays and values: equal). */
function holds(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => holds(actual[i], e));
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([k, v]) => holds((actual as Record<string, unknown>)[k], v));
  }
  return Object.is(actual, expected);
}

/** Every statement that holds `content`. */
export function statementsWith<T = any>(statements: readonly T[], content: Record<string, unknown>): T[] {
  return statements.filter((s) => holds(s, content));
}

/** The one statement that holds `content`; throws (listing the statements) when there is none or more than one. */
export function statementWith<T = any>(statements: readonly T[], content: Record<string, unknown>): T {
  const found = statementsWith(statements, content);
  if (found.length !== 1) throw new Error(`expected one statement with ${JSON.stringify(content)}, found ${found.length} in ${JSON.stringify(statements)}`);
  return found[0];
}
