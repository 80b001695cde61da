import { createOrderEventConsumer } from '../shared/sqs-consumer';

/**
 * Consumer of the billing queue (SNS subscription filtered to OrderPlaced and
 * OrderCancelled): charges a new order and refunds a cancelled one.
 */
export const handler = createOrderEventConsumer({
  service: 'billing',
  accepts: ['OrderPlaced', 'OrderCancelled'],
  handle: (event, log) => {
    const { total, currency, customerId } = event.detail;
    const action = event.detailType === 'OrderPlaced' ? 'charge requested' : 'refund requested';
    log.info(action, { customerId, amount: total, currency });
  },
});
