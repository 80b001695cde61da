/**
 * The orders API under hostile input and faults: dynalite behind a proxy that
 * stalls, drops or cuts connections, or answers for DynamoDB with throttling.
 * Every test asserts the documented answer (functions/README.md) and that the
 * table holds either the whole order or nothing of it.
 */
import { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DYNAMODB_CLIENT_LIMITS } from '../../functions/shared/dynamodb';
import { ISO_4217_LIST_DATE } from '../../functions/shared/currency';
import { MAX_LISTED_PROBLEMS } from '../../functions/shared/order';
import { Fault, FaultProxy, startFaultProxy } from '../helpers/fault-proxy';
import { Answer, call, newKey, useTable, validOrder, withOrdersTable } from './harness';
import { captureLogs, logLines } from './logs';

// Jest runs a test file in its own realm, where errors made by Node's core modules
// (ECONNREFUSED, ECONNRESET) are not `instanceof Error`; the SDK then wraps them in a
// new Error and drops their `code`. In Lambda they are plain Errors: restore that here.
const SandboxError = Error;
const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];
Object.defineProperty(SandboxError, Symbol.hasInstance, {
  // Subclasses inherit this static: they keep the ordinary check.
  value(this: unknown, value: unknown) {
    return this === SandboxError ? Object.prototype.toString.call(value) === '[object Error]' : ordinaryHasInstance.call(this, value);
  },
});

const TABLE = 'orders-hostile';
const db = withOrdersTable(TABLE);
const logs = captureLogs();

async function itemsWithKey(key: string): Promise<Record<string, AttributeValue>[]> {
  return (await db().scan(TABLE)).filter((item) => item.idempotencyKey?.S === key);
}

async function post(body: unknown, key = newKey(), headers: Record<string, string> = {}): Promise<Answer & { key: string }> {
  return { ...(await call('POST', '/orders', { body, headers: { 'idempotency-key': key, ...headers } })), key };
}

function pointers(answer: Answer): string[] {
  return answer.body.errors.map((e: { pointer: string }) => e.pointer);
}

/** Every attribute a stored order has (functions/README.md, "Order item"): a half-written item lacks some. */
const ORDER_ATTRIBUTES = ['pk', 'orderId', 'customerId', 'status', 'eventType', 'total', 'currency', 'items', 'notifications', 'idempotencyKey', 'requestHash', 'createdAt', 'updatedAt', 'version'];

