/**
 * Just enough of HCL's expression syntax to read what cdktf writes into
 * string attributes: `${aws_sqs_queue.q.arn}` interpolations, and
 * `${jsonencode({"deadLetterTargetArn" = aws_sqs_queue.dlq.arn})}` from
 * `Fn.jsonencode`, whose references are bare traversals, not `${…}`.
 */

/** A traversal read by an expression, e.g. `aws_sqs_queue.q.arn` → root `aws_sqs_queue.q`. */
export interface Traversal {
  /** `type.name`, `data.type.name`, `local.name`, `var.name`, … */
  readonly root: string;
  /** What follows the root (`arn`, `stream_arn`, `0.id`); may be empty. */
  readonly attribute: string;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT = /[A-Za-z0-9_-]/;

/** Every traversal read by the `${…}` interpolations of a string (text outside them is ignored). */
export function traversalsIn(text: string): Traversal[] {
  const found: Traversal[] = [];
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

/**
 * Scans one expression from `start` up to its closing `}`, collecting traversals;
 * returns the index after the `}`. String literals are skipped, but their own
 * interpolations are scanned.
 */
function scanExpression(text: string, start: number, found: Traversal[]): number {
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
    } else if (IDENT_START.test(c) && (i === 0 || !/[A-Za-z0-9_.\-]/.test(text[i - 1]))) {
      const end = traversalEnd(text, i);
      const parts = text.slice(i, end).split('.');
      if (parts.length >= 2 && text[end] !== '(') {
        const rootLength = parts[0] === 'data' ? 3 : 2;
        if (parts.length >= rootLength) {
          found.push({ root: parts.slice(0, rootLength).join('.'), attribute: parts.slice(rootLength).join('.') });
        }
      }
      i = end;
    } else {
      i++;
    }
  }
  return i;
}

/** End of `a.b.c` (index segments `[0]` are read as `.0`, splats stop it). */
function traversalEnd(text: string, start: number): number {
  let i = start;
  for (;;) {
    while (i < text.length && IDENT.test(text[i])) i++;
    if (text[i] === '.' && i + 1 < text.length && IDENT_START.test(text[i + 1])) {
      i++;
      continue;
    }
    return i;
  }
}

/** Skips a string literal body from after its opening quote; returns the index after the closing quote. */
function scanString(text: string, start: number, found: Traversal[]): number {
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

const JSONENCODE = /^\$\{jsonencode\(([\s\S]*)\)\}$/;

/**
 * The document a `${jsonencode(…)}` value stands for, with each non-literal
 * part kept as a `${…}` string (`aws_sqs_queue.dlq.arn` → `"${aws_sqs_queue.dlq.arn}"`),
 * so it reads like the JSON string form. `undefined` when it is not one.
 */
export function decodeJsonencode(value: string): unknown {
  const m = JSONENCODE.exec(value);
  if (!m) return undefined;
  const parser = new ValueParser(m[1]);
  try {
    const result = parser.value();
    parser.skipSpace();
    return parser.done() ? result : undefined;
  } catch {
    return undefined;
  }
}

const LITERAL = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/.source;
/** A literal that is a whole element of a list. */
const ELEMENT_LITERAL = new RegExp(`^(?:${LITERAL})(?=\\s*(?:[,}\\]]|$))`);
/** A literal that is a whole attribute value: a newline ends it too. */
const ATTRIBUTE_LITERAL = new RegExp(`^(?:${LITERAL})(?=[ \\t]*(?:[,}\\]\\r\\n]|$))`);

class ValueParser {
  private i = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.i >= this.text.length;
  }

  skipSpace(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i])) this.i++;
  }

  /**
   * One value. In an object (`attribute`), a newline ends it as a comma would:
   * HCL separates attributes by newlines, and ignores newlines only inside
   * parentheses and brackets.
   */
  value(attribute = false): unknown {
    this.skipSpace();
    const c = this.text[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"' && this.isWholeString(attribute)) return this.string();
    const literal = (attribute ? ATTRIBUTE_LITERAL : ELEMENT_LITERAL).exec(this.text.slice(this.i));
    if (literal) {
      this.i += literal[0].length;
      return JSON.parse(literal[0]);
    }
    // cdktf writes `null` inside jsonencode as nothing at all (`[1, , 2]`).
    if (c === ',' || c === ']' || c === '}') return null;
    return `\${${this.expression(attribute)}}`;
  }

  private object(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.i++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] === '}') {
        this.i++;
        return result;
      }
      const key = this.text[this.i] === '"' ? this.string() : this.identifier();
      this.skipSpace();
      const sep = this.text[this.i];
      if (sep !== '=' && sep !== ':') throw new Error(`expected = at ${this.i}`);
      this.i++;
      result[key] = this.value(true);
      this.skipSpace();
      if (this.text[this.i] === ',') this.i++;
    }
  }

  private array(): unknown[] {
    const result: unknown[] = [];
    this.i++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] === ']') {
        this.i++;
        return result;
      }
      result.push(this.value());
      this.skipSpace();
      if (this.text[this.i] === ',') this.i++;
    }
  }

  private identifier(): string {
    const start = this.i;
    while (this.i < this.text.length && IDENT.test(this.text[this.i])) this.i++;
    if (start === this.i) throw new Error(`expected a key at ${this.i}`);
    return this.text.slice(start, this.i);
  }

  /** A quoted string that is a whole value, not the start of `"a" == b`. */
  private isWholeString(attribute: boolean): boolean {
    const end = scanString(this.text, this.i + 1, []);
    return (attribute ? /^[ \t]*([,}\]\r\n]|$)/ : /^\s*([,}\]]|$)/).test(this.text.slice(end));
  }

  private string(): string {
    const start = this.i + 1;
    const end = scanString(this.text, start, []);
    this.i = end;
    const body = this.text.slice(start, end - 1);
    // HCL escapes; `$${` stays as written so a literal `${` is never read as a reference.
    return body.replace(/\\(u[0-9A-Fa-f]{4}|.)/g, (_, e: string) => {
      if (e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
      return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e] ?? e;
    });
  }

  /** Raw text of an expression up to the next `,` `}` `]` at its own depth (or newline, in an attribute). */
  private expression(attribute: boolean): string {
    const start = this.i;
    let depth = 0;
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === '"') {
        this.i = scanString(this.text, this.i + 1, []);
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      }
      if ((c === ',' || (attribute && (c === '\n' || c === '\r'))) && depth === 0) break;
      this.i++;
    }
    const text = this.text.slice(start, this.i).trim();
    if (!text) throw new Error(`empty expression at ${start}`);
    return text;
  }
}
