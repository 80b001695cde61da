import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { RoutingModel, simulate, SqsMessage, TargetHop } from '../../modules/testing';
import { allowInvoke, allowSend, orderPlaced, ordersStack, ORDER_SOURCE, stack } from './fixtures';

const orders = RoutingModel.from(ordersStack());

describe('PutEvents on a bus', () => {
  test('a matching rule delivers the EventBridge envelope to its target', () => {
    const trace = simulate(orders, orderPlaced());
    expect(trace.deliveries[0].payload).toEqual({
      version: '0',
      id: '00000000-0000-4000-8000-000000000001',
      'detail-type': 'OrderPlaced',
      source: ORDER_SOURCE,
      account: '123456789012',
      time: '2024-01-01T00:00:00Z',
      region: 'eu-west-1',
      resources: [],
      detail: { orderId: 'o-1', total: 120, notify: false },
    });
    expect(trace).toBeDeliveredTo('order-events');
    expect(trace).toBeDeliveredTo('fulfillment');
    expect(trace).toBeDeliveredTo('billing');
    expect(trace).not.toBeDeliveredTo('fraud-review');
    expect(trace).not.toBeDeliveredTo('notifications');
    expect(trace.hops.filter((h) => h.kind === 'rule').map((h) => [h.resource.name, h.kind === 'rule' && h.matched])).toEqual([
      ['order-lifecycle', true],
      ['high-value-orders', false],
    ]);
  });

  test('an event no rule matches goes nowhere', () => {
    const trace = simulate(orders, { kind: 'putEvents', bus: 'orders', entry: { Source: 'billing.service', DetailType: 'OrderPlaced', Detail: '{"orderId":"o-2"}' } });
    expect(trace.deliveries.map((d) => d.endpoint.name)).toEqual(['orders']);
    expect(trace).not.toBeDeliveredTo('order-events');
  });

  test('the input transformer fills variables and reserved variables', () => {
    const trace = simulate(orders, orderPlaced({ total: 1500 }));
    expect(trace).toBeDeliveredTo('fraud-review');
    const message = trace.deliveriesTo('fraud-review/Queue')[0].payload as SqsMessage;
    expect(message.Body).toBe('{"orderId":"o-1","total":1500,"rule":"high-value-orders","text":"order o-1 needs review"}');
    expect(message.Attributes.SenderId).toBe('events.amazonaws.com');
  });

  test('ids, time, account and region come from the options', () => {
    let n = 0;
    const trace = simulate(ordersStack(), orderPlaced(), { ids: () => `id-${++n}`, time: '2025-06-01T12:30:45.678Z', account: '999999999999', region: 'us-west-2' });
    expect(trace).toBeDeliveredWith('orders', { id: 'id-1', time: '2025-06-01T12:30:45Z', account: '999999999999', region: 'us-west-2' });
    expect(trace).toBeDeliveredWith('order-events', { TopicArn: 'arn:aws:sns:us-west-2:999999999999:order-events', Timestamp: '2025-06-01T12:30:45.678Z' });
  });

  test('the same input gives the same trace', () => {
    expect(JSON.stringify(simulate(orders, orderPlaced()).hops)).toBe(JSON.stringify(simulate(orders, orderPlaced()).hops));
  });

  test('bad entries are refused as PutEvents refuses them', () => {
    expect(() => simulate(orders, { kind: 'putEvents', bus: 'orders', entry: { Source: 's', DetailType: 'd', Detail: '[1]' } })).toThrow(/Detail must be a JSON object/);
    expect(() => simulate(orders, { kind: 'putEvents', bus: 'orders', entry: { Source: '', DetailType: 'd', Detail: {} } })).toThrow(/needs a Source/);
    expect(() => simulate(orders, { kind: 'putEvents', bus: 'nope', entry: { Source: 's', DetailType: 'd', Detail: {} } })).toThrow(/No bus matches "nope". Known: bus default.*bus orders \(orders\/bus\)/);
  });
});

