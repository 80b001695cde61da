/**
 * Wildcard expressions (`{"wildcard": "..."}`): parsing, matching and the rule-complexity measure
 * EventBridge applies to them.
 */

/** A parsed wildcard: literal runs between unescaped `*`. `parts.length - 1` is the number of stars. */
export interface ParsedWildcard {
  readonly parts: readonly string[];
  /** One token per pattern character after unescaping: a literal character or `null` for `*`. */
  readonly tokens: ReadonlyArray<string | null>;
}

/** Why a wildcard expression is refused, worded as AWS words it. */
export type WildcardSyntaxError = string;

/**
 * Parses a wildcard expression. `\*` is a literal star and `\\` a literal backslash; any other
 * escape, a trailing backslash, or two unescaped stars in a row is an error.
 */
export function parseWildcard(text: string): ParsedWildcard | WildcardSyntaxError {
  const parts: string[] = [];
  const tokens: Array<string | null> = [];
  let current = '';
  let previousWasStar = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      const next = text[i + 1];
      if (next !== '*' && next !== '\\') return `Invalid escape character at pos ${i}`;
      current += next;
      tokens.push(next);
      i++;
      previousWasStar = false;
    } else if (ch === '*') {
      // AWS reports the position of the second star.
      if (previousWasStar) return `Consecutive wildcard characters at pos ${i}`;
      parts.push(current);
      current = '';
      tokens.push(null);
      previousWasStar = true;
    } else {
      current += ch;
      tokens.push(ch);
      previousWasStar = false;
    }
  }
  parts.push(current);
  return { parts, tokens };
}

/** Compiles a parsed wildcard into a predicate on strings. */
export function wildcardMatcher(parsed: ParsedWildcard): (value: string) => boolean {
  const parts = parsed.parts;
  if (parts.length === 1) {
    const literal = parts[0];
    return (value) => value === literal;
  }
  const head = parts[0];
  const tail = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((p) => p.length > 0);
  const fixed = head.length + tail.length;
  return (value) => {
    if (value.length < fixed || !value.startsWith(head) || !value.endsWith(tail)) return false;
    // Leftmost placement of each middle literal is optimal for `*`-only globs.
    let from = head.length;
    const end = value.length - tail.length;
    for (let i = 0; i < middle.length; i++) {
      const at = value.indexOf(middle[i], from);
      if (at < 0 || at + middle[i].length > end) return false;
      from = at + middle[i].length;
    }
    return true;
  };
}

/**
 * EventBridge's "rule is too complex" measure for the wildcards of one field: the largest number
 * of wildcard pattern prefixes that one input string can match at the same time (the number of
 * states a matcher can be in at once). Computed by exploring every reachable set of states, capped
 * at `cap` so a pathological pattern cannot make validation slow.
 */
export function wildcardComplexity(patterns: readonly ParsedWildcard[], cap: number): number {
  if (patterns.length === 0) return 0;
  const tokenLists = patterns.map((p) => p.tokens);
  const alphabet = new Set<string>();
  for (const tokens of tokenLists) for (const t of tokens) if (t !== null) alphabet.add(t);
  alphabet.add('\u0000'); // stands for every character no pattern mentions

  // State of one pattern: active[j] = the first j tokens match the whole input read so far.
  const initial = tokenLists.map((tokens) => {
    const active = new Uint8Array(tokens.length + 1);
    active[0] = 1;
    for (let j = 1; j <= tokens.length && tokens[j - 1] === null; j++) active[j] = 1;
    return active;
  });
  const step = (tokens: ReadonlyArray<string | null>, active: Uint8Array, ch: string): Uint8Array => {
    const next = new Uint8Array(tokens.length + 1);
    for (let j = 1; j <= tokens.length; j++) {
      const t = tokens[j - 1];
      next[j] = t === null ? (next[j - 1] | active[j]) : t === ch && active[j - 1] === 1 ? 1 : 0;
    }
    return next;
  };
  const keyOf = (state: Uint8Array[]) => state.map((a) => a.join('')).join('|');
  const seen = new Set<string>([keyOf(initial)]);
  const queue: Uint8Array[][] = [initial];
  let max = 0;
  // Bounded exploration: enough for any pattern that fits in an event pattern's size limit.
  for (let head = 0; head < queue.length && queue.length < 20000; head++) {
    const state = queue[head];
    for (const ch of alphabet) {
      const next = state.map((active, i) => step(tokenLists[i], active, ch));
      const key = keyOf(next);
      if (seen.has(key)) continue;
      seen.add(key);
      let size = 0;
      for (const active of next) for (let j = 1; j < active.length; j++) size += active[j];
      if (size > max) max = size;
      if (max >= cap) return cap;
      queue.push(next);
    }
  }
  return max;
}
