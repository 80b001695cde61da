/**
 * Jest matchers for simulation traces, registered when `cdktf-eda/testing` is
 * imported in a Jest test (where `expect` is a global).
 */
import { Delivery, describeRef, Trace, truncate } from './trace';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> {
      /**
       * The trace delivered a payload to an endpoint (queue, topic, function,
       * bus or outside ARN) that `endpoint` names: address, AWS name, ARN,
       * construct path, or a fragment of the path or name.
       */
      toBeDeliveredTo(endpoint: string): R;
      /**
       * The trace delivered to `endpoint` a payload that matches `payload`
       * partially (objects need only the keys given; arrays match item by
       * item; a JSON string matches an object; asymmetric matchers such as
       * `expect.any(String)` work).
       */
      toBeDeliveredWith(endpoint: string, payload: unknown): R;
      /** The trace ends in a dead-letter queue (or failure destination), the one `queue` names when given. */
      toEndInDeadLetterQueue(queue?: string): R;
    }
  }
}

type Context = jest.MatcherContext;
type Result = jest.CustomMatcherResult;

function asTrace(received: unknown, matcher: string): Trace {
  if (received instanceof Trace) return received;
  throw new Error(`${matcher} expects a Trace returned by simulate(), got ${truncate(String(received), 80)}`);
}

function listDeliveries(deliveries: readonly Delivery[]): string {
  if (deliveries.length === 0) return '  (nowhere)';
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const d of deliveries) {
    const line = `  - ${describeRef(d.endpoint)}${d.deadLetter ? ' [dead letter]' : ''}`;
    if (!seen.has(line)) lines.push(line);
    seen.add(line);
  }
  return lines.join('\n');
}

/** The calls AWS would refuse, which explain a delivery that did not happen. */
function listDenials(trace: Trace): string {
  if (trace.denials.length === 0) return '';
  return `\nAWS would deny:\n${trace.denials.map((d) => `  - ${d.call}: ${d.reason}`).join('\n')}`;
}

function traceBlock(trace: Trace): string {
  return `Trace:\n${trace
    .toString()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}`;
}

function toBeDeliveredTo(this: Context, received: unknown, endpoint: string): Result {
  const trace = asTrace(received, 'toBeDeliveredTo');
  const hits = trace.deliveriesTo(endpoint);
  const pass = hits.length > 0;
  return {
    pass,
    message: () =>
      pass
        ? `expected the event not to be delivered to "${endpoint}", but it was delivered to:\n${listDeliveries(hits)}\n\n${traceBlock(trace)}`
        : `expected the event to be delivered to "${endpoint}", but it was delivered to:\n${listDeliveries(trace.deliveries)}${listDenials(trace)}\n\n${traceBlock(trace)}`,
  };
}

function toBeDeliveredWith(this: Context, received: unknown, endpoint: string, payload: unknown): Result {
  const trace = asTrace(received, 'toBeDeliveredWith');
  const hits = trace.deliveriesTo(endpoint);
  const pass = hits.some((d) => partialMatch(d.payload, payload, this.equals));
  const expected = this.utils.printExpected(payload);
  const shown = hits
    .slice(0, 3)
    .map((d) => `  - ${describeRef(d.endpoint)}:\n${indent(JSON.stringify(d.payload, null, 2), 6)}`)
    .join('\n');
  return {
    pass,
    message: () =>
      pass
        ? `expected no payload delivered to "${endpoint}" to match ${expected}, but one did:\n${shown}`
        : hits.length === 0
          ? `expected a payload matching ${expected} delivered to "${endpoint}", but nothing was delivered there. Delivered to:\n${listDeliveries(trace.deliveries)}\n\n${traceBlock(trace)}`
          : `expected a payload matching ${expected} delivered to "${endpoint}", but what it received differs:\n${shown}${hits.length > 3 ? `\n  (${hits.length - 3} more)` : ''}`,
  };
}

function toEndInDeadLetterQueue(this: Context, received: unknown, queue?: string): Result {
  const trace = asTrace(received, 'toEndInDeadLetterQueue');
  const inScope = queue === undefined ? trace.deliveries : trace.deliveriesTo(queue);
  const hits = inScope.filter((d) => d.deadLetter);
  const pass = hits.length > 0;
  const where = queue === undefined ? 'a dead-letter queue' : `dead-letter queue "${queue}"`;
  return {
    pass,
    message: () =>
      pass
        ? `expected the event not to end in ${where}, but it was dead-lettered to:\n${listDeliveries(hits)}\n\n${traceBlock(trace)}`
        : `expected the event to end in ${where}, but ${
            trace.deadLetters.length ? `it was dead-lettered to:\n${listDeliveries(trace.deadLetters)}` : `nothing was dead-lettered. Delivered to:\n${listDeliveries(trace.deliveries)}`
          }\n\n${traceBlock(trace)}`,
  };
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

type Equals = (a: unknown, b: unknown) => boolean;

/**
 * Deep partial match: every key of an expected object must match; arrays
 * match item by item (same length); a string holding JSON matches an
 * expected object or array; asymmetric matchers decide for themselves.
 */
export function partialMatch(actual: unknown, expected: unknown, equals?: Equals): boolean {
  if (expected && typeof expected === 'object' && typeof (expected as { asymmetricMatch?: unknown }).asymmetricMatch === 'function') {
    return equals ? equals(actual, expected) : (expected as { asymmetricMatch(v: unknown): boolean }).asymmetricMatch(actual);
  }
  if (typeof actual === 'string' && expected !== null && typeof expected === 'object') {
    try {
      return partialMatch(JSON.parse(actual), expected, equals);
    } catch {
      return false;
    }
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => partialMatch(actual[i], e, equals));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([k, v]) => partialMatch((actual as Record<string, unknown>)[k], v, equals));
  }
  return Object.is(actual, expected);
}

/**
 * Registers the routing matchers with Jest's `expect`. Importing
 * `cdktf-eda/testing` in a Jest test does this already; call it yourself only
 * where `expect` is not a global (e.g. `import { expect } from '@jest/globals'`).
 * @param target the `expect` to extend @default the global `expect`
 */
export function registerRoutingMatchers(target: { extend(matchers: Record<string, unknown>): void } | undefined = (globalThis as { expect?: jest.Expect }).expect): void {
  target?.extend({ toBeDeliveredTo, toBeDeliveredWith, toEndInDeadLetterQueue });
}