describe('rule target failures', () => {
  test('retries exhausted: the event goes to the target DLQ with EventBridge attributes', () => {
    const trace = simulate(orders, orderPlaced(), { deliveryFailures: { 'order-lifecycle-target': Infinity } });
    const target = trace.hops.find((h): h is TargetHop => h.kind === 'target')!;
    expect(target).toMatchObject({ delivered: false, attempts: 3 });
    expect(trace).toEndInDeadLetterQueue('rule-dlq');
    expect(trace).not.toBeDeliveredTo('order-events');
    const dead = trace.deadLetters[0].payload as SqsMessage;
    expect(JSON.parse(dead.Body)).toMatchObject({ id: '00000000-0000-4000-8000-000000000001', 'detail-type': 'OrderPlaced' });
    expect(dead.MessageAttributes).toMatchObject({
      RULE_ARN: { DataType: 'String', StringValue: 'arn:aws:events:eu-west-1:123456789012:rule/orders/order-lifecycle' },
      TARGET_ARN: { StringValue: 'arn:aws:sns:eu-west-1:123456789012:order-events' },
      EXHAUSTED_RETRY_CONDITION: { StringValue: 'MaximumRetryAttempts' },
      RETRY_ATTEMPTS: { StringValue: '2' },
    });
  });

  test('fewer failures than retries: delivered on a later attempt', () => {
    const trace = simulate(orders, orderPlaced(), { deliveryFailures: { 'order-events': 2 } });
    expect(trace.hops.find((h) => h.kind === 'target')).toMatchObject({ delivered: true, attempts: 3 });
    expect(trace).toBeDeliveredTo('fulfillment');
    expect(trace).not.toEndInDeadLetterQueue();
  });

  test('without a DLQ the event is dropped, after 185 retries by default', () => {
    const trace = simulate(ordersStack({ targetDlq: false }), orderPlaced({ total: 5000 }), { deliveryFailures: { 'high-value-target': Infinity } });
    expect(trace.hops.find((h) => h.kind === 'target' && h.resource.name === 'high-value-target')).toMatchObject({ attempts: 186, delivered: false });
    expect(trace.hops.find((h) => h.kind === 'dropped')).toMatchObject({ reason: expect.stringContaining('no dead_letter_config') });
    expect(trace).not.toBeDeliveredTo('fraud-review/Queue');
  });

  test('an unknown failure reference is an error, not a silent no-op', () => {
    expect(() => simulate(orders, orderPlaced(), { deliveryFailures: { nothing: 1 } })).toThrow(/deliveryFailures: "nothing" matches no/);
  });
});

