/**
 * Syntax checks shared by EventBridge patterns and SNS filter policies. Both services parse their
 * JSON with the same rule compiler (event-ruler), so most error texts are identical; the texts
 * below are AWS's own where the AWS-validated conformance cases show them, followed by what is
 * allowed where AWS's text does not say.
 */
import { parseCidr } from './cidr';
import type { PatternDialect, PatternProblem } from './types';
import { parseWildcard, type ParsedWildcard } from './wildcard';

/** Which grammar to check against. */
export interface Syntax {
  readonly service: 'eventbridge' | 'sns';
  /** Pipes and Lambda accept a subset of EventBridge's operators. Ignored for SNS. */
  readonly dialect: PatternDialect;
}

/** What a syntax walk found. */
export interface SyntaxReport {
  readonly problems: PatternProblem[];
  /** Wildcard expressions per field path (for EventBridge's complexity limit). */
  readonly wildcards: Map<string, ParsedWildcard[]>;
  /** True when nested objects appeared (SNS `MessageAttributes` refuses them). */
  nested: boolean;
  /** Objects on the current path, to stop at cycles (JSON cannot have them). */
  readonly open: Set<object>;
}

/** True for a non-null, non-array object (a JSON object). */
export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

const EVENTBRIDGE_OPERATORS = ['anything-but', 'cidr', 'equals-ignore-case', 'exists', 'numeric', 'prefix', 'suffix', 'wildcard'];
const SNS_OPERATORS = ['anything-but', 'cidr', 'equals-ignore-case', 'exists', 'numeric', 'prefix', 'suffix'];
const NUMERIC_OPERATORS = new Set(['=', '<', '<=', '>', '>=']);

const DIALECT_NAMES: Record<PatternDialect, string> = {
  eventbridge: 'EventBridge rule',
  pipes: 'EventBridge Pipes filter',
  lambda: 'Lambda event source mapping filter',
};

/**
 * Numeric limits. EventBridge: event-ruler's documented range, -5.0e9 to +5.0e9 with six digits
 * after the decimal point. SNS: -1e9 to 1e9 with five digits (SNS filter policy constraints).
 */
const NUMERIC_LIMITS = {
  eventbridge: { bound: 5e9, decimals: 6, text: '-5.0e9 and 5.0e9 with at most 6 digits after the decimal point' },
  sns: { bound: 1e9, decimals: 5, text: '-1.0e9 and 1.0e9 with at most 5 digits after the decimal point' },
} as const;

/** Digits after the decimal point in the shortest decimal spelling of `n`. */
export function decimalPlaces(n: number): number {
  const [mantissa, exponent] = String(n).toLowerCase().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

/** Walks a pattern object and reports syntax problems (limits are checked by the callers). */
export function checkSyntax(root: Record<string, unknown>, syntax: Syntax): SyntaxReport {
  const report: SyntaxReport = { problems: [], wildcards: new Map(), nested: false, open: new Set() };
  checkObject(root, '', '', syntax, report);
  return report;
}

function add(report: SyntaxReport, path: string, message: string): void {
  report.problems.push({ path, message });
}

function checkObject(
  obj: Record<string, unknown>,
  path: string,
  fieldPath: string,
  syntax: Syntax,
  report: SyntaxReport,
): void {
  if (report.open.has(obj)) {
    add(report, path, 'A pattern must be JSON: this object contains itself');
    return;
  }
  report.open.add(obj);
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue; // dropped by JSON.stringify, as AWS would never see it
    const here = join(path, key);
    if (key === '$or') {
      checkOr(value, here, fieldPath, syntax, report);
    } else if (Array.isArray(value)) {
      checkLeaf(value, here, join(fieldPath, key), syntax, report);
    } else if (isPlainObject(value)) {
      report.nested = true;
      checkObject(value, here, join(fieldPath, key), syntax, report);
    } else {
      add(report, here, `"${key}" must be an object or an array`);
    }
  }
  report.open.delete(obj);
}

function checkOr(value: unknown, path: string, fieldPath: string, syntax: Syntax, report: SyntaxReport): void {
  if (syntax.service === 'eventbridge' && syntax.dialect === 'lambda') {
    add(report, path, `"$or" is not supported in ${DIALECT_NAMES.lambda} patterns; list alternatives in one field's array, or add another filter (filters are ORed)`);
    return;
  }
  if (!Array.isArray(value) || value.length < 2 || !value.every(isPlainObject)) {
    add(report, path, '"$or" must be an array of at least two pattern objects');
    return;
  }
  value.forEach((alt, i) => checkObject(alt as Record<string, unknown>, `${path}[${i}]`, fieldPath, syntax, report));
}

function checkLeaf(list: unknown[], path: string, fieldPath: string, syntax: Syntax, report: SyntaxReport): void {
  if (list.length === 0) {
    add(report, path, 'Empty arrays are not allowed');
    return;
  }
  list.forEach((item, i) => {
    const here = `${path}[${i}]`;
    if (item === null || typeof item === 'string' || typeof item === 'boolean') return;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) add(report, here, 'Match value must be String, number, true, false, or null');
      return;
    }
    if (isPlainObject(item)) {
      checkOperator(item, here, fieldPath, syntax, report);
      return;
    }
    add(report, here, 'Match value must be String, number, true, false, or null');
  });
}

