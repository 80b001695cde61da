/**
 * The matcher shared by EventBridge patterns and SNS filter policies: a pattern is compiled once
 * into a tree of closures, then evaluated against many events.
 *
 * Semantics (EventBridge's, which SNS payload filtering shares):
 * - fields of one pattern object are ANDed; the alternatives of a field are ORed;
 * - a field whose value in the event is an array matches when any element matches; nested arrays
 *   are flattened; an empty array holds no value;
 * - all fields of one pattern object must be satisfied by the same element of an array they sit in
 *   (event-ruler's "array consistency": `{a: {b: [1], c: [2]}}` does not match `{a: [{b: 1}, {c: 2}]}`).
 *   EventBridge's docs are silent on this; event-ruler, the open-source engine behind EventBridge,
 *   does it, and the AWS-validated cases agree with it wherever they touch it;
 * - only leaf values (strings, numbers, booleans, `null`) count: `exists` is false for a field that
 *   holds an object, and `anything-but` never matches a missing field;
 * - keys are joined with dots both in the pattern and in the event, so `{"a.b": [1]}` matches
 *   `{"a": {"b": 1}}` and `{"a": {"b": [1]}}` matches `{"a.b": 1}` (AWS-validated).
 */
import { cidrMatcher, parseCidr } from './cidr';
import { parseWildcard, wildcardMatcher } from './wildcard';

/** Tests one leaf value (never `undefined`, never an array or object). */
type ValueTest = (value: unknown) => boolean;

interface LeafMatcher {
  /** True when the alternatives include `{"exists": false}`. */
  readonly absentOk: boolean;
  readonly test: ValueTest;
}

interface Field {
  readonly key: string;
  /** Key also names an Object.prototype member, so lookups must check own properties. */
  readonly inherited: boolean;
  leaves: LeafMatcher[];
  node: ObjectNode | undefined;
}

