/**
 * SNS filter policies: evaluation of attribute-based and payload-based filtering
 * (string/numeric/exists/IP matching, AND/OR logic) and one test per validation message.
 */
import {
  compileFilterPolicy,
  matchesFilterPolicy,
  PatternSyntaxError,
  validateFilterPolicy,
  type FilterPolicy,
  type FilterPolicyScope,
  type SnsMessage,
} from '../../modules/patterns';

const attrs = (values: Record<string, [string, string]>): SnsMessage => ({
  MessageAttributes: Object.fromEntries(Object.entries(values).map(([k, [Type, Value]]) => [k, { Type, Value }])),
});
const body = (value: unknown): SnsMessage => ({ Message: JSON.stringify(value) });

type Case = [string, FilterPolicy, SnsMessage, boolean];

const attributeCases: Case[] = [
  ['String exact', { customer_interests: ['rugby', 'football'] }, attrs({ customer_interests: ['String', 'rugby'] }), true],
  ['String exact, other value', { customer_interests: ['rugby'] }, attrs({ customer_interests: ['String', 'tennis'] }), false],
  ['String is case-sensitive', { customer_interests: ['rugby'] }, attrs({ customer_interests: ['String', 'Rugby'] }), false],
  ['String.Array: any element', { customer_interests: ['rugby'] }, attrs({ customer_interests: ['String.Array', '["tennis", "rugby"]'] }), true],
  ['String.Array: no element', { customer_interests: ['rugby'] }, attrs({ customer_interests: ['String.Array', '["tennis"]'] }), false],
  ['missing attribute', { customer_interests: ['rugby'] }, attrs({ store: ['String', 'example_corp'] }), false],
  ['AND across keys', { store: ['example_corp'], event: ['order_placed'] }, attrs({ store: ['String', 'example_corp'], event: ['String', 'order_placed'] }), true],
  ['AND across keys, one missing', { store: ['example_corp'], event: ['order_placed'] }, attrs({ store: ['String', 'example_corp'] }), false],
  ['prefix', { event: [{ prefix: 'order-' }] }, attrs({ event: ['String', 'order-cancelled'] }), true],
  ['prefix, no match', { event: [{ prefix: 'order-' }] }, attrs({ event: ['String', 'refund-issued'] }), false],
  ['suffix', { image: [{ suffix: '.png' }] }, attrs({ image: ['String', 'cat.png'] }), true],
  ['suffix, no match', { image: [{ suffix: '.png' }] }, attrs({ image: ['String', 'cat.jpg'] }), false],
  ['equals-ignore-case', { customer_interests: [{ 'equals-ignore-case': 'tennis' }] }, attrs({ customer_interests: ['String', 'TeNnIs'] }), true],
  ['equals-ignore-case, no match', { customer_interests: [{ 'equals-ignore-case': 'tennis' }] }, attrs({ customer_interests: ['String', 'rugby'] }), false],
  ['anything-but', { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] }, attrs({ customer_interests: ['String', 'baseball'] }), true],
  ['anything-but, excluded', { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] }, attrs({ customer_interests: ['String', 'rugby'] }), false],
  ['anything-but, absent attribute', { customer_interests: [{ 'anything-but': 'rugby' }] }, attrs({}), false],
  ['anything-but prefix', { event: [{ 'anything-but': { prefix: 'order-' } }] }, attrs({ event: ['String', 'data-entry'] }), true],
  ['anything-but prefix, excluded', { event: [{ 'anything-but': { prefix: 'order-' } }] }, attrs({ event: ['String', 'order-placed'] }), false],
  ['numeric exact', { price_usd: [{ numeric: ['=', 301.5] }] }, attrs({ price_usd: ['Number', '3.015e2'] }), true],
  ['numeric range', { price_usd: [{ numeric: ['>', 0, '<=', 150] }] }, attrs({ price_usd: ['Number', '150'] }), true],
  ['numeric range, outside', { price_usd: [{ numeric: ['>', 0, '<=', 150] }] }, attrs({ price_usd: ['Number', '150.01'] }), false],
  ['numeric does not apply to String attributes', { price_usd: [{ numeric: ['>', 0] }] }, attrs({ price_usd: ['String', '5'] }), false],
  ['numeric anything-but', { price: [{ 'anything-but': [100, 500] }] }, attrs({ price: ['Number', '100.1'] }), true],
  ['numeric anything-but, excluded', { price: [{ 'anything-but': [100, 500] }] }, attrs({ price: ['Number', '100'] }), false],
  ['numeric anything-but on an array with one other value', { price: [{ 'anything-but': [100, 500] }] }, attrs({ price: ['String.Array', '[100, 50]'] }), true],
  ['cidr', { source_ip: [{ cidr: '10.0.0.0/24' }] }, attrs({ source_ip: ['String', '10.0.0.255'] }), true],
  ['cidr, outside', { source_ip: [{ cidr: '10.0.0.0/24' }] }, attrs({ source_ip: ['String', '10.1.1.0'] }), false],
  ['exists true', { store: [{ exists: true }] }, attrs({ store: ['String', 'example_corp'] }), true],
  ['exists true, absent', { store: [{ exists: true }] }, attrs({ event: ['String', 'x'] }), false],
  ['exists false', { store: [{ exists: false }] }, attrs({ event: ['String', 'x'] }), true],
  ['exists false, present', { store: [{ exists: false }] }, attrs({ store: ['Number', '1'] }), false],
  ['Binary attributes are ignored', { blob: [{ exists: false }] }, attrs({ blob: ['Binary', 'AAEC'] }), true],
  ['$or across keys', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] }, attrs({ source: ['String', 'aws.cloudwatch'], namespace: ['String', 'AWS/EC2'] }), true],
  ['$or, no branch', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] }, attrs({ source: ['String', 'aws.cloudwatch'], namespace: ['String', 'AWS/ES'] }), false],
  ['attribute names are literal, dots included', { 'order.type': ['retail'] }, attrs({ 'order.type': ['String', 'retail'] }), true],
  ['a message body does not count for attribute filtering', { eventType: ['OrderPlaced'] }, body({ eventType: 'OrderPlaced' }), false],
];

