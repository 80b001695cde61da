import { at, fmt, isExpression, literal, num, show } from '../core/values';

/** A failed limit: what is wrong and the fix. */
export interface LimitProblem {
  message: string;
  fix: string;
}

/**
 * Collects the AWS limits a resource's arguments break (provider validation
 * at plan, or the AWS API at apply). Values known only at apply are skipped.
 */
export class Limits {
  readonly problems: LimitProblem[] = [];

  constructor(private readonly config: Record<string, unknown>) {}

  /** Records a problem unless `ok`. */
  check(ok: boolean, message: string, fix: string): this {
    if (!ok) this.problems.push({ message, fix });
    return this;
  }

  /** A whole number within [min, max], if set; `alsoAllowed` (e.g. -1 for "infinite") passes too. */
  range(path: string, min: number, max: number, unit = '', alsoAllowed?: number): this {
    const value = num(at(this.config, path));
    if (value === undefined || value === alsoAllowed) return this;
    const allowed = `${alsoAllowed !== undefined ? `${alsoAllowed} or ` : ''}${fmt(min)}..${fmt(max)}${unit ? ` ${unit}` : ''}`;
    return this.check(Number.isInteger(value) && value >= min && value <= max, `${path} = ${value} is outside ${allowed}`, `set ${path} to ${allowed}`);
  }

  /** A literal string matching `pattern`, if set; `allowed` says what matches in words. */
  matches(path: string, pattern: RegExp, allowed: string): this {
    const value = literal(at(this.config, path));
    if (value === undefined) return this;
    return this.check(pattern.test(value), `${path} = ${show(value)} is invalid: ${allowed}`, `make ${path} ${allowed}`);
  }

  /** One of `choices`, if set. */
  oneOf(path: string, choices: readonly string[]): this {
    const value = literal(at(this.config, path));
    if (value === undefined) return this;
    return this.check(choices.includes(value), `${path} = ${show(value)} is not one of ${choices.join(', ')}`, `set ${path} to one of ${choices.join(', ')}`);
  }

  /** Valid JSON text, if set as literal text (a `${jsonencode(…)}` is always valid). */
  json(path: string, maxLength?: number): this {
    const value = at(this.config, path);
    if (typeof value !== 'string' || value === '' || value.startsWith('${')) return this;
    let valid = true;
    try {
      JSON.parse(value);
    } catch {
      valid = false;
    }
    this.check(valid, `${path} is not valid JSON`, `give ${path} a JSON document (Fn.jsonencode or JSON.stringify)`);
    if (maxLength !== undefined && !isExpression(value)) {
      this.check(value.length <= maxLength, `${path} is ${fmt(value.length)} characters, over the ${fmt(maxLength)} allowed`, `shorten ${path} to ${fmt(maxLength)} characters`);
    }
    return this;
  }

  /** Each problem, as a check outcome. */
  get outcome(): LimitProblem[] | undefined {
    return this.problems.length > 0 ? this.problems : undefined;
  }
}