interface ObjectNode {
  readonly fields: Field[];
  readonly ors: ObjectNode[][];
  /** Dotted keys (`a.b`, `a.b.c`) an event object could use for paths of this node; null when none. */
  chains: string[] | null;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Options for {@link compileMatcher}. */
export interface CompileOptions {
  /** Treat dots in keys as path separators (EventBridge and SNS `MessageBody`); off for SNS message attributes. */
  readonly dottedKeys: boolean;
}

/** Compiles a pattern object (assumed valid) into a predicate on events. */
export function compileMatcher(pattern: Record<string, unknown>, options: CompileOptions): (event: unknown) => boolean {
  const root = newNode();
  addPatternObject(root, pattern, options);
  finish(root, options);
  return (event) => matchNode(root, event);
}

function newNode(): ObjectNode {
  return { fields: [], ors: [], chains: null };
}

function fieldOf(node: ObjectNode, key: string): Field {
  let field = node.fields.find((f) => f.key === key);
  if (!field) {
    field = { key, inherited: key in Object.prototype, leaves: [], node: undefined };
    node.fields.push(field);
  }
  return field;
}

function addPatternObject(node: ObjectNode, pattern: Record<string, unknown>, options: CompileOptions): void {
  for (const key of Object.keys(pattern)) {
    const value = pattern[key];
    if (value === undefined) continue;
    if (key === '$or') {
      node.ors.push(
        (value as unknown[]).map((alternative) => {
          const alt = newNode();
          addPatternObject(alt, alternative as Record<string, unknown>, options);
          return alt;
        }),
      );
      continue;
    }
    const segments = options.dottedKeys ? key.split('.') : [key];
    let target = node;
    for (let i = 0; i < segments.length - 1; i++) {
      const field = fieldOf(target, segments[i]);
      field.node ??= newNode();
      target = field.node;
    }
    const field = fieldOf(target, segments[segments.length - 1]);
    if (Array.isArray(value)) {
      field.leaves.push(compileLeaf(value));
    } else {
      field.node ??= newNode();
      addPatternObject(field.node, value as Record<string, unknown>, options);
    }
  }
}

/** Orders fields cheapest first and records the dotted keys each node must look out for. */
function finish(node: ObjectNode, options: CompileOptions): void {
  node.fields.sort((a, b) => Number(a.node !== undefined) - Number(b.node !== undefined));
  for (const field of node.fields) if (field.node) finish(field.node, options);
  for (const group of node.ors) for (const alt of group) finish(alt, options);
  if (!options.dottedKeys) return;
  const chains: string[] = [];
  for (const field of node.fields) {
    if (field.node) for (const path of pathsBelow(field.node)) chains.push(`${field.key}.${path}`);
  }
  node.chains = chains.length > 0 ? chains : null;
}

/** Every key path reachable from a node (its own keys included), through `$or` alternatives too. */
function pathsBelow(node: ObjectNode): string[] {
  const paths: string[] = [];
  const visit = (n: ObjectNode) => {
    for (const field of n.fields) {
      paths.push(field.key);
      if (field.node) for (const path of pathsBelow(field.node)) paths.push(`${field.key}.${path}`);
    }
    for (const group of n.ors) for (const alt of group) visit(alt);
  };
  visit(node);
  return paths;
}

function matchNode(node: ObjectNode, value: unknown): boolean {
  if (Array.isArray(value)) {
    if (value.length === 0) return matchObject(node, undefined);
    for (let i = 0; i < value.length; i++) if (matchNode(node, value[i])) return true;
    return false;
  }
  return matchObject(node, typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined);
}

function matchObject(node: ObjectNode, input: Record<string, unknown> | undefined): boolean {
  let obj = input;
  if (obj !== undefined && node.chains !== null && usesDottedKeys(obj, node.chains)) obj = splitDottedKeys(obj);
  const fields = node.fields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    let value = obj === undefined ? undefined : obj[field.key];
    if (field.inherited && value !== undefined && !hasOwn(obj as object, field.key)) value = undefined;
    const leaves = field.leaves;
    for (let j = 0; j < leaves.length; j++) if (!matchLeaf(leaves[j], value)) return false;
    if (field.node !== undefined && !matchNode(field.node, value)) return false;
  }
  const ors = node.ors;
  for (let i = 0; i < ors.length; i++) {
    const group = ors[i];
    let any = false;
    for (let j = 0; j < group.length && !any; j++) any = matchObject(group[j], obj);
    if (!any) return false;
  }
  return true;
}

const NO_VALUE = -1;
const NO_MATCH = 0;
const MATCH = 1;

function matchLeaf(leaf: LeafMatcher, value: unknown): boolean {
  if (value === undefined) return leaf.absentOk;
  if (typeof value !== 'object' || value === null) return leaf.test(value);
  if (Array.isArray(value)) {
    const outcome = matchLeafArray(leaf, value);
    return outcome === MATCH || (outcome === NO_VALUE && leaf.absentOk);
  }
  return leaf.absentOk; // an object holds no leaf value at this path
}

function matchLeafArray(leaf: LeafMatcher, values: unknown[]): number {
  let outcome = NO_VALUE;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Array.isArray(v)) {
      const inner = matchLeafArray(leaf, v);
      if (inner === MATCH) return MATCH;
      if (inner === NO_MATCH) outcome = NO_MATCH;
    } else if (typeof v !== 'object' || v === null) {
      if (leaf.test(v)) return MATCH;
      outcome = NO_MATCH;
    }
  }
  return outcome;
}

function usesDottedKeys(obj: Record<string, unknown>, chains: string[]): boolean {
  for (let i = 0; i < chains.length; i++) if (obj[chains[i]] !== undefined && hasOwn(obj, chains[i])) return true;
  return false;
}

/**
 * Rewrites one object level so `{"a.b": 1}` reads as `{"a": {"b": 1}}`, merging with an existing
 * `a` object. Deeper dotted keys are split when matching reaches them. Two leaves landing on the
 * same path become an array (either may match).
 */
