/**
 * Runs the orders-api handler against a real DynamoDB API (dynalite, in process):
 * no mock of the DynamoDB client, so conditional writes behave as on AWS.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handler } from '../../functions/orders-api/handler';
import { call, httpEvent, newKey, validOrder, withOrdersTable } from './harness';
import { captureLogs, logLines as parseLogLines } from './logs';

const TABLE = 'orders-test';
const db = withOrdersTable(TABLE);
const logs = captureLogs();

const scanAll = () => db().scan(TABLE);
const logLines = () => parseLogLines(logs);

async function createOrder(body: unknown = validOrder): Promise<any> {
  const response = await call('POST', '/orders', { body, headers: { 'idempotency-key': newKey() } });
  expect(response.status).toBe(201);
  return response.body;
}

describe('POST /orders', () => {
  test('creates the order (201) with a server-computed total and the attributes the stream pipe reads', async () => {
    const key = newKey();
    const response = await call('POST', '/orders', { body: validOrder, headers: { 'Idempotency-Key': key } });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      customerId: 'cust-42',
      status: 'PLACED',
      currency: 'EUR',
      // 2 × 19.99 + 3 × 0.1, exact: computed in cents, not floating point.
      total: 40.28,
      notifications: { optIn: true },
      items: validOrder.items,
      version: 1,
    });
    const { orderId } = response.body;
    expect(orderId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(response.headers.location).toBe(`/orders/${orderId}`);
    expect(response.headers['idempotent-replayed']).toBeUndefined();

    // The raw item, as the stream's NewImage will carry it.
    const item = (await scanAll()).find((i) => i.pk.S === `ORDER#${orderId}`);
    expect(item).toEqual({
      pk: { S: `ORDER#${orderId}` },
      orderId: { S: orderId },
      customerId: { S: 'cust-42' },
      status: { S: 'PLACED' },
      eventType: { S: 'OrderPlaced' },
      total: { N: '40.28' },
      currency: { S: 'EUR' },
      items: {
        L: [
          { M: { sku: { S: 'BOOK-1' }, quantity: { N: '2' }, unitPrice: { N: '19.99' } } },
          { M: { sku: { S: 'PEN-7' }, quantity: { N: '3' }, unitPrice: { N: '0.1' } } },
        ],
      },
      notifications: { M: { optIn: { BOOL: true } } },
      idempotencyKey: { S: key },
      requestHash: { S: expect.stringMatching(/^[0-9a-f]{64}$/) },
      createdAt: { S: expect.any(String) },
      updatedAt: { S: expect.any(String) },
      version: { N: '1' },
    });

    const created = logLines().find((l) => l.message === 'order created');
    expect(created).toMatchObject({ level: 'info', service: 'orders-api', orderId, httpStatus: 201 });
  });

  test('a retried request returns the same order and creates exactly one', async () => {
    const headers = { 'Idempotency-Key': newKey() };
    const first = await call('POST', '/orders', { body: validOrder, headers });
    // Sequential retry, then a burst of concurrent ones racing on the conditional write.
    const second = await call('POST', '/orders', { body: validOrder, headers });
    const burst = await Promise.all([1, 2, 3, 4].map(() => call('POST', '/orders', { body: validOrder, headers })));

    expect(first.status).toBe(201);
    for (const retry of [second, ...burst]) {
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
    }
    const stored = (await scanAll()).filter((i) => i.idempotencyKey?.S === headers['Idempotency-Key']);
    expect(stored).toHaveLength(1);
    expect(stored[0].orderId.S).toBe(first.body.orderId);
  });

  test('the key is accepted in structured-field form ("...") as the same key', async () => {
    const key = newKey();
    const bare = await call('POST', '/orders', { body: validOrder, headers: { 'idempotency-key': key } });
    const quoted = await call('POST', '/orders', { body: validOrder, headers: { 'idempotency-key': `"${key}"` } });
    expect(quoted.body.orderId).toBe(bare.body.orderId);
    expect(quoted.headers['idempotent-replayed']).toBe('true');
  });

  test('a key reused with a different body is refused (422) and changes nothing', async () => {
    const headers = { 'idempotency-key': newKey() };
    const first = await call('POST', '/orders', { body: validOrder, headers });
    const reused = await call('POST', '/orders', { body: { ...validOrder, currency: 'USD' }, headers });

    expect(reused.status).toBe(422);
    expect(reused.headers['content-type']).toBe('application/problem+json');
    expect(reused.body.detail).toMatch(/Idempotency-Key was already used/);
    expect((await call('GET', `/orders/${first.body.orderId}`)).body.currency).toBe('EUR');
  });

  test('the same key from two customers makes two orders (keys are scoped per customer)', async () => {
    const headers = { 'idempotency-key': newKey() };
    const a = await call('POST', '/orders', { body: validOrder, headers });
    const b = await call('POST', '/orders', { body: { ...validOrder, customerId: 'cust-43' }, headers });
    expect(b.status).toBe(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body.orderId).not.toBe(a.body.orderId);
  });

  test('notifications is optional and defaults to not opted in', async () => {
    const { notifications, ...withoutNotifications } = validOrder;
    expect(notifications).toBeDefined();
    const order = await createOrder(withoutNotifications);
    expect(order.notifications).toEqual({ optIn: false });
  });

  test('a currency without minor units gets a whole-number total', async () => {
    const order = await createOrder({ ...validOrder, currency: 'JPY', items: [{ sku: 'TEA', quantity: 3, unitPrice: 1200 }] });
    expect(order.total).toBe(3600);
  });

  test('an invalid request gets 400 listing every problem, header included, and writes nothing', async () => {
    const before = (await scanAll()).length;
    const response = await call('POST', '/orders', {
      body: {
        customerId: '',
        items: [
          { sku: 'A', quantity: 0, unitPrice: -1 },
          { quantity: 1.5, unitPrice: '3', colour: 'red' },
          'not-an-item',
        ],
        currency: 'euro',
        notifications: { optIn: 'yes' },
        total: 1,
        coupon: 'FREE',
      },
    });

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400 });
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(
      [
        'header:Idempotency-Key',
        '/total',
        '/coupon',
        '/customerId',
        '/currency',
        '/items/0/quantity',
        '/items/0/unitPrice',
        '/items/1/sku',
        '/items/1/quantity',
        '/items/1/unitPrice',
        '/items/1/colour',
        '/items/2',
        '/notifications/optIn',
      ].sort(),
    );
    expect(response.body.errors).toContainEqual({ pointer: '/currency', detail: expect.stringMatching(/ISO 4217/) });
    expect(response.body.errors).toContainEqual({ pointer: '/total', detail: expect.stringMatching(/computed by the server/) });
    expect((await scanAll()).length).toBe(before);
  });

  test('more decimals than the currency has, and an empty item list, are refused', async () => {
    const headers = { 'idempotency-key': newKey() };
    const cents = await call('POST', '/orders', { body: { ...validOrder, items: [{ sku: 'A', quantity: 1, unitPrice: 1.999 }] }, headers });
    expect(cents.status).toBe(400);
    expect(cents.body.errors).toEqual([{ pointer: '/items/0/unitPrice', detail: 'must have at most 2 decimal places for EUR' }]);

    const empty = await call('POST', '/orders', { body: { ...validOrder, items: [] }, headers });
    expect(empty.body.errors).toEqual([{ pointer: '/items', detail: expect.stringMatching(/non-empty array/) }]);
  });

  test('a body that is not JSON gets 400, and the missing header is listed with it', async () => {
    const response = await call('POST', '/orders', { rawBody: '{"customerId": ' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { pointer: 'header:Idempotency-Key', detail: expect.stringMatching(/required/) },
      { pointer: '', detail: 'request body is not valid JSON' },
    ]);
  });

  test('a base64-encoded body (as API Gateway sends binary media types) is decoded', async () => {
    const event = httpEvent('POST', '/orders', { headers: { 'idempotency-key': newKey() } });
    event.body = Buffer.from(JSON.stringify(validOrder)).toString('base64');
    event.isBase64Encoded = true;
    const result = (await handler(event)) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(201);
  });
});

describe('GET /orders/{id}', () => {
  test('returns the order (200) without table bookkeeping', async () => {
    const order = await createOrder();
    const response = await call('GET', `/orders/${order.orderId}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(order);
    expect(response.body).not.toHaveProperty('pk');
    expect(response.body).not.toHaveProperty('eventType');
    expect(response.body).not.toHaveProperty('requestHash');
  });

  test('answers 404 for an order that does not exist, and for an ID that cannot exist', async () => {
    const missing = await call('GET', '/orders/00000000-0000-8000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ title: 'Not Found', status: 404 });
    expect((await call('GET', '/orders/not-an-id')).status).toBe(404);
    expect((await call('GET', '/orders/%E0%A4%A')).status).toBe(404);
  });

  test('works behind a named stage, whose name HTTP API keeps in rawPath', async () => {
    const order = await createOrder();
    const event = httpEvent('GET', `/dev/orders/${order.orderId}`);
    event.requestContext.stage = 'dev';
    const result = (await handler(event)) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(200);
  });
});

describe('PATCH /orders/{id}', () => {
  test('cancels an order (200) and records OrderCancelled for the stream pipe', async () => {
    const order = await createOrder();
    const response = await call('PATCH', `/orders/${order.orderId}`, { body: { status: 'CANCELLED' } });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ orderId: order.orderId, status: 'CANCELLED', version: 2, total: order.total });
    const item = (await scanAll()).find((i) => i.orderId.S === order.orderId);
    expect(item).toMatchObject({ status: { S: 'CANCELLED' }, eventType: { S: 'OrderCancelled' }, version: { N: '2' } });
    expect(logLines().find((l) => l.message === 'order status changed')).toMatchObject({ orderId: order.orderId, to: 'CANCELLED' });
  });

  test('any other allowed change records OrderStatusChanged', async () => {
    const order = await createOrder();
    const response = await call('PATCH', `/orders/${order.orderId}`, { body: { status: 'CONFIRMED' } });
    expect(response.status).toBe(200);
    const item = (await scanAll()).find((i) => i.orderId.S === order.orderId);
    expect(item).toMatchObject({ status: { S: 'CONFIRMED' }, eventType: { S: 'OrderStatusChanged' } });
  });

  test('repeating a change that already happened is a no-op 200 (a retried PATCH)', async () => {
    const order = await createOrder();
    await call('PATCH', `/orders/${order.orderId}`, { body: { status: 'CANCELLED' } });
    const again = await call('PATCH', `/orders/${order.orderId}`, { body: { status: 'CANCELLED' } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'CANCELLED', version: 2 });
  });

  test('an invalid transition gets 409 with the current and allowed statuses, and writes nothing', async () => {
    const order = await createOrder();
    await call('PATCH', `/orders/${order.orderId}`, { body: { status: 'CANCELLED' } });

    const shipped = await call('PATCH', `/orders/${order.orderId}`, { body: { status: 'SHIPPED' } });
    expect(shipped.status).toBe(409);
    expect(shipped.body).toMatchObject({ title: 'Conflict', status: 409, currentStatus: 'CANCELLED', allowedStatuses: [] });
    expect(shipped.body.detail).toMatch(/is CANCELLED and cannot become SHIPPED/);

    // No status leads back to PLACED: refused without attempting a write.
    const placed = await call('PATCH', `/orders/${order.orderId}`, { body: { status: 'PLACED' } });
    expect(placed.status).toBe(409);
    expect((await call('GET', `/orders/${order.orderId}`)).body).toMatchObject({ status: 'CANCELLED', version: 2 });
  });

  test('a missing order gets 404 and a bad body 400', async () => {
    expect((await call('PATCH', '/orders/00000000-0000-8000-8000-000000000000', { body: { status: 'CANCELLED' } })).status).toBe(404);
    const order = await createOrder();
    const bad = await call('PATCH', `/orders/${order.orderId}`, { body: { status: 'LOST', total: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/total', '/status']);
  });
});

describe('routing and failures', () => {
  test('unknown routes get 404 and wrong methods 405 with Allow', async () => {
    expect((await call('GET', '/customers')).status).toBe(404);
    const wrong = await call('DELETE', '/orders/00000000-0000-8000-8000-000000000000');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET, PATCH');
    expect((await call('GET', '/orders')).headers.allow).toBe('POST');
  });

  test('a DynamoDB error gets 500 and an error log line, not a crash', async () => {
    process.env.TABLE_NAME = 'no-such-table';
    try {
      const response = await call('GET', '/orders/00000000-0000-8000-8000-000000000000');
      expect(response.status).toBe(500);
      expect(response.body).toMatchObject({ title: 'Internal Server Error', status: 500 });
      expect(logLines().find((l) => l.level === 'error')).toMatchObject({ message: 'request failed', error: { name: 'ResourceNotFoundException' } });
    } finally {
      process.env.TABLE_NAME = TABLE;
    }
  });
});
