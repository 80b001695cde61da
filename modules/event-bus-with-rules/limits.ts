import { EVENTBRIDGE } from '../core/aws-limits';
import { PropsValidator, isToken } from '../core/validation';
import { validateEventPattern, PatternProblem } from '../patterns';


/** Names of buses, rules, archives and target IDs: letters, digits, `.`, `-`, `_` (`/` only in partner bus names). */
export const EVENTBRIDGE_NAME = /^[A-Za-z0-9._-]+$/;


/** An account ID or an AWS Organizations organization ID. */
export const ACCOUNT_ID = /^\d{12}$/;
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** Checks a name against EventBridge's character set and a maximum length. */
export function validateEventBridgeName(v: PropsValidator, field: string, value: string | undefined, max: number, what: string, hint = ''): void {
  if (value === undefined || isToken(value)) return;
  v.check(
    typeof value === 'string' && value.length >= 1 && value.length <= max && EVENTBRIDGE_NAME.test(value),
    field,
    value,
    `${what} must be 1–${max} characters of letters, digits, ".", "-" and "_"${hint}`,
  );
}

/** Checks an optional description's length. */
export function validateDescription(v: PropsValidator, field: string, value: string | undefined): void {
  if (value === undefined || isToken(value)) return;
  v.check(
    typeof value === 'string' && value.length <= EVENTBRIDGE.descriptionMaxLength,
    field,
    value,
    `must be at most ${EVENTBRIDGE.descriptionMaxLength} characters`,
  );
}

/**
 * Turns each problem `validateEventPattern` finds into a validation issue on
 * `field.<problem path>`, with the offending part of the pattern as the value.
 */
export function validatePattern(v: PropsValidator, field: string, pattern: unknown): void {
  let problems: PatternProblem[];
  try {
    problems = validateEventPattern(pattern, { dialect: 'eventbridge' });
  } catch (e) {
    problems = [{ path: '', message: `cannot be read as an event pattern (${(e as Error).message})` }];
  }
  for (const p of problems) {
    v.check(false, p.path ? `${field}.${p.path}` : field, valueAt(pattern, p.path), p.message);
  }
}

/** The value at a problem path such as `detail.status[0].prefix`, or the whole pattern when the path cannot be followed. */
function valueAt(root: unknown, path: string): unknown {
  if (!path) return root;
  let current: unknown = root;
  for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    const key = part.startsWith('[') ? Number(part.slice(1, -1)) : part;
    if (current === null || typeof current !== 'object' || !(key in (current as object))) {
      // Dotted keys (`"detail.state"`) cannot be split back: show the whole field instead.
      return root;
    }
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
