import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { jsonDocument } from '../../modules';
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