describe('rules and targets of every kind', () => {
  function kinds() {
    const s = stack('kinds');
    const bus = new CloudwatchEventBus(s, 'bus', { name: 'main' });
    const other = new CloudwatchEventBus(s, 'other', { name: 'other' });
    const sink = new SqsQueue(s, 'sink', { name: 'sink' });
    const fnDlq = new SqsQueue(s, 'fn-dlq', { name: 'fn-dlq' });
    const failures = new SqsQueue(s, 'fn-failures', { name: 'fn-failures' });
    const fn = new LambdaFunction(s, 'handler', {
      functionName: 'handler',
      role: 'arn:aws:iam::123456789012:role/x',
      deadLetterConfig: { targetArn: fnDlq.arn },
    });
    const quick = new LambdaFunction(s, 'quick', { functionName: 'quick', role: 'arn:aws:iam::123456789012:role/x' });
    new LambdaFunctionEventInvokeConfig(s, 'quick-config', {
      functionName: quick.functionName,
      maximumRetryAttempts: 0,
      destinationConfig: { onFailure: { destination: failures.arn } },
    });
    const rule = (id: string, config: Partial<ConstructorParameters<typeof CloudwatchEventRule>[2]>) =>
      new CloudwatchEventRule(s, id, { name: id, eventBusName: bus.name, eventPattern: JSON.stringify({ source: ['app'] }), ...config });
    const toFn = rule('to-fn', {});
    new CloudwatchEventTarget(s, 'to-fn-target', { rule: toFn.name, eventBusName: bus.name, arn: fn.arn });
    const toQuick = rule('to-quick', {});
    new CloudwatchEventTarget(s, 'to-quick-target', { rule: toQuick.name, eventBusName: bus.name, arn: quick.arn, input: '{"fixed":true}' });
    const forward = rule('forward', {});
    new CloudwatchEventTarget(s, 'forward-target', { rule: forward.name, eventBusName: bus.name, arn: other.arn });
    const onOther = new CloudwatchEventRule(s, 'on-other', { name: 'on-other', eventBusName: other.name, eventPattern: JSON.stringify({ source: ['app'] }) });
    new CloudwatchEventTarget(s, 'on-other-target', { rule: onOther.name, eventBusName: other.name, arn: sink.arn, inputPath: '$.detail' });
    const sfn = rule('to-sfn', {});
    new CloudwatchEventTarget(s, 'to-sfn-target', { rule: sfn.name, eventBusName: 'main', arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:flow' });
    rule('disabled', { state: 'DISABLED' });
    new CloudwatchEventRule(s, 'nightly', { name: 'nightly', eventBusName: bus.name, scheduleExpression: 'rate(1 day)' });
    const onDefault = new CloudwatchEventRule(s, 'on-default', { name: 'on-default', eventPattern: JSON.stringify({ source: ['app'] }) });
    new CloudwatchEventTarget(s, 'on-default-target', { rule: onDefault.name, arn: sink.arn });
    const loop = new CloudwatchEventRule(s, 'loop', { name: 'loop', eventBusName: other.name, eventPattern: JSON.stringify({ source: ['loop'] }) });
    new CloudwatchEventTarget(s, 'loop-target', { rule: loop.name, eventBusName: other.name, arn: other.arn });
    allowSend(sink, 'events.amazonaws.com', onOther.arn, onDefault.arn);
    allowInvoke(fn, 'events.amazonaws.com', toFn.arn);
    allowInvoke(quick, 'events.amazonaws.com', toQuick.arn);
    return RoutingModel.from(s);
  }
  const model = kinds();
  const put = (source = 'app', bus = 'main') => ({ kind: 'putEvents' as const, bus, entry: { Source: source, DetailType: 'Thing', Detail: { n: 1 } } });

  test('a Lambda target is invoked asynchronously with the event', () => {
    const trace = simulate(model, put());
    expect(trace).toBeDeliveredWith('handler', { source: 'app', 'detail-type': 'Thing', detail: { n: 1 } });
    expect(trace).toBeDeliveredWith('quick', { fixed: true });
  });

  test('failed asynchronous invocations retry twice, then go to the function DLQ', () => {
    const trace = simulate(model, put(), { consumerFailures: { handler: Infinity } });
    expect(trace.hops.filter((h) => h.kind === 'invoke' && h.resource.name === 'handler').map((h) => h.kind === 'invoke' && h.attempt)).toEqual([1, 2, 3]);
    expect(trace).toEndInDeadLetterQueue('fn-dlq');
    const dead = trace.deliveriesTo('fn-dlq')[0].payload as SqsMessage;
    expect(JSON.parse(dead.Body)).toMatchObject({ source: 'app' });
    expect(dead.MessageAttributes).toHaveProperty('ErrorMessage');
  });

  test('an event invoke config sets retries and the on-failure destination', () => {
    const trace = simulate(model, put(), { consumerFailures: { quick: 1 } });
    expect(trace.hops.filter((h) => h.kind === 'invoke' && h.resource.name === 'quick')).toHaveLength(1);
    expect(trace).toEndInDeadLetterQueue('fn-failures');
    expect(trace).toBeDeliveredWith('fn-failures', {
      Body: { requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 1 }, requestPayload: { fixed: true } },
    });
  });

  test('a bus target forwards the event to the other bus, whose rules apply', () => {
    const trace = simulate(model, put());
    expect(trace).toBeDeliveredWith('other', { source: 'app', id: '00000000-0000-4000-8000-000000000001' });
    expect(trace).toBeDeliveredWith('sink', { Body: '{"n":1}' });
  });

  test('a target outside the stack receives the event', () => {
    expect(simulate(model, put())).toBeDeliveredWith('arn:aws:states:eu-west-1:123456789012:stateMachine:flow', { source: 'app' });
  });

  test('disabled and schedule-only rules match nothing, and say why', () => {
    const hops = simulate(model, put()).hops;
    expect(hops.find((h) => h.kind === 'rule' && h.resource.name === 'disabled')).toMatchObject({ matched: false, reason: 'rule is DISABLED' });
    expect(hops.find((h) => h.kind === 'rule' && h.resource.name === 'nightly')).toMatchObject({ matched: false, reason: expect.stringContaining('schedule-only') });
  });

  test('rules without event_bus_name are on the default bus', () => {
    const trace = simulate(model, put('app', 'default'));
    expect(trace.hops.filter((h) => h.kind === 'rule').map((h) => h.resource.name)).toEqual(['on-default']);
    expect(trace).toBeDeliveredTo('sink');
  });

  test('a bus that feeds itself stops at maxDepth', () => {
    const trace = simulate(model, put('loop', 'other'), { maxDepth: 6 });
    expect(trace.hops.at(-1)).toMatchObject({ kind: 'dropped', reason: expect.stringContaining('routing loop') });
  });
});

describe('PutEvents entry Time', () => {
  it('names an unreadable Time instead of failing inside the date code', () => {
    const s = stack();
    new CloudwatchEventBus(s, 'bus', { name: 'b' });
    expect(() => simulate(s, { kind: 'putEvents', bus: 'b', entry: { Source: 's', DetailType: 'd', Detail: {}, Time: 'yesterday' } })).toThrow(
      'PutEvents entry Time is not a date: yesterday',
    );
  });
});
