import { Construct, IConstruct } from 'constructs';
import { ValidationError, ValidationIssue } from './errors';

/**
 * The shape of a value a public entry point accepts: what plain JavaScript
 * must pass (an array, not an object; an object, not a string; a construct
 * where one is expected). Checked before any value is read, so a wrong shape
 * is a ValidationError naming the field, never a TypeError from deep inside.
 * Values (ranges, patterns, AWS limits) are checked afterwards, by each module.
 */
export type Shape = ShapeBody & {
  /** What the shape expects, in words, when the generated description would be less clear. */
  readonly what?: string;
};

type ShapeBody =
  | { readonly kind: 'string' | 'number' | 'boolean' | 'any' | 'id' }
  | { readonly kind: 'literal'; readonly values: readonly unknown[] }
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, Shape>>; readonly required: readonly string[] }
  | { readonly kind: 'array'; readonly of: Shape }
  | { readonly kind: 'record'; readonly of: Shape }
  | { readonly kind: 'construct'; readonly what: string; readonly properties: readonly string[]; readonly fields?: Readonly<Record<string, Shape>> }
  | { readonly kind: 'json' }
  | { readonly kind: 'oneOf'; readonly options: readonly Shape[] };

/** Builders of {@link Shape}s. */
export const shape = {
  string: { kind: 'string' } as Shape,
  number: { kind: 'number' } as Shape,
  boolean: { kind: 'boolean' } as Shape,
  /** A non-empty string: a construct ID. */
  id: { kind: 'id' } as Shape,
  /** Anything: for values whose own validator reads any input safely. */
  any: { kind: 'any' } as Shape,
  /**
   * JSON data (objects, arrays, strings, finite numbers, booleans, null) without
   * cycles: event patterns, filter policies, policy statements, target input.
   */
  json: { kind: 'json' } as Shape,
  /** Exactly one of `values`. */
  literal: (...values: unknown[]): Shape => ({ kind: 'literal', values }),
  /** An object of settings: a plain object with these optional fields, of which `required` must be present. */
  object: (fields: Record<string, Shape>, required: string[] = [], what?: string): Shape => ({ kind: 'object', fields, required, what }),
  array: (of: Shape): Shape => ({ kind: 'array', of }),
  /** An object used as a map (tags, input paths): any keys, values of one shape. */
  record: (of: Shape): Shape => ({ kind: 'record', of }),
  /** An object (usually a construct) with these string properties, e.g. `queueArn`. */
  construct: (what: string, ...properties: string[]): Shape => ({ kind: 'construct', what, properties }),
  /** An object of any class with these string properties, whose other `fields`, when present, have their shapes. */
  made: (what: string, properties: string[], fields: Record<string, Shape>): Shape => ({ kind: 'construct', what, properties, fields }),
  oneOf: (...options: Shape[]): Shape => ({ kind: 'oneOf', options }),
  /** The same shape, described in the words given. */
  described: (what: string, s: Shape): Shape => ({ ...s, what }),
};

/** String-keyed tags, as every construct takes them. */
export const TAGS = shape.record(shape.string);

/** The problems of `value` against `shape`, each naming its field. */
export function shapeIssues(field: string, value: unknown, expected: Shape): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  collect(issues, field, value, expected);
  if (issues.length === 0) collectUnwritable(issues, field, value, new Set());
  return issues;
}

/**
 * Values no prop accepts anywhere, whatever its shape: BigInt and Symbol (no
 * Terraform form), and data that contains itself (it could never be written
 * out). Only plain objects and arrays are walked, not constructs.
 */
function collectUnwritable(issues: ValidationIssue[], field: string, value: unknown, ancestors: Set<object>): void {
  if (typeof value === 'bigint' || typeof value === 'symbol') {
    issues.push({ field, value, allowed: `must not be a ${typeof value === 'bigint' ? 'BigInt' : 'Symbol'}: it has no form in Terraform JSON (use a number or a string)` });
    return;
  }
  if (!Array.isArray(value) && !isPlainObject(value)) return;
  if (ancestors.has(value)) {
    issues.push({ field, value: '[Circular]', allowed: 'must not contain itself: data with a cycle can never be written as Terraform JSON' });
    return;
  }
  ancestors.add(value);
  if (Array.isArray(value)) value.forEach((item, i) => collectUnwritable(issues, `${field}[${i}]`, item, ancestors));
  else for (const [k, v] of Object.entries(value)) collectUnwritable(issues, field ? `${field}.${k}` : k, v, ancestors);
  ancestors.delete(value);
}

