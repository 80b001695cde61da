/**
 * The order model and event contract shared by the API and the queue consumers,
 * with the checks both sides run on it.
 */

/** `source` of every order event on the bus. */
export const ORDER_EVENT_SOURCE = 'orders.service';

/** Every `detail-type` an order event can carry. */
export const ORDER_EVENT_TYPES = ['OrderPlaced', 'OrderStatusChanged', 'OrderCancelled'] as const;
/** `detail-type` of an order event. */
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

/** Every status an order can have; a new order is `PLACED`. */
export const ORDER_STATUSES = ['PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
/** Lifecycle status of an order. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * Which status each status may change to. An order can be cancelled until it
 * ships; DELIVERED and CANCELLED are final.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PLACED: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
};

/** The statuses from which `to` can be reached in one step. */
export function statusesLeadingTo(to: OrderStatus): OrderStatus[] {
  return ORDER_STATUSES.filter((from) => ALLOWED_TRANSITIONS[from].includes(to));
}

/**
 * The event type a write produces: what the table's `eventType` attribute holds,
 * and therefore the `detail-type` the stream pipe puts on the bus.
 */
export function eventTypeFor(change: 'created' | OrderStatus): OrderEventType {
  if (change === 'created') return 'OrderPlaced';
  return change === 'CANCELLED' ? 'OrderCancelled' : 'OrderStatusChanged';
}

/** One line of an order. */
export interface OrderItem {
  readonly sku: string;
  readonly quantity: number;
  /** Price of one unit in `currency`, at most as many decimals as the currency has minor units. */
  readonly unitPrice: number;
}

/** What the customer chose about notifications. */
export interface NotificationPreferences {
  readonly optIn: boolean;
}

/** The `detail` of every order event. */
export interface OrderDetail {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  /** Sum of quantity × unitPrice, computed by the API. */
  readonly total: number;
  /** ISO 4217 code, e.g. `EUR`. */
  readonly currency: string;
  readonly items: readonly OrderItem[];
  readonly notifications: NotificationPreferences;
}

/** One problem found in a request or message; `pointer` is a JSON pointer (RFC 6901) into it, or `header:<Name>` for a request header. */
export interface Problem {
  readonly pointer: string;
  readonly detail: string;
}

/** Longest `customerId` and `sku` accepted. */
export const MAX_ID_LENGTH = 128;
/** Most lines in one order; keeps the table item far below DynamoDB's 400 KB item limit. */
export const MAX_ITEMS = 100;
/** Largest quantity on one line. */
export const MAX_QUANTITY = 10_000;

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True for an ISO 4217 code the runtime knows. Falls back to the shape alone
 * when the runtime has no currency data (a Node built with small ICU).
 */
export function isCurrencyCode(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) return false;
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
  return known.length === 0 || known.includes(value);
}

/** Number of minor-unit decimals of a currency (USD 2, JPY 0, KWD 3). */
export function currencyDecimals(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Checks a non-empty string of at most {@link MAX_ID_LENGTH} characters. */
export function checkId(value: unknown, pointer: string, problems: Problem[]): value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push({ pointer, detail: 'must be a non-empty string' });
    return false;
  }
  if (value.length > MAX_ID_LENGTH) {
    problems.push({ pointer, detail: `must be at most ${MAX_ID_LENGTH} characters` });
    return false;
  }
  return true;
}

/** Checks a currency code; see {@link isCurrencyCode}. */
export function checkCurrency(value: unknown, pointer: string, problems: Problem[]): value is string {
  if (isCurrencyCode(value)) return true;
  problems.push({ pointer, detail: 'must be a 3-letter ISO 4217 currency code in upper case, e.g. "EUR"' });
  return false;
}

/** Checks `{ optIn: boolean }`. */
export function checkNotifications(value: unknown, pointer: string, problems: Problem[]): value is NotificationPreferences {
  if (!isRecord(value)) {
    problems.push({ pointer, detail: 'must be an object like {"optIn": true}' });
    return false;
  }
  if (typeof value.optIn !== 'boolean') {
    problems.push({ pointer: `${pointer}/optIn`, detail: 'must be a boolean' });
    return false;
  }
  return true;
}

/** Options of {@link checkItems}. */
export interface CheckItemsOptions {
  /** When set, a unit price may not have more decimals than this currency's minor units. */
  readonly currency?: string;
  /** Reject fields other than sku, quantity and unitPrice (the API does; consumers tolerate additions). */
  readonly strict?: boolean;
}

/** Checks a non-empty array of `{ sku, quantity, unitPrice }`, reporting every bad field. */
export function checkItems(value: unknown, pointer: string, problems: Problem[], options: CheckItemsOptions = {}): value is OrderItem[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ pointer, detail: 'must be a non-empty array of {sku, quantity, unitPrice}' });
    return false;
  }
  if (value.length > MAX_ITEMS) {
    problems.push({ pointer, detail: `must have at most ${MAX_ITEMS} items` });
    return false;
  }
  const before = problems.length;
  const decimals = options.currency ? currencyDecimals(options.currency) : undefined;
  value.forEach((item, i) => {
    const at = `${pointer}/${i}`;
    if (!isRecord(item)) {
      problems.push({ pointer: at, detail: 'must be an object {sku, quantity, unitPrice}' });
      return;
    }
    checkId(item.sku, `${at}/sku`, problems);
    const { quantity, unitPrice } = item;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
      problems.push({ pointer: `${at}/quantity`, detail: `must be an integer from 1 to ${MAX_QUANTITY}` });
    }
    if (typeof unitPrice !== 'number' || !Number.isFinite(unitPrice) || unitPrice < 0) {
      problems.push({ pointer: `${at}/unitPrice`, detail: 'must be a number >= 0' });
    } else if (decimals !== undefined && toMinorUnits(unitPrice, decimals) === undefined) {
      problems.push({ pointer: `${at}/unitPrice`, detail: `must have at most ${decimals} decimal places for ${options.currency}` });
    }
    if (options.strict) {
      for (const key of Object.keys(item)) {
        if (!['sku', 'quantity', 'unitPrice'].includes(key)) problems.push({ pointer: `${at}/${key}`, detail: 'is not a known field' });
      }
    }
  });
  return problems.length === before;
}

/** `amount` in minor units (cents), or undefined when it has more decimals than the currency allows. */
export function toMinorUnits(amount: number, decimals: number): number | undefined {
  const scale = 10 ** decimals;
  const minor = Math.round(amount * scale);
  // Binary floating point: 19.99 * 100 is 1998.9999999999998, so compare after rounding back.
  return minor / scale === amount ? minor : undefined;
}

/**
 * Sum of quantity × unitPrice, computed in integer minor units so that
 * 3 × 0.1 is 0.3 and not 0.30000000000000004. Undefined if it exceeds the
 * range where integers are exact.
 */
export function orderTotal(items: readonly OrderItem[], currency: string): number | undefined {
  const decimals = currencyDecimals(currency);
  let minor = 0;
  for (const item of items) {
    const unit = toMinorUnits(item.unitPrice, decimals);
    if (unit === undefined) return undefined;
    minor += unit * item.quantity;
  }
  return Number.isSafeInteger(minor) ? minor / 10 ** decimals : undefined;
}
