/**
 * Evaluation of EventBridge patterns: event patterns, content filtering, arrays, null and empty
 * values, each operator in both directions.
 */
import { compileEventPattern, matchesEventPattern, PatternSyntaxError, type EventPattern } from '../../modules/patterns';

const order = {
  version: '0',
  id: 'e1',
  source: 'orders.service',
  'detail-type': 'OrderPlaced',
  account: '111122223333',
  time: '2025-10-02T18:43:48Z',
  region: 'eu-west-1',
  resources: ['arn:aws:dynamodb:eu-west-1:111122223333:table/orders'],
  detail: {
    orderId: 'ord-2025-0001',
    customerId: 'cust-42',
    status: 'PLACED',
    total: 249.9,
    currency: 'EUR',
    note: '',
    coupon: null,
    sourceIp: '10.0.0.33',
    sourceIpV6: '2001:db8:1234:1a00::1',
    items: [
      { sku: 'SKU-1', quantity: 2 },
      { sku: 'SKU-2', quantity: 1 },
    ],
    tags: ['gift', 'express'],
    notifications: { optIn: true },
  },
};

type Case = [string, EventPattern, boolean];

const cases: Case[] = [
  // Exact values; AND across fields, OR within a list.
  ['exact string', { source: ['orders.service'] }, true],
  ['exact string, other value', { source: ['billing.service'] }, false],
  ['OR within a list', { 'detail-type': ['OrderCancelled', 'OrderPlaced'] }, true],
  ['AND across fields, one fails', { source: ['orders.service'], 'detail-type': ['OrderCancelled'] }, false],
  ['nested fields', { detail: { status: ['PLACED'], currency: ['EUR'] } }, true],
  ['strings are case-sensitive', { detail: { status: ['placed'] } }, false],
  ['a number matches numerically', { detail: { total: [249.90] } }, true],
  ['a number does not match its string', { detail: { total: ['249.9'] } }, false],
  ['a string does not match a number', { detail: { orderId: [2025] } }, false],
  ['boolean true', { detail: { notifications: { optIn: [true] } } }, true],
  ['boolean false against true', { detail: { notifications: { optIn: [false] } } }, false],
  // Null and empty values.
  ['null matches null', { detail: { coupon: [null] } }, true],
  ['null does not match a missing field', { detail: { voucher: [null] } }, false],
  ['null does not match an empty string', { detail: { note: [null] } }, false],
  ['empty string matches empty string', { detail: { note: [''] } }, true],
  ['empty string does not match null', { detail: { coupon: [''] } }, false],
  ['a missing field fails an exact match', { detail: { voucher: ['x'] } }, false],
  // Arrays in the event.
  ['array: any element matches', { detail: { tags: ['express'] } }, true],
  ['array: no element matches', { detail: { tags: ['fragile'] } }, false],
  ['array of objects', { detail: { items: { sku: ['SKU-2'] } } }, true],
  ['array of objects: same element', { detail: { items: { sku: ['SKU-2'], quantity: [1] } } }, true],
  ['array of objects: fields from different elements', { detail: { items: { sku: ['SKU-2'], quantity: [2] } } }, false],
  ['a field holding an object is not a value', { detail: { notifications: ['x'] } }, false],
  // prefix / suffix / equals-ignore-case.
  ['prefix', { detail: { orderId: [{ prefix: 'ord-2025' }] } }, true],
  ['prefix, no match', { detail: { orderId: [{ prefix: 'ord-2024' }] } }, false],
  ['prefix does not apply to numbers', { detail: { total: [{ prefix: '249' }] } }, false],
  ['prefix ignoring case', { 'detail-type': [{ prefix: { 'equals-ignore-case': 'orderp' } }] }, true],
  ['prefix ignoring case, no match', { 'detail-type': [{ prefix: { 'equals-ignore-case': 'orderc' } }] }, false],
  ['suffix', { detail: { orderId: [{ suffix: '-0001' }] } }, true],
  ['suffix, no match', { detail: { orderId: [{ suffix: '-0002' }] } }, false],
  ['suffix ignoring case', { 'detail-type': [{ suffix: { 'equals-ignore-case': 'PLACED' } }] }, true],
  ['suffix ignoring case, no match', { 'detail-type': [{ suffix: { 'equals-ignore-case': 'CANCELLED' } }] }, false],
  ['equals-ignore-case', { 'detail-type': [{ 'equals-ignore-case': 'orderplaced' }] }, true],
  ['equals-ignore-case, no match', { 'detail-type': [{ 'equals-ignore-case': 'orderplace' }] }, false],
  // wildcard.
  ['wildcard', { resources: [{ wildcard: 'arn:aws:dynamodb:*:table/*' }] }, true],
  ['wildcard, no match', { resources: [{ wildcard: 'arn:aws:sqs:*' }] }, false],
  ['wildcard without star is equality', { detail: { status: [{ wildcard: 'PLACED' }] } }, true],
  ['wildcard escape: a literal star', { detail: { orderId: [{ wildcard: 'ord\\*' }] } }, false],
  // anything-but.
  ['anything-but string', { detail: { status: [{ 'anything-but': 'CANCELLED' }] } }, true],
  ['anything-but string, excluded', { detail: { status: [{ 'anything-but': 'PLACED' }] } }, false],
  ['anything-but list', { detail: { status: [{ 'anything-but': ['CANCELLED', 'PLACED'] }] } }, false],
  ['anything-but number', { detail: { total: [{ 'anything-but': 100 }] } }, true],
  ['anything-but number, excluded', { detail: { total: [{ 'anything-but': [249.9] }] } }, false],
  ['anything-but never matches a missing field', { detail: { voucher: [{ 'anything-but': 'x' }] } }, false],
  ['anything-but matches null', { detail: { coupon: [{ 'anything-but': 'x' }] } }, true],
  ['anything-but prefix', { detail: { status: [{ 'anything-but': { prefix: 'CANCEL' } }] } }, true],
  ['anything-but prefix, excluded', { detail: { status: [{ 'anything-but': { prefix: 'PLA' } }] } }, false],
  ['anything-but suffix', { detail: { orderId: [{ 'anything-but': { suffix: '.tmp' } }] } }, true],
  ['anything-but suffix, excluded', { detail: { orderId: [{ 'anything-but': { suffix: '0001' } }] } }, false],
  ['anything-but equals-ignore-case', { detail: { status: [{ 'anything-but': { 'equals-ignore-case': 'cancelled' } }] } }, true],
  ['anything-but equals-ignore-case, excluded', { detail: { status: [{ 'anything-but': { 'equals-ignore-case': 'placed' } }] } }, false],
  ['anything-but wildcard', { detail: { orderId: [{ 'anything-but': { wildcard: 'tmp-*' } }] } }, true],
  ['anything-but wildcard, excluded', { detail: { orderId: [{ 'anything-but': { wildcard: 'ord-*' } }] } }, false],
  ['anything-but on an array: one element not excluded', { detail: { tags: [{ 'anything-but': 'gift' }] } }, true],
  // numeric.
  ['numeric >=', { detail: { total: [{ numeric: ['>=', 249.9] }] } }, true],
  ['numeric >', { detail: { total: [{ numeric: ['>', 249.9] }] } }, false],
  ['numeric <', { detail: { total: [{ numeric: ['<', 250] }] } }, true],
  ['numeric <=', { detail: { total: [{ numeric: ['<=', 249] }] } }, false],
  ['numeric =', { detail: { total: [{ numeric: ['=', 2.499e2] }] } }, true],
  ['numeric range', { detail: { total: [{ numeric: ['>', 0, '<=', 249.9] }] } }, true],
  ['numeric range, outside', { detail: { total: [{ numeric: ['>', 0, '<', 249.9] }] } }, false],
  ['numeric does not apply to numeric strings', { detail: { status: [{ numeric: ['>', 0] }] } }, false],
  ['numeric on an array of objects', { detail: { items: { quantity: [{ numeric: ['>', 1] }] } } }, true],
  // exists.
  ['exists true', { detail: { status: [{ exists: true }] } }, true],
  ['exists true, missing', { detail: { voucher: [{ exists: true }] } }, false],
  ['exists true on null', { detail: { coupon: [{ exists: true }] } }, true],
  ['exists true on an object is false (leaf only)', { detail: { notifications: [{ exists: true }] } }, false],
  ['exists false, missing', { detail: { voucher: [{ exists: false }] } }, true],
  ['exists false, present', { detail: { status: [{ exists: false }] } }, false],
  ['exists false under a missing parent', { detail: { refund: { id: [{ exists: false }] } } }, true],
  ['exists false OR a value', { detail: { voucher: [{ exists: false }, 'x'] } }, true],
  // cidr.
  ['cidr IPv4', { detail: { sourceIp: [{ cidr: '10.0.0.0/24' }] } }, true],
  ['cidr IPv4, outside', { detail: { sourceIp: [{ cidr: '10.0.1.0/24' }] } }, false],
  ['cidr IPv6', { detail: { sourceIpV6: [{ cidr: '2001:db8:1234:1a00::/64' }] } }, true],
  ['cidr IPv6, outside', { detail: { sourceIpV6: [{ cidr: '2001:db8:1234:1a01::/64' }] } }, false],
  ['cidr on a non-address', { detail: { status: [{ cidr: '10.0.0.0/8' }] } }, false],
  // $or and dotted keys.
  ['$or: second branch', { detail: { $or: [{ currency: ['USD'] }, { total: [{ numeric: ['>', 100] }] }] } }, true],
  ['$or: no branch', { detail: { $or: [{ currency: ['USD'] }, { total: [{ numeric: ['>', 1000] }] }] } }, false],
  ['$or at the top, ANDed with siblings', { source: ['orders.service'], $or: [{ 'detail-type': ['OrderPlaced'] }, { detail: { status: ['X'] } }] }, true],
  ['dotted pattern key', { 'detail.notifications.optIn': [true] }, true],
  ['dotted pattern key, no match', { 'detail.notifications.optIn': [false] }, false],
];

