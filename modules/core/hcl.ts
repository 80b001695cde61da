/**
 * Just enough of HCL's expression syntax to read the documents cdktf writes
 * with `Fn.jsonencode`: `${jsonencode({"deadLetterTargetArn" = aws_sqs_queue.dlq.arn})}`,
 * whose references are bare traversals, not `${…}` (references themselves
 * are read by `references.ts`).
 */
import { scanString } from './references';

const IDENT = /[A-Za-z0-9_-]/;

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

// Sticky (`y`): matched where the parser stands, without copying the rest of the
// text for each value (a policy document has hundreds).
const LITERAL = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/.source;
/** A literal that is a whole element of a list. */
const ELEMENT_LITERAL = new RegExp(`(?:${LITERAL})(?=\\s*(?:[,}\\]]|$))`, 'y');
/** A literal that is a whole attribute value: a newline ends it too. */
const ATTRIBUTE_LITERAL = new RegExp(`(?:${LITERAL})(?=[ \\t]*(?:[,}\\]\\r\\n]|$))`, 'y');
/** What may follow a string that is a whole value. */
const AFTER_ELEMENT = /\s*(?:[,}\]]|$)/y;
const AFTER_ATTRIBUTE = /[ \t]*(?:[,}\]\r\n]|$)/y;

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
    const literal = this.matchHere(attribute ? ATTRIBUTE_LITERAL : ELEMENT_LITERAL, this.i);
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
    const end = scanString(this.text, this.i + 1);
    return this.matchHere(attribute ? AFTER_ATTRIBUTE : AFTER_ELEMENT, end) !== null;
  }

  private matchHere(sticky: RegExp, at: number): RegExpExecArray | null {
    sticky.lastIndex = at;
    return sticky.exec(this.text);
  }

  private string(): string {
    const start = this.i + 1;
    const end = scanString(this.text, start);
    this.i = end;
    const body = this.text.slice(start, end - 1);
    // HCL escapes; `$${` stays as written so a literal `${` is never read as a reference,
    // `%%{` is a literal `%{` (a template directive otherwise).
    return body.replace(/\\(u[0-9A-Fa-f]{4}|.)|%%\{/g, (_: string, e: string | undefined) => {
      if (e === undefined) return '%{';
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
        this.i = scanString(this.text, this.i + 1);
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
