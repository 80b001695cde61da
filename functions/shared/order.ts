/**
 * The order model and event contract shared by the API and the queue consumers,
 * with the checks both sides run on it.
 */
import { minorUnitsOf } from './currency';

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
  /** 1 at creation, +1 per status change: with `orderId` it names the write that produced the event. */
  readonly version: number;
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

/** True for a currency code of ISO 4217 (see `shared/currency.ts` for the table's source and date). */
export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && minorUnitsOf(value) !== undefined;
}

/** Number of minor-unit decimals of an ISO 4217 currency (USD 2, JPY 0, KWD 3, HUF 2, IQD 3). */
export function currencyDecimals(currency: string): number {
  const decimals = minorUnitsOf(currency);
  if (decimals === undefined) throw new Error(`${currency} is not an ISO 4217 currency code`);
  return decimals;
}

/** Most problems a response or log line lists; the rest are only counted (a hostile body can have 100,000). */
export const MAX_LISTED_PROBLEMS = 20;

/** The first {@link MAX_LISTED_PROBLEMS} problems, for a response or a log line. */
export function listedProblems(problems: readonly Problem[]): Problem[] {
  return problems.slice(0, MAX_LISTED_PROBLEMS);
}

/** Longest key a pointer names; a longer unknown key is reported at its parent, so that an error never echoes megabytes. */
const MAX_POINTER_KEY_LENGTH = 128;

/**
 * JSON pointer (RFC 6901) to `key` under `parent`: "~" becomes "~0" and "/" becomes "~1".
 * A key longer than 128 characters yields the parent itself.
 */
