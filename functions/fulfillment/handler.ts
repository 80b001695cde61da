import { createOrderEventConsumer } from '../shared/sqs-consumer';

/**
 * Consumer of the fulfillment queue (SNS subscription filtered to OrderPlaced):
 * asks the warehouse to pick and ship a new order.
 */
export const handler = createOrderEventConsumer({
  service: 'fulfillment',
  accepts: ['OrderPlaced'],
  handle: (event, log) => {
    const units = event.detail.items.reduce((sum, item) => sum + item.quantity, 0);
    log.info('fulfillment requested', { lines: event.detail.items.length, units });
  },
});
