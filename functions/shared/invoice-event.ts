import { InvalidMessageError } from './order-event';
import { Problem, checkId, isRecord } from './order';

/** The key prefix of invoices in the order documents bucket: `invoices/<orderId>.pdf`. */
export const INVOICES_PREFIX = 'invoices/';

/** An invoice stored for an order, read from the S3 `Object Created` event EventBridge delivered. */
export interface InvoiceReady {
  /** EventBridge event ID, the same for each delivery of one event. */
  readonly id: string;
  /** The order the invoice is for (the key's file name without `.pdf`). */
  readonly orderId: string;
  /** Bucket and key of the invoice. */
  readonly bucket: string;
  readonly key: string;
}

/** Whether an SQS body is an S3 event delivered by EventBridge rather than an order event. */
export function isS3Event(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    return isRecord(parsed) && parsed.source === 'aws.s3';
  } catch {
    return false;
  }
}

/**
 * Parses the `Object Created` event of an invoice (`invoices/<orderId>.pdf`).
 * @throws InvalidMessageError listing every problem found.
 */
export function parseInvoiceReady(body: string): InvoiceReady {
  const parsed: unknown = JSON.parse(body);
  if (!isRecord(parsed)) throw new InvalidMessageError([{ pointer: '', detail: 'must be a JSON object (an EventBridge event)' }]);
  const problems: Problem[] = [];
  if (parsed['detail-type'] !== 'Object Created') problems.push({ pointer: '/detail-type', detail: 'must be "Object Created"' });
  checkId(parsed.id, '/id', problems);
  const detail = isRecord(parsed.detail) ? parsed.detail : {};
  const bucket = isRecord(detail.bucket) && typeof detail.bucket.name === 'string' ? detail.bucket.name : undefined;
  if (!bucket) problems.push({ pointer: '/detail/bucket/name', detail: 'must be a string' });
  const key = isRecord(detail.object) && typeof detail.object.key === 'string' ? detail.object.key : undefined;
  const match = key === undefined ? null : /^invoices\/([^/]+)\.pdf$/.exec(key);
  if (!match) problems.push({ pointer: '/detail/object/key', detail: `must be ${INVOICES_PREFIX}<orderId>.pdf` });
  const orderId = match?.[1];
  if (orderId !== undefined) checkId(orderId, '/detail/object/key', problems);
  if (problems.length > 0) throw new InvalidMessageError(problems, orderId);
  return { id: parsed.id as string, orderId: orderId!, bucket: bucket!, key: key! };
}