function splitDottedKeys(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(obj)) {
    const dot = key.indexOf('.');
    if (dot < 0) put(out, key, obj[key]);
    else {
      const inner: Record<string, unknown> = Object.create(null);
      inner[key.slice(dot + 1)] = obj[key];
      put(out, key.slice(0, dot), inner);
    }
  }
  return out;
}

function put(out: Record<string, unknown>, key: string, value: unknown): void {
  out[key] = hasOwn(out, key) ? mergeValues(out[key], value) : value;
}

function mergeValues(a: unknown, b: unknown): unknown {
  if (isPlainObject(a) && isPlainObject(b)) {
    const merged: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(a)) merged[k] = a[k];
    for (const k of Object.keys(b)) put(merged, k, b[k]);
    return merged;
  }
  return [...(Array.isArray(a) ? a : [a]), ...(Array.isArray(b) ? b : [b])];
}

// ---------------------------------------------------------------------------------------------
// Leaves

interface NumericRange {
  readonly low: number;
  readonly lowInclusive: boolean;
  readonly high: number;
  readonly highInclusive: boolean;
}

function numericRange(expr: readonly unknown[]): NumericRange {
  const range = { low: -Infinity, lowInclusive: false, high: Infinity, highInclusive: false };
  for (let i = 0; i + 1 < expr.length; i += 2) {
    const op = expr[i];
    const n = expr[i + 1] as number;
    if (op === '=') Object.assign(range, { low: n, lowInclusive: true, high: n, highInclusive: true });
    else if (op === '>' || op === '>=') Object.assign(range, { low: n, lowInclusive: op === '>=' });
    else if (op === '<' || op === '<=') Object.assign(range, { high: n, highInclusive: op === '<=' });
  }
  return range;
}