function dialectProblem(report: SyntaxReport, path: string, what: string, syntax: Syntax, supported: string): void {
  add(report, path, `${what} is not supported in ${DIALECT_NAMES[syntax.dialect]} patterns; supported: ${supported}`);
}

const PIPES_SUPPORTED =
  'exact values, null, "" , prefix, suffix (also with equals-ignore-case), equals-ignore-case, anything-but with values, numeric, exists, cidr, $or';
const LAMBDA_SUPPORTED = 'exact values, null, "", prefix, suffix, equals-ignore-case, anything-but with values, numeric, exists';

function checkOperator(item: Record<string, unknown>, path: string, fieldPath: string, syntax: Syntax, report: SyntaxReport): void {
  const keys = Object.keys(item);
  if (keys.length === 0) {
    add(report, path, `Empty match expression; use one of: ${(syntax.service === 'sns' ? SNS_OPERATORS : EVENTBRIDGE_OPERATORS).join(', ')}`);
    return;
  }
  if (keys.length > 1) {
    add(report, path, `Only one key allowed in match expression (found ${keys.join(', ')}); put each operator in its own array element`);
    return;
  }
  const op = keys[0];
  const arg = item[op];
  const here = join(path, op);
  const sns = syntax.service === 'sns';
  const dialect = sns ? 'eventbridge' : syntax.dialect;
  switch (op) {
    case 'prefix':
    case 'suffix':
      if (typeof arg === 'string') return;
      if (isPlainObject(arg) && Object.keys(arg).length === 1 && 'equals-ignore-case' in arg && !sns) {
        if (dialect === 'lambda') {
          dialectProblem(report, here, `${op} with equals-ignore-case`, syntax, LAMBDA_SUPPORTED);
        } else if (typeof arg['equals-ignore-case'] !== 'string') {
          add(report, join(here, 'equals-ignore-case'), 'equals-ignore-case match pattern must be a string');
        }
        return;
      }
      add(report, here, `${op} match pattern must be a string${sns ? '' : ' or {"equals-ignore-case": "..."}'}`);
      return;
    case 'equals-ignore-case':
      if (typeof arg !== 'string') add(report, here, 'equals-ignore-case match pattern must be a string');
      return;
    case 'wildcard':
      if (sns) {
        add(report, path, `Unrecognized match type wildcard; SNS filter policies support: ${SNS_OPERATORS.join(', ')}`);
        return;
      }
      if (dialect !== 'eventbridge') {
        dialectProblem(report, here, 'wildcard', syntax, dialect === 'pipes' ? PIPES_SUPPORTED : LAMBDA_SUPPORTED);
        return;
      }
      if (typeof arg !== 'string') {
        add(report, here, 'wildcard match pattern must be a string');
        return;
      }
      checkWildcard(arg, here, fieldPath, report);
      return;
    case 'numeric':
      checkNumeric(arg, here, syntax, report);
      return;
    case 'exists':
      if (typeof arg !== 'boolean') add(report, here, 'exists match pattern must be either true or false.');
      return;
    case 'cidr': {
      if (dialect === 'lambda') {
        dialectProblem(report, here, 'cidr', syntax, LAMBDA_SUPPORTED);
        return;
      }
      if (typeof arg !== 'string') {
        // AWS's parser reports the cidr operand with the prefix message.
        add(report, here, 'prefix match pattern must be a string (the cidr value must be one string such as "10.0.0.0/24")');
        return;
      }
      const block = parseCidr(arg);
      if (typeof block === 'string') add(report, here, block);
      return;
    }
    case 'anything-but':
      checkAnythingBut(arg, here, syntax, report);
      return;
    default:
      add(report, path, `Unrecognized match type ${op}; operators are lower case: ${(sns ? SNS_OPERATORS : EVENTBRIDGE_OPERATORS).join(', ')}`);
  }
}

function checkWildcard(text: string, path: string, fieldPath: string, report: SyntaxReport): void {
  const parsed = parseWildcard(text);
  if (typeof parsed === 'string') {
    add(report, path, parsed);
    return;
  }
  const list = report.wildcards.get(fieldPath) ?? [];
  list.push(parsed);
  report.wildcards.set(fieldPath, list);
}

