/**
 * The one reader of references in synthesized Terraform JSON. cdktf writes a
 * reference as an HCL interpolation inside a string: `${aws_sqs_queue.q.arn}`,
 * also wrapped in functions (`${lower(aws_sqs_queue.q.arn)}`), inside longer
 * text (`arn:aws:sqs:${data.aws_region.r.name}:…`) and, from `Fn.jsonencode`,
 * as bare traversals (`${jsonencode({"a" = aws_sqs_queue.q.arn})}`). Checks,
 * the routing model and the simulator all find references here, so they agree
 * on what a value refers to.
 *
 * Reading is syntactic: a reference says what an expression reads, not what
 * it evaluates to (see `values.ts` for that).
 */

/** What an expression reads: a resource, data source, variable, local, module output… */
export interface TerraformReference {
  /**
   * The object referred to: `type.name` for a resource, `data.type.name` for
   * a data source, else the first two parts (`var.name`, `local.name`,
   * `module.name`, `each.value`).
   */
  readonly address: string;
  /**
   * The attribute path read after the address, dotted (`arn`, `stream_arn`,
   * `attribute.0.name` for `attribute[0].name`); `''` when the whole object
   * is read. A splat (`[*]`, `.*`) ends the path.
   */
  readonly attribute: string;
  /**
   * Which instances of a resource made with `count` or `for_each` are read,
   * as written between the brackets after the address: an index (`0`), a key
   * (`"billing"`), a splat (`*`, also for `.*`) or an expression
   * (`each.key`). Absent when the address is read without one.
   */
  readonly instance?: string;
}

// Character classes by code, not by RegExp: the readers test every character of every
// interpolation, and policies written with jsonencode are long.
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** `[A-Za-z_]`: what a name starts with. */
const isIdentStart = (ch: string): boolean => ch.length === 1 && (isLetter(ch.charCodeAt(0)) || ch === '_');
/** `[A-Za-z0-9_-]`: what a name is made of. */
const isIdent = (ch: string): boolean => ch.length === 1 && (isLetter(ch.charCodeAt(0)) || isDigit(ch.charCodeAt(0)) || ch === '_' || ch === '-');
/** A character that continues a traversal (`[A-Za-z0-9_.\-\]]`), so what follows it is not the start of a new one. */
const isTraversalPart = (ch: string): boolean => isIdent(ch) || ch === '.' || ch === ']';
/** An index segment `[0]` at `lastIndex`. */
const INDEX_SEGMENT = /\[(\d+)\]/y;

/** Every reference read by the `${…}` interpolations of one string (text outside them is literal and ignored). */
export function referencesInText(text: string): TerraformReference[] {
  const found: TerraformReference[] = [];
  let i = 0;
  while ((i = text.indexOf('${', i)) !== -1) {
    if (i > 0 && text[i - 1] === '$') {
      i += 2; // `$${` is an escaped literal `${`
      continue;
    }
    i = scanExpression(text, i + 2, found);
  }
  return found;
}

/** Every reference inside a value: strings, arrays and objects (cdktf's `//` metadata skipped), JSON text included. */
export function referencesIn(value: unknown): TerraformReference[] {
  const found: TerraformReference[] = [];
  visitStrings(value, (text) => found.push(...referencesInText(text)));
  return found;
}

/**
 * The reference a value is as a whole: `${aws_sqs_queue.q.arn}` (not
 * `${lower(aws_sqs_queue.q.arn)}`, not `${aws_sqs_queue.q.arn}/*`), i.e. a
 * value that is exactly what it reads.
 */
export function parseReference(value: unknown): TerraformReference | undefined {
  if (typeof value !== 'string' || !value.startsWith('${') || !value.endsWith('}')) return undefined;
  const inner = value.slice(2, -1).trim();
  if (!isIdentStart(inner[0] ?? '')) return undefined;
  const { end, reference } = readTraversal(inner, 0);
  return end === inner.length ? reference : undefined;
}

/** Whether any interpolation of a string reads the object at `address`. */
export function refersTo(text: string, address: string): boolean {
  return referencesInText(text).some((r) => r.address === address);
}

