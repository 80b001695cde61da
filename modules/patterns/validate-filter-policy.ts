import { checkSyntax, isPlainObject } from './validate-common';
import type { FilterPolicyScope, PatternProblem } from './types';

/**
 * SNS: at most 5 keys in a filter policy. Scope `MessageAttributes` counts every key; scope
 * `MessageBody` counts only the top-level keys (keys nested under them do not count).
 */
export const MAX_FILTER_POLICY_KEYS = 5;
/** SNS: at most 150 value combinations in a filter policy. */
export const MAX_FILTER_POLICY_COMBINATIONS = 150;
/** SNS: a filter policy is at most 256 KB. */
export const MAX_FILTER_POLICY_BYTES = 256 * 1024;

/**
 * Checks an SNS subscription filter policy the way SNS does on `Subscribe` /
 * `SetSubscriptionAttributes`, and returns every problem found (empty when SNS would accept it).
 *
 * Checks: a JSON object; every key maps to a non-empty array (or, with scope `MessageBody`, a
 * nested object); the operators SNS supports (no wildcard, no anything-but suffix/ignore-case/
 * wildcard, no prefix/suffix ignoring case) and their argument types; numeric expressions
 * (±1.0e9, at most 5 decimals); CIDR syntax; `$or` with at least two alternatives; at most 5 keys;
 * at most 150 value combinations; at most 256 KB.
 *
 * Keys are counted as SNS's guide ("Filter policy constraints") counts them: with scope
 * `MessageAttributes` every distinct key, with scope `MessageBody` only the distinct top-level keys
 * (nested keys do not count); the keys of a `$or` branch count as keys of the level the `$or` is on.
 * Combinations are counted as AWS's documented examples count them: per `$or` expansion, the
 * product over leaf keys of (nesting depth × number of values), summed over expansions.
 *
 * @param scope which part of the message the policy filters. @default 'MessageAttributes' (SNS's default)
 */
export function validateFilterPolicy(policy: unknown, scope: FilterPolicyScope = 'MessageAttributes'): PatternProblem[] {
  if (!isPlainObject(policy)) {
    return [{ path: '', message: 'Filter policy must be a JSON object, such as {"eventType": ["OrderPlaced"]}' }];
  }
  const report = checkSyntax(policy, { service: 'sns', dialect: 'eventbridge' });
  const problems = report.problems;
  if (report.nested && scope === 'MessageAttributes') {
    problems.push({
      path: '',
      message: 'Filter policy scope MessageAttributes does not support nested filter policy; use scope MessageBody or flat attribute names',
    });
  }

  let bytes: number | undefined;
  try {
    bytes = Buffer.byteLength(JSON.stringify(policy), 'utf8');
  } catch {
    problems.push({ path: '', message: 'Filter policy must be JSON (no cycles, functions or BigInt values)' });
  }
  if (bytes !== undefined && bytes > MAX_FILTER_POLICY_BYTES) {
    problems.push({ path: '', message: `Filter policy is ${bytes} bytes; at most ${MAX_FILTER_POLICY_BYTES} (256 KB) are allowed` });
  }

  if (problems.length === 0) {
    const keys = scope === 'MessageBody' ? topLevelKeys(policy, new Set()) : leafKeys(policy, '', new Set());
    if (keys.size > MAX_FILTER_POLICY_KEYS) {
      problems.push({
        path: '',
        message: `Filter policy can not have more than ${MAX_FILTER_POLICY_KEYS} keys (found ${keys.size}: ${[...keys].join(', ')})`,
      });
    }
    const combinations = policyCombinations(policy, 1);
    if (combinations > MAX_FILTER_POLICY_COMBINATIONS) {
      problems.push({
        path: '',
        message: `Filter policy is too complex: ${combinations} combinations of values; at most ${MAX_FILTER_POLICY_COMBINATIONS} are allowed`,
      });
    }
  }
  return problems;
}

function topLevelKeys(policy: Record<string, unknown>, into: Set<string>): Set<string> {
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or' && Array.isArray(value)) {
      for (const alt of value) if (isPlainObject(alt)) topLevelKeys(alt, into);
    } else into.add(key);
  }
  return into;
}

function leafKeys(policy: Record<string, unknown>, path: string, into: Set<string>): Set<string> {
  for (const key of Object.keys(policy)) {
    const value = policy[key];
    if (key === '$or' && Array.isArray(value)) {
      for (const alt of value) if (isPlainObject(alt)) leafKeys(alt, path, into);
    } else if (Array.isArray(value)) {
      into.add(path === '' ? key : `${path}.${key}`);
    } else if (isPlainObject(value)) {
      leafKeys(value, path === '' ? key : `${path}.${key}`, into);
    }
  }
  return into;
}

/**
 * SNS's combination count. Matches every AWS-documented example: a flat policy multiplies its
 * value counts; a nested leaf at depth d counts d × values; `$or` branches add up.
 */
export function policyCombinations(policy: Record<string, unknown>, depth: number): number {
  let total = 1;
  for (const key of Object.keys(policy)) {
    const value = policy[key];
    if (key === '$or' && Array.isArray(value)) {
      total *= value.reduce((sum: number, alt) => sum + (isPlainObject(alt) ? policyCombinations(alt, depth) : 0), 0);
    } else if (Array.isArray(value)) {
      total *= depth * value.length;
    } else if (isPlainObject(value)) {
      total *= policyCombinations(value, depth + 1);
    }
  }
  return total;
}
