import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { buildOrders, newStack, policy } from './fixtures';
import { expectFinding, expectNoFinding } from './helpers';

describe('EDA-TF-001 no reference cycles', () => {
  it('passes for the orders stack', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-TF-001');
  });
  it('fails for a cycle through a JSON policy and depends_on', () => {
    const { stack } = newStack();
    const a = new SqsQueue(stack, 'a', {});
    const b = new SqsQueue(stack, 'b', { policy: policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: a.arn }) });
    a.dependsOn = [b.fqn];
    expectFinding(stack, 'EDA-TF-001', a, 'is in a reference cycle with x/b; Terraform refuses to plan it ("Cycle")');
  });
  it('fails for a cycle through jsonencode, and a self-reference', () => {
    const { stack } = newStack();
    const a = new SqsQueue(stack, 'a', {});
    const p = new SqsQueuePolicy(stack, 'p', { queueUrl: a.url, policy: '${jsonencode({"Resource" = aws_sqs_queue.a.arn})}' });
    a.addOverride('redrive_policy', '${jsonencode({"deadLetterTargetArn" = aws_sqs_queue_policy.p.id})}');
    const self = new SqsQueue(stack, 'self', {});
    self.addOverride('name', '${aws_sqs_queue.self.arn}');
    expectFinding(stack, 'EDA-TF-001', a, 'is in a reference cycle with x/p');
    expectFinding(stack, 'EDA-TF-001', self, 'refers to itself');
    void p;
  });
});

describe('EDA-TF-002 references are declared', () => {
  it('passes for the orders stack', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-TF-002');
  });
  it('fails for a hand-written address', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    q.addOverride('redrive_policy', '${jsonencode({"deadLetterTargetArn" = aws_sqs_queue.gone.arn, "maxReceiveCount" = 5})}');
    expectFinding(stack, 'EDA-TF-002', q, 'refers to aws_sqs_queue.gone, which the stack does not declare');
  });
});
