import type { DynamoDBRecord } from 'aws-lambda';
import { handler, toOrderEvents } from '../../functions/order-events/handler';
import { parseOrderEvent } from '../../functions/shared/order-event';

const image = {
  pk: { S: 'ORDER#o-1' },
  orderId: { S: 'o-1' },
  customerId: { S: 'c-1' },
  status: { S: 'PLACED' },
  eventType: { S: 'OrderPlaced' },
  total: { N: '1200.5' },
  currency: { S: 'EUR' },
  items: { L: [{ M: { sku: { S: 'BOOK-1' }, quantity: { N: '2' }, unitPrice: { N: '600.25' } } }] },
  notifications: { M: { optIn: { BOOL: true } } },
  version: { N: '1' },
};

const record = (newImage: Record<string, unknown> | undefined, eventName = 'INSERT'): DynamoDBRecord =>
  ({ eventID: 'e-1', eventName, eventSource: 'aws:dynamodb', dynamodb: { NewImage: newImage, StreamViewType: 'NEW_AND_OLD_IMAGES' } }) as DynamoDBRecord;

describe('order-events enrichment', () => {
  it('adds the plain event detail, with numbers as JSON numbers, and keeps the record', () => {
    const [event] = toOrderEvents([record(image)]);
    expect(event.detail).toEqual({
      orderId: 'o-1',
      customerId: 'c-1',
      status: 'PLACED',
      total: 1200.5,
      currency: 'EUR',
      items: [{ sku: 'BOOK-1', quantity: 2, unitPrice: 600.25 }],
      notifications: { optIn: true },
      version: 1,
    });
    // The pipe's detail-type path reads the record, so it must survive enrichment.
    expect(event.dynamodb?.NewImage?.eventType).toEqual({ S: 'OrderPlaced' });
  });

  it('drops records that are not order events, keeping the rest in order, and logs each drop', async () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0);
    const { eventType: _dropped, ...withoutType } = image;
    const out = await handler([record(withoutType), record(undefined, 'REMOVE'), record({ ...image, orderId: { S: 'o-2' } })]);
    write.mockRestore();
    expect(out.map((e) => e.detail.orderId)).toEqual(['o-2']);
    expect(_dropped).toBeDefined();
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ level: 'warn', service: 'order-events', message: 'dropped a stream record that is not an order event', eventName: 'INSERT' }),
      expect.objectContaining({ level: 'warn', eventName: 'REMOVE' }),
    ]);
  });

  it('treats a missing opt-in as opted out', () => {
    const { notifications: _n, ...withoutChoice } = image;
    expect(toOrderEvents([record(withoutChoice)])[0].detail.notifications).toEqual({ optIn: false });
    expect(_n).toBeDefined();
  });

  describe('one bad record never fails the batch, and nothing is invented', () => {
    let lines: Record<string, unknown>[];
    beforeEach(() => {
      lines = [];
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => lines.push(JSON.parse(String(chunk))) > 0);
    });
    afterEach(() => jest.restoreAllMocks());

    const good = (orderId: string) => record({ ...image, orderId: { S: orderId } });

    it.each<[string, Record<string, unknown>, string[]]>([
      ['items stored as a string set', { items: { SS: ['BOOK-1'] } }, ['/dynamodb/NewImage/items']],
      ['items stored as a map', { items: { M: { sku: { S: 'BOOK-1' } } } }, ['/detail/items']],
      ['a total beyond JavaScript precision', { total: { N: '12345678901234567890.5' } }, ['/dynamodb/NewImage/total']],
      ['a unit price beyond JavaScript precision', { items: { L: [{ M: { sku: { S: 'A' }, quantity: { N: '1' }, unitPrice: { N: '0.1000000000000000000001' } } }] } }, ['/dynamodb/NewImage/items/0/unitPrice']],
      ['a NULL total', { total: { NULL: true } }, ['/detail/total']],
      ['no orderId and no customerId', { orderId: undefined, customerId: undefined }, ['/detail/orderId', '/detail/customerId']],
      ['a version that is not a whole number', { version: { N: '1.5' } }, ['/detail/version']],
      ['OrderPlaced for a cancelled order', { status: { S: 'CANCELLED' } }, ['/detail/status']],
    ])('%s: the record is dropped and logged, the records around it go on', async (_, change, problemPointers) => {
      const bad = record({ ...image, orderId: { S: 'o-bad' }, ...change });
      const out = await handler([good('o-before'), bad, good('o-after')]);
      expect(out.map((e) => e.detail.orderId)).toEqual(['o-before', 'o-after']);
      const dropped = lines.find((l) => l.message === 'dropped a stream record whose detail breaks the order event contract');
      expect(dropped).toMatchObject({ level: 'error', service: 'order-events', eventId: 'e-1' });
      expect((dropped!.problems as { pointer: string }[]).map((p) => p.pointer)).toEqual(problemPointers);
    });

    it('a number beyond JavaScript precision in an attribute the detail does not use changes nothing', () => {
      const [event] = toOrderEvents([record({ ...image, auditSequence: { N: '123456789012345678901234567890' } })]);
      expect(event.detail.total).toBe(1200.5);
    });

    it('reads numbers exactly, or not at all', () => {
      const [event] = toOrderEvents([record({ ...image, total: { N: '9007199254740991' }, version: { N: '7' } })]);
      expect(event.detail).toMatchObject({ total: 9007199254740991, version: 7 });
      expect(toOrderEvents([record({ ...image, total: { N: '9007199254740993' } })])).toEqual([]);
    });

    it('the emitted detail satisfies the contract the consumers check', () => {
      const [event] = toOrderEvents([record(image)]);
      const message = JSON.stringify({ id: 'ev-1', source: 'orders.service', 'detail-type': 'OrderPlaced', detail: event.detail });
      expect(parseOrderEvent(message).detail).toEqual(event.detail);
    });
  });
});