describe('matchesEventPattern', () => {
  test.each(cases)('%s', (_name, pattern, expected) => {
    expect(matchesEventPattern(pattern, order)).toBe(expected);
  });

  test('dotted keys in the event equal nested keys', () => {
    const pattern: EventPattern = { detail: { state: { status: ['running'] } } };
    expect(matchesEventPattern(pattern, { detail: { 'state.status': 'running' } })).toBe(true);
    expect(matchesEventPattern(pattern, { detail: { 'state.status': 'stopped' } })).toBe(false);
    expect(matchesEventPattern(pattern, { detail: { state: { 'status.x': 'running' } } })).toBe(false);
  });

  test('wildcards: a star spans any run of characters, \\* is a literal star', () => {
    expect(matchesEventPattern({ a: [{ wildcard: 'ord\\*' }] }, { a: 'ord*' })).toBe(true);
    expect(matchesEventPattern({ a: [{ wildcard: 'ord\\*' }] }, { a: 'ord-1' })).toBe(false);
    expect(matchesEventPattern({ a: [{ wildcard: '*-*-*' }] }, { a: '--' })).toBe(true);
    expect(matchesEventPattern({ a: [{ wildcard: 'a*bc*bc' }] }, { a: 'abcbc' })).toBe(true);
    expect(matchesEventPattern({ a: [{ wildcard: 'a*bc*bc' }] }, { a: 'abc' })).toBe(false);
    expect(matchesEventPattern({ a: [{ wildcard: '' }] }, { a: '' })).toBe(true);
    expect(matchesEventPattern({ a: [{ wildcard: '' }] }, { a: 'x' })).toBe(false);
  });

  test('an empty array in the event holds no value', () => {
    expect(matchesEventPattern({ resources: [{ exists: true }] }, { resources: [] })).toBe(false);
    expect(matchesEventPattern({ resources: [{ exists: false }] }, { resources: [] })).toBe(true);
    expect(matchesEventPattern({ resources: [null] }, { resources: [] })).toBe(false);
  });

  test('nested arrays are flattened', () => {
    expect(matchesEventPattern({ a: [3] }, { a: [[1, 2], [3]] })).toBe(true);
    expect(matchesEventPattern({ a: { b: ['x'] } }, { a: [[{ b: 'y' }], [{ b: 'x' }]] })).toBe(true);
  });

  test('keys named like Object.prototype members are looked up as own keys only', () => {
    expect(matchesEventPattern({ constructor: [{ exists: true }] }, {})).toBe(false);
    expect(matchesEventPattern({ toString: [{ exists: false }] }, { a: 1 })).toBe(true);
    expect(matchesEventPattern({ constructor: ['x'] }, { constructor: 'x' })).toBe(true);
  });

  test('a non-object event matches only patterns satisfied by absence', () => {
    expect(matchesEventPattern({ a: [{ exists: false }] }, 'text')).toBe(true);
    expect(matchesEventPattern({ a: ['x'] }, null)).toBe(false);
  });

  test('matchers are cached per pattern object', () => {
    const pattern: EventPattern = { source: ['orders.service'] };
    expect(matchesEventPattern(pattern, order)).toBe(true);
    expect(matchesEventPattern(pattern, { source: 'x' })).toBe(false);
  });
});

describe('compileEventPattern', () => {
  test('returns a reusable matcher', () => {
    const isHighValue = compileEventPattern({ source: ['orders.service'], detail: { total: [{ numeric: ['>=', 100] }] } });
    expect(isHighValue(order)).toBe(true);
    expect(isHighValue({ ...order, detail: { ...order.detail, total: 99.99 } })).toBe(false);
  });

  test('refuses a pattern AWS would refuse, naming every problem', () => {
    const bad = { source: 'orders.service', detail: { total: [{ numeric: ['<', 5, '>', 1] }] } } as unknown as EventPattern;
    expect(() => compileEventPattern(bad)).toThrow(PatternSyntaxError);
    expect(() => compileEventPattern(bad)).toThrow(
      'Invalid event pattern: source: "source" must be an object or an array; detail.total[0].numeric: Too many elements in numeric expression',
    );
  });

  test('does not apply size limits (a Pipes filter may be longer than a rule)', () => {
    const long: EventPattern = { detail: { id: Array.from({ length: 300 }, (_, i) => `value-${i}`) } };
    expect(compileEventPattern(long)({ detail: { id: 'value-299' } })).toBe(true);
  });
});
