import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { Logger, createLogger } from '../shared/logger';
import { ALLOWED_TRANSITIONS, Problem, eventTypeFor, listedProblems } from '../shared/order';
import {
  CreateOrderRequest,
  IDEMPOTENCY_KEY_HEADER,
  header,
  isJsonContentType,
  parseCreateOrder,
  parseIdempotencyKey,
  parseStatusChange,
  readJsonBody,
} from './request';
import { ORDER_ID_PATTERN, OrderRecord, deriveOrderId, isTransientFailure, orderKey, storeFromEnvironment } from './store';

type Response = APIGatewayProxyStructuredResultV2;

const baseLog = createLogger({ service: 'orders-api' });

/**
 * HTTP API (payload format 2.0) handler of the orders API:
 * `POST /orders`, `GET /orders/{id}`, `PATCH /orders/{id}`.
 * Errors are RFC 9457 problem details (`application/problem+json`).
 */
export async function handler(event: APIGatewayProxyEventV2, context?: Pick<Context, 'awsRequestId'>): Promise<Response> {
  const method = event.requestContext?.http?.method ?? 'GET';
  const log = baseLog.child({ requestId: event.requestContext?.requestId, awsRequestId: context?.awsRequestId, method });
  const path = routePath(event);
  try {
    if (path === '/orders') {
      return method === 'POST' ? await createOrder(event, log) : methodNotAllowed('POST');
    }
    const match = /^\/orders\/([^/]+)$/.exec(path);
    if (match) {
      const orderId = safeDecode(match[1]);
      if (method === 'GET') return await getOrder(orderId, log.child({ orderId }));
      if (method === 'PATCH') return await changeStatus(event, orderId, log.child({ orderId }));
      return methodNotAllowed('GET, PATCH');
    }
    return problem(404, 'Not Found', `No route for ${method} ${path}`);
  } catch (error) {
    if (isTransientFailure(error)) {
      log.error('DynamoDB unavailable, throttled or too slow', { path, httpStatus: 503, error });
      return withHeaders(problem(503, 'Service Unavailable', `The order store is busy or unreachable; retry after ${RETRY_AFTER_SECONDS} s. ${SAFE_RETRY}`), {
        'retry-after': String(RETRY_AFTER_SECONDS),
      });
    }
    log.error('request failed', { path, httpStatus: 500, error });
    return problem(500, 'Internal Server Error', `The order service failed; retry later. ${SAFE_RETRY}`);
  }
}

/** Seconds a client should wait after a 503; DynamoDB throttling and brief outages clear within seconds. */
const RETRY_AFTER_SECONDS = 1;
const SAFE_RETRY = 'A POST retried with the same Idempotency-Key never creates a second order, and a PATCH retried changes nothing twice.';

