import { Testing } from 'cdktf';
import { RoutingModel, simulate } from 'cdktf-eda/testing';
import { PaymentsStack } from '../payments-stack';

const model = RoutingModel.from(new PaymentsStack(Testing.app(), 'payments'));
const captured = (amount: number, detailType = 'PaymentCaptured') =>
  simulate(model, { kind: 'putEvents', bus: 'payments', entry: { Source: 'payments.service', DetailType: detailType, Detail: { paymentId: 'p-1', amount } } });

describe('payments routing', () => {
  it('settles a captured payment and refunds nothing', () => {
    const trace = captured(25);
    expect(trace).toBeDeliveredTo('payments-settlements');
    expect(trace).not.toBeDeliveredTo('payments-refunds');
    expect(trace).toBeDeliveredWith('payments-settlements', { Body: { 'detail-type': 'PaymentCaptured', detail: { paymentId: 'p-1', amount: 25 } } });
  });

  it('queues a refund only when there is an amount to refund', () => {
    expect(captured(10, 'PaymentRefunded')).toBeDeliveredTo('payments-refunds');
    expect(captured(0, 'PaymentRefunded')).not.toBeDeliveredTo('payments-refunds');
  });

  it('ignores other sources', () => {
    const trace = simulate(model, { kind: 'putEvents', bus: 'payments', entry: { Source: 'orders.service', DetailType: 'PaymentCaptured', Detail: {} } });
    expect(trace).not.toBeDeliveredTo('payments-settlements');
  });
});
