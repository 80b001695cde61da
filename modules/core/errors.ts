/** One invalid prop: which field, the value given, and what AWS allows there. */
export interface ValidationIssue {
  /** Dotted path of the prop, e.g. `deadLetter.maxReceiveCount`. */
  readonly field: string;
  /** The value the caller gave. */
  readonly value: unknown;
  /** What is allowed, in AWS's terms (a range, a pattern, a rule). */
  readonly allowed: string;
}

/**
 * Thrown at construction when props break an AWS limit, so that synth fails
 * before anything is written instead of `terraform apply` failing later.
 * Carries every problem found, not only the first.
 */
export class ValidationError extends Error {
  constructor(
    /** Construct path of the construct whose props are invalid. */
    readonly constructPath: string,
    /** Every problem found. */
    readonly issues: readonly ValidationIssue[],
  ) {
    super(formatIssues(constructPath, issues));
    this.name = 'ValidationError';
  }
}

function formatIssues(path: string, issues: readonly ValidationIssue[]): string {
  const lines = issues.map((i) => `${i.field} = ${describe(i.value)} is invalid: ${i.allowed}`);
  return lines.length === 1 ? `${path}: ${lines[0]}` : `${path}: ${lines.length} invalid props:\n  - ${lines.join('\n  - ')}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
