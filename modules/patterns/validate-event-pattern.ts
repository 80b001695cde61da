import { checkSyntax, isPlainObject, jsonLength } from './validate-common';
import type { PatternDialect, PatternProblem } from './types';
import { wildcardComplexity } from './wildcard';

/** Options of {@link validateEventPattern}. */
export interface ValidateEventPatternOptions {
  /**
   * Which service the pattern is for: an EventBridge rule, an EventBridge Pipes filter or a Lambda
   * event source mapping filter (the last two accept a subset of operators).
   * @default 'eventbridge'
   */
  readonly dialect?: PatternDialect;
  /**
   * Longest pattern accepted, in characters of compact JSON.
   * @default 2048 for EventBridge rules (the default "Event pattern size" quota, adjustable up to
   * 4096); 4096 for Pipes and Lambda filters (their API limit)
   */
  readonly maxLength?: number;
}

/** AWS's default EventBridge rule pattern size quota, and the Pipes/Lambda filter pattern maximum. */
const DEFAULT_MAX_LENGTH: Record<PatternDialect, number> = { eventbridge: 2048, pipes: 4096, lambda: 4096 };

/**
 * Largest wildcard complexity accepted (see `wildcardComplexity`). AWS does not document the
 * number; 10 is inferred from AWS-validated cases: a path wildcard with one star followed by
 * five repeated `/dir` segments (complexity 7) is accepted, and five stars each followed by `:`
 * before `event-bus/` plus a trailing star (complexity 11) is refused.
 */
export const MAX_WILDCARD_COMPLEXITY = 10;

/** Largest number of rules a pattern may expand to through `$or` (EventBridge). */
export const MAX_OR_COMBINATIONS = 1000;

const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

/**
 * Checks an EventBridge event pattern (or a Pipes / Lambda filter pattern) the way AWS does when
 * the rule or filter is created, and returns every problem found (empty when AWS would accept it).
 *
 * Checks: the pattern is a JSON object; every field is an object or a non-empty array; operator
 * names and argument types; numeric expressions (lower bound first, bottom < top, ±5.0e9 with at
 * most 6 decimals); CIDR syntax; wildcard syntax (no `**`) and complexity; `$or` with at least
 * two alternatives and at most 1000 combinations; operators the dialect does not support; size
 * (2048 characters for rules by default, 4096 for Pipes and Lambda filters).
 *
 * Accepts `unknown`, so JSON from users is checked as thoroughly as typed patterns.
 */
export function validateEventPattern(pattern: unknown, options: ValidateEventPatternOptions = {}): PatternProblem[] {
  const dialect = options.dialect ?? 'eventbridge';
  if (!isPlainObject(pattern)) {
    return [{ path: '', message: 'Event pattern must be a JSON object, such as {"source": ["orders.service"]}' }];
  }
  const report = checkSyntax(pattern, { service: 'eventbridge', dialect });
  const problems = report.problems;

  const length = jsonLength(pattern);
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH[dialect];
  if (length === undefined) {
    problems.push({ path: '', message: 'Event pattern must be JSON (no cycles, functions or BigInt values)' });
  } else if (length > maxLength) {
    const quota = dialect === 'eventbridge' ? ' (the EventBridge "Event pattern size" quota; it can be raised to 4096)' : '';
    problems.push({ path: '', message: `Event pattern is ${length} characters long; at most ${maxLength} are allowed${quota}` });
  }

  for (const [field, wildcards] of report.wildcards) {
    const complexity = wildcardComplexity(wildcards, MAX_WILDCARD_COMPLEXITY + 1);
    if (complexity > MAX_WILDCARD_COMPLEXITY) {
      problems.push({
        path: field,
        message: `${TOO_COMPLEX} (one value could match more than ${MAX_WILDCARD_COMPLEXITY} wildcard prefixes at once)`,
      });
    }
  }

  if (problems.length === 0) {
    const combinations = orCombinations(pattern);
    if (combinations > MAX_OR_COMBINATIONS) {
      problems.push({
        path: '',
        message: `Rule is too complex - its $or clauses expand to ${combinations} combinations; at most ${MAX_OR_COMBINATIONS} are allowed`,
      });
    }
  }
  return problems;
}

/** Number of plain rules a pattern stands for once every `$or` is expanded. */
export function orCombinations(pattern: Record<string, unknown>): number {
  let total = 1;
  for (const key of Object.keys(pattern)) {
    const value = pattern[key];
    if (key === '$or' && Array.isArray(value)) {
      total *= value.reduce((sum: number, alt) => sum + (isPlainObject(alt) ? orCombinations(alt) : 1), 0);
    } else if (isPlainObject(value)) {
      total *= orCombinations(value);
    }
    if (total > Number.MAX_SAFE_INTEGER) return total;
  }
  return total;
}
