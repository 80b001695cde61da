import {
  ORDER_EVENT_SOURCE,
  ORDER_EVENT_TYPES,
  OrderDetail,
  OrderEventType,
  Problem,
  checkId,
  checkOrderDetail,
  exactNumber,
  isRecord,
  listedProblems,
} from './order';

/** How an event reached the queue. */
export type Delivery =
  /** Through the SNS topic, wrapped in an SNS notification envelope. */
  | 'sns'
  /** The EventBridge event itself: an SNS subscription with raw delivery, or a rule targeting the queue. */
  | 'eventbridge';

/** A validated order event. */
export interface OrderEvent {
  /** EventBridge event ID; the same event delivered twice keeps it, so it serves for de-duplication. */
  readonly id: string;
  readonly detailType: OrderEventType;
  /** Event time (ISO 8601) set by EventBridge. */
  readonly time?: string;
  readonly detail: OrderDetail;
  readonly delivery: Delivery;
}

/** A message that can never be processed: retrying it cannot help, so it belongs in the DLQ. */
export class InvalidMessageError extends Error {
  constructor(
    /** Every problem found; `pointer` is relative to the EventBridge event. */
    readonly problems: readonly Problem[],
    /** The order ID when the message carried a readable one, for the log line. */
    readonly orderId?: string,
  ) {
    const listed = listedProblems(problems);
    const more = problems.length > listed.length ? ` (and ${problems.length - listed.length} more)` : '';
    super(`invalid order event: ${listed.map((p) => `${p.pointer || '/'} ${p.detail}`).join('; ')}${more}`);
    this.name = 'InvalidMessageError';
  }
}

/**
 * Parses an SQS message body holding an order event, in either shape it arrives in:
 * an SNS notification envelope (`Type: "Notification"`, `Message` = the EventBridge
 * event as a JSON string) or the EventBridge event itself. Checks the envelope
 * (`source`, `detail-type`, `id`) and the detail against the event contract.
 *
 * @throws InvalidMessageError listing every problem found.
 */
export function parseOrderEvent(body: string): OrderEvent {
  let parsed = parseJson(body);
  let delivery: Delivery = 'eventbridge';
  if (isRecord(parsed) && parsed.Type === 'Notification' && 'TopicArn' in parsed) {
    delivery = 'sns';
    if (typeof parsed.Message !== 'string') throw new InvalidMessageError([{ pointer: '/Message', detail: 'SNS Message must be a string' }]);
    parsed = parseJson(parsed.Message);
  }
  if (!isRecord(parsed)) throw new InvalidMessageError([{ pointer: '', detail: 'must be a JSON object (an EventBridge event)' }]);

  const problems: Problem[] = [];
  if (parsed.source !== ORDER_EVENT_SOURCE) problems.push({ pointer: '/source', detail: `must be "${ORDER_EVENT_SOURCE}"` });
  const detailType = parsed['detail-type'];
  if (!ORDER_EVENT_TYPES.includes(detailType as OrderEventType)) {
    problems.push({ pointer: '/detail-type', detail: `must be one of ${ORDER_EVENT_TYPES.join(', ')}` });
  }
  checkId(parsed.id, '/id', problems);
  const time = typeof parsed.time === 'string' ? parsed.time : undefined;

  const detail = isRecord(parsed.detail) ? normalizeDetail(parsed.detail) : undefined;
  const orderId = typeof detail?.orderId === 'string' ? detail.orderId : undefined;
  if (!detail) {
    problems.push({ pointer: '/detail', detail: 'must be an object' });
  } else {
    checkOrderDetail(detailType, detail, '/detail', problems);
  }
  if (problems.length > 0) throw new InvalidMessageError(problems, orderId);
  return { id: parsed.id as string, detailType: detailType as OrderEventType, time, detail: detail as unknown as OrderDetail, delivery };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidMessageError([{ pointer: '', detail: 'is not valid JSON' }]);
  }
}

/**
 * Undoes what the stream pipe's input template may leave in the detail: a pipe
 * template copies a DynamoDB list or map as DynamoDB JSON (`{"L":[{"M":...}]}`),
 * and a number or boolean placed in quotes arrives as a string. Consumers accept
 * both forms so that the event contract holds whichever template the pipe uses.
 */
export function normalizeDetail(detail: Record<string, unknown>): Record<string, unknown> {
  const plain = fromDynamoJson(detail) as Record<string, unknown>;
  const items = Array.isArray(plain.items)
    ? plain.items.map((item) =>
        isRecord(item) ? { ...item, quantity: toNumber(item.quantity), unitPrice: toNumber(item.unitPrice) } : item,
      )
    : plain.items;
  const notifications = isRecord(plain.notifications)
    ? { ...plain.notifications, optIn: toBoolean(plain.notifications.optIn) }
    : plain.notifications;
  return { ...plain, total: toNumber(plain.total), items, notifications, version: toNumber(plain.version) };
}

const ATTRIBUTE_TYPES = new Set(['S', 'N', 'BOOL', 'NULL', 'L', 'M']);

/** Converts DynamoDB JSON (`{"S": "x"}`, `{"L": [...]}`, ...) to plain JSON, recursively; other values pass through. */
function fromDynamoJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromDynamoJson);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && ATTRIBUTE_TYPES.has(keys[0])) {
    const inner = value[keys[0]];
    switch (keys[0]) {
      case 'S':
        return inner;
      case 'N':
        return toNumber(inner);
      case 'BOOL':
        return inner;
      case 'NULL':
        return null;
      case 'L':
        return Array.isArray(inner) ? inner.map(fromDynamoJson) : inner;
      case 'M':
        return isRecord(inner) ? Object.fromEntries(Object.entries(inner).map(([k, v]) => [k, fromDynamoJson(v)])) : inner;
    }
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromDynamoJson(v)]));
}

// A string that is not exactly a number stays a string, and fails the contract check.
function toNumber(value: unknown): unknown {
  return typeof value === 'string' ? (exactNumber(value) ?? value) : value;
}

function toBoolean(value: unknown): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}