async function createOrder(event: APIGatewayProxyEventV2, log: Logger): Promise<Response> {
  if (!isJsonContentType(event)) return unsupportedMediaType(event, log);
  // Check header and body together so that one 400 lists every problem.
  const key = parseIdempotencyKey(header(event, IDEMPOTENCY_KEY_HEADER));
  const body = readJsonBody(event);
  const request = body.problems.length === 0 ? parseCreateOrder(body.value) : undefined;
  const problems = [...key.problems, ...body.problems, ...(request?.problems ?? [])];
  if (problems.length > 0 || key.value === undefined || request?.value === undefined) {
    log.info('order rejected', { httpStatus: 400, ...problemFields(problems) });
    return invalid(problems);
  }

  const orderId = deriveOrderId(request.value.customerId, key.value);
  const now = new Date().toISOString();
  const record: OrderRecord = {
    pk: orderKey(orderId),
    orderId,
    ...request.value,
    status: 'PLACED',
    eventType: eventTypeFor('created'),
    idempotencyKey: key.value,
    requestHash: hashRequest(request.value),
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const { created, order } = await storeFromEnvironment().create(record);
  const orderLog = log.child({ orderId });
  if (!created && order.requestHash !== record.requestHash) {
    orderLog.warn('idempotency key reused with a different request', { httpStatus: 422 });
    return problem(422, 'Unprocessable Content', `${IDEMPOTENCY_KEY_HEADER} was already used for a different order request; use a new key for a new order.`);
  }
  orderLog.info(created ? 'order created' : 'order create retried; returning the existing order', { httpStatus: 201, total: order.total, currency: order.currency });
  // A retry gets the same status and body as the first call (plus a marker header), so a
  // client that lost the first response cannot tell the difference and needs no special case.
  return json(201, toResource(order), { location: `/orders/${orderId}`, ...(created ? {} : { 'idempotent-replayed': 'true' }) });
}

async function getOrder(orderId: string, log: Logger): Promise<Response> {
  const order = ORDER_ID_PATTERN.test(orderId) ? await storeFromEnvironment().get(orderId) : undefined;
  if (!order) {
    log.info('order not found', { httpStatus: 404 });
    return notFound(orderId);
  }
  log.debug('order read', { httpStatus: 200 });
  return json(200, toResource(order));
}

async function changeStatus(event: APIGatewayProxyEventV2, orderId: string, log: Logger): Promise<Response> {
  if (!isJsonContentType(event)) return unsupportedMediaType(event, log);
  const body = readJsonBody(event);
  const change = body.problems.length === 0 ? parseStatusChange(body.value) : { problems: body.problems };
  if (change.value === undefined) {
    log.info('status change rejected', { httpStatus: 400, ...problemFields(change.problems) });
    return invalid(change.problems);
  }
  if (!ORDER_ID_PATTERN.test(orderId)) return notFound(orderId);

  const to = change.value;
  const result = await storeFromEnvironment().changeStatus(orderId, to, new Date().toISOString());
  switch (result.outcome) {
    case 'not-found':
      log.info('order not found', { httpStatus: 404 });
      return notFound(orderId);
    case 'conflict': {
      const from = result.order.status;
      log.info('status change refused', { httpStatus: 409, from, to });
      const allowed = ALLOWED_TRANSITIONS[from];
      return problem(409, 'Conflict', `Order ${orderId} is ${from} and cannot become ${to}; from ${from} it can become ${allowed.length ? allowed.join(' or ') : 'nothing (final status)'}.`, {
        currentStatus: from,
        allowedStatuses: allowed,
      });
    }
    case 'unchanged':
      log.info('order already has this status; nothing written', { httpStatus: 200, to });
      return json(200, toResource(result.order));
    case 'changed':
      log.info('order status changed', { httpStatus: 200, to, version: result.order.version });
      return json(200, toResource(result.order));
  }
}

/**
 * The request path without the stage prefix: on a named stage HTTP API puts the
 * stage in `rawPath` (`/dev/orders`); on `$default` it does not.
 */
function routePath(event: APIGatewayProxyEventV2): string {
  const raw = event.rawPath ?? '/';
  const stage = event.requestContext?.stage;
  const path = stage && stage !== '$default' && raw.startsWith(`/${stage}/`) ? raw.slice(stage.length + 1) : raw;
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

// A malformed escape (`%E0%A4%A`) cannot name an order; let it fall through to 404.
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The order as the API shows it: the event detail and timestamps, no table bookkeeping. */
function toResource(order: OrderRecord): Record<string, unknown> {
  const { orderId, customerId, status, items, currency, total, notifications, createdAt, updatedAt, version } = order;
  return { orderId, customerId, status, items, currency, total, notifications, createdAt, updatedAt, version };
}

// Key order is fixed by CreateOrderRequest's construction in parseCreateOrder, so equal requests hash equal.
function hashRequest(request: CreateOrderRequest): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): Response {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

function problem(status: number, title: string, detail: string, extra: Record<string, unknown> = {}): Response {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }),
  };
}

/**
 * A 400 listing at most the first 20 problems, with `errorCount` for all of them: a
 * body with 100,000 unknown fields must not become a response above Lambda's 6 MB limit.
 */
function invalid(problems: Problem[]): Response {
  const listed = listedProblems(problems);
  const which = listed.length < problems.length ? `the first ${listed.length} are in errors` : 'see errors';
  return problem(400, 'Bad Request', `The request has ${problems.length} problem${problems.length === 1 ? '' : 's'}; ${which}.`, {
    errors: listed,
    errorCount: problems.length,
  });
}

/** Log fields for a rejected request: the same bounded list as the response, and the count. */
function problemFields(problems: Problem[]): Record<string, unknown> {
  return { problems: listedProblems(problems), problemCount: problems.length };
}

function unsupportedMediaType(event: APIGatewayProxyEventV2, log: Logger): Response {
  log.info('request body is not JSON', { httpStatus: 415, contentType: header(event, 'content-type')?.slice(0, 100) });
  return problem(415, 'Unsupported Media Type', 'Send the body as JSON, with Content-Type: application/json.');
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  return { ...response, headers: { ...response.headers, ...headers } };
}

function notFound(orderId: string): Response {
  return problem(404, 'Not Found', `Order ${orderId} does not exist.`);
}

function methodNotAllowed(allow: string): Response {
  return withHeaders(problem(405, 'Method Not Allowed', `Allowed methods: ${allow}.`), { allow });
}
