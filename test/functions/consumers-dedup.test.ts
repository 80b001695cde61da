/**
 * Queue consumers act once on an event delivered more than once, with their
 * claims in a processed-events table on dynalite (conditional writes as on AWS).
 */
import { handler as billing } from '../../functions/billing/handler';
import { handler as notifications } from '../../functions/notifications/handler';
import { documentClientFromEnvironment } from '../../functions/shared/dynamodb';
import { OrderEvent } from '../../functions/shared/order-event';
import { PROCESSED_EVENT_RETENTION_DAYS, ProcessedEvents } from '../../functions/shared/processed-events';
import { createOrderEventConsumer } from '../../functions/shared/sqs-consumer';
import { Dynalite, startDynalite } from './harness';
import { captureLogs, logLines } from './logs';
import { ORDER_ID, eventBridgeEvent, snsEnvelope, sqsEvent, sqsRecord } from './sqs-events';

const TABLE = 'processed-events';
let db: Dynalite;
const logs = captureLogs();
let orderCounter = 0;

beforeAll(async () => {
  db = await startDynalite();
  Object.assign(process.env, {
    PROCESSED_EVENTS_TABLE: TABLE,
    DYNAMODB_ENDPOINT: db.endpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  delete process.env.AWS_PROFILE;
  await db.createTable(TABLE);
});

afterAll(async () => db?.close());

/** An OrderPlaced of a new order each time, so that tests do not share claims. */
function placed(detail: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) {
  orderCounter += 1;
  return eventBridgeEvent('OrderPlaced', { orderId: `${ORDER_ID.slice(0, -4)}${String(orderCounter).padStart(4, '0')}`, ...detail }, overrides);
}

const charges = () => logLines(logs).filter((l) => l.message === 'charge requested');

describe('a redelivered event is acted on once', () => {
  test('the same SQS message received twice: one charge, the second acknowledged', async () => {
    const body = snsEnvelope(placed());
    const first = await billing(sqsEvent(sqsRecord('m-1', body, 'billing')));
    const again = await billing(sqsEvent(sqsRecord('m-1', body, 'billing')));
    expect(first.batchItemFailures).toEqual([]);
    expect(again.batchItemFailures).toEqual([]);
    expect(charges()).toHaveLength(1);
    expect(logLines(logs)).toContainEqual(expect.objectContaining({ level: 'info', messageId: 'm-1', message: 'event already acted on; acknowledged without acting again (a redelivery)' }));
  });

  test('two copies in one batch, and the same write republished under a new event ID: one charge', async () => {
    const event = placed();
    const republished = { ...event, id: 'a-new-eventbridge-id' };
    const result = await billing(
      sqsEvent(
        sqsRecord('copy-1', snsEnvelope(event), 'billing'),
        sqsRecord('copy-2', JSON.stringify(event), 'billing'),
        sqsRecord('republished', snsEnvelope(republished), 'billing'),
      ),
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(charges().map((l) => l.messageId)).toEqual(['copy-1']);
  });

  test('concurrent deliveries of one event: one charge, the others acknowledged or retried', async () => {
    const body = snsEnvelope(placed());
    const results = await Promise.all([1, 2, 3, 4].map((i) => billing(sqsEvent(sqsRecord(`m-${i}`, body, 'billing')))));
    expect(charges()).toHaveLength(1);
    // A delivery that found the claim held is retried; by then the claim is done.
    const retried = results.flatMap((r) => r.batchItemFailures.map((f) => f.itemIdentifier));
    for (const id of retried) expect((await billing(sqsEvent(sqsRecord(id, body, 'billing')))).batchItemFailures).toEqual([]);
    expect(charges()).toHaveLength(1);
  });

  test('each write of an order is its own event, and each consumer keeps its own claims', async () => {
    const order = placed();
    const cancelled = eventBridgeEvent('OrderCancelled', { ...order.detail, status: 'CANCELLED', version: 2 });
    await billing(sqsEvent(sqsRecord('placed', snsEnvelope(order), 'billing'), sqsRecord('cancelled', snsEnvelope(cancelled), 'billing')));
    await notifications(sqsEvent(sqsRecord('placed', snsEnvelope(order), 'notifications')));
    expect(logLines(logs).map((l) => l.message)).toEqual(expect.arrayContaining(['charge requested', 'refund requested', 'notification sent']));

    const items = (await db.scan(TABLE)).filter((i) => i.pk.S!.includes(order.detail.orderId));
    expect(items.map((i) => i.pk.S).sort()).toEqual([`billing#${order.detail.orderId}#1`, `billing#${order.detail.orderId}#2`, `notifications#${order.detail.orderId}#1`]);
    for (const item of items) {
      expect(item).toMatchObject({ state: { S: 'DONE' }, eventId: { S: expect.any(String) } });
      expect(item.leaseExpiresAt).toBeUndefined();
      // TTL in epoch seconds, 30 days ahead.
      expect(Number(item.expiresAt.N) - Date.now() / 1000).toBeCloseTo(PROCESSED_EVENT_RETENTION_DAYS * 86_400, -2);
    }
  });
});

describe('claims under failure', () => {
  const store = () => new ProcessedEvents(documentClientFromEnvironment(), TABLE, 'test');

  function consumer(handle: (event: OrderEvent) => void) {
    return createOrderEventConsumer({ service: 'test', accepts: ['OrderPlaced'], handle, processedEvents: store() });
  }

  test('a failed attempt releases its claim: the retry acts', async () => {
    const body = JSON.stringify(placed());
    let calls = 0;
    const flaky = consumer(() => {
      calls += 1;
      if (calls === 1) throw new Error('payment provider timed out');
    });
    expect((await flaky(sqsEvent(sqsRecord('m', body)))).batchItemFailures).toEqual([{ itemIdentifier: 'm' }]);
    expect((await flaky(sqsEvent(sqsRecord('m', body)))).batchItemFailures).toEqual([]);
    expect((await flaky(sqsEvent(sqsRecord('m', body)))).batchItemFailures).toEqual([]);
    expect(calls).toBe(2);
  });

  test('a claim held by a live delivery makes this one retry; once its lease runs out, a delivery takes it over', async () => {
    const event = placed();
    const held = await store().claim(event.detail as never, event.id, Date.now() + 60_000);
    expect(held.outcome).toBe('claimed');
    let calls = 0;
    const acting = consumer(() => void (calls += 1));
    expect((await acting(sqsEvent(sqsRecord('m', JSON.stringify(event))))).batchItemFailures).toEqual([{ itemIdentifier: 'm' }]);
    expect(calls).toBe(0);

    // The holder crashed: its lease ends with its invocation.
    const crashed = placed();
    await store().claim(crashed.detail as never, crashed.id, Date.now() - 1);
    expect((await acting(sqsEvent(sqsRecord('m2', JSON.stringify(crashed))))).batchItemFailures).toEqual([]);
    expect(calls).toBe(1);
  });

  test('the lease is the invocation deadline that Lambda reports', async () => {
    const event = placed();
    const before = Date.now();
    const never = createOrderEventConsumer({
      service: 'lease',
      accepts: ['OrderPlaced'],
      handle: async () => {
        const [item] = (await db.scan(TABLE)).filter((i) => i.pk.S === `lease#${event.detail.orderId}#1`);
        expect(Number(item.leaseExpiresAt.N)).toBeGreaterThanOrEqual(before + 25_000);
        expect(Number(item.leaseExpiresAt.N)).toBeLessThanOrEqual(Date.now() + 25_000);
      },
      processedEvents: new ProcessedEvents(documentClientFromEnvironment(), TABLE, 'lease'),
    });
    const result = await never(sqsEvent(sqsRecord('m', JSON.stringify(event))), { awsRequestId: 'r', getRemainingTimeInMillis: () => 25_000 });
    expect(result.batchItemFailures).toEqual([]);
  });

  test('with the table unreachable, the message is retried and nothing acts', async () => {
    let calls = 0;
    const unreachable = new ProcessedEvents(documentClientFromEnvironment({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:1' }), TABLE, 'test');
    const blind = createOrderEventConsumer({ service: 'test', accepts: ['OrderPlaced'], handle: () => void (calls += 1), processedEvents: unreachable });
    expect((await blind(sqsEvent(sqsRecord('m', JSON.stringify(placed()))))).batchItemFailures).toEqual([{ itemIdentifier: 'm' }]);
    expect(calls).toBe(0);
    documentClientFromEnvironment(); // back to dynalite; closes the unreachable client
  });

  test('without PROCESSED_EVENTS_TABLE, or with processedEvents: null, every delivery acts', async () => {
    const body = JSON.stringify(placed());
    let calls = 0;
    const plain = createOrderEventConsumer({ service: 'test', accepts: ['OrderPlaced'], handle: () => void (calls += 1), processedEvents: null });
    await plain(sqsEvent(sqsRecord('m', body), sqsRecord('m', body)));
    expect(calls).toBe(2);

    delete process.env.PROCESSED_EVENTS_TABLE;
    try {
      const unconfigured = createOrderEventConsumer({ service: 'test', accepts: ['OrderPlaced'], handle: () => void (calls += 1) });
      await unconfigured(sqsEvent(sqsRecord('m', body), sqsRecord('m', body)));
      expect(calls).toBe(4);
    } finally {
      process.env.PROCESSED_EVENTS_TABLE = TABLE;
    }
  });
});
