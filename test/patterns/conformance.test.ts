/**
 * Runs the shared conformance cases (AWS-validated EventBridge patterns, event-ruler's unit-test
 * cases, AWS-validated SNS filter policies) through the validators and evaluators.
 *
 * The case files are test data kept in `./conformance` (its README names each file's origin and
 * license), so every clone runs all of them.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  matchesEventPattern,
  matchesFilterPolicy,
  validateEventPattern,
  validateFilterPolicy,
  type EventPattern,
  type FilterPolicy,
  type FilterPolicyScope,
  type SnsMessage,
} from '../../modules/patterns';

const DIR = path.join(__dirname, 'conformance');

const FILES = {
  ebAws: 'eventbridge-patterns.aws-validated.json',
  ebRuler: 'eventbridge-patterns.event-ruler.json',
  snsAws: 'sns-filter-policies.aws-validated.json',
  snsAccepted: 'sns-filter-policies.aws-accepted.json',
} as const;

interface EbAwsCase {
  source: string;
  expected: 'match' | 'no-match' | 'invalid-pattern';
  pattern: unknown;
  event: unknown;
  awsError?: { Message: string };
}
interface EbRulerCase {
  id: number;
  source: string;
  matches: boolean;
  patternText: string;
  eventText: string;
  operators: string[];
  note?: string;
}
interface SnsCase {
  source: string;
  scope: FilterPolicyScope;
  policy: unknown;
  message: SnsMessage | null;
  expected: 'match' | 'no-match' | 'invalid-policy' | 'valid-policy';
  awsError?: string;
  awsErrorFirstLine?: string;
}

/**
 * Event-ruler cases whose README note marks them as library behaviour, and what this library
 * does about each. An id listed in DELIBERATE_DIFFERENCES is expected to come out the opposite
 * way from event-ruler; every other noted case is expected to agree with it.
 */
const LIBRARY_SPECIFIC_NOTES: Record<number, string> = {
  81: 'array consistency: agree with event-ruler (EventBridge runs event-ruler; AWS docs are silent)',
  82: 'array consistency: agree with event-ruler',
  83: 'array consistency: agree with event-ruler',
  188: 'array consistency: agree with event-ruler',
  85: 'numeric anything-but vs a string value: agree with event-ruler (a string is not an excluded number)',
  86: 'numeric anything-but vs a string value: agree with event-ruler',
  126: 'exists:false per array element: agree with event-ruler (falls out of array consistency)',
  132: 'duplicate keys, last wins: patternText is parsed with JSON.parse, which keeps the last key too',
  133: 'duplicate keys, last wins: as 132',
  134: 'CIDR host bits ignored: agree with event-ruler (the AWS-validated cases never set host bits)',
  135: 'CIDR host bits ignored',
  136: 'CIDR host bits ignored',
  137: 'CIDR host bits ignored',
  138: 'CIDR host bits ignored',
  139: 'CIDR host bits ignored',
  140: 'CIDR host bits ignored',
  141: 'CIDR host bits ignored',
  142: 'CIDR host bits ignored',
  143: 'CIDR host bits ignored',
  144: 'CIDR host bits ignored',
  145: 'CIDR host bits ignored',
  149: 'a memory option of the library: no semantic difference',
  150: 'a memory option of the library: no semantic difference',
};

/** Ids where this library deliberately follows AWS over event-ruler, with the reason. None today. */
const DELIBERATE_DIFFERENCES: Record<number, string> = {};

// ---------------------------------------------------------------------------------------------

type Tally = Map<string, { pass: number; fail: number }>;
const perFile: Tally = new Map();
const perOperator: Tally = new Map();
const failures: string[] = [];

function count(tally: Tally, key: string, ok: boolean): void {
  const entry = tally.get(key) ?? { pass: 0, fail: 0 };
  if (ok) entry.pass++;
  else entry.fail++;
  tally.set(key, entry);
}

function record(file: string, id: string, operators: string[], ok: boolean): void {
  count(perFile, file, ok);
  for (const op of new Set(operators)) count(perOperator, op, ok);
  if (!ok) failures.push(`${file} ${id}`);
}

/** The operators a pattern uses, named like the event-ruler file names them. */
function operatorsOf(pattern: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      if (node.length > 1 && node.every((v) => typeof v !== 'object' || v === null)) found.push('value-list(OR)');
      for (const item of node) {
        if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
          for (const [op, arg] of Object.entries(item)) {
            if (op === 'anything-but' && arg !== null && typeof arg === 'object' && !Array.isArray(arg)) {
              found.push(`anything-but/${Object.keys(arg)[0]}`);
            } else if ((op === 'prefix' || op === 'suffix') && arg !== null && typeof arg === 'object') {
              found.push(`${op}/equals-ignore-case`);
            } else found.push(op);
          }
        } else if (!Array.isArray(item)) found.push(item === null ? 'null' : 'exact');
      }
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$or') {
          found.push('$or');
          (value as unknown[]).forEach(walk);
        } else walk(value);
      }
    }
  };
  walk(pattern);
  return found.length > 0 ? found : ['(none)'];
}

