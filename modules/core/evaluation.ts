/**
 * A three-valued reading of attribute values in synthesized Terraform JSON:
 * a value is `known` (a literal, or an expression over the stack's own
 * resources, which are set once applied), `unknown` (it depends on what the
 * library cannot evaluate: input variables, `each.`/`count.`, module outputs,
 * data sources, `dynamic` iterators, conditionals, `lookup`/`try`), or
 * `absent`. Checks assert nothing from an unknown value; they say what it
 * depends on instead.
 */
import { referencesInText } from './references';

/** What a value is at synth. */
export type Reading = KnownReading | UnknownReading | AbsentReading;

/** A literal, or an expression that reads only the stack's own resources (set once applied). */
export interface KnownReading {
  /** Discriminates the readings. */
  readonly state: 'known';
  /** The value, locals with literal values substituted. */
  readonly value: unknown;
}

/** A value that depends on what cannot be evaluated at synth. */
export interface UnknownReading {
  /** Discriminates the readings. */
  readonly state: 'unknown';
  /** The expression, without the `${…}` around a whole interpolation (`var.fifo_topic`). */
  readonly expression: string;
  /** What it depends on: `var.x`, `each.value`, `count.index`, `module.m.output`, `data.type.name`, or the function (`lookup(…)`, `try(…)`). */
  readonly dependsOn: readonly string[];
}

/** A value not written, `null`, or `""`. */
export interface AbsentReading {
  /** Discriminates the readings. */
  readonly state: 'absent';
}

/** An unknown value inside a configuration, and where. */
export interface UnknownValue {
  /** Dotted path of the argument (`server_side_encryption.kms_key_arn`). */
  readonly path: string;
  /** What it depends on. */
  readonly reading: UnknownReading;
}

/** Names a `dynamic` block's iterator (or `each`/`count`) binds, with what the iteration depends on. */
export type Iterators = ReadonlyMap<string, readonly string[]>;

const NO_ITERATORS: Iterators = new Map();
/**
 * Data sources the readers need not evaluate: an IAM policy document (its
 * statements are read where they are literal), and the deployment's partition,
 * account and Region, which only fill in parts of ARNs and are always set.
 */
