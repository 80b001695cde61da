import { Testing } from 'cdktf';
import { document } from '../../modules/core/values';
import { RoutingModel, simulate } from '../../modules/testing';
import '../../modules/testing/jest';
import { ENVIRONMENTS } from '../../stacks/environments';
import { OrdersStack } from '../../stacks/orders-stack';
import { resourcesOf, synthJson } from '../helpers/synth';

const dev = ENVIRONMENTS.find((e) => e.name === 'dev')!;
const stack = new OrdersStack(Testing.app(), dev, {});
const json = synthJson(stack);
const model = RoutingModel.from(stack);
const options = { time: '2026-11-23T12:00:00Z', account: '123456789012' };
const uid = (type: string, pathSuffix: string) => resourcesOf(json, type).find((r) => String(r['//'].metadata.path).endsWith(pathSuffix))!['//'].metadata.uniqueId;

function put(detailType: string) {
  const detail = { orderId: 'o-1', customerId: 'c-1', status: 'PLACED', total: 120, currency: 'EUR', items: [{ sku: 'BOOK-1', quantity: 2, unitPrice: 60 }], notifications: { optIn: false }, version: 1 };
  return simulate(model, { kind: 'putEvents', bus: 'orders-dev-orders', entry: { Source: 'orders.service', DetailType: detailType, Detail: detail } }, options);
}

describe('order fulfillment as a workflow', () => {
  const sm = resourcesOf(json, 'aws_sfn_state_machine')[0];
  const definition = document<any>(sm.definition);
  const steps = definition.States.EachMessage.ItemProcessor.States;

  it('is a Standard workflow, logged and traced, started by a pipe from the fulfillment queue FIRE_AND_FORGET, one message per execution', () => {
    expect(sm).toMatchObject({ name: 'orders-dev-order-fulfillment', type: 'STANDARD', tracing_configuration: { enabled: true }, logging_configuration: { level: 'ERROR' } });
    const pipe = resourcesOf(json, 'aws_pipes_pipe').find((p) => p.name === 'orders-dev-fulfillment-to-workflow')!;
    expect(pipe).toMatchObject({
      source: `\${aws_sqs_queue.${uid('aws_sqs_queue', 'fulfillment/Resource/Queue')}.arn}`,
      target: `\${aws_sfn_state_machine.${uid('aws_sfn_state_machine', 'order-fulfillment/StateMachine')}.arn}`,
      source_parameters: { sqs_queue_parameters: { batch_size: 1 } },
      target_parameters: { step_function_state_machine_parameters: { invocation_type: 'FIRE_AND_FORGET' } },
    });
  });

  it('reserves stock, requests the shipment, then records the result on the order with the direct DynamoDB integration', () => {
    expect(Object.keys(steps)).toEqual(['ReserveStock', 'IsOrderPlaced', 'NothingToFulfil', 'RequestShipment', 'RecordResult', 'SendToDeadLetterQueue', 'Failed']);
    expect(steps.ReserveStock.Next).toBe('IsOrderPlaced');
    expect(steps.IsOrderPlaced.Choices[0].Next).toBe('RequestShipment');
    expect(steps.RequestShipment.Next).toBe('RecordResult');
    expect(steps.RecordResult).toMatchObject({
      Resource: 'arn:aws:states:::dynamodb:updateItem',
      Parameters: { TableName: `\${aws_dynamodb_table.${uid('aws_dynamodb_table', 'orders-table/Table')}.name}`, ConditionExpression: 'attribute_exists(pk)' },
      End: true,
    });
    // No eventType on the updated item: its stream record makes no event, so fulfilling an order never starts fulfillment again.
    expect(steps.RecordResult.Parameters.UpdateExpression).toBe('SET #fulfillment = :fulfillment, #updatedAt = :now REMOVE #eventType');
  });

  it('sends a message that fails any step to the fulfillment DLQ, then fails the execution', () => {
    for (const name of ['ReserveStock', 'RequestShipment', 'RecordResult']) expect(steps[name].Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'SendToDeadLetterQueue' }]);
    expect(steps.SendToDeadLetterQueue).toMatchObject({
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { QueueUrl: `\${aws_sqs_queue.${uid('aws_sqs_queue', 'fulfillment/DeadLetterQueue/Resource/Queue')}.url}`, 'MessageBody.$': '$.body' },
      Next: 'Failed',
    });
  });

  it('runs with a role allowed exactly the calls its steps make', () => {
    const policy = resourcesOf(json, 'aws_iam_role_policy').find((p) => p['//'].metadata.path === 'orders-dev/order-fulfillment/RolePolicy')!;
    const statements = document<any>(policy.policy).Statement;
    expect(statements.map((s: { Sid: string; Action: unknown }) => [s.Sid, s.Action])).toEqual([
      ['InvokeFunctions', 'lambda:InvokeFunction'],
      ['UpdateTableItems', 'dynamodb:UpdateItem'],
      ['SendMessages', 'sqs:SendMessage'],
      ['DeliverExecutionLog', expect.any(Array)],
      ['WriteTraces', expect.any(Array)],
    ]);
    const fn = (suffix: string) => `\${aws_lambda_function.${uid('aws_lambda_function', `fulfillment-${suffix}-function/Function`)}.arn}`;
    expect(statements[0].Resource).toEqual([fn('reserve-stock'), `${fn('reserve-stock')}:*`, fn('request-shipment'), `${fn('request-shipment')}:*`]);
  });
});

