import type { DynamoDBRecord } from 'aws-lambda';
import { handler, toOrderEvents } from '../../functions/order-events/handler';

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
});