/** AWS's reason text without the API-specific prefix. */
function awsReason(text: string): string {
  return text
    .split('\n')[0]
    .replace(/^Event pattern is not valid\. Reason: /, '')
    .replace(/^Invalid parameter: (Attributes Reason: )?(FilterPolicy: )?/, '')
    .trim();
}

function load<T>(file: string): T[] {
  return JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as T[];
}

test('every case file is present, non-empty and described in the README', () => {
  const readme = fs.readFileSync(path.join(DIR, 'README.md'), 'utf8');
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));
  expect(files.sort()).toEqual(Object.values(FILES).sort());
  for (const file of files) {
    expect(load(file).length).toBeGreaterThan(0);
    expect(readme).toContain(`| \`${file}\` |`);
  }
});

const ebAws = load<EbAwsCase>(FILES.ebAws);
describe(FILES.ebAws, () => {
  const cases = ebAws.map((c, i) => ({ ...c, name: `#${i} ${c.source.split('/').pop()}` }));
  test.each(cases)('$name ($expected)', (c) => {
    const problems = validateEventPattern(c.pattern);
    let ok: boolean;
    if (c.expected === 'invalid-pattern') {
      const reason = awsReason(c.awsError?.Message ?? '');
      ok = problems.length > 0 && problems.some((p) => p.message.startsWith(reason));
      record(FILES.ebAws, c.name, operatorsOf(c.pattern), ok);
      expect(problems.length).toBeGreaterThan(0);
      // Our message starts with AWS's own reason text.
      expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining(reason));
    } else {
      const matched = problems.length === 0 && matchesEventPattern(c.pattern as EventPattern, c.event);
      ok = problems.length === 0 && matched === (c.expected === 'match');
      record(FILES.ebAws, c.name, operatorsOf(c.pattern), ok);
      expect(problems).toEqual([]);
      expect(matched).toBe(c.expected === 'match');
    }
  });
});

const ebRuler = load<EbRulerCase>(FILES.ebRuler);
describe(FILES.ebRuler, () => {
  test('every case with a library note has a recorded decision', () => {
    const noted = ebRuler.filter((c) => c.note).map((c) => c.id);
    expect(noted.filter((id) => !(id in LIBRARY_SPECIFIC_NOTES))).toEqual([]);
  });

  const cases = ebRuler.map((c) => ({ ...c, name: `id ${c.id}` }));
  test.each(cases)('$name (matches: $matches)', (c) => {
    // The texts keep duplicate keys and number spellings (3.018e2) exactly as the tests wrote them.
    const pattern = JSON.parse(c.patternText) as EventPattern;
    const event: unknown = JSON.parse(c.eventText);
    const expected = c.id in DELIBERATE_DIFFERENCES ? !c.matches : c.matches;
    const problems = validateEventPattern(pattern);
    const matched = problems.length === 0 && matchesEventPattern(pattern, event);
    record(FILES.ebRuler, c.name, c.operators, problems.length === 0 && matched === expected);
    expect(problems).toEqual([]);
    expect(matched).toBe(expected);
  });
});

for (const file of [FILES.snsAws, FILES.snsAccepted]) {
  const snsCases = load<SnsCase>(file);
  describe(file, () => {
    const cases = snsCases.map((c, i) => ({ ...c, name: `#${i} ${c.source.split('::').pop()}` }));
    test.each(cases)('$name ($scope, $expected)', (c) => {
      const problems = validateFilterPolicy(c.policy, c.scope);
      const ops = [...operatorsOf(c.policy), `scope:${c.scope}`];
      if (c.expected === 'invalid-policy') {
        const reason = awsReason(c.awsErrorFirstLine ?? c.awsError ?? '');
        record(file, c.name, ops, problems.some((p) => p.message.startsWith(reason)));
        expect(problems.length).toBeGreaterThan(0);
        expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining(reason));
      } else if (c.expected === 'valid-policy') {
        record(file, c.name, ops, problems.length === 0);
        expect(problems).toEqual([]);
      } else {
        const matched = problems.length === 0 && matchesFilterPolicy(c.policy as FilterPolicy, c.message ?? {}, c.scope);
        record(file, c.name, ops, problems.length === 0 && matched === (c.expected === 'match'));
        expect(problems).toEqual([]);
        expect(matched).toBe(c.expected === 'match');
      }
    });
  });
}

afterAll(() => {
  const lines = ['Conformance pass counts per file:'];
  for (const [file, t] of perFile) lines.push(`  ${file}: ${t.pass}/${t.pass + t.fail}`);
  lines.push('Per operator:');
  for (const [op, t] of [...perOperator].sort(([a], [b]) => a.localeCompare(b))) lines.push(`  ${op}: ${t.pass}/${t.pass + t.fail}`);
  if (failures.length > 0) lines.push(`Failing cases: ${failures.join(', ')}`);
  const noted = Object.keys(LIBRARY_SPECIFIC_NOTES).length;
  lines.push(`event-ruler library-specific notes: ${noted} cases, deliberate differences: ${Object.keys(DELIBERATE_DIFFERENCES).length}`);
  console.log(lines.join('\n'));
});