describe('orders-dev routing to the fulfillment workflow', () => {
  it('draws what each step calls: the two functions, the orders table, the fulfillment DLQ', () => {
    const calls = model.edges().filter((e) => e.from.kind === 'workflow').map((e) => `${e.label} -> ${e.to.kind} ${e.to.name}`);
    expect(calls).toEqual([
      'Task ReserveStock -> function orders-dev-fulfillment-reserve-stock',
      'Task RequestShipment -> function orders-dev-fulfillment-request-shipment',
      'Task RecordResult -> table orders-dev-orders',
      'Task SendToDeadLetterQueue -> queue orders-dev-fulfillment-dlq',
    ]);
  });


  it('an OrderPlaced reaches the workflow: rule → topic → fulfillment queue → pipe → StartExecution with the SQS record', () => {
    const trace = put('OrderPlaced');
    expect(trace).toBeDeliveredWith('orders-dev-order-fulfillment', [{ eventSource: 'aws:sqs', body: { 'detail-type': 'OrderPlaced', detail: { orderId: 'o-1' } } }]);
    expect(trace.deliveriesTo('orders-dev-order-fulfillment')[0].hop).toMatchObject({ kind: 'execution', via: { kind: 'pipe', name: 'orders-dev-fulfillment-to-workflow' } });
    expect(trace.denials).toEqual([]);
  });

  it('an OrderCancelled does not start fulfillment', () => {
    expect(put('OrderCancelled')).not.toBeDeliveredTo('orders-dev-order-fulfillment');
  });

  it('a message whose execution cannot start goes back to the queue, and to the fulfillment DLQ after maxReceiveCount', () => {
    const trace = simulate(
      model,
      { kind: 'sendMessage', queue: 'orders-dev-fulfillment', body: { 'detail-type': 'OrderPlaced' } },
      { ...options, deliveryFailures: { 'orders-dev-order-fulfillment': Infinity } },
    );
    expect(trace).not.toBeDeliveredTo('orders-dev-order-fulfillment');
    expect(trace).toEndInDeadLetterQueue('orders-dev-fulfillment-dlq');
  });

  it('the order update that records the result does not come back as an event', () => {
    const trace = simulate(
      model,
      { kind: 'streamRecord', table: 'orders-dev-orders', eventName: 'MODIFY', newImage: { pk: 'ORDER#o-1', orderId: 'o-1', status: 'PLACED', fulfillment: { status: 'SHIPMENT_REQUESTED' } } },
      { ...options, enrichments: { 'orders-dev-order-events': (records: unknown[]) => records } },
    );
    expect(trace).not.toBeDeliveredTo('orders-dev-order-fulfillment');
    expect(trace.hops.some((h) => h.kind === 'filter' && !h.matched)).toBe(true);
  });
});
