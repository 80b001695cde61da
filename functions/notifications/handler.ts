import { createOrderEventConsumer } from '../shared/sqs-consumer';

const SUBJECTS = {
  OrderPlaced: 'Your order is confirmed',
  OrderStatusChanged: 'Your order was updated',
  OrderCancelled: 'Your order was cancelled',
} as const;

/**
 * Consumer of the notifications queue (SNS subscription filtered to customers
 * who opted in): tells the customer about every change to their order.
 */
export const handler = createOrderEventConsumer({
  service: 'notifications',
  accepts: ['OrderPlaced', 'OrderStatusChanged', 'OrderCancelled'],
  handle: (event, log) => {
    // The subscription filter already drops opted-out customers; check again
    // because a filter change must never make us message someone who said no.
    if (!event.detail.notifications.optIn) {
      log.info('customer has not opted in; no notification sent');
      return;
    }
    log.info('notification sent', { customerId: event.detail.customerId, subject: SUBJECTS[event.detailType], status: event.detail.status });
  },
});