const bodyCases: Case[] = [
  ['nested key', { detail: { 'detail-type': ['OrderPlaced'] } }, body({ detail: { 'detail-type': 'OrderPlaced' } }), true],
  ['nested key, other value', { detail: { 'detail-type': ['OrderPlaced'] } }, body({ detail: { 'detail-type': 'OrderCancelled' } }), false],
  ['array in the body', { headers: { 'route-to': ['queue1'] } }, body({ headers: { 'route-to': ['queue2', 'queue1'] } }), true],
  ['dotted key equals nesting', { 'detail.notifications.optIn': [true] }, body({ detail: { notifications: { optIn: true } } }), true],
  ['exists false in the body', { detail: { refundId: [{ exists: false }] } }, body({ detail: { orderId: 'o1' } }), true],
  ['a body that is not JSON matches nothing', { detail: { refundId: [{ exists: false }] } }, { Message: 'plain text' }, false],
  ['a JSON string body matches nothing', { detail: { refundId: [{ exists: false }] } }, body('{"detail": {}}'), false],
  ['no body matches nothing', { detail: { refundId: [{ exists: false }] } }, {}, false],
  ['attributes do not count for body filtering', { eventType: ['OrderPlaced'] }, attrs({ eventType: ['String', 'OrderPlaced'] }), false],
];

describe('matchesFilterPolicy, scope MessageAttributes (the default)', () => {
  test.each(attributeCases)('%s', (_name, policy, message, expected) => {
    expect(matchesFilterPolicy(policy, message)).toBe(expected);
  });
});

describe('matchesFilterPolicy, scope MessageBody', () => {
  test.each(bodyCases)('%s', (_name, policy, message, expected) => {
    expect(matchesFilterPolicy(policy, message, 'MessageBody')).toBe(expected);
  });

  test('an EventBridge event published to SNS filters on the body', () => {
    const event = { source: 'orders.service', 'detail-type': 'OrderPlaced', detail: { notifications: { optIn: true } } };
    const wantsNotifications = compileFilterPolicy({ detail: { notifications: { optIn: [true] } } }, 'MessageBody');
    expect(wantsNotifications(body(event))).toBe(true);
    expect(wantsNotifications(body({ ...event, detail: { notifications: { optIn: false } } }))).toBe(false);
  });
});

describe('compileFilterPolicy', () => {
  test('refuses a nested policy for scope MessageAttributes', () => {
    expect(() => compileFilterPolicy({ detail: { a: ['x'] } })).toThrow(PatternSyntaxError);
    expect(() => compileFilterPolicy({ detail: { a: ['x'] } })).toThrow('Filter policy scope MessageAttributes does not support nested filter policy');
  });

  test('refuses operators SNS does not support', () => {
    const policy = { a: [{ wildcard: 'x*' }] } as unknown as FilterPolicy;
    expect(() => compileFilterPolicy(policy, 'MessageBody')).toThrow('a[0]: Unrecognized match type wildcard');
  });

  test('caches one matcher per policy and scope', () => {
    const policy: FilterPolicy = { a: ['x'] };
    expect(matchesFilterPolicy(policy, attrs({ a: ['String', 'x'] }))).toBe(true);
    expect(matchesFilterPolicy(policy, body({ a: 'x' }), 'MessageBody')).toBe(true);
    expect(matchesFilterPolicy(policy, body({ a: 'x' }))).toBe(false);
  });
});

const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);