/**
 * Throws a {@link ValidationError} on `scope`'s path when `value` does not
 * have the shape expected. `field` names the value (`props`, `consumer`).
 */
export function checkShape(scope: IConstruct | string, field: string, value: unknown, expected: Shape): void {
  const issues = shapeIssues(field, value, expected);
  if (issues.length > 0) throw new ValidationError(typeof scope === 'string' ? scope : scope.node.path, issues);
}

/**
 * Checks the arguments of a method, each against its shape, and throws one
 * ValidationError listing every wrong one. Fields are named as given.
 */
export function checkArguments(scope: IConstruct, args: ReadonlyArray<readonly [field: string, value: unknown, expected: Shape]>): void {
  const issues = args.flatMap(([field, value, expected]) => shapeIssues(field, value, expected));
  if (issues.length > 0) throw new ValidationError(scope.node.path, issues);
}

/**
 * Checks the props of a construct: present, and of the shape expected. The
 * fields are named as in the props (`deadLetter.maxReceiveCount`), without a
 * `props.` prefix; props missing or not an object is field `props`.
 */
export function checkProps(scope: IConstruct, props: unknown, expected: Shape): void {
  if (!isPlainObject(props)) checkShape(scope, 'props', props, expected);
  const issues: ValidationIssue[] = [];
  if (expected.kind === 'object') collectFields(issues, '', props as Record<string, unknown>, expected);
  else collect(issues, 'props', props, expected);
  if (issues.length === 0) collectUnwritable(issues, '', props, new Set());
  if (issues.length > 0) throw new ValidationError(scope.node.path, issues);
}

/**
 * The scope a construct is made in, checked before `super(scope, id)`: a
 * plain-JavaScript caller passing a string or nothing gets a ValidationError
 * naming what was to be made, not a TypeError from the constructs library.
 */
export function validScope(scope: unknown, id: unknown, what: string): Construct {
  const ok = scope !== null && typeof scope === 'object' && Construct.isConstruct(scope);
  const idOk = typeof id === 'string' && id.length > 0;
  if (ok && idOk) return scope as Construct;
  const parent = ok ? (scope as Construct).node.path : '<no scope>';
  const issues: ValidationIssue[] = [];
  if (!ok) issues.push({ field: 'scope', value: scope, allowed: `must be a construct (a stack, or a construct in one) to make the ${what} in` });
  if (!idOk) issues.push({ field: 'id', value: id, allowed: `must be a non-empty string: the ${what}'s construct ID` });
  throw new ValidationError(`${parent}/${typeof id === 'string' ? id : `<${what}>`}`, issues);
}

/** What a shape expects, in words. */
export function describeShape(s: Shape): string {
  if (s.what !== undefined && s.kind !== 'construct') return s.what;
  switch (s.kind) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'any':
      return 'any value';
    case 'json':
      return 'JSON data (objects, arrays, strings, numbers, booleans; no functions, BigInt or cycles)';
    case 'id':
      return 'a non-empty string (a construct ID)';
    case 'literal':
      return s.values.map((v) => JSON.stringify(v)).join(' or ');
    case 'object':
      return `an object { ${Object.keys(s.fields).map((k) => (s.required.includes(k) ? k : `${k}?`)).join(', ')} }`;
    case 'array':
      return `a list (array) of ${plural(describeShape(s.of))}`;
    case 'record':
      return `an object whose values are ${plural(describeShape(s.of))}`;
    case 'construct':
      return s.properties.length === 0 ? s.what : `${s.what} (an object with ${s.properties.join(', ')})`;
    case 'oneOf':
      return s.options.map(describeShape).join(', or ');
  }
}

