import { compileMatcher } from './compile';
import type { EventPattern, PatternProblem } from './types';
import { checkSyntax, isPlainObject } from './validate-common';

/** Thrown when a pattern or policy cannot be evaluated because AWS would refuse its syntax. */
export class PatternSyntaxError extends Error {
  /** Every syntax problem found. */
  public readonly problems: readonly PatternProblem[];

  /**
   * @param kind what was refused, e.g. `event pattern`
   * @param problems the problems, as the validators report them
   */
  constructor(kind: string, problems: readonly PatternProblem[]) {
    super(`Invalid ${kind}: ${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')}`);
    this.name = 'PatternSyntaxError';
    this.problems = problems;
  }
}

const compiled = new WeakMap<object, (event: unknown) => boolean>();

/**
 * Compiles an EventBridge event pattern once into a matcher; call the matcher for each event.
 * Evaluation follows EventBridge: fields ANDed, array alternatives ORed, event arrays match when
 * any element does (with all fields of one pattern object taken from the same element, as in
 * event-ruler), `null` is distinct from missing and from `""`, numbers compare as numbers,
 * `anything-but` never matches a missing field, `exists: false` matches a missing field (or one
 * holding only an object), dotted keys equal nested ones.
 *
 * Only syntax is checked here (size and complexity limits are `validateEventPattern`'s business),
 * so Pipes and Lambda filter patterns compile too; the result is EventBridge's matching. Lambda
 * compares numbers by their text (300 ≠ 300.0); that difference is not modelled.
 *
 * @throws PatternSyntaxError when AWS would refuse the pattern's syntax.
 */
export function compileEventPattern(pattern: EventPattern): (event: unknown) => boolean {
  if (!isPlainObject(pattern)) throw new PatternSyntaxError('event pattern', [{ path: '', message: 'Event pattern must be a JSON object' }]);
  const problems = checkSyntax(pattern, { service: 'eventbridge', dialect: 'eventbridge' }).problems;
  if (problems.length > 0) throw new PatternSyntaxError('event pattern', problems);
  return compileMatcher(pattern as Record<string, unknown>, { dottedKeys: true });
}

/**
 * Whether an event matches a pattern. Compiles the pattern on first use and caches the matcher
 * per pattern object, so calling it repeatedly with the same pattern object stays fast (a pattern
 * mutated after its first use keeps its first compiled form: compile it again instead).
 *
 * @throws PatternSyntaxError when AWS would refuse the pattern's syntax.
 */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  let matcher = compiled.get(pattern);
  if (!matcher) {
    matcher = compileEventPattern(pattern);
    compiled.set(pattern, matcher);
  }
  return matcher(event);
}