type Problem = [string, unknown, FilterPolicyScope, string, string];
const problems: Problem[] = [
  ['not an object', 'x', 'MessageAttributes', '', 'Filter policy must be a JSON object'],
  ['nested with scope MessageAttributes', { a: { b: ['x'] } }, 'MessageAttributes', '', 'Filter policy scope MessageAttributes does not support nested filter policy'],
  ['six keys', { a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] }, 'MessageAttributes', '', 'Filter policy can not have more than 5 keys (found 6: a, b, c, d, e, f)'],
  ['six top-level body keys', { a: { b: ['1'] }, c: ['1'], d: ['1'], e: ['1'], f: ['1'], g: ['1'] }, 'MessageBody', '', 'Filter policy can not have more than 5 keys (found 6: a, c, d, e, f, g)'],
  ['six top-level body keys across $or branches', { a: ['1'], $or: [{ b: { x: ['1'] }, c: ['1'] }, { d: ['1'], e: ['1'], f: ['1'] }] }, 'MessageBody', '', 'Filter policy can not have more than 5 keys (found 6: a, b, c, d, e, f)'],
  ['six keys across $or branches', { a: ['1'], $or: [{ b: ['1'], c: ['1'] }, { d: ['1'], e: ['1'], f: ['1'] }] }, 'MessageAttributes', '', 'Filter policy can not have more than 5 keys (found 6'],
  ['151 combinations', { a: values(151) }, 'MessageAttributes', '', 'Filter policy is too complex: 151 combinations of values; at most 150 are allowed'],
  ['nesting multiplies combinations', { a: { b: { c: values(4) } }, d: { e: values(3) }, f: values(3) }, 'MessageBody', '', 'Filter policy is too complex: 216 combinations'],
  ['larger than 256 KB', { a: ['x'.repeat(262144)] }, 'MessageAttributes', '', 'Filter policy is 262154 bytes; at most 262144 (256 KB) are allowed'],
  ['wildcard', { a: [{ wildcard: '*x' }] }, 'MessageAttributes', 'a[0]', 'Unrecognized match type wildcard; SNS filter policies support:'],
  ['anything-but suffix', { a: [{ 'anything-but': { suffix: 'x' } }] }, 'MessageAttributes', 'a[0].anything-but.suffix', 'Unsupported anything-but pattern: suffix; SNS supports values and prefix'],
  ['anything-but equals-ignore-case', { a: [{ 'anything-but': { 'equals-ignore-case': 'x' } }] }, 'MessageBody', 'a[0].anything-but.equals-ignore-case', 'Unsupported anything-but pattern: equals-ignore-case'],
  ['anything-but prefix list', { a: [{ 'anything-but': { prefix: ['x', 'y'] } }] }, 'MessageAttributes', 'a[0].anything-but.prefix', 'prefix match pattern must be a string'],
  ['prefix ignoring case', { a: [{ prefix: { 'equals-ignore-case': 'x' } }] }, 'MessageAttributes', 'a[0].prefix', 'prefix match pattern must be a string'],
  ['numeric beyond 1e9', { a: [{ numeric: ['<', 1e10] }] }, 'MessageAttributes', 'a[0].numeric', 'Value of < must be between -1.0e9 and 1.0e9 with at most 5 digits after the decimal point (got 10000000000)'],
  ['numeric with 6 decimals', { a: [{ numeric: ['=', 0.123456] }] }, 'MessageAttributes', 'a[0].numeric', 'Value of equals must be between -1.0e9 and 1.0e9 with at most 5 digits after the decimal point'],
];

describe('validateFilterPolicy messages', () => {
  test.each(problems)('%s', (_name, policy, scope, path, message) => {
    expect(validateFilterPolicy(policy, scope)).toContainEqual({ path, message: expect.stringContaining(message) });
  });
});

describe('validateFilterPolicy accepts what SNS accepts', () => {
  test.each<[string, unknown, FilterPolicyScope]>([
    ['150 combinations exactly', { a: values(150) }, 'MessageAttributes'],
    ['five keys', { a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'] }, 'MessageAttributes'],
    ['every SNS operator', { a: ['x', 1, true, null], b: [{ prefix: 'p' }, { suffix: 's' }, { 'equals-ignore-case': 'e' }], c: [{ 'anything-but': ['x', 'y'] }, { 'anything-but': { prefix: 'p' } }, { numeric: ['>', 0, '<=', 1e9] }], d: [{ exists: false }, { cidr: '10.0.0.0/24' }] }, 'MessageAttributes'],
    // In a MessageBody policy only top-level keys count toward the key limit (4 here, 6 leaves).
    ['six leaves under four top-level body keys', { state: ['SUCCESS'], severity: [{ exists: true }], message: [{ exists: true }], finding: { control: [{ exists: true }], region: [{ exists: true }], account: [{ exists: true }] } }, 'MessageBody'],
    ['one top-level body key over deep nesting', { a: { b: { c: { d: values(4) } }, e: { f: values(3) } } }, 'MessageBody'],
    ['a nested body policy', { detail: { 'detail-type': ['OrderPlaced', 'OrderCancelled'], total: [{ numeric: ['>=', 100.12345] }] } }, 'MessageBody'],
  ])('%s', (_name, policy, scope) => {
    expect(validateFilterPolicy(policy, scope)).toEqual([]);
  });

  test('scope defaults to MessageAttributes', () => {
    expect(validateFilterPolicy({ a: { b: ['x'] } })).toHaveLength(1);
    expect(validateFilterPolicy({ a: { b: ['x'] } }, 'MessageBody')).toEqual([]);
  });
});