export function pointerTo(parent: string, key: string | number): string {
  if (typeof key === 'string' && key.length > MAX_POINTER_KEY_LENGTH) return parent;
  return `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Reports every key of `value` that is not in `known`, as an RFC 6901 pointer. */
export function checkKnownKeys(value: Record<string, unknown>, known: readonly string[], pointer: string, problems: Problem[], detail = 'is not a known field'): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const at = pointerTo(pointer, key);
    problems.push({ pointer: at, detail: at === pointer ? `has an unknown field with a ${key.length}-character name` : detail });
  }
}

// A lone UTF-16 surrogate: UTF-8 encoding turns it into U+FFFD, so two different
// ids would hash to the same order ID. C0 and C1 controls have no place in an id.
const ILL_FORMED_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Checks a non-empty string of at most {@link MAX_ID_LENGTH} characters, well-formed
 * Unicode (no lone surrogate) and without control characters.
 */
export function checkId(value: unknown, pointer: string, problems: Problem[]): value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push({ pointer, detail: 'must be a non-empty string' });
    return false;
  }
  if (value.length > MAX_ID_LENGTH) {
    problems.push({ pointer, detail: `must be at most ${MAX_ID_LENGTH} characters` });
    return false;
  }
  if (ILL_FORMED_OR_CONTROL.test(value)) {
    problems.push({ pointer, detail: 'must be well-formed Unicode without control characters' });
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

/** Checks `{ optIn: boolean }`; `strict` refuses other fields (the API does; consumers tolerate additions). */
export function checkNotifications(value: unknown, pointer: string, problems: Problem[], options: { readonly strict?: boolean } = {}): value is NotificationPreferences {
  if (!isRecord(value)) {
    problems.push({ pointer, detail: 'must be an object like {"optIn": true}' });
    return false;
  }
  const before = problems.length;
  if (typeof value.optIn !== 'boolean') problems.push({ pointer: `${pointer}/optIn`, detail: 'must be a boolean' });
  if (options.strict) checkKnownKeys(value, ['optIn'], pointer, problems);
  return problems.length === before;
}

/** Options of {@link checkItems}. */
export interface CheckItemsOptions {
  /** When set, a unit price may not have more decimals than this currency's minor units. */
  readonly currency?: string;
  /**
   * Reject fields other than sku, quantity and unitPrice, and a SKU on two lines
   * (the API does; consumers tolerate additions).
   */
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
  const lineOfSku = new Map<unknown, number>();
  value.forEach((item, i) => {
    const at = `${pointer}/${i}`;
    if (!isRecord(item)) {
      problems.push({ pointer: at, detail: 'must be an object {sku, quantity, unitPrice}' });
      return;
    }
    if (checkId(item.sku, `${at}/sku`, problems) && options.strict) {
      const first = lineOfSku.get(item.sku);
      if (first === undefined) lineOfSku.set(item.sku, i);
      else problems.push({ pointer: `${at}/sku`, detail: `repeats the SKU of ${pointer}/${first}; put the whole quantity on one line` });
    }
    const { quantity, unitPrice } = item;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
      problems.push({ pointer: `${at}/quantity`, detail: `must be an integer from 1 to ${MAX_QUANTITY}` });
    }
    if (typeof unitPrice !== 'number' || !Number.isFinite(unitPrice) || unitPrice < 0) {
      problems.push({ pointer: `${at}/unitPrice`, detail: 'must be a number >= 0' });
    } else if (decimals !== undefined && unitPrice * 10 ** decimals > Number.MAX_SAFE_INTEGER) {
      problems.push({ pointer: `${at}/unitPrice`, detail: 'is too large' });
    } else if (decimals !== undefined && toMinorUnits(unitPrice, decimals) === undefined) {
      problems.push({ pointer: `${at}/unitPrice`, detail: `must have at most ${decimals} decimal places for ${options.currency}` });
    }
    if (options.strict) checkKnownKeys(item, ['sku', 'quantity', 'unitPrice'], at, problems);
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

/**
 * Checks an event `detail` against the contract the consumers rely on (every
 * field of {@link OrderDetail}; an OrderPlaced is PLACED and an OrderCancelled
 * CANCELLED). The enrichment runs it before an event leaves, the consumers on arrival.
 */
export function checkOrderDetail(detailType: unknown, detail: Record<string, unknown>, pointer: string, problems: Problem[]): void {
  checkId(detail.orderId, `${pointer}/orderId`, problems);
  checkId(detail.customerId, `${pointer}/customerId`, problems);
  const statusKnown = ORDER_STATUSES.includes(detail.status as OrderStatus);
  if (!statusKnown) problems.push({ pointer: `${pointer}/status`, detail: `must be one of ${ORDER_STATUSES.join(', ')}` });
  if (typeof detail.total !== 'number' || !Number.isFinite(detail.total) || detail.total < 0) {
    problems.push({ pointer: `${pointer}/total`, detail: 'must be a number >= 0' });
  }
  checkCurrency(detail.currency, `${pointer}/currency`, problems);
  checkItems(detail.items, `${pointer}/items`, problems);
  checkNotifications(detail.notifications, `${pointer}/notifications`, problems);
  if (!Number.isSafeInteger(detail.version) || (detail.version as number) < 1) {
    problems.push({ pointer: `${pointer}/version`, detail: 'must be an integer >= 1' });
  }
  if (statusKnown && detailType === 'OrderCancelled' && detail.status !== 'CANCELLED') {
    problems.push({ pointer: `${pointer}/status`, detail: 'must be CANCELLED in an OrderCancelled event' });
  }
  if (statusKnown && detailType === 'OrderPlaced' && detail.status !== 'PLACED') {
    problems.push({ pointer: `${pointer}/status`, detail: 'must be PLACED in an OrderPlaced event' });
  }
}

/**
 * The number a decimal string denotes, when a JavaScript number holds it exactly;
 * undefined otherwise (`"12345678901234567890"` or 30 decimals would silently
 * change value). DynamoDB numbers carry up to 38 digits, JavaScript's about 17.
 */
export function exactNumber(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && canonicalDecimal(text) === canonicalDecimal(String(value)) ? value : undefined;
}

const DECIMAL = /^([+-]?)(?=\.?\d)(\d*)\.?(\d*)(?:e([+-]?\d+))?$/i;

// Significant digits and the position of the decimal point: "1200.50" and "1.2005e3" both give "12005e4".
function canonicalDecimal(text: string): string {
  const [, sign, whole, fraction, exponent] = DECIMAL.exec(text) ?? [];
  const digits = `${whole}${fraction}`;
  const leading = /^0*/.exec(digits)![0].length;
  const significant = digits.slice(leading).replace(/0+$/, '');
  if (significant === '') return '0';
  return `${sign === '-' ? '-' : ''}${significant}e${whole.length + Number(exponent ?? 0) - leading}`;
}