function rangeTest(r: NumericRange): (n: number) => boolean {
  const { low, high, lowInclusive, highInclusive } = r;
  if (low === high) return (n) => n === low;
  return (n) => (lowInclusive ? n >= low : n > low) && (highInclusive ? n <= high : n < high);
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** Compiles one field's list of alternatives. */
function compileLeaf(alternatives: readonly unknown[]): LeafMatcher {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  let trueOk = false;
  let falseOk = false;
  let nullOk = false;
  let anyValue = false; // {"exists": true}
  let absentOk = false; // {"exists": false}
  const stringTests: Array<(s: string) => boolean> = [];
  const numberTests: Array<(n: number) => boolean> = [];
  const anyTests: ValueTest[] = [];

  for (const alt of alternatives) {
    if (alt === null) nullOk = true;
    else if (typeof alt === 'string') strings.add(alt);
    else if (typeof alt === 'number') numbers.add(alt);
    else if (alt === true) trueOk = true;
    else if (alt === false) falseOk = true;
    else if (isPlainObject(alt)) {
      const op = Object.keys(alt)[0];
      const arg = alt[op];
      switch (op) {
        case 'exists':
          if (arg === true) anyValue = true;
          else absentOk = true;
          break;
        case 'prefix':
        case 'suffix': {
          const ignoreCase = isPlainObject(arg);
          const text = ignoreCase ? String(arg['equals-ignore-case']) : String(arg);
          stringTests.push(stringEdgeTest(op, text, ignoreCase));
          break;
        }
        case 'equals-ignore-case': {
          const lower = String(arg).toLowerCase();
          stringTests.push((s) => s.toLowerCase() === lower);
          break;
        }
        case 'wildcard': {
          const parsed = parseWildcard(String(arg));
          if (typeof parsed !== 'string') stringTests.push(wildcardMatcher(parsed));
          break;
        }
        case 'cidr': {
          const block = parseCidr(String(arg));
          if (typeof block !== 'string') stringTests.push(cidrMatcher(block));
          break;
        }
        case 'numeric':
          numberTests.push(rangeTest(numericRange(arg as unknown[])));
          break;
        case 'anything-but':
          anyTests.push(compileAnythingBut(arg));
          break;
        default:
          break; // refused by the validators; never matches
      }
    }
  }

  if (anyValue) return { absentOk, test: () => true };
  const test = buildValueTest(strings, numbers, trueOk, falseOk, nullOk, stringTests, numberTests, anyTests);
  return { absentOk, test };
}

function stringEdgeTest(op: 'prefix' | 'suffix', text: string, ignoreCase: boolean): (s: string) => boolean {
  if (ignoreCase) {
    const lower = text.toLowerCase();
    return op === 'prefix' ? (s) => s.toLowerCase().startsWith(lower) : (s) => s.toLowerCase().endsWith(lower);
  }
  return op === 'prefix' ? (s) => s.startsWith(text) : (s) => s.endsWith(text);
}

function buildValueTest(
  strings: Set<string>,
  numbers: Set<number>,
  trueOk: boolean,
  falseOk: boolean,
  nullOk: boolean,
  stringTests: Array<(s: string) => boolean>,
  numberTests: Array<(n: number) => boolean>,
  anyTests: ValueTest[],
): ValueTest {
  const onlyExactStrings =
    numbers.size === 0 && !trueOk && !falseOk && !nullOk && stringTests.length === 0 && numberTests.length === 0 && anyTests.length === 0;
  // Fast paths for the most common leaves.
  if (onlyExactStrings && strings.size === 1) {
    const only = strings.values().next().value as string;
    return (v) => v === only;
  }
  if (onlyExactStrings) return (v) => typeof v === 'string' && strings.has(v);
  if (strings.size === 0 && numbers.size === 0 && !trueOk && !falseOk && !nullOk && stringTests.length === 0 && anyTests.length === 0 && numberTests.length === 1) {
    const only = numberTests[0];
    return (v) => typeof v === 'number' && only(v);
  }
  const hasStrings = strings.size > 0;
  const hasNumbers = numbers.size > 0;
  return (v) => {
    switch (typeof v) {
      case 'string':
        if (hasStrings && strings.has(v)) return true;
        for (let i = 0; i < stringTests.length; i++) if (stringTests[i](v)) return true;
        break;
      case 'number':
        if (hasNumbers && numbers.has(v)) return true;
        for (let i = 0; i < numberTests.length; i++) if (numberTests[i](v)) return true;
        break;
      case 'boolean':
        if (v ? trueOk : falseOk) return true;
        break;
      default:
        if (v === null && nullOk) return true;
    }
    for (let i = 0; i < anyTests.length; i++) if (anyTests[i](v)) return true;
    return false;
  };
}

/**
 * `anything-but`: any present leaf value that is not excluded, including `null` and values of
 * another type (a number is not excluded by a string list, as in event-ruler).
 */
function compileAnythingBut(arg: unknown): ValueTest {
  if (isPlainObject(arg)) {
    const op = Object.keys(arg)[0];
    const values = asList(arg[op]).map(String);
    switch (op) {
      case 'prefix':
        return (v) => typeof v !== 'string' || !values.some((p) => v.startsWith(p));
      case 'suffix':
        return (v) => typeof v !== 'string' || !values.some((p) => v.endsWith(p));
      case 'equals-ignore-case': {
        const lowered = new Set(values.map((s) => s.toLowerCase()));
        return (v) => typeof v !== 'string' || !lowered.has(v.toLowerCase());
      }
      case 'wildcard': {
        const tests = values.map(parseWildcard).flatMap((p) => (typeof p === 'string' ? [] : [wildcardMatcher(p)]));
        return (v) => typeof v !== 'string' || !tests.some((t) => t(v));
      }
      default:
        return () => false;
    }
  }
  const excludedStrings = new Set<string>();
  const excludedNumbers = new Set<number>();
  for (const v of asList(arg)) {
    if (typeof v === 'string') excludedStrings.add(v);
    else if (typeof v === 'number') excludedNumbers.add(v);
  }
  return (v) => !(typeof v === 'string' ? excludedStrings.has(v) : typeof v === 'number' && excludedNumbers.has(v));
}
