import { document, fmt, sharedDocument } from '../../modules/core/values';

describe('fmt', () => {
  it('groups thousands as en-US does, for whole and other numbers', () => {
    const numbers = [0, -0, 7, 999, 1_000, -1_000, 12_345, 262_144, 1_209_600, -98_765_432, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 60, 0.5, 1234.5678, -0.25, NaN, Infinity];
    for (const n of numbers) expect([n, fmt(n)]).toEqual([n, n.toLocaleString('en-US')]);
    expect(fmt(1_209_600)).toBe('1,209,600');
  });
});

describe('document and sharedDocument', () => {
  const text = '${jsonencode({"Statement" = [{"Action" = "sqs:SendMessage", "Resource" = aws_sqs_queue.q.arn}]})}';

  it('read the same document from jsonencode text', () => {
    const expected = { Statement: [{ Action: 'sqs:SendMessage', Resource: '${aws_sqs_queue.q.arn}' }] };
    expect(document(text)).toEqual(expected);
    expect(sharedDocument(text)).toEqual(expected);
    expect(sharedDocument('{"a": [1]}')).toEqual({ a: [1] });
    expect(sharedDocument('not json')).toBeUndefined();
  });

  it('document gives a copy of its own each time, which the caller may change', () => {
    const first = document<{ Statement: unknown[] }>(text)!;
    first.Statement.push('changed');
    expect(document(text)).not.toBe(first);
    expect(document<{ Statement: unknown[] }>(text)!.Statement).toHaveLength(1);
  });

  it('sharedDocument reads a text once and shares it frozen, to the last nested value', () => {
    const shared = sharedDocument<{ Statement: Array<Record<string, unknown>> }>(text)!;
    expect(sharedDocument(text)).toBe(shared);
    expect(Object.isFrozen(shared) && Object.isFrozen(shared.Statement) && Object.isFrozen(shared.Statement[0])).toBe(true);
    expect(() => shared.Statement.push({})).toThrow(TypeError);
    expect(sharedDocument<{ Statement: unknown[] }>(text)!.Statement).toHaveLength(1);
  });
});