function checkAnythingBut(arg: unknown, path: string, syntax: Syntax, report: SyntaxReport): void {
  const sns = syntax.service === 'sns';
  if (typeof arg === 'string' || (typeof arg === 'number' && Number.isFinite(arg))) return;
  if (Array.isArray(arg)) {
    if (arg.length === 0) add(report, path, 'Empty arrays are not allowed');
    else if (!arg.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) {
      add(report, path, 'Inside anything but list, start|null|boolean is not supported.');
    }
    return;
  }
  if (!isPlainObject(arg)) {
    add(report, path, 'Value of anything-but must be an array or single string/number value.');
    return;
  }
  const keys = Object.keys(arg);
  if (keys.length !== 1) {
    add(report, path, 'Value of anything-but must be an array or single string/number value.');
    return;
  }
  const op = keys[0];
  const value = arg[op];
  const here = join(path, op);
  const supported = sns ? ['prefix'] : ['prefix', 'suffix', 'equals-ignore-case', 'wildcard'];
  if (!supported.includes(op)) {
    add(report, here, `Unsupported anything-but pattern: ${op}; ${sns ? 'SNS supports values and prefix' : 'use values, prefix, suffix, equals-ignore-case or wildcard'}`);
    return;
  }
  if (!sns && syntax.dialect !== 'eventbridge') {
    dialectProblem(report, here, `anything-but with ${op}`, syntax, syntax.dialect === 'pipes' ? PIPES_SUPPORTED : LAMBDA_SUPPORTED);
    return;
  }
  const strings = sns ? (typeof value === 'string' ? [value] : null) : typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (strings !== null && strings.length === 0) {
    add(report, here, 'Empty arrays are not allowed');
    return;
  }
  switch (op) {
    case 'prefix':
    case 'suffix':
      if (isPlainObject(value)) add(report, path, 'Value of anything-but must be an array or single string/number value.');
      else if (strings === null || !strings.every((s) => typeof s === 'string')) {
        add(report, here, sns ? 'prefix match pattern must be a string' : 'prefix/suffix match pattern must be a string');
      } else if (strings.some((s) => s === '')) add(report, here, 'Null prefix/suffix not allowed');
      return;
    case 'equals-ignore-case':
      if (strings === null || !strings.every((s) => typeof s === 'string')) {
        add(report, here, 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
      }
      return;
    case 'wildcard':
      if (strings === null || !strings.every((s) => typeof s === 'string')) {
        add(report, here, 'wildcard match pattern must be a string');
        return;
      }
      // anything-but wildcards do not count towards the complexity limit (event-ruler counts
      // only positive wildcard matches), but their syntax is checked the same way.
      for (const s of strings as string[]) {
        const parsed = parseWildcard(s);
        if (typeof parsed === 'string') add(report, here, parsed);
      }
      return;
  }
}

/**
 * The numeric expression grammar, in the order AWS's parser reads it: an operator, a number, and
 * for a range a lower-bound operator first, then `<` or `<=` and a larger number.
 */
function checkNumeric(arg: unknown, path: string, syntax: Syntax, report: SyntaxReport): void {
  if (!Array.isArray(arg)) {
    add(report, path, 'Value of numeric must be an array.');
    return;
  }
  const first = arg[0];
  if (typeof first !== 'string') {
    add(report, path, `Invalid member in numeric match: ${arg.length === 0 ? ']' : show(first)}; expected an operator (=, <, <=, >, >=) then a number`);
    return;
  }
  if (!NUMERIC_OPERATORS.has(first)) {
    add(report, path, `Unrecognized numeric range operator: ${first}; use =, <, <=, > or >=`);
    return;
  }
  const name = (op: string) => (op === '=' ? 'equals' : op);
  if (typeof arg[1] !== 'number' || !Number.isFinite(arg[1])) {
    add(report, path, `Value of ${name(first)} must be numeric`);
    return;
  }
  const limits = NUMERIC_LIMITS[syntax.service];
  const checkRange = (op: string, n: number) => {
    if (Math.abs(n) > limits.bound || decimalPlaces(n) > limits.decimals) {
      add(report, path, `Value of ${name(op)} must be between ${limits.text} (got ${n})`);
    }
  };
  checkRange(first, arg[1]);
  if (arg.length === 2) return;
  if (first !== '>' && first !== '>=') {
    add(report, path, 'Too many elements in numeric expression; a range starts with > or >= (lower bound first)');
    return;
  }
  const upper = arg[2];
  if (typeof upper !== 'string') {
    add(report, path, `Bad value in numeric range: ${show(upper)}; expected < or <= before the upper bound`);
    return;
  }
  if (upper !== '<' && upper !== '<=') {
    add(report, path, `Bad numeric range operator: ${upper}; the upper bound takes < or <=`);
    return;
  }
  if (typeof arg[3] !== 'number' || !Number.isFinite(arg[3])) {
    add(report, path, `Value of ${upper} must be numeric`);
    return;
  }
  checkRange(upper, arg[3]);
  if (arg[1] >= arg[3]) {
    add(report, path, `Bottom must be less than top (${arg[1]} >= ${arg[3]})`);
    return;
  }
  if (arg.length > 4) add(report, path, 'Too many terms in numeric range expression; use [">" | ">=", low, "<" | "<=", high]');
}

/** A value as JSON text for a message; never throws. */
function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Size of a pattern as AWS counts it: its compact JSON text. `undefined` if it is not JSON. */
export function jsonLength(value: unknown): number | undefined {
  try {
    return JSON.stringify(value)?.length;
  } catch {
    return undefined;
  }
}
