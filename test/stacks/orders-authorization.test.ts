import { Testing } from 'cdktf';
import { synthesizeStack } from '../../modules/core/terraform-json';
import { document } from '../../modules/core/values';
import { Authorizer } from '../../modules/routing/authorization';
import { RoutingModel, simulate, SimulationOptions } from '../../modules/testing';
import { ENVIRONMENTS } from '../../stacks/environments';
import { OrdersStack } from '../../stacks/orders-stack';
import { toOrderEvents } from '../../functions/order-events/handler';

type Json = Record<string, any>;
const dev = ENVIRONMENTS.find((e) => e.name === 'dev')!;
const options: SimulationOptions = { enrichments: { 'orders-dev-order-events': (records: unknown[]) => toOrderEvents(records as never) } };
const devJson = (): Json => JSON.parse(JSON.stringify(synthesizeStack(new OrdersStack(Testing.app(), dev, {})))) as Json;

function orderPlaced(model: RoutingModel) {
  const detail = { orderId: 'o-1', customerId: 'c-1', status: 'PLACED', total: 10, currency: 'EUR', items: [], notifications: { optIn: true } };
  return simulate(model, { kind: 'putEvents', bus: 'orders-dev-orders', entry: { Source: 'orders.service', DetailType: 'OrderPlaced', Detail: detail } }, options);
}

/** The one resource of a type whose logical id starts with `prefix`. */
function resourceAt(json: Json, type: string, prefix: string): Json {
  const found = Object.entries(json.resource[type] as Record<string, Json>).filter(([id]) => id.startsWith(prefix));
  expect(found).toHaveLength(1);
  return found[0][1];
}

describe.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('orders-%s authorization', (name, settings) => {
  const model = RoutingModel.from(new OrdersStack(Testing.app(), settings, {}));

  it('allows every hop of the routing graph under the policies AWS evaluates', () => {
    expect(Authorizer.of(model).deniedHops().map((d) => `${d.hop} ${d.via.name}: ${d.denial.call}: ${d.denial.reason}`)).toEqual([]);
  });

  it('delivers an OrderPlaced with no call refused on the way', () => {
    const detail = { orderId: 'o-1', customerId: 'c-1', status: 'PLACED', total: settings.highValueThreshold, currency: 'EUR', items: [], notifications: { optIn: true } };
    const trace = simulate(model, { kind: 'putEvents', bus: `${settings.namePrefix}-orders`, entry: { Source: 'orders.service', DetailType: 'OrderPlaced', Detail: detail } });
    expect(trace.denials).toEqual([]);
    for (const queue of ['fulfillment', 'billing', 'notifications', 'fraud-review']) expect(trace).toBeDeliveredTo(`${settings.namePrefix}-${queue}`);
    expect(name).toBe(settings.name);
  });
});

describe('orders-dev with a broken grant', () => {
  it('denies SNS the billing queue once its sns.amazonaws.com statement is removed, and the message goes to the subscription DLQ', () => {
    const json = devJson();
    const policy = resourceAt(json, 'aws_sqs_queue_policy', 'billing_Policy_');
    const doc = document<Json>(policy.policy)!;
    doc.Statement = (doc.Statement as Json[]).filter((s) => s.Principal?.Service !== 'sns.amazonaws.com');
    policy.policy = JSON.stringify(doc);
    const trace = orderPlaced(RoutingModel.fromJson(json));

    expect(trace).toBeDeliveredTo('orders-dev-fulfillment');
    expect(trace).not.toBeDeliveredTo('orders-dev-billing');
    expect(trace.denials.map((d) => [d.resource.name, d.call, d.policy])).toEqual([
      [expect.stringContaining('billing'), 'sns.amazonaws.com sqs:SendMessage on queue orders-dev-billing', expect.stringMatching(/^queue policy aws_sqs_queue_policy\.billing_Policy_/)],
    ]);
    expect(trace.denials[0].reason).toMatch(/^queue policy aws_sqs_queue_policy\.billing_Policy_\w+ has no statement allowing sns\.amazonaws\.com sqs:SendMessage$/);
    const dlq = trace.deadLetters.map((d) => d.endpoint.name);
    expect(dlq).toEqual(['orders-dev-order-events-billing-dlq']);
    expect(() => expect(trace).toBeDeliveredTo('orders-dev-billing')).toThrow(/AWS would deny:\n {2}- sns\.amazonaws\.com sqs:SendMessage on queue orders-dev-billing: queue policy aws_sqs_queue_policy\.billing_Policy_\w+ has no statement allowing sns\.amazonaws\.com sqs:SendMessage/);
  });

  it('denies EventBridge the order-events key when its statement asks for aws:SourceArn, which the KMS request does not carry: every order goes to the rule DLQ', () => {
    const json = devJson();
    const key = resourceAt(json, 'aws_kms_key', 'order-events_Key_');
    const doc = document<Json>(key.policy)!;
    const events = (doc.Statement as Json[]).find((s) => s.Principal?.Service === 'events.amazonaws.com')!;
    events.Condition = { ArnEquals: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:123456789012:rule/orders-dev-orders/orders-dev-order-lifecycle' } };
    key.policy = JSON.stringify(doc);
    const trace = orderPlaced(RoutingModel.fromJson(json));

    for (const queue of ['fulfillment', 'billing', 'notifications']) expect(trace).not.toBeDeliveredTo(`orders-dev-${queue}`);
    expect(trace.denials).toHaveLength(1);
    expect(trace.denials[0].call).toBe('events.amazonaws.com kms:GenerateDataKey on the key of topic orders-dev-order-events');
    expect(trace.denials[0].reason).toMatch(
      /^key policy aws_kms_key\.order-events_Key_\w+ Sid "AllowEventsUseKey1" would allow events\.amazonaws\.com kms:GenerateDataKey, but its condition ArnEquals aws:SourceArn \["arn:aws:events:[^"]+"\] fails: the request carries no aws:SourceArn \(AWS documents no aws:SourceArn in this request, so it is taken as absent\)$/,
    );
    expect(trace).toEndInDeadLetterQueue('order-lifecycle');
    const dead = trace.deadLetters[0].payload as Json;
    expect(dead.MessageAttributes.ERROR_CODE).toEqual({ DataType: 'String', StringValue: 'NO_PERMISSIONS' });
  });
});
