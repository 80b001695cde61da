import { DeadLetterRules, planDeadLetter, resolveDeadLetter } from '../../modules/core/dead-letter';
import { PropsValidator } from '../../modules/core/validation';
import { DeadLetterQueue, EventBusWithRules, ImportedQueue, TopicWithFilteredSubscriptions, ValidationError } from '../../modules';
import { testStack } from '../helpers/synth';

const A = '123456789012';
const STANDARD: DeadLetterRules = { fifo: false, pairing: 'must be standard', arns: ['sqs'], allowed: 'must be a queue, its ARN, settings or false' };

function issues(fn: (v: PropsValidator) => unknown): Array<[string, unknown, string]> {
  const v = new PropsValidator('test/x');
  fn(v);
  return v.recorded().map((i) => [i.field, i.value, i.allowed]);
}

describe('planDeadLetter: one decision of what a dead-letter setting is', () => {
  it('false is none; unset and settings are a queue to make; a queue construct is itself; a string is an ARN', () => {
    const stack = testStack();
    const queue = new DeadLetterQueue(stack, 'dlq', { name: 'dlq' });
    const v = new PropsValidator('test/x');
    expect(planDeadLetter(v, 'dlq', false, STANDARD)).toEqual({ kind: 'none' });
    expect(planDeadLetter(v, 'dlq', undefined, STANDARD)).toEqual({ kind: 'make', props: {} });
    expect(planDeadLetter(v, 'dlq', { name: 'x' }, STANDARD)).toEqual({ kind: 'make', props: { name: 'x' } });
    expect(planDeadLetter(v, 'dlq', queue, STANDARD)).toEqual({ kind: 'queue', queue });
    expect(planDeadLetter(v, 'dlq', `arn:aws:sqs:eu-west-1:${A}:dlq`, STANDARD)).toEqual({ kind: 'arn', arn: `arn:aws:sqs:eu-west-1:${A}:dlq` });
    expect(v.recorded()).toEqual([]);
  });

  it('refuses the wrong FIFO-ness, in a construct and in an ARN', () => {
    const stack = testStack();
    const fifo = new DeadLetterQueue(stack, 'dlq', { name: 'dlq', fifo: true });
    expect(issues((v) => planDeadLetter(v, 'dlq', fifo, STANDARD))).toEqual([['dlq', 'construct test/dlq', 'must be standard']]);
    expect(issues((v) => planDeadLetter(v, 'dlq', `arn:aws:sqs:eu-west-1:${A}:dlq.fifo`, STANDARD))).toEqual([['dlq', `arn:aws:sqs:eu-west-1:${A}:dlq.fifo`, 'must be standard']]);
  });

  it('refuses ARNs where none are taken, of services not taken, and values of no kind', () => {
    expect(issues((v) => planDeadLetter(v, 'dlq', `arn:aws:sqs:eu-west-1:${A}:dlq`, { ...STANDARD, arns: [] }))).toEqual([['dlq', `arn:aws:sqs:eu-west-1:${A}:dlq`, 'must be a queue, its ARN, settings or false']]);
    expect(issues((v) => planDeadLetter(v, 'dlq', 'arn:aws:s3:::failures', { ...STANDARD, arns: ['sqs', 'sns'] }))).toEqual([
      ['dlq', 'arn:aws:s3:::failures', 'must be the ARN of a standard SQS queue or a standard SNS topic'],
    ]);
    expect(issues((v) => planDeadLetter(v, 'dlq', 42 as never, STANDARD))).toEqual([['dlq', 42, 'must be a queue, its ARN, settings or false']]);
  });
});

describe('resolveDeadLetter', () => {
  it('makes the queue from its settings, and takes an SQS ARN as an imported queue when asked', () => {
    const stack = testStack();
    const made = resolveDeadLetter(stack, 'DLQ', { kind: 'make', props: { name: 'made' } }, (p) => new DeadLetterQueue(stack, 'made', p), true);
    expect(made?.made).toBeInstanceOf(DeadLetterQueue);
    expect(made?.queue).toBe(made?.made);
    const arn = `arn:aws:sqs:eu-west-1:${A}:shared-dlq`;
    const imported = resolveDeadLetter(stack, 'Imported', { kind: 'arn', arn }, () => undefined as never, true);
    expect(imported?.queue).toBeInstanceOf(ImportedQueue);
    expect(imported?.arn).toBe(arn);
    expect(resolveDeadLetter(stack, 'Kept', { kind: 'arn', arn }, () => undefined as never, false)).toEqual({ arn });
    expect(resolveDeadLetter(stack, 'None', { kind: 'none' }, () => undefined as never, true)).toBeUndefined();
  });
});

describe('every module refuses a FIFO dead-letter queue where AWS takes standard ones only', () => {
  it('a rule and a standard topic\'s subscription (stream readers: test/table-with-stream)', () => {
    const stack = testStack();
    const fifo = new DeadLetterQueue(stack, 'fifo-dlq', { name: 'fifo-dlq', fifo: true });
    const fields = (fn: () => unknown): string[] => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).issues.map((i) => i.field);
      }
      return [];
    };
    expect(fields(() => new EventBusWithRules(stack, 'bus', { name: 'orders' }).addRule('placed', { eventPattern: { source: ['o'] }, deadLetterQueue: fifo }))).toEqual(['deadLetterQueue']);
    expect(fields(() => new TopicWithFilteredSubscriptions(stack, 'topic', { name: 'orders' }).addEmailSubscription('ops', 'ops@acme-corp.io', { deadLetterQueue: fifo }))).toEqual(['deadLetterQueue']);
  });
});
