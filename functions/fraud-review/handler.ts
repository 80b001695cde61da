import { createOrderEventConsumer } from '../shared/sqs-consumer';

/**
 * Consumer of the fraud-review queue, which the "high-value-orders" EventBridge
 * rule targets directly (raw EventBridge events): opens a review case for a new
 * order at or above the threshold.
 */
export const handler = createOrderEventConsumer({
  service: 'fraud-review',
  accepts: ['OrderPlaced'],
  handle: (event, log) => {
    log.info('fraud review opened', { customerId: event.detail.customerId, total: event.detail.total, currency: event.detail.currency });
  },
});
