import { decodeJsonencode } from '../../modules/core/hcl';

describe('decodeJsonencode', () => {
  it('ends an attribute value at a newline, as HCL does', () => {
    const value = '${jsonencode({ deadLetterTargetArn = aws_sqs_queue.dlq[0].arn\n  maxReceiveCount = 5\n})}';
    expect(decodeJsonencode(value)).toEqual({ deadLetterTargetArn: '${aws_sqs_queue.dlq[0].arn}', maxReceiveCount: 5 });
  });

  it('separates literals, strings and conditionals by newlines too (CRLF included)', () => {
    const value = '${jsonencode({\r\n  a = var.x ? 1 : 2\r\n  b = true\n  c = "s"\n  d = 7\n})}';
    expect(decodeJsonencode(value)).toEqual({ a: '${var.x ? 1 : 2}', b: true, c: 's', d: 7 });
  });

  it('keeps newlines inside brackets and parentheses part of the value', () => {
    const value = '${jsonencode({\n  list = [1,\n    2]\n  pick = (var.a ?\n    1 : 2)\n  nested = {\n    k = "v" }\n})}';
    expect(decodeJsonencode(value)).toEqual({ list: [1, 2], pick: '${(var.a ?\n    1 : 2)}', nested: { k: 'v' } });
  });

  it('still reads what cdktf writes on one line', () => {
    expect(decodeJsonencode('${jsonencode({"a" = aws_sqs_queue.q.arn, "b" = [1, , 2]})}')).toEqual({ a: '${aws_sqs_queue.q.arn}', b: [1, null, 2] });
  });
});
