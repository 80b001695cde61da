import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError, ValidationIssue } from './errors';
import { fmt } from './values';

/**
 * Collects the problems in a construct's props and throws them together.
 * Values that are unresolved tokens (known only at apply) are not checked.
 */
export class PropsValidator {
  private readonly issues: ValidationIssue[] = [];

  /** @param scope the construct whose props are checked, or the path to name in errors for settings outside a construct */
  constructor(private readonly scope: IConstruct | string) {}

  /** Records an issue unless `ok`. */
  check(ok: boolean, field: string, value: unknown, allowed: string): this {
    if (!ok) this.issues.push({ field, value, allowed });
    return this;
  }

  /** An optional whole number within [min, max]. */
  integer(field: string, value: number | undefined, min: number, max: number, unit = ''): this {
    if (value === undefined || isToken(value)) return this;
    const suffix = unit ? ` ${unit}` : '';
    return this.check(
      Number.isInteger(value) && value >= min && value <= max,
      field,
      value,
      `must be a whole number from ${fmt(min)} to ${fmt(max)}${suffix}`,
    );
  }

  /** An optional number within [min, max]. */
  number(field: string, value: number | undefined, min: number, max: number, unit = ''): this {
    if (value === undefined || isToken(value)) return this;
    const suffix = unit ? ` ${unit}` : '';
    return this.check(Number.isFinite(value) && value >= min && value <= max, field, value, `must be from ${fmt(min)} to ${fmt(max)}${suffix}`);
  }

  /** An optional string that must match `pattern`; `allowed` says so in words. */
  matches(field: string, value: string | undefined, pattern: RegExp, allowed: string): this {
    if (value === undefined || isToken(value)) return this;
    return this.check(typeof value === 'string' && pattern.test(value), field, value, allowed);
  }

  /** An optional value that must be one of `choices`. */
  oneOf<T>(field: string, value: T | undefined, choices: readonly T[]): this {
    if (value === undefined || isToken(value)) return this;
    return this.check(choices.includes(value), field, value, `must be one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`);
  }

  /** An optional ARN (of a given service, when named). */
  arn(field: string, value: string | undefined, service?: string): this {
    if (value === undefined || isToken(value)) return this;
    const svc = service ?? '[a-z0-9-]+';
    return this.matches(field, value, new RegExp(`^arn:aws[a-z-]*:${svc}:`), `must be an ARN${service ? ` of ${service}` : ''} (arn:<partition>:${service ?? '<service>'}:...)`);
  }

  /** The issues recorded so far. */
  recorded(): readonly ValidationIssue[] {
    return [...this.issues];
  }

  /** Records issues found elsewhere (e.g. by a rule target's own checks). */
  add(issues: readonly ValidationIssue[]): this {
    this.issues.push(...issues);
    return this;
  }

  /** Throws a {@link ValidationError} listing every issue recorded, if any. */
  throwIfInvalid(): void {
    if (this.issues.length > 0) throw new ValidationError(typeof this.scope === 'string' ? this.scope : this.scope.node.path, this.issues);
  }
}

/** True when the value is a cdktf token, resolved only at synth or apply. */
export function isToken(value: unknown): boolean {
  return (typeof value === 'string' || typeof value === 'number') && Token.isUnresolved(value);
}

/**
 * Domains reserved by RFC 2606 (and RFC 6761 for `.localhost`): mail to them is
 * never delivered, so an SNS e-mail subscription to one can never be confirmed.
 */
const RESERVED_TLDS = ['test', 'example', 'invalid', 'localhost'];
const RESERVED_SECOND_LEVEL = ['example.com', 'example.net', 'example.org'];

/** The reserved domain (RFC 2606) a host name or e-mail address is in, if any. */
export function reservedDomain(hostOrAddress: string): string | undefined {
  if (typeof hostOrAddress !== 'string' || isToken(hostOrAddress)) return undefined;
  const host = hostOrAddress.slice(hostOrAddress.lastIndexOf('@') + 1).toLowerCase().replace(/\.$/, '');
  const labels = host.split('.');
  const tld = labels[labels.length - 1];
  if (RESERVED_TLDS.includes(tld)) return `.${tld}`;
  return RESERVED_SECOND_LEVEL.find((d) => host === d || host.endsWith(`.${d}`));
}
