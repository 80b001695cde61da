import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { Logger, createLogger } from './logger';
import { InvalidMessageError, OrderEvent, parseOrderEvent } from './order-event';
import { OrderEventType, listedProblems } from './order';
import { ProcessedEvents, processedEventsFromEnvironment } from './processed-events';

/** What one queue consumer does with the order events it receives. */
export interface OrderEventConsumerOptions {
  /** Function name, written as `service` on each log line. */
  readonly service: string;
  /**
   * Event types this consumer acts on. A valid event of another type is logged
   * and acknowledged, not failed: it is a routing choice upstream, not a poison message.
   */
  readonly accepts: readonly OrderEventType[];
  /**
   * Acts on one event. Throwing reports the message as a batch item failure, so
   * SQS redelivers it and, after the queue's maxReceiveCount, moves it to the DLQ.
   */
  readonly handle: (event: OrderEvent, log: Logger) => Promise<void> | void;
  /** @default a logger for `service` at `LOG_LEVEL` */
  readonly logger?: Logger;
  /**
   * Where the consumer remembers the events it acted on, so that an event
   * delivered twice is acted on once; `null` acts on every delivery.
   * @default the table `PROCESSED_EVENTS_TABLE` when set, else none
   */
  readonly processedEvents?: ProcessedEvents | null;
}

/** Lease of a claim when the invocation's deadline is unknown (outside Lambda): twice the consumers' 30 s timeout. */
const DEFAULT_LEASE_MS = 60_000;

/** A Lambda handler for an SQS event source mapping with `ReportBatchItemFailures`. */
export type SqsBatchHandler = (event: SQSEvent, context?: Pick<Context, 'awsRequestId'> & Partial<Pick<Context, 'getRemainingTimeInMillis'>>) => Promise<SQSBatchResponse>;

/**
 * Builds an SQS handler that parses and validates each record as an order event
 * (SNS envelope or raw EventBridge event), passes it to `handle`, and returns the
 * failed records in `batchItemFailures`: one bad message is retried and then
 * dead-lettered alone instead of failing the whole batch.
 *
 * The event source mapping must set `function_response_types = ["ReportBatchItemFailures"]`;
 * without it Lambda ignores the response and deletes every message of a batch that returns.
 */
export function createOrderEventConsumer(options: OrderEventConsumerOptions): SqsBatchHandler {
  const baseLog = options.logger ?? createLogger({ service: options.service });
  return async (event, context) => {
    const processed = options.processedEvents !== undefined ? options.processedEvents : processedEventsFromEnvironment(options.service);
    // A claim lasts until this invocation can no longer act: then a redelivery may take it over.
    const leaseExpiresAt = Date.now() + (context?.getRemainingTimeInMillis?.() ?? DEFAULT_LEASE_MS);
    const batchItemFailures: SQSBatchItemFailure[] = [];
    const invocationLog = context?.awsRequestId ? baseLog.child({ awsRequestId: context.awsRequestId }) : baseLog;
    // One at a time: batches are small (≤ 10 by default) and the order of log lines stays readable.
    for (const record of event.Records ?? []) {
      let log = invocationLog.child({ messageId: record.messageId, receiveCount: Number(record.attributes?.ApproximateReceiveCount) || undefined });
      try {
        const orderEvent = parseOrderEvent(record.body);
        log = log.child({ orderId: orderEvent.detail.orderId, eventId: orderEvent.id, detailType: orderEvent.detailType });
        if (!options.accepts.includes(orderEvent.detailType)) {
          log.warn('event type not handled by this consumer; acknowledged without action', { accepts: options.accepts });
          continue;
        }
        if (!processed) {
          await options.handle(orderEvent, log);
          continue;
        }
        const claimed = await processed.claim(orderEvent.detail, orderEvent.id, leaseExpiresAt);
        if (claimed.outcome === 'done') {
          log.info('event already acted on; acknowledged without acting again (a redelivery)');
          continue;
        }
        if (claimed.outcome === 'in-progress') throw new Error('another delivery of this event is being acted on; retried later');
        try {
          await options.handle(orderEvent, log);
        } catch (error) {
          await processed.release(claimed.claim).catch((releaseError) => log.warn('could not release the claim; it expires with its lease', { error: releaseError }));
          throw error;
        }
        // Acted: acknowledge even if recording that fails, since a retry would act again at once.
        const completed = await processed.complete(claimed.claim).catch((error) => log.error('acted, but could not record it; a later redelivery may act again', { error }));
        if (completed === false) log.warn('acted after the claim expired; another delivery may have acted too');
      } catch (error) {
        batchItemFailures.push({ itemIdentifier: record.messageId });
        if (error instanceof InvalidMessageError) {
          log.error('invalid order event; reported as failed so it reaches the DLQ', { orderId: error.orderId, problems: listedProblems(error.problems), problemCount: error.problems.length });
        } else {
          log.error('processing failed; reported as failed for retry', { error });
        }
      }
    }
    invocationLog.info('batch processed', { records: event.Records?.length ?? 0, failed: batchItemFailures.length });
    return { batchItemFailures };
  };
}