function plural(text: string): string {
  return text.replace(/^an? (string|number)$/, '$1s');
}

function collect(issues: ValidationIssue[], field: string, value: unknown, s: Shape): void {
  if (matchesTop(value, s)) {
    if (s.kind === 'object') collectFields(issues, `${field}.`, value as Record<string, unknown>, s);
    else if (s.kind === 'array') (value as unknown[]).forEach((item, i) => collect(issues, `${field}[${i}]`, item, s.of));
    else if (s.kind === 'construct' && s.fields) {
      for (const [key, fieldShape] of Object.entries(s.fields)) {
        const v = (value as Record<string, unknown>)[key];
        if (v !== undefined) collect(issues, `${field}.${key}`, v, fieldShape);
      }
    } else if (s.kind === 'record') for (const [k, v] of Object.entries(value as object)) collect(issues, `${field}.${k}`, v, s.of);
    else if (s.kind === 'oneOf') {
      // The first option of the right kind decides the fields checked inside.
      const chosen = s.options.find((o) => matchesTop(value, o))!;
      collect(issues, field, value, chosen);
    }
    return;
  }
  issues.push({ field, value, allowed: `must be ${describeShape(s)}` });
}

function collectFields(issues: ValidationIssue[], prefix: string, value: Record<string, unknown>, s: Extract<Shape, { kind: 'object' }>): void {
  for (const key of s.required) {
    if (value[key] === undefined) issues.push({ field: `${prefix}${key}`, value: undefined, allowed: `is required: ${describeShape(s.fields[key])}` });
  }
  for (const [key, fieldShape] of Object.entries(s.fields)) {
    const v = value[key];
    if (v !== undefined) collect(issues, `${prefix}${key}`, v, fieldShape);
  }
}

/** Whether the value is of the shape's kind (its insides are checked separately). */
function matchesTop(value: unknown, s: Shape): boolean {
  switch (s.kind) {
    case 'any':
      return true;
    case 'json':
      return isJsonData(value, new Set());
    case 'string':
    case 'number':
    case 'boolean':
      return typeof value === s.kind && (s.kind !== 'number' || !Number.isNaN(value));
    case 'id':
      return typeof value === 'string' && value.length > 0;
    case 'literal':
      return s.values.includes(value);
    case 'object':
    case 'record':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'construct':
      return value !== null && typeof value === 'object' && s.properties.every((p) => typeof (value as Record<string, unknown>)[p] === 'string');
    case 'oneOf':
      return s.options.some((o) => matchesTop(value, o));
  }
}

function isJsonData(value: unknown, ancestors: Set<object>): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || ancestors.has(value)) return false;
  if (!Array.isArray(value) && !isPlainObject(value)) return false;
  ancestors.add(value);
  const ok = Object.values(value).every((v) => isJsonData(v, ancestors));
  ancestors.delete(value);
  return ok;
}

/** An object that is not an array, a function, a construct or a class instance other than Object. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Shapes several modules take. */
export const SHAPES = {
  tags: TAGS,
  arns: shape.array(shape.string),
  queue: shape.construct('a queue construct (IQueueTarget)', 'queueArn'),
  topic: shape.construct('a topic construct (ITopicTarget)', 'topicArn'),
  eventBus: shape.construct('an event bus construct (IEventBusTarget)', 'eventBusArn'),
  queueEncryption: shape.described(
    '"sqs-managed" or { kmsKeyArn }',
    shape.oneOf(shape.literal('sqs-managed'), shape.object({ kmsKeyArn: shape.string, dataKeyReusePeriodSeconds: shape.number }, ['kmsKeyArn'])),
  ),
  /** Where a service sends what it gave up on: false, a queue, an ARN, or settings of a queue to make. */
  failureDestination: (settings: Record<string, Shape>): Shape =>
    shape.oneOf(shape.literal(false), shape.construct('a queue construct (IQueueTarget)', 'queueArn'), shape.string, shape.object(settings)),
  depthAlarm: shape.oneOf(
    shape.literal(false),
    shape.object({ threshold: shape.number, alarmActions: shape.array(shape.string), okActions: shape.array(shape.string) }),
  ),
};
