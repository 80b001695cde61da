import { Fn, TerraformStack, Token } from 'cdktf';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { jsonDocument, lazyJsonDocument } from '../../modules';
import { cdktfJsonDocument } from '../../modules/core/json-document';
import { document } from '../../modules/core/values';
import { refTo, resourceAt, synthJson, testStack } from '../helpers/synth';

describe('jsonDocument', () => {
  it('writes a document as jsonencode, keeping references as references and text as given', () => {
    const stack = testStack();
    const dlq = new SqsQueue(stack, 'dlq', { name: 'dlq' });
    const text = 'a "quoted" \\ backslash and a %{directive}';
    new SqsQueue(stack, 'queue', {
      name: 'queue',
      redrivePolicy: jsonDocument({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5, note: text, [`key "${text}"`]: [`arn:${dlq.arn}:x`], absent: undefined }),
    });
    const json = synthJson(stack);
    const redrive = resourceAt(json, 'aws_sqs_queue', 'test/queue').redrive_policy as string;
    expect(redrive).toMatch(/^\$\{jsonencode\(\{/);
    const arn = refTo(json, 'aws_sqs_queue', 'test/dlq', 'arn');
    expect(document(redrive)).toEqual({ deadLetterTargetArn: arn, maxReceiveCount: 5, note: text, [`key "${text}"`]: [`arn:${arn}:x`] });
  });
});

describe('jsonDocument renders as cdktf’s own Fn.jsonencode does', () => {
  let stack: TerraformStack;
  let queue: SqsQueue;
  let partition: DataAwsPartition;
  let account: DataAwsCallerIdentity;
  let next = 0;
  beforeEach(() => {
    stack = testStack();
    queue = new SqsQueue(stack, 'q', { name: 'q' });
    partition = new DataAwsPartition(stack, 'partition');
    account = new DataAwsCallerIdentity(stack, 'account');
  });

  /** The text each way writes for `document`, in one synth. */
  function bothWays(document: unknown, wrap: (text: string) => string = (text) => text): [string, string] {
    const id = `case-${next++}`;
    new SqsQueue(stack, `${id}-ours`, { name: `${id}-ours`, redrivePolicy: wrap(jsonDocument(document)) });
    new SqsQueue(stack, `${id}-cdktf`, { name: `${id}-cdktf`, redrivePolicy: wrap(cdktfJsonDocument(document)) });
    const json = synthJson(stack);
    return [resourceAt(json, 'aws_sqs_queue', `${id}-ours`).redrive_policy, resourceAt(json, 'aws_sqs_queue', `${id}-cdktf`).redrive_policy];
  }

  const cases: Array<[string, () => unknown]> = [
    ['a lone reference', () => ({ Resource: queue.arn })],
    ['references inside text, adjacent, first and last', () => ({ a: `${queue.arn}/*`, b: `arn:${partition.partition}:iam::${account.accountId}:root`, c: `${queue.name}${queue.id}`, d: `x${queue.url}` })],
    ['text that needs escaping', () => ({ quote: 'say "hi"', backslash: 'a\\b', directive: 'a %{b} c', path: '$.detail.orderId', braces: '{}[]=,', empty: '', dollar: '$', unicode: 'é 東京 🚀', [`k "q" \\`]: 'v' })],
    ['numbers, booleans and null', () => ({ zero: 0, negative: -1, fraction: 1.5, large: 1e21, minusZero: -0, yes: true, no: false, nothing: null, numbers: [1, 2.5, -3] })],
    ['deep and empty', () => ({ Statement: [{ Effect: 'Allow', Principal: { Service: ['sns.amazonaws.com'] }, Condition: { ArnEquals: { 'aws:SourceArn': [queue.arn] } }, Empty: {}, List: [] }], [`n`]: [[[], [{}]]] })],
    ['left to cdktf: null in a list, a literal ${, a newline', () => ({ list: [1, null, 2], template: 'a ${b} c', lines: 'one\ntwo' })],
    ['left to cdktf: number and list tokens', () => ({ n: Token.asNumber(queue.delaySeconds), l: Token.asList(queue.arn), inList: [Token.asNumber(queue.delaySeconds)] })],
    ['a top-level string, number or list', () => [queue.arn, 'text', 3]],
  ];

  it.each(cases)('%s', (name, document) => {
    // Fn.jsonencode is called once for cdktf's side, and again for ours only when left to cdktf.
    const calls = jest.spyOn(Fn, 'jsonencode');
    try {
      const [ours, cdktf] = bothWays(document());
      expect(ours).toBe(cdktf);
      expect(ours).toMatch(/^\$\{jsonencode\(/);
      expect(calls).toHaveBeenCalledTimes(name.startsWith('left to cdktf') ? 2 : 1);
    } finally {
      calls.mockRestore();
    }
  });

  it('inside another expression (left to cdktf)', () => {
    const [ours, cdktf] = bothWays({ Resource: queue.arn }, (text) => Fn.lower(text));
    expect(ours).toBe(cdktf);
    expect(ours).toMatch(/^\$\{lower\(jsonencode\(/);
  });

  it('lazyJsonDocument too, with statements added after it is made', () => {
    const statements: unknown[] = [];
    new SqsQueue(stack, 'lazy-ours', { name: 'lazy-ours', redrivePolicy: lazyJsonDocument(() => ({ Statement: statements })) });
    new SqsQueue(stack, 'lazy-cdktf', { name: 'lazy-cdktf', redrivePolicy: cdktfJsonDocument({ Statement: [{ Resource: `${queue.arn}/*`, Sid: 'a "b"' }] }) });
    statements.push({ Resource: `${queue.arn}/*`, Sid: 'a "b"' });
    const json = synthJson(stack);
    expect(resourceAt(json, 'aws_sqs_queue', 'lazy-ours').redrive_policy).toBe(resourceAt(json, 'aws_sqs_queue', 'lazy-cdktf').redrive_policy);
  });

  it('for 300 generated documents', () => {
    // A fixed seed: the same documents on every run.
    let seed = 21;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const texts = () => ['', 'plain', 'q"uote', 'b\\s', '%{x}', '$.a', '=', ',', '{', ']', ' ', queue.arn, partition.partition, `${queue.arn}:x`, `a${account.accountId}b${queue.name}c`];
    const value = (depth: number): unknown => {
      const kind = random(depth > 3 ? 4 : 7);
      if (kind === 0) return texts()[random(15)];
      if (kind === 1) return random(1000) - 500;
      if (kind === 2) return random(2) === 0;
      if (kind === 3) return texts()[random(15)];
      if (kind === 4) return Array.from({ length: random(4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: random(4) }, (_, i) => [['k', 'a b', 'q"k', `n${i}`][random(4)] + i, value(depth + 1)]));
    };
    const documents = Array.from({ length: 300 }, () => ({ root: value(0), nothing: random(3) === 0 ? null : 'x' }));
    const made = documents.map((document) => {
      const id = `gen-${next++}`;
      new SqsQueue(stack, `${id}-ours`, { name: `${id}-ours`, redrivePolicy: jsonDocument(document) });
      new SqsQueue(stack, `${id}-cdktf`, { name: `${id}-cdktf`, redrivePolicy: cdktfJsonDocument(document) });
      return id;
    });
    const json = synthJson(stack);
    const differing = made.filter((id) => resourceAt(json, 'aws_sqs_queue', `${id}-ours`).redrive_policy !== resourceAt(json, 'aws_sqs_queue', `${id}-cdktf`).redrive_policy);
    expect(differing).toEqual([]);
  });
});
