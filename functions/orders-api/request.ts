import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  ORDER_STATUSES,
  OrderItem,
  OrderStatus,
  Problem,
  checkCurrency,
  checkId,
  checkItems,
  checkKnownKeys,
  checkNotifications,
  isRecord,
  orderTotal,
} from '../shared/order';

/** A valid `POST /orders` body, with the total computed. */
export interface CreateOrderRequest {
  readonly customerId: string;
  readonly currency: string;
  readonly items: OrderItem[];
  readonly notifications: { readonly optIn: boolean };
  readonly total: number;
}

/** Either the parsed value or every problem found; never both. */
export type Parsed<T> = { readonly value: T; readonly problems: [] } | { readonly value?: undefined; readonly problems: Problem[] };

/** Name of the header that makes `POST /orders` safe to retry. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Longest idempotency key accepted (Stripe's limit, long enough for any UUID or ULID). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

const CREATE_FIELDS = ['customerId', 'items', 'currency', 'notifications'];

/** Reads a header case-insensitively (HTTP API lower-cases names, tests and proxies may not). */
export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * True when the request says its body is JSON (`application/json`, or a
 * `+json` type such as `application/merge-patch+json`), or says nothing.
 * Anything else, `text/plain` included, is refused with 415 rather than parsed:
 * a client that sends JSON as text has a bug worth reporting.
 */
export function isJsonContentType(event: APIGatewayProxyEventV2): boolean {
  const value = header(event, 'content-type');
  if (value === undefined || value.trim() === '') return true;
  const mediaType = value.split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(mediaType);
}

/**
 * Reads the JSON body, decoding base64 when API Gateway encoded it.
 * `problems` says why when there is no usable body.
 */
export function readJsonBody(event: APIGatewayProxyEventV2): Parsed<unknown> {
  if (event.body === undefined || event.body === null || event.body === '') {
    return { problems: [{ pointer: '', detail: 'request body is required: a JSON object' }] };
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return { value: JSON.parse(text), problems: [] };
  } catch {
    return { problems: [{ pointer: '', detail: 'request body is not valid JSON' }] };
  }
}

/**
 * Checks the `Idempotency-Key` header: required, 1 to 255 visible ASCII characters.
 * Accepts the key bare (`abc`) or as a structured-field string (`"abc"`), the
 * form the IETF httpapi Idempotency-Key draft specifies.
 */
export function parseIdempotencyKey(raw: string | undefined): Parsed<string> {
  const pointer = `header:${IDEMPOTENCY_KEY_HEADER}`;
  let key = raw?.trim() ?? '';
  if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) key = key.slice(1, -1);
  if (key === '') {
    return { problems: [{ pointer, detail: `header is required: a unique value per order, e.g. a UUID, reused only to retry the same request` }] };
  }
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    return { problems: [{ pointer, detail: `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters` }] };
  }
  return { value: key, problems: [] };
}

/** Validates a `POST /orders` body, reporting every problem, and computes the total. */
export function parseCreateOrder(body: unknown): Parsed<CreateOrderRequest> {
  if (!isRecord(body)) return { problems: [{ pointer: '', detail: 'request body must be a JSON object' }] };
  const problems: Problem[] = [];
  if (Object.hasOwn(body, 'total')) problems.push({ pointer: '/total', detail: 'is computed by the server from items; do not send it' });
  checkKnownKeys(body, [...CREATE_FIELDS, 'total'], '', problems);
  const { customerId, currency, items } = body;
  checkId(customerId, '/customerId', problems);
  const currencyOk = checkCurrency(currency, '/currency', problems);
  const itemsOk = checkItems(items, '/items', problems, { strict: true, currency: currencyOk ? currency : undefined });
  // Optional: a customer who said nothing has not opted in.
  const notifications = body.notifications === undefined ? { optIn: false } : body.notifications;
  checkNotifications(notifications, '/notifications', problems, { strict: true });

  let total: number | undefined;
  if (itemsOk && currencyOk) {
    total = orderTotal(items, currency);
    if (total === undefined) problems.push({ pointer: '/items', detail: 'order total is too large' });
  }
  if (problems.length > 0 || total === undefined) return { problems };
  return {
    value: {
      customerId: customerId as string,
      currency: currency as string,
      items: (items as OrderItem[]).map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
      notifications: { optIn: (notifications as { optIn: boolean }).optIn },
      total,
    },
    problems: [],
  };
}

/** Validates a `PATCH /orders/{id}` body: `{"status": "<new status>"}`. */
export function parseStatusChange(body: unknown): Parsed<OrderStatus> {
  if (!isRecord(body)) return { problems: [{ pointer: '', detail: 'request body must be a JSON object like {"status": "CANCELLED"}' }] };
  const problems: Problem[] = [];
  checkKnownKeys(body, ['status'], '', problems, 'is not a field that can be changed; only status can');
  if (!ORDER_STATUSES.includes(body.status as OrderStatus)) {
    problems.push({ pointer: '/status', detail: `must be one of ${ORDER_STATUSES.join(', ')}` });
  }
  return problems.length > 0 ? { problems } : { value: body.status as OrderStatus, problems: [] };
}