export const EVALUATED_DATA_SOURCES: ReadonlySet<string> = new Set(['aws_iam_policy_document', 'aws_partition', 'aws_caller_identity', 'aws_region']);
/** Roots that name no resource: what they read is known only at plan or apply. */
const UNKNOWN_ROOTS = new Set(['var', 'each', 'count', 'module', 'path', 'terraform', 'self']);
const WHOLE_LOCAL = /\$\{\s*local\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}/g;
const MAYBE_NULL_FUNCTION = /\b(lookup|try)\s*\(/;

/** `${x}` → `x`, for messages; anything else as written. */
export function expressionText(value: string): string {
  const m = /^\$\{([\s\S]*)\}$/.exec(value);
  return m && !m[1].includes('${') ? m[1].trim() : value;
}

/**
 * Reads values of one stack: knows its locals (evaluated when literal) and
 * which data sources it evaluates itself.
 */
export class ValueReader {
  private readonly locals: Record<string, unknown>;
  private readonly localReadings = new Map<string, Reading>();

  private readonly declared = new Set<string>();

  constructor(json: { readonly locals?: unknown; readonly resource?: unknown; readonly data?: unknown; readonly [key: string]: unknown }) {
    this.locals = mergeLocals(json.locals);
    for (const [mode, prefix] of [
      [json.resource, ''],
      [json.data, 'data.'],
    ] as const) {
      for (const [type, byName] of Object.entries((mode ?? {}) as Record<string, object>)) {
        for (const name of Object.keys(byName ?? {})) this.declared.add(`${prefix}${type}.${name}`);
      }
    }
  }

  /** The iterators the `dynamic` blocks of a configuration bind (nested ones too), with what each iterates over. */
  iteratorsOf(config: unknown, scope: Iterators = NO_ITERATORS): Iterators {
    let found: Map<string, readonly string[]> | undefined;
    const visit = (value: unknown, inScope: Iterators): void => {
      if (Array.isArray(value)) {
        for (const v of value) visit(v, inScope);
        return;
      }
      if (!value || typeof value !== 'object') return;
      for (const [key, child] of Object.entries(value)) {
        if (key === '//' || !child || typeof child !== 'object') continue;
        if (key !== 'dynamic') {
          visit(child, inScope);
          continue;
        }
        for (const [name, spec] of Object.entries(child as Record<string, unknown>)) {
          const d = (Array.isArray(spec) ? spec[0] : spec) as Record<string, unknown> | undefined;
          const inner = new Map(inScope);
          inner.set(typeof d?.iterator === 'string' ? d.iterator : name, this.iterationOf(d?.for_each, inScope));
          found = new Map([...(found ?? []), ...inner]);
          visit(d?.content, inner);
        }
      }
    };
    visit(config, scope);
    return found ?? scope;
  }

  /** What a value is at synth; `iterators` are the `dynamic` iterators in scope. */
  read(value: unknown, iterators: Iterators = NO_ITERATORS): Reading {
    if (value === undefined || value === null || value === '') return { state: 'absent' };
    if (typeof value !== 'string' || !value.includes('${')) return { state: 'known', value };
    const whole = /^\$\{\s*local\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}$/.exec(value);
    if (whole) {
      const local = this.local(whole[1]);
      return local.state === 'unknown' ? { ...local, expression: expressionText(value) } : local;
    }
    let dependsOn: string[] = [];
    const substituted = value.replace(WHOLE_LOCAL, (text, name: string) => {
      const local = this.local(name);
      if (local.state === 'known' && ['string', 'number', 'boolean'].includes(typeof local.value)) return String(local.value);
      return text;
    });
    if (!substituted.includes('${')) return { state: 'known', value: substituted };
    for (const ref of referencesInText(substituted)) dependsOn.push(...this.dependencies(ref.address, ref.attribute, iterators));
    const code = interpolations(substituted);
    const fn = MAYBE_NULL_FUNCTION.exec(code);
    const conditional = /\?[^:]*:/.test(code);
    if (dependsOn.length === 0 && fn) dependsOn = [`${fn[1]}(…)`];
    if (dependsOn.length === 0 && conditional) dependsOn = ['a conditional'];
    if (dependsOn.length === 0) return { state: 'known', value: substituted };
    return { state: 'unknown', expression: expressionText(value), dependsOn: [...new Set(dependsOn)] };
  }

  private dependencies(address: string, attribute: string, iterators: Iterators): string[] {
    const [head, second] = address.split('.');
    const iteration = iterators.get(head);
    if (iteration) return [...iteration];
    if (head === 'local') {
      const local = this.local(second);
      return local.state === 'unknown' ? [...local.dependsOn] : [];
    }
    if (head === 'module') return [attribute ? `${address}.${attribute.split('.')[0]}` : address];
    if (head === 'data') return EVALUATED_DATA_SOURCES.has(second) ? [] : [address];
    if (UNKNOWN_ROOTS.has(head)) return [address];
    // An address the stack does not declare: an iterator out of scope, or a missing resource.
    return this.declared.size > 0 && !this.declared.has(address) ? [address] : [];
  }

  private local(name: string): Reading {
    const cached = this.localReadings.get(name);
    if (cached) return cached;
    // A local that refers to itself (through others) is not evaluated.
    this.localReadings.set(name, { state: 'unknown', expression: `local.${name}`, dependsOn: [`local.${name}`] });
    const value = this.locals[name];
    let reading: Reading;
    if (value !== undefined && (typeof value !== 'string' || !value.includes('${'))) {
      const unknowns = typeof value === 'object' && value !== null ? this.unknownsIn(value) : [];
      reading = unknowns.length === 0 ? { state: 'known', value } : { state: 'unknown', expression: `local.${name}`, dependsOn: [...new Set(unknowns.flatMap((u) => u.reading.dependsOn))] };
    } else {
      reading = value === undefined ? { state: 'unknown', expression: `local.${name}`, dependsOn: [`local.${name}`] } : this.read(value);
    }
    this.localReadings.set(name, reading);
    return reading;
  }

  /**
   * Every unknown value inside a resource's arguments, by dotted path
   * (`server_side_encryption.kms_key_arn`), `dynamic` blocks' iterators in
   * scope; meta-arguments (`for_each`, `count`, `depends_on`, `provider`,
   * `lifecycle`) and cdktf's `//` metadata left out.
   */
  unknownsIn(config: unknown, iterators: Iterators = NO_ITERATORS, path = ''): UnknownValue[] {
    const found: UnknownValue[] = [];
    const visit = (value: unknown, at: string, scope: Iterators): void => {
      if (typeof value === 'string') {
        const reading = this.read(value, scope);
        if (reading.state === 'unknown') found.push({ path: at, reading });
      } else if (Array.isArray(value)) {
        for (const v of value) visit(v, at, scope);
      } else if (value && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          if (at === '' && META_ARGUMENTS.has(key)) continue;
          if (key === '//') continue;
          if (key === 'dynamic' && child && typeof child === 'object') {
            for (const [name, dyn] of Object.entries(child as Record<string, unknown>)) {
              const d = (Array.isArray(dyn) ? dyn[0] : dyn) as Record<string, unknown> | undefined;
              const inner = new Map(scope);
              inner.set(typeof d?.iterator === 'string' ? d.iterator : name, this.iterationOf(d?.for_each, scope));
              visit(d?.content, join(at, name), inner);
            }
            continue;
          }
          visit(child, join(at, key), scope);
        }
      }
    };
    visit(config, path, iterators);
    return found;
  }

  /** What a `for_each` (or `count`) depends on: its own dependencies, or the expression. */
  iterationOf(forEach: unknown, scope: Iterators = NO_ITERATORS): string[] {
    const reading = this.read(forEach, scope);
    if (reading.state === 'unknown') return [...reading.dependsOn];
    return typeof forEach === 'string' ? [expressionText(forEach)] : ['a literal collection'];
  }
}

