import { Testing, TerraformStack } from 'cdktf';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { EventBusWithRules, formatValue, QueueWithDlq, ValidationError } from '../../modules';
import { testStack } from '../helpers/synth';

describe('formatValue', () => {
  it('writes JSON data as JSON', () => {
    expect(formatValue({ a: [1, 'two', null, true], b: undefined })).toBe('{"a":[1,"two",null,true]}');
    expect(formatValue('text')).toBe('"text"');
    expect(formatValue(undefined)).toBe('undefined');
    expect(formatValue(NaN)).toBe('NaN');
  });

  it('names a construct by its path instead of walking its cyclic tree', () => {
    const stack = new TerraformStack(Testing.app(), 'errors');
    const queue = new SqsQueue(stack, 'q', {});
    expect(formatValue(queue)).toBe('<construct errors/q>');
    expect(formatValue({ type: 'queue', target: queue })).toBe('{"type":"queue","target":<construct errors/q>}');
  });

  it('survives cycles, BigInt, symbols, functions and throwing getters', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    expect(formatValue(loop)).toBe('{"name":"loop","self":[Circular]}');
    expect(formatValue(10n)).toBe('10n');
    expect(formatValue(Symbol('s'))).toBe('Symbol(s)');
    expect(formatValue(function handler() {})).toBe('<function handler>');
    const hostile = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(formatValue(hostile)).toBe('<object>');
  });

  it('says a token is known only at apply', () => {
    const queue = new SqsQueue(new TerraformStack(Testing.app(), 't'), 'q', {});
    expect(formatValue(queue.arn)).toMatch(/^<token: \$\{TfToken\[TOKEN\.\d+\]\}>$/);
  });

  it('cuts long values to 200 characters', () => {
    const text = formatValue('x'.repeat(500));
    expect(text).toHaveLength(200);
    expect(text.endsWith('...')).toBe(true);
  });
});

describe('wrong shapes from plain JavaScript', () => {
  const refusal = (fn: () => unknown): ValidationError => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return e as ValidationError;
    }
    throw new Error('expected a ValidationError');
  };

  it('refuses a hand-written rule target without crashing in the message', () => {
    const stack = testStack('shapes');
    const bus = new EventBusWithRules(stack, 'bus', { name: 'orders' });
    const queue = new QueueWithDlq(stack, 'q', { name: 'q' });
    const e = refusal(() => bus.addRule('r', { eventPattern: { source: ['a'] }, targets: [{ type: 'queue', target: queue } as never] }));
    expect(e.constructPath).toBe('shapes/bus/r');
    expect(e.message).toContain('targets[0] = {"type":"queue","target":<construct shapes/q>} is invalid: must be made with RuleTarget.queue');
  });

  it('refuses targets given as an object instead of an array', () => {
    const bus = new EventBusWithRules(testStack('shapes'), 'bus', { name: 'orders' });
    const e = refusal(() => bus.addRule('r', { eventPattern: { source: ['a'] }, targets: { queue: 'x' } as never }));
    expect(e.message).toBe('shapes/bus/r: targets = {"queue":"x"} is invalid: must be a list (array) of a target made with RuleTarget.queue, .topic, .lambda, .eventBus, .stateMachine or .logGroup, or another IRuleTarget');
  });

  it('refuses undefined props, naming the construct that was to be made', () => {
    const e = refusal(() => new QueueWithDlq(testStack('shapes'), 'q', undefined as never));
    expect(e.message).toBe('shapes/q: props = undefined is invalid: must be an object { name, fifo?, contentBasedDeduplication?, deduplicationScope?, fifoThroughputLimit?, visibilityTimeoutSeconds?, messageRetentionSeconds?, delaySeconds?, maxMessageSizeBytes?, receiveWaitTimeSeconds?, deadLetter?, encryption?, alarms?, tags? }');
  });

  it('refuses a string where a construct is expected as the scope', () => {
    const e = refusal(() => new QueueWithDlq('stack' as never, 'q', { name: 'q' }));
    expect(e.message).toBe('<no scope>/q: scope = "stack" is invalid: must be a construct (a stack, or a construct in one) to make the QueueWithDlq in');
  });

  it('refuses nested settings of the wrong shape, and data that contains itself', () => {
    const stack = testStack('shapes');
    expect(refusal(() => new QueueWithDlq(stack, 'a', { name: 'a', deadLetter: 'five' as never })).message).toBe(
      'shapes/a: deadLetter = "five" is invalid: must be an object { maxReceiveCount?, retentionSeconds? }',
    );
    const tags: Record<string, unknown> = {};
    tags.self = tags;
    expect(refusal(() => new QueueWithDlq(stack, 'b', { name: 'b', tags: tags as never })).message).toContain('tags.self = {"self":[Circular]} is invalid: must be a string');
    expect(refusal(() => new QueueWithDlq(stack, 'c', { name: 'c', delaySeconds: 5n as never })).message).toBe('shapes/c: delaySeconds = 5n is invalid: must be a number');
  });
});
