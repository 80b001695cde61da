import type { SQSBatchItemFailure } from 'aws-lambda';
import { InvalidMessageError } from '../shared/order-event';
import { listedProblems } from '../shared/order';
import { createLogger } from '../shared/logger';
import { isS3Event, parseInvoiceReady } from '../shared/invoice-event';
import { createOrderEventConsumer, SqsBatchHandler } from '../shared/sqs-consumer';

const SUBJECTS = {
  OrderPlaced: 'Your order is confirmed',
  OrderStatusChanged: 'Your order was updated',
  OrderCancelled: 'Your order was cancelled',
} as const;

/**
 * Order events (SNS subscription filtered to customers who opted in): tells
 * the customer about every change to their order.
 */
const orderEvents = createOrderEventConsumer({
  service: 'notifications',
  accepts: ['OrderPlaced', 'OrderStatusChanged', 'OrderCancelled'],
  handle: (event, eventLog) => {
    // The subscription filter already drops opted-out customers; check again
    // because a filter change must never make us message someone who said no.
    if (!event.detail.notifications.optIn) {
      eventLog.info('customer has not opted in; no notification sent');
      return;
    }
    eventLog.info('notification sent', { customerId: event.detail.customerId, subject: SUBJECTS[event.detailType], status: event.detail.status });
  },
});

/**
 * Consumer of the notifications queue. Besides order events, it receives the
 * S3 `Object Created` events of new invoices (rule `invoice-ready`): an
 * invoice is a transactional message, sent whatever the marketing opt-in.
 * Reports failed records one by one (`ReportBatchItemFailures`).
 */
export const handler: SqsBatchHandler = async (event, context) => {
  const base = createLogger({ service: 'notifications' });
  const log = context?.awsRequestId ? base.child({ awsRequestId: context.awsRequestId }) : base;
  const records = event.Records ?? [];
  const invoices = records.filter((r) => isS3Event(r.body));
  const failures: SQSBatchItemFailure[] = [];
  for (const record of invoices) {
    const recordLog = log.child({ messageId: record.messageId });
    try {
      const invoice = parseInvoiceReady(record.body);
      recordLog.info('notification sent', { orderId: invoice.orderId, eventId: invoice.id, subject: 'Your invoice is ready', key: invoice.key });
    } catch (error) {
      failures.push({ itemIdentifier: record.messageId });
      const problems = error instanceof InvalidMessageError ? listedProblems(error.problems) : undefined;
      recordLog.error('invalid invoice event; reported as failed so it reaches the DLQ', { problems, error: problems ? undefined : error });
    }
  }
  const others = records.filter((r) => !invoices.includes(r));
  const rest = others.length > 0 ? await orderEvents({ ...event, Records: others }, context) : { batchItemFailures: [] };
  return { batchItemFailures: [...failures, ...rest.batchItemFailures] };
};
