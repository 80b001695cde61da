/**
 * One test per validation message of validateEventPattern, asserting path and text; texts follow
 * AWS's own error reasons where AWS has one.
 */
import { validateEventPattern, type PatternDialect } from '../../modules/patterns';

type Case = [string, unknown, PatternDialect, string, string];

const cyclic: Record<string, unknown> = { a: ['x'] };
cyclic.self = { again: cyclic };

const cases: Case[] = [
  ['not an object', ['source'], 'eventbridge', '', 'Event pattern must be a JSON object'],
  ['a bare value', { source: 'orders.service' }, 'eventbridge', 'source', '"source" must be an object or an array'],
  ['an empty array', { detail: { status: [] } }, 'eventbridge', 'detail.status', 'Empty arrays are not allowed'],
  ['an array inside the list', { a: [['x']] }, 'eventbridge', 'a[0]', 'Match value must be String, number, true, false, or null'],
  ['an empty operator object', { a: [{}] }, 'eventbridge', 'a[0]', 'Empty match expression; use one of: anything-but, cidr,'],
  ['two operators in one object', { a: [{ prefix: 'a', suffix: 'b' }] }, 'eventbridge', 'a[0]', 'Only one key allowed in match expression (found prefix, suffix)'],
  ['an unknown operator', { a: [{ NUMERIC: ['=', 5] }] }, 'eventbridge', 'a[0]', 'Unrecognized match type NUMERIC; operators are lower case'],
  ['prefix not a string', { a: [{ prefix: 123 }] }, 'eventbridge', 'a[0].prefix', 'prefix match pattern must be a string'],
  ['suffix a list', { a: [{ suffix: ['.png'] }] }, 'eventbridge', 'a[0].suffix', 'suffix match pattern must be a string'],
  ['equals-ignore-case a list', { a: [{ 'equals-ignore-case': ['x'] }] }, 'eventbridge', 'a[0].equals-ignore-case', 'equals-ignore-case match pattern must be a string'],
  ['prefix ignoring case, not a string', { a: [{ prefix: { 'equals-ignore-case': 1 } }] }, 'eventbridge', 'a[0].prefix.equals-ignore-case', 'equals-ignore-case match pattern must be a string'],
  ['wildcard not a string', { a: [{ wildcard: 1 }] }, 'eventbridge', 'a[0].wildcard', 'wildcard match pattern must be a string'],
  ['consecutive wildcards', { a: [{ wildcard: 'arn:aws:events:us-east-1:**:event-bus/*' }] }, 'eventbridge', 'a[0].wildcard', 'Consecutive wildcard characters at pos 26'],
  ['a bad escape', { a: [{ wildcard: 'a\\b' }] }, 'eventbridge', 'a[0].wildcard', 'Invalid escape character at pos 1'],
  ['a too complex wildcard', { a: [{ wildcard: '*:*:*:*:*:event-bus/*' }] }, 'eventbridge', 'a', 'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character'],
  ['numeric not an array', { a: [{ numeric: 10 }] }, 'eventbridge', 'a[0].numeric', 'Value of numeric must be an array.'],
  ['numeric empty', { a: [{ numeric: [] }] }, 'eventbridge', 'a[0].numeric', 'Invalid member in numeric match: ]'],
  ['numeric unknown operator', { a: [{ numeric: ['!=', 1] }] }, 'eventbridge', 'a[0].numeric', 'Unrecognized numeric range operator: !=; use =, <, <=, > or >='],
  ['numeric value missing', { a: [{ numeric: ['=', '5'] }] }, 'eventbridge', 'a[0].numeric', 'Value of equals must be numeric'],
  ['numeric out of range', { a: [{ numeric: ['>', 6e9] }] }, 'eventbridge', 'a[0].numeric', 'Value of > must be between -5.0e9 and 5.0e9 with at most 6 digits after the decimal point (got 6000000000)'],
  ['numeric too precise', { a: [{ numeric: ['<', 0.0000001] }] }, 'eventbridge', 'a[0].numeric', 'Value of < must be between -5.0e9 and 5.0e9 with at most 6 digits after the decimal point'],
  ['numeric range upper bound first', { a: [{ numeric: ['<', 100, '>', 10] }] }, 'eventbridge', 'a[0].numeric', 'Too many elements in numeric expression'],
  ['numeric range without operator', { a: [{ numeric: ['>', 20, 30] }] }, 'eventbridge', 'a[0].numeric', 'Bad value in numeric range: 30'],
  ['numeric range with a lower-bound operator twice', { a: [{ numeric: ['>', 0, '>', 0] }] }, 'eventbridge', 'a[0].numeric', 'Bad numeric range operator: >'],
  ['numeric range missing its upper bound', { a: [{ numeric: ['>', 0, '<'] }] }, 'eventbridge', 'a[0].numeric', 'Value of < must be numeric'],
  ['numeric range reversed', { a: [{ numeric: ['>', 3, '<', 1] }] }, 'eventbridge', 'a[0].numeric', 'Bottom must be less than top (3 >= 1)'],
  ['numeric range too long', { a: [{ numeric: ['>', 1, '<', 3, '<', 5] }] }, 'eventbridge', 'a[0].numeric', 'Too many terms in numeric range expression'],
  ['exists not a boolean', { a: [{ exists: 'no' }] }, 'eventbridge', 'a[0].exists', 'exists match pattern must be either true or false.'],
  ['cidr a list', { a: [{ cidr: ['10.0.0.0/8'] }] }, 'eventbridge', 'a[0].cidr', 'prefix match pattern must be a string (the cidr value must be one string'],
  ['cidr without slash', { a: [{ cidr: '10.0.0.0' }] }, 'eventbridge', 'a[0].cidr', "Malformed CIDR, one '/' required"],
  ['cidr mask not a number', { a: [{ cidr: '10.0.0.0/x' }] }, 'eventbridge', 'a[0].cidr', 'Malformed CIDR, mask bits must be an integer'],
  ['cidr bad address', { a: [{ cidr: '10.0.0.256/8' }] }, 'eventbridge', 'a[0].cidr', 'Nonstandard IP address: 10.0.0.256'],
  ['cidr mask too wide', { a: [{ cidr: '10.0.0.0/33' }] }, 'eventbridge', 'a[0].cidr', 'Malformed CIDR, mask bits must be between 0 and 32'],
  ['anything-but list with null', { a: [{ 'anything-but': ['x', null] }] }, 'eventbridge', 'a[0].anything-but', 'Inside anything but list, start|null|boolean is not supported.'],
  ['anything-but empty list', { a: [{ 'anything-but': [] }] }, 'eventbridge', 'a[0].anything-but', 'Empty arrays are not allowed'],
  ['anything-but null', { a: [{ 'anything-but': null }] }, 'eventbridge', 'a[0].anything-but', 'Value of anything-but must be an array or single string/number value.'],
  ['anything-but unknown form', { a: [{ 'anything-but': { exists: false } }] }, 'eventbridge', 'a[0].anything-but.exists', 'Unsupported anything-but pattern: exists'],
  ['anything-but empty prefix', { a: [{ 'anything-but': { prefix: '' } }] }, 'eventbridge', 'a[0].anything-but.prefix', 'Null prefix/suffix not allowed'],
  ['anything-but suffix not a string', { a: [{ 'anything-but': { suffix: [1] } }] }, 'eventbridge', 'a[0].anything-but.suffix', 'prefix/suffix match pattern must be a string'],
  ['anything-but prefix ignoring case', { a: [{ 'anything-but': { prefix: { 'equals-ignore-case': 'x' } } }] }, 'eventbridge', 'a[0].anything-but', 'Value of anything-but must be an array or single string/number value.'],
  ['anything-but equals-ignore-case number', { a: [{ 'anything-but': { 'equals-ignore-case': 1 } }] }, 'eventbridge', 'a[0].anything-but.equals-ignore-case', 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.'],
  ['anything-but wildcard not a string', { a: [{ 'anything-but': { wildcard: 1 } }] }, 'eventbridge', 'a[0].anything-but.wildcard', 'wildcard match pattern must be a string'],
  ['$or with one alternative', { $or: [{ a: ['x'] }] }, 'eventbridge', '$or', '"$or" must be an array of at least two pattern objects'],
  // {"a":["…"]} is 10 characters plus the string.
  ['too long for a rule', { a: ['x'.repeat(2039)] }, 'eventbridge', '', 'Event pattern is 2049 characters long; at most 2048 are allowed (the EventBridge "Event pattern size" quota; it can be raised to 4096)'],
  ['too long for a Pipes filter', { a: ['x'.repeat(4087)] }, 'pipes', '', 'Event pattern is 4097 characters long; at most 4096 are allowed'],
  ['not JSON', cyclic, 'eventbridge', '', 'Event pattern must be JSON (no cycles, functions or BigInt values)'],
  ['a cycle', cyclic, 'eventbridge', 'self.again', 'A pattern must be JSON: this object contains itself'],
  ['wildcard in a Pipes filter', { a: [{ wildcard: 'a*' }] }, 'pipes', 'a[0].wildcard', 'wildcard is not supported in EventBridge Pipes filter patterns; supported:'],
  ['anything-but prefix in a Pipes filter', { a: [{ 'anything-but': { prefix: 'x' } }] }, 'pipes', 'a[0].anything-but.prefix', 'anything-but with prefix is not supported in EventBridge Pipes filter patterns'],
  ['cidr in a Lambda filter', { a: [{ cidr: '10.0.0.0/8' }] }, 'lambda', 'a[0].cidr', 'cidr is not supported in Lambda event source mapping filter patterns'],
  ['prefix ignoring case in a Lambda filter', { a: [{ prefix: { 'equals-ignore-case': 'x' } }] }, 'lambda', 'a[0].prefix', 'prefix with equals-ignore-case is not supported in Lambda event source mapping filter patterns'],
  ['$or in a Lambda filter', { $or: [{ a: ['x'] }, { b: ['y'] }] }, 'lambda', '$or', '"$or" is not supported in Lambda event source mapping filter patterns'],
];

describe('validateEventPattern messages', () => {
  test.each(cases)('%s', (_name, pattern, dialect, path, message) => {
    const problems = validateEventPattern(pattern, { dialect });
    expect(problems).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  test('too many $or combinations', () => {
    const alternatives = (name: string) => Array.from({ length: 11 }, (_, i) => ({ [name]: [`v${i}`] }));
    // 11 × 11 × 11 = 1331 rules once expanded.
    const pattern = { $or: alternatives('a'), detail: { $or: alternatives('b'), x: { $or: alternatives('c') } } };
    expect(validateEventPattern(pattern)).toEqual([
      { path: '', message: 'Rule is too complex - its $or clauses expand to 1331 combinations; at most 1000 are allowed' },
    ]);
    const ten = { $or: alternatives('a').slice(0, 10), detail: { $or: alternatives('b').slice(0, 10), x: { $or: alternatives('c').slice(0, 10) } } };
    expect(validateEventPattern(ten)).toEqual([]);
  });
});

describe('validateEventPattern accepts what AWS accepts', () => {
  test.each<[string, unknown, PatternDialect]>([
    ['the orders rule', { source: ['orders.service'], 'detail-type': ['OrderPlaced'], detail: { total: [{ numeric: ['>=', 100] }] } }, 'eventbridge'],
    ['every operator', {
      a: ['x', 1, true, null, ''],
      b: [{ prefix: 'p' }, { prefix: { 'equals-ignore-case': 'P' } }, { suffix: 's' }, { suffix: { 'equals-ignore-case': 'S' } }],
      c: [{ 'equals-ignore-case': 'e' }, { wildcard: 'a*b' }, { numeric: ['>', 0, '<=', 5] }, { numeric: ['=', 3.018e2] }],
      d: [{ exists: false }, { cidr: '10.0.0.0/24' }, { cidr: '2001:db8::/32' }],
      e: [{ 'anything-but': 'x' }, { 'anything-but': [1, 2] }, { 'anything-but': { prefix: ['a', 'b'] } }, { 'anything-but': { suffix: 'z' } }],
      f: [{ 'anything-but': { 'equals-ignore-case': ['a'] } }, { 'anything-but': { wildcard: ['*/lib/*'] } }],
      $or: [{ g: ['1'] }, { h: { i: ['2'] } }],
    }, 'eventbridge'],
    ['a path wildcard with repeated segments', { FileName: [{ wildcard: '/Users/*/dir/dir/dir/dir/dir/doc.txt' }] }, 'eventbridge'],
    ['the numeric bounds themselves', { a: [{ numeric: ['>=', -5e9, '<=', 5e9] }], b: [{ numeric: ['=', 0.000001] }] }, 'eventbridge'],
    ['a Pipes filter', { dynamodb: { NewImage: { status: { S: [{ 'anything-but': ['DRAFT'] }, { prefix: { 'equals-ignore-case': 'p' } }] } } }, $or: [{ a: ['x'] }, { b: [{ cidr: '10.0.0.0/8' }] }] }, 'pipes'],
    ['a Lambda filter', { body: { status: [{ prefix: 'P' }, { suffix: 'D' }, { 'equals-ignore-case': 'x' }, { numeric: ['>', 1] }, { exists: true }, null, ''] } }, 'lambda'],
    ['a 2048-character rule', { a: ['x'.repeat(2038)] }, 'eventbridge'],
    ['a 4096-character Pipes filter', { a: ['x'.repeat(4086)] }, 'pipes'],
  ])('%s', (_name, pattern, dialect) => {
    expect(validateEventPattern(pattern, { dialect })).toEqual([]);
  });

  test('maxLength raises the size limit for a raised quota', () => {
    const pattern = { a: ['x'.repeat(3000)] };
    expect(validateEventPattern(pattern)).toHaveLength(1);
    expect(validateEventPattern(pattern, { maxLength: 4096 })).toEqual([]);
  });

  test('reports every problem, not only the first', () => {
    expect(validateEventPattern({ a: 'x', b: [], c: [{ nope: 1 }] }).map((p) => p.path)).toEqual(['a', 'b', 'c[0]']);
  });
});