const META_ARGUMENTS = new Set(['for_each', 'count', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']);

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Terraform JSON writes `locals` as one object or as a list of them. */
function mergeLocals(value: unknown): Record<string, unknown> {
  const all = Array.isArray(value) ? value : value ? [value] : [];
  return Object.assign({}, ...all.filter((v) => v && typeof v === 'object'));
}

/**
 * The code of a string's `${…}` interpolations, string literals blanked, so
 * neither `https://x?a:b` around them nor `"a ? b"` inside reads as a conditional.
 */
function interpolations(text: string): string {
  let code = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (depth === 0) {
      if (c === '$' && text[i + 1] === '{' && text[i - 1] !== '$') {
        depth = 1;
        i++;
        code += ' ';
      }
      continue;
    }
    if (c === '"') {
      const end = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(i));
      i += (end?.[0].length ?? 1) - 1;
      code += '""';
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth--;
    if (depth > 0) code += c;
  }
  return code;
}

/**
 * The names `dynamic` blocks bind in a configuration (the block's name, or
 * its `iterator`), nested ones included: `global_secondary_index.value` in
 * their content reads the iteration, not a resource.
 */
export function dynamicIterators(config: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(config)) {
    for (const c of config) dynamicIterators(c, found);
  } else if (config && typeof config === 'object') {
    for (const [key, value] of Object.entries(config)) {
      if (key === 'dynamic' && value && typeof value === 'object') {
        for (const [name, dyn] of Object.entries(value as Record<string, unknown>)) {
          const d = (Array.isArray(dyn) ? dyn[0] : dyn) as Record<string, unknown> | undefined;
          found.add(typeof d?.iterator === 'string' ? d.iterator : name);
          dynamicIterators(d?.content, found);
        }
      } else if (key !== '//') {
        dynamicIterators(value, found);
      }
    }
  }
  return found;
}