/** Calls `visit` with every string holding an interpolation, in arrays and objects too (`//` metadata skipped). */
export function visitStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') {
    if (value.includes('${')) visit(value);
  } else if (Array.isArray(value)) {
    for (const v of value) visitStrings(v, visit);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== '//') visitStrings(v, visit);
  }
}

/**
 * Scans one expression from `start` up to its closing `}`, collecting
 * references; returns the index after the `}`. String literals are skipped,
 * but their own interpolations are scanned.
 */
function scanExpression(text: string, start: number, found: TerraformReference[]): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i = scanString(text, i + 1, found);
    } else if (c === '{' || c === '(' || c === '[') {
      depth++;
      i++;
    } else if (c === '}' || c === ')' || c === ']') {
      if (depth === 0 && c === '}') return i + 1;
      depth--;
      i++;
    } else if (isIdentStart(c) && (i === 0 || !isTraversalPart(text[i - 1]))) {
      const { end, reference } = readTraversal(text, i);
      // A name followed by `(` is a function call, not a traversal.
      if (reference && text[end] !== '(') found.push(reference);
      i = end;
    } else {
      i++;
    }
  }
  return i;
}

/**
 * Reads `a.b.c` from `start`: right after a resource's address, an instance
 * selector (`[0]`, `["k"]`, `[*]`, `.*`, `[each.key]`) is kept apart; further
 * index segments `[0]` read as `.0`; a splat or anything else ends it.
 * `reference` is undefined for a lone name (a function, a keyword, an object key).
 */
function readTraversal(text: string, start: number): { end: number; reference?: TerraformReference } {
  const parts: string[] = [];
  let instance: string | undefined;
  let i = start;
  for (;;) {
    const from = i;
    while (i < text.length && isIdent(text[i])) i++;
    parts.push(text.slice(from, i));
    if (instance === undefined && parts.length === (parts[0] === 'data' ? 3 : 2) && parts.every((p) => p !== '')) {
      const selector = instanceSelector(text, i);
      if (selector) {
        instance = selector.instance;
        i = selector.end;
      }
    }
    // Sticky, so that a long text (a jsonencode'd policy) is not copied for every traversal.
    INDEX_SEGMENT.lastIndex = i;
    for (let m = INDEX_SEGMENT.exec(text); m; m = INDEX_SEGMENT.exec(text)) {
      parts.push(m[1]);
      i += m[0].length;
    }
    if (text[i] === '.' && i + 1 < text.length && isIdent(text[i + 1])) {
      i++;
      continue;
    }
    break;
  }
  const rootLength = parts[0] === 'data' ? 3 : 2;
  if (parts.length < rootLength || parts.slice(0, rootLength).some((p) => p === '' || /^\d/.test(p))) return { end: i };
  const reference = { address: parts.slice(0, rootLength).join('.'), attribute: parts.slice(rootLength).join('.') };
  return { end: i, reference: instance === undefined ? reference : { ...reference, instance } };
}

/** The instance selector at `start` (`[0]`, `["k"]`, `[*]`, `.*`, `[each.key]`) and where it ends; brackets may nest. */
function instanceSelector(text: string, start: number): { instance: string; end: number } | undefined {
  if (text.startsWith('.*', start)) return { instance: '*', end: start + 2 };
  if (text[start] !== '[') return undefined;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = scanString(text, i + 1) - 1;
    } else if (c === '[' || c === '(' || c === '{') {
      depth++;
    } else if (c === ']' || c === ')' || c === '}') {
      depth--;
      if (depth === 0) return c === ']' ? { instance: text.slice(start + 1, i).trim(), end: i + 1 } : undefined;
    }
  }
  return undefined;
}

/**
 * Skips a string literal body from after its opening quote; returns the index
 * after the closing quote, collecting references of its interpolations.
 * Shared with the `jsonencode` decoder in `hcl.ts`.
 */
export function scanString(text: string, start: number, found: TerraformReference[] = []): number {
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
    } else if (c === '"') {
      return i + 1;
    } else if (c === '$' && text[i + 1] === '$' && text[i + 2] === '{') {
      i += 3;
    } else if (c === '$' && text[i + 1] === '{') {
      i = scanExpression(text, i + 2, found);
    } else {
      i++;
    }
  }
  return i;
}
