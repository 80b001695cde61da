import { RoutingModel, simulate } from '../../modules/testing';
import { partialMatch } from '../../modules/testing/jest';
import { orderPlaced, ordersStack } from './fixtures';

const orders = RoutingModel.from(ordersStack());
const placed = simulate(orders, orderPlaced());
const failing = simulate(orders, orderPlaced(), { consumerFailures: { 'fulfillment-consumer': Infinity } });

/** The message a failing assertion throws. */
function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the assertion passed');
}

describe('toBeDeliveredTo', () => {
  test('passes by name, path fragment, address or ARN', () => {
    expect(placed).toBeDeliveredTo('fulfillment');
    expect(placed).toBeDeliveredTo('orders/billing');
    expect(placed).toBeDeliveredTo('aws_sqs_queue.billing');
    expect(placed).toBeDeliveredTo('arn:aws:sns:eu-west-1:123456789012:order-events');
  });

  test('fails listing where the event did go, and the trace', () => {
    const message = failure(() => expect(placed).toBeDeliveredTo('notifications'));
    expect(message).toContain('expected the event to be delivered to "notifications", but it was delivered to:');
    expect(message).toContain('  - queue fulfillment (orders/fulfillment/Queue)');
    expect(message).toContain('  - function billing-consumer (orders/billing-consumer)');
    expect(message).toContain('✗ subscription notifications-sub (orders/notifications-sub) to queue notifications (orders/notifications/Queue) [MessageBody] {"detail":{"notify":[true]}}');
  });

  test('.not fails listing the matching deliveries', () => {
    const message = failure(() => expect(placed).not.toBeDeliveredTo('billing'));
    expect(message).toContain('expected the event not to be delivered to "billing", but it was delivered to:\n  - queue billing (orders/billing)\n\nTrace:');
  });

  test('refuses what is not a trace', () => {
    expect(failure(() => expect({}).toBeDeliveredTo('x'))).toMatch(/expects a Trace returned by simulate\(\)/);
  });
});

describe('toBeDeliveredWith', () => {
  test('matches payloads partially, JSON strings as objects, with asymmetric matchers', () => {
    expect(placed).toBeDeliveredWith('billing', { Body: { 'detail-type': 'OrderPlaced', detail: { orderId: 'o-1' } } });
    expect(placed).toBeDeliveredWith('fulfillment-consumer', { Records: [{ body: { Message: { detail: { total: 120 } } }, eventSource: 'aws:sqs' }] });
    expect(placed).toBeDeliveredWith('orders', { id: expect.any(String), resources: [] });
    expect(placed).not.toBeDeliveredWith('billing', { Body: { detail: { orderId: 'o-2' } } });
  });

  test('fails showing what the endpoint received', () => {
    const message = failure(() => expect(placed).toBeDeliveredWith('billing', { Body: { detail: { orderId: 'o-2' } } }));
    expect(message).toContain('delivered to "billing", but what it received differs:');
    expect(message).toContain('- queue billing (orders/billing):');
    expect(message).toContain('"Body": "{\\"version\\":\\"0\\"');
  });

  test('fails saying nothing arrived when nothing did', () => {
    expect(failure(() => expect(placed).toBeDeliveredWith('fraud-review', {}))).toContain('but nothing was delivered there. Delivered to:');
  });

  test('.not fails showing the matching payload', () => {
    expect(failure(() => expect(placed).not.toBeDeliveredWith('billing', { Body: { source: 'orders.service' } }))).toContain('expected no payload delivered to "billing" to match');
  });
});

describe('toEndInDeadLetterQueue', () => {
  test('passes for the DLQ named, or any DLQ', () => {
    expect(failing).toEndInDeadLetterQueue('fulfillment-dlq');
    expect(failing).toEndInDeadLetterQueue('fulfillment/DeadLetterQueue');
    expect(failing).toEndInDeadLetterQueue();
    expect(failing).not.toEndInDeadLetterQueue('billing-dlq');
    expect(placed).not.toEndInDeadLetterQueue();
  });

  test('fails saying where things were dead-lettered, or that nothing was', () => {
    expect(failure(() => expect(failing).toEndInDeadLetterQueue('billing-dlq'))).toContain(
      'expected the event to end in dead-letter queue "billing-dlq", but it was dead-lettered to:\n  - queue fulfillment-dlq (orders/fulfillment/DeadLetterQueue) [dead letter]',
    );
    expect(failure(() => expect(placed).toEndInDeadLetterQueue())).toContain('expected the event to end in a dead-letter queue, but nothing was dead-lettered. Delivered to:');
    expect(failure(() => expect(failing).not.toEndInDeadLetterQueue())).toContain('expected the event not to end in a dead-letter queue, but it was dead-lettered to:');
  });
});

describe('partialMatch', () => {
  test.each([
    [{ a: 1, b: { c: 2 } }, { b: { c: 2 } }, true],
    [{ a: 1 }, { a: 2 }, false],
    [{ a: 1 }, { b: undefined }, true],
    [[1, 2], [1, 2], true],
    [[1, 2], [1], false],
    ['{"a":{"b":1}}', { a: { b: 1 } }, true],
    ['not json', { a: 1 }, false],
    ['[1,2]', [1, 2], true],
    [null, {}, false],
    [NaN, NaN, true],
    [[{ a: 1, x: 0 }], [{ a: 1 }], true],
  ])('%j ~ %j → %s', (actual, expected, result) => {
    expect(partialMatch(actual, expected)).toBe(result);
  });
});