describe('DynamoDB faults', () => {
  let proxy: FaultProxy | undefined;

  /** Sends the handler's DynamoDB calls through a new proxy whose connections get `faults`, then `fallback`. */
  async function through(fallback: Fault, ...faults: Fault[]): Promise<FaultProxy> {
    proxy = await startFaultProxy(db().port);
    proxy.fallback = fallback;
    proxy.faults.push(...faults);
    useTable(proxy.endpoint, TABLE);
    return proxy;
  }

  afterEach(async () => {
    useTable(db().endpoint, TABLE);
    await proxy?.close();
    proxy = undefined;
  });

  function expectUnavailable(answer: Answer): void {
    expect(answer.status).toBe(503);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.headers['retry-after']).toBe('1');
    expect(answer.body).toMatchObject({ type: 'about:blank', title: 'Service Unavailable', status: 503 });
    expect(answer.body.detail).toMatch(/same Idempotency-Key never creates a second order/);
  }

  // Bounded by the client's limits (2 attempts × 1.5 s, and a second each for the
  // rest), asserted on the clock; Jest's timeout, twice that, only guards a hang.
  const STALL_BUDGET_MS = DYNAMODB_CLIENT_LIMITS.maxAttempts * (DYNAMODB_CLIENT_LIMITS.requestTimeoutMs + 1_000);
  const STALL_TEST_TIMEOUT_MS = 2 * STALL_BUDGET_MS + 2_000;

  /** The answer and how long it took. */
  async function timed<T>(request: Promise<T>, started = Date.now()): Promise<[T, number]> {
    const answer = await request;
    return [answer, Date.now() - started];
  }

  test(
    'a stalled endpoint (accepts, never answers) gets 503 with Retry-After within the client limits, and nothing is written',
    async () => {
      const stalled = await through('stall');
      const [{ key, ...answer }, elapsedMs] = await timed(post(validOrder));
      expectUnavailable(answer);
      expect(elapsedMs).toBeLessThanOrEqual(STALL_BUDGET_MS);
      expect(stalled.connections()).toBe(DYNAMODB_CLIENT_LIMITS.maxAttempts);
      expect(await itemsWithKey(key)).toEqual([]);
      expect(logLines(logs)).toContainEqual(expect.objectContaining({ level: 'error', httpStatus: 503, error: expect.objectContaining({ name: 'TimeoutError' }) }));
    },
    STALL_TEST_TIMEOUT_MS,
  );

  test(
    'a stalled read gets 503 too, within the client limits',
    async () => {
      await through('stall');
      const [answer, elapsedMs] = await timed(call('GET', '/orders/00000000-0000-8000-8000-000000000000'));
      expectUnavailable(answer);
      expect(elapsedMs).toBeLessThanOrEqual(STALL_BUDGET_MS);
    },
    STALL_TEST_TIMEOUT_MS,
  );

  test('DynamoDB down (connection refused) gets 503, and a retry once it is back creates the order once', async () => {
    const down = await through('none');
    await down.close();
    const key = newKey();
    expectUnavailable(await post(validOrder, key));
    expect(await itemsWithKey(key)).toEqual([]);

    useTable(db().endpoint, TABLE);
    const retried = await post(validOrder, key);
    expect(retried.status).toBe(201);
    expect(await itemsWithKey(key)).toHaveLength(1);
  });

  test('a request cut mid-write never reaches DynamoDB whole: 503, nothing written', async () => {
    await through('cut-request');
    const { key, ...answer } = await post(validOrder);
    expectUnavailable(answer);
    expect(await itemsWithKey(key)).toEqual([]);
  });

  test('an answer lost after the write landed: 503, the order is whole, and the client retry replays it', async () => {
    await through('cut-response');
    const { key, ...answer } = await post(validOrder);
    expectUnavailable(answer);
    const [stored, ...more] = await itemsWithKey(key);
    expect(more).toEqual([]);
    expect(Object.keys(stored).sort()).toEqual([...ORDER_ATTRIBUTES].sort());

    useTable(db().endpoint, TABLE);
    const retried = await post(validOrder, key);
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body.orderId).toBe(stored.orderId.S);
    expect(await itemsWithKey(key)).toHaveLength(1);
  });

  test("an answer lost once is retried by the SDK: the retry finds the order and answers 201 as a replay", async () => {
    await through('none', 'cut-response');
    const { key, ...answer } = await post(validOrder);
    expect(answer.status).toBe(201);
    expect(answer.headers['idempotent-replayed']).toBe('true');
    expect(await itemsWithKey(key)).toHaveLength(1);
  });

  test('a PATCH whose answer is lost changed the order once: the retry is a 200 that writes nothing', async () => {
    const created = await post(validOrder);
    await through('none', 'cut-response');
    const patched = await call('PATCH', `/orders/${created.body.orderId}`, { body: { status: 'CANCELLED' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: 'CANCELLED', version: 2 });
    const [stored] = await itemsWithKey(created.key);
    expect(stored).toMatchObject({ status: { S: 'CANCELLED' }, eventType: { S: 'OrderCancelled' }, version: { N: '2' } });
  });

  test.each<[Fault, string]>([
    ['throttle', 'ProvisionedThroughputExceededException'],
    ['server-error', 'InternalServerError'],
  ])('DynamoDB answering %s gets 503 with Retry-After after the SDK retried, and nothing is written', async (fault, errorName) => {
    const faulty = await through(fault);
    const { key, ...answer } = await post(validOrder);
    expectUnavailable(answer);
    expect(faulty.connections()).toBe(DYNAMODB_CLIENT_LIMITS.maxAttempts);
    expect(await itemsWithKey(key)).toEqual([]);
    expect(logLines(logs)).toContainEqual(expect.objectContaining({ httpStatus: 503, error: expect.objectContaining({ name: errorName }) }));
  });
});

