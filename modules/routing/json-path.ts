/**
 * The JSONPath subset EventBridge and Pipes evaluate in input paths,
 * templates and dynamic parameters: `$`, dot names (with dashes, underscores,
 * slashes), bracketed names, array indices and the `*` wildcard.
 */

type Step = { readonly name: string } | { readonly index: number } | { readonly wildcard: true };

const cache = new Map<string, Step[] | null>();

function parse(path: string): Step[] | null {
  const hit = cache.get(path);
  if (hit !== undefined) return hit;
  const steps: Step[] = [];
  let ok = path.startsWith('$');
  let i = 1;
  while (ok && i < path.length) {
    const c = path[i];
    if (c === '.') {
      let j = i + 1;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      const name = path.slice(i + 1, j);
      if (!name) ok = false;
      else steps.push(name === '*' ? { wildcard: true } : { name });
      i = j;
    } else if (c === '[') {
      const end = path.indexOf(']', i);
      if (end < 0) {
        ok = false;
        break;
      }
      const inner = path.slice(i + 1, end).trim();
      if (inner === '*') steps.push({ wildcard: true });
      else if (/^\d+$/.test(inner)) steps.push({ index: Number(inner) });
      else if (/^(['"]).*\1$/.test(inner)) steps.push({ name: inner.slice(1, -1) });
      else ok = false;
      i = end + 1;
    } else {
      ok = false;
    }
  }
  const result = ok ? steps : null;
  cache.set(path, result);
  return result;
}

/** True when `path` is a JSONPath this evaluator reads (starts with `$`). */
export function isJsonPath(path: string): boolean {
  return parse(path) !== null;
}

/**
 * Evaluates a path against a value. Returns `undefined` when nothing is
 * there; with a wildcard, the array of every match (undefined when none).
 */
export function evaluateJsonPath(value: unknown, path: string): unknown {
  const steps = parse(path);
  if (!steps) return undefined;
  let current: unknown[] = [value];
  let many = false;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== 'object') continue;
      if ('wildcard' in step) {
        many = true;
        next.push(...(Array.isArray(v) ? v : Object.values(v)));
      } else if ('index' in step) {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if (Object.prototype.hasOwnProperty.call(v, step.name)) {
        next.push((v as Record<string, unknown>)[step.name]);
      }
    }
    current = next;
  }
  if (many) return current.length > 0 ? current : undefined;
  return current[0];
}
