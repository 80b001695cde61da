/**
 * The builders produce exactly the JSON AWS expects, and the types turn common mistakes into
 * compile errors (checked by `tsc --noEmit`, which type-checks this file; the `@ts-expect-error`
 * lines fail the type-check if the mistake ever compiles).
 */
import { match, validateEventPattern, validateFilterPolicy, type EventPattern, type FilterPolicy } from '../../modules/patterns';

describe('match builders', () => {
  test.each<[string, unknown, unknown]>([
    ['prefix', match.prefix('us-'), { prefix: 'us-' }],
    ['prefix ignoring case', match.prefix('EventB', { ignoreCase: true }), { prefix: { 'equals-ignore-case': 'EventB' } }],
    ['suffix', match.suffix('.png'), { suffix: '.png' }],
    ['suffix ignoring case', match.suffix('.PNG', { ignoreCase: true }), { suffix: { 'equals-ignore-case': '.PNG' } }],
    ['equalsIgnoreCase', match.equalsIgnoreCase('alice'), { 'equals-ignore-case': 'alice' }],
    ['wildcard', match.wildcard('dir/*.png'), { wildcard: 'dir/*.png' }],
    ['anythingBut value', match.anythingBut('initializing'), { 'anything-but': 'initializing' }],
    ['anythingBut numbers', match.anythingBut([100, 200]), { 'anything-but': [100, 200] }],
    ['anythingBut prefix', match.anythingBut({ prefix: 'init' }), { 'anything-but': { prefix: 'init' } }],
    ['anythingBut suffix', match.anythingBut({ suffix: ['.txt', '.jpg'] }), { 'anything-but': { suffix: ['.txt', '.jpg'] } }],
    ['anythingBut equalsIgnoreCase', match.anythingBut({ equalsIgnoreCase: 'stopped' }), { 'anything-but': { 'equals-ignore-case': 'stopped' } }],
    ['anythingBut wildcard', match.anythingBut({ wildcard: '*/lib/*' }), { 'anything-but': { wildcard: '*/lib/*' } }],
    ['numeric', match.numeric('>=', 100), { numeric: ['>=', 100] }],
    ['numeric range', match.numeric('>', 0, '<=', 5), { numeric: ['>', 0, '<=', 5] }],
    ['exists', match.exists(), { exists: true }],
    ['exists false', match.exists(false), { exists: false }],
    ['cidr', match.cidr('10.0.0.0/24'), { cidr: '10.0.0.0/24' }],
    ['or', match.or({ a: ['x'] }, { b: ['y'] }), { $or: [{ a: ['x'] }, { b: ['y'] }] }],
  ])('%s', (_name, built, expected) => {
    expect(built).toEqual(expected);
  });

  test('a pattern built with them stringifies to what AWS accepts', () => {
    const pattern: EventPattern = {
      source: ['orders.service'],
      'detail-type': ['OrderPlaced', match.prefix('OrderStatus')],
      detail: {
        total: [match.numeric('>=', 100)],
        currency: [match.anythingBut(['XXX'])],
        customerId: [match.exists()],
        ...match.or({ status: [match.suffix('ED')] }, { notifications: { optIn: [true] } }),
      },
    };
    expect(JSON.stringify(pattern)).toBe(
      '{"source":["orders.service"],"detail-type":["OrderPlaced",{"prefix":"OrderStatus"}],' +
        '"detail":{"total":[{"numeric":[">=",100]}],"currency":[{"anything-but":["XXX"]}],"customerId":[{"exists":true}],' +
        '"$or":[{"status":[{"suffix":"ED"}]},{"notifications":{"optIn":[true]}}]}}',
    );
    expect(validateEventPattern(JSON.parse(JSON.stringify(pattern)))).toEqual([]);
  });

  test('SNS-compatible builders type-check as a filter policy', () => {
    const policy: FilterPolicy = {
      eventType: [match.prefix('Order'), match.equalsIgnoreCase('refund')],
      total: [match.numeric('>', 0, '<=', 150)],
      region: [match.anythingBut({ prefix: 'us-' }), match.cidr('10.0.0.0/8')],
      ...match.or({ a: ['x'] }, { b: [match.exists(false)] }),
    };
    expect(validateFilterPolicy(policy)).toEqual([]);
  });
});

describe('types reject common mistakes at compile time', () => {
  test('the mistakes are also caught at run time', () => {
    // @ts-expect-error a bare string where AWS wants an array
    const bare: EventPattern = { source: 'orders.service' };
    // @ts-expect-error an unknown operator key
    const unknownOperator: EventPattern = { detail: { total: [{ NUMERIC: ['=', 5] }] } };
    // @ts-expect-error an operator with a misspelt key next to a valid one
    const extraKey: EventPattern = { a: [{ prefix: 'x', sufix: 'y' }] };
    // @ts-expect-error a numeric range with the upper bound first
    const upperFirst: EventPattern = { a: [{ numeric: ['<', 10, '>', 0] }] };
    // @ts-expect-error $or with a single alternative
    const oneAlternative: EventPattern = { $or: [{ a: ['x'] }] };
    // @ts-expect-error wildcard is not an SNS operator
    const snsWildcard: FilterPolicy = { a: [match.wildcard('x*')] };
    // @ts-expect-error SNS does not support anything-but suffix
    const snsAnythingButSuffix: FilterPolicy = { a: [match.anythingBut({ suffix: '.png' })] };
    // @ts-expect-error a range needs a lower-bound operator first
    match.numeric('<', 10, '<=', 20);
    // @ts-expect-error $or needs two alternatives
    match.or({ a: ['x'] });

    expect(validateEventPattern(bare)).not.toEqual([]);
    expect(validateEventPattern(unknownOperator)).not.toEqual([]);
    expect(validateEventPattern(extraKey)).not.toEqual([]);
    expect(validateEventPattern(upperFirst)).not.toEqual([]);
    expect(validateEventPattern(oneAlternative)).not.toEqual([]);
    expect(validateFilterPolicy(snsWildcard)).not.toEqual([]);
    expect(validateFilterPolicy(snsAnythingButSuffix)).not.toEqual([]);
  });
});