describe('hostile bodies', () => {
  test('120,000 unknown keys (1.3 MB) get a 400 listing 20 problems and counting all, in a small response and log line', async () => {
    const body: Record<string, unknown> = { ...validOrder };
    for (let i = 0; i < 120_000; i++) body[`k${i}`] = 1;
    const answer = await post(body);

    expect(answer.status).toBe(400);
    expect(answer.body.errors).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(answer.body.errorCount).toBe(120_000);
    expect(answer.body.detail).toBe('The request has 120000 problems; the first 20 are in errors.');
    expect(answer.bytes).toBeLessThan(4_000);
    const rejected = logs.find((line) => line.includes('"order rejected"'))!;
    expect(rejected.length).toBeLessThan(4_000);
    expect(JSON.parse(rejected)).toMatchObject({ problemCount: 120_000 });
    expect(await itemsWithKey(answer.key)).toEqual([]);
  });

  test('a megabyte-long key or value is not echoed back', async () => {
    const huge = 'x'.repeat(1_000_000);
    const answer = await post({ ...validOrder, customerId: huge, [huge]: 1 });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { pointer: '', detail: 'has an unknown field with a 1000000-character name' },
      { pointer: '/customerId', detail: 'must be at most 128 characters' },
    ]);
    expect(answer.bytes).toBeLessThan(1_000);
  });

  test.each([
    ['truncated JSON', '{"customerId": "c", "items": ['],
    ['two documents', '{}{}'],
    ['NaN as a price', '{"customerId":"c","currency":"EUR","items":[{"sku":"A","quantity":1,"unitPrice":NaN}]}'],
    ['Infinity as a price', '{"customerId":"c","currency":"EUR","items":[{"sku":"A","quantity":1,"unitPrice":Infinity}]}'],
    ['a byte-order mark', '\ufeff{}'],
  ])('%s is not valid JSON: 400 with one problem at the root', async (_, rawBody) => {
    const answer = await call('POST', '/orders', { rawBody, headers: { 'idempotency-key': newKey() } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ pointer: '', detail: 'request body is not valid JSON' }]);
  });

  test.each([['null'], ['[]'], ['"order"'], ['42']])('%s is JSON but not an object: 400', async (rawBody) => {
    const answer = await call('POST', '/orders', { rawBody, headers: { 'idempotency-key': newKey() } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ pointer: '', detail: 'request body must be a JSON object' }]);
  });

  test('1e308 and a price beyond exact cents are refused as too large; the total never overflows', async () => {
    const answer = await post({ ...validOrder, items: [{ sku: 'A', quantity: 1, unitPrice: 1e308 }, { sku: 'B', quantity: 1, unitPrice: 1e15 }] });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { pointer: '/items/0/unitPrice', detail: 'is too large' },
      { pointer: '/items/1/unitPrice', detail: 'is too large' },
    ]);
    const sum = await post({ ...validOrder, items: [{ sku: 'A', quantity: 10_000, unitPrice: 9e10 }, { sku: 'B', quantity: 10_000, unitPrice: 9e10 }] });
    expect(sum.body.errors).toEqual([{ pointer: '/items', detail: 'order total is too large' }]);
  });

  test('prototype-pollution keys are unknown fields, and pollute nothing', async () => {
    const rawBody = JSON.stringify({ ...validOrder, items: [{ ...validOrder.items[0] }] })
      .replace('{"customerId"', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"customerId"')
      .replace('{"sku"', '{"__proto__":{"polluted":true},"sku"');
    const answer = await call('POST', '/orders', { rawBody, headers: { 'idempotency-key': newKey() } });
    expect(answer.status).toBe(400);
    expect(pointers(answer).sort()).toEqual(['/__proto__', '/constructor', '/items/0/__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('unknown keys are reported as RFC 6901 pointers: "~" as "~0" and "/" as "~1"', async () => {
    const answer = await post({ ...validOrder, 'x/y': 1, items: [{ ...validOrder.items[0], 'a/b~c': 1 }] });
    expect(answer.status).toBe(400);
    expect(pointers(answer)).toEqual(['/x~1y', '/items/0/a~1b~0c']);
  });

  test('unknown keys under notifications are refused like unknown item keys', async () => {
    const answer = await post({ ...validOrder, notifications: { optIn: true, channel: 'sms' } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ pointer: '/notifications/channel', detail: 'is not a known field' }]);
  });

  test('a SKU on two lines is refused, pointing at the repeat', async () => {
    const answer = await post({ ...validOrder, items: [validOrder.items[0], validOrder.items[1], { ...validOrder.items[0], quantity: 1 }] });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ pointer: '/items/2/sku', detail: 'repeats the SKU of /items/0; put the whole quantity on one line' }]);
  });

  test.each([
    ['a control character', 'cust\u0000-42'],
    ['a line feed', 'cust\n42'],
    ['a lone high surrogate', 'cust-\ud800'],
    ['a lone low surrogate', '\udc00cust'],
  ])('a customerId with %s is refused', async (_, customerId) => {
    const answer = await post({ ...validOrder, customerId });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ pointer: '/customerId', detail: 'must be well-formed Unicode without control characters' }]);
  });

  test('cust-\\ud800 and cust-\\ufffd cannot collide: the first is refused, the second is its own order', async () => {
    const key = newKey();
    // Sent raw: the escaped lone surrogate is what a hostile client puts on the wire.
    const rawBody = (customerId: string) => JSON.stringify({ ...validOrder, customerId: 'CUSTOMER' }).replace('CUSTOMER', customerId);
    const lone = await call('POST', '/orders', { rawBody: rawBody('cust-\\ud800'), headers: { 'idempotency-key': key } });
    const replacement = await call('POST', '/orders', { rawBody: rawBody('cust-\\ufffd'), headers: { 'idempotency-key': key } });
    expect(lone.status).toBe(400);
    expect(replacement.status).toBe(201);
    expect(replacement.headers['idempotent-replayed']).toBeUndefined();
    expect(replacement.body.customerId).toBe('cust-\ufffd');
    const emoji = await post({ ...validOrder, customerId: 'cust-😀' });
    expect(emoji.status).toBe(201);
  });

  test('text/plain is refused with 415 and writes nothing; JSON with a charset or a +json type is accepted', async () => {
    const plain = await post(validOrder, newKey(), { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect(plain.headers['content-type']).toBe('application/problem+json');
    expect(plain.body).toMatchObject({ title: 'Unsupported Media Type', status: 415 });
    expect(await itemsWithKey(plain.key)).toEqual([]);

    expect((await post(validOrder, newKey(), { 'content-type': 'application/json; charset=utf-8' })).status).toBe(201);
    const created = await post(validOrder, newKey(), { 'Content-Type': 'Application/JSON' });
    expect(created.status).toBe(201);
    const patched = await call('PATCH', `/orders/${created.body.orderId}`, { body: { status: 'CONFIRMED' }, headers: { 'content-type': 'application/merge-patch+json' } });
    expect(patched.status).toBe(200);
    const form = await call('PATCH', `/orders/${created.body.orderId}`, { body: { status: 'CANCELLED' }, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
  });
});

describe('ISO 4217 minor units', () => {
  test('HUF has 2 decimals and IQD 3 (ISO 4217), though the runtime’s CLDR data says 0 for both', async () => {
    const huf = await post({ ...validOrder, currency: 'HUF', items: [{ sku: 'A', quantity: 3, unitPrice: 1.15 }] });
    expect(huf.status).toBe(201);
    expect(huf.body.total).toBe(3.45);
    const iqd = await post({ ...validOrder, currency: 'IQD', items: [{ sku: 'A', quantity: 2, unitPrice: 0.125 }] });
    expect(iqd.status).toBe(201);
    expect(iqd.body.total).toBe(0.25);

    const tooFine = await post({ ...validOrder, currency: 'IQD', items: [{ sku: 'A', quantity: 1, unitPrice: 0.1234 }] });
    expect(tooFine.body.errors).toEqual([{ pointer: '/items/0/unitPrice', detail: 'must have at most 3 decimal places for IQD' }]);
    const yen = await post({ ...validOrder, currency: 'JPY', items: [{ sku: 'A', quantity: 1, unitPrice: 1.5 }] });
    expect(yen.body.errors).toEqual([{ pointer: '/items/0/unitPrice', detail: 'must have at most 0 decimal places for JPY' }]);
  });

  test('the table is ISO 4217 List One of the date functions/README.md names', () => {
    expect(ISO_4217_LIST_DATE).toBe('2024-06-25');
  });

  test('a code of the right shape that ISO 4217 does not list is refused', async () => {
    const answer = await post({ ...validOrder, currency: 'ABC' });
    expect(answer.body.errors).toEqual([{ pointer: '/currency', detail: expect.stringMatching(/ISO 4217/) }]);
  });
});

describe('races', () => {
  test('ten concurrent POSTs with one key create one order and all answer with it', async () => {
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(validOrder, key)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.orderId)).size).toBe(1);
    expect(await itemsWithKey(key)).toHaveLength(1);
  });

  test('SHIPPED and CANCELLED racing from CONFIRMED: exactly one wins, the other gets 409', async () => {
    const created = await post(validOrder);
    const path = `/orders/${created.body.orderId}`;
    await call('PATCH', path, { body: { status: 'CONFIRMED' } });
    const answers = await Promise.all([call('PATCH', path, { body: { status: 'SHIPPED' } }), call('PATCH', path, { body: { status: 'CANCELLED' } })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!;
    const [stored] = await itemsWithKey(created.key);
    expect(stored).toMatchObject({ status: { S: winner.body.status }, version: { N: '3' } });
  });

  test('the same PATCH sent five times at once changes the order once', async () => {
    const created = await post(validOrder);
    const path = `/orders/${created.body.orderId}`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => call('PATCH', path, { body: { status: 'CANCELLED' } })));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(200));
    expect(answers.map((a) => a.body.version)).toEqual(Array(5).fill(2));
    const [stored] = await itemsWithKey(created.key);
    expect(stored.version).toEqual({ N: '2' });
  });
});
