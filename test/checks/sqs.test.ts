import { Fn } from 'cdktf';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SqsQueueRedrivePolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { allowService, goodQueue, newStack, policy, queuePolicy, tlsOnly } from './fixtures';
import { expectFinding, expectNoFinding, findings } from './helpers';

describe('EDA-SQS-001 queue encrypted at rest', () => {
  it('passes with SSE-SQS or a KMS key', () => {
    const { stack } = newStack();
    new SqsQueue(stack, 'a', { sqsManagedSseEnabled: true });
    new SqsQueue(stack, 'b', { kmsMasterKeyId: 'alias/orders' });
    expectNoFinding(stack, 'EDA-SQS-001');
  });
  it('fails when encryption is off or not declared', () => {
    const { stack } = newStack();
    const off = new SqsQueue(stack, 'off', { sqsManagedSseEnabled: false });
    const silent = new SqsQueue(stack, 'silent', {});
    expectFinding(stack, 'EDA-SQS-001', off, 'queue has encryption at rest turned off');
    const f = expectFinding(stack, 'EDA-SQS-001', silent, 'queue does not declare encryption at rest');
    expect(f.message).toBe(
      'EDA-SQS-001 x/silent: queue does not declare encryption at rest. Fix: set sqs_managed_sse_enabled = true, or kms_master_key_id to a customer-managed KMS key.',
    );
    expect(f.severity).toBe('error');
  });
});

describe('EDA-SQS-002 customer-managed key', () => {
  it('passes with a customer-managed key', () => {
    const { stack } = newStack();
    new SqsQueue(stack, 'q', { kmsMasterKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/abc' });
    expectNoFinding(stack, 'EDA-SQS-002');
  });
  it('fails with alias/aws/sqs', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', { kmsMasterKeyId: 'alias/aws/sqs' });
    expectFinding(stack, 'EDA-SQS-002', q, 'AWS managed key alias/aws/sqs');
  });
});

describe('EDA-SQS-003 queue policy not public', () => {
  it('passes when the principal is named or the grant conditioned', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    new SqsQueuePolicy(stack, 'p', {
      queueUrl: q.url,
      policy: policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: q.arn, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }),
    });
    expectNoFinding(stack, 'EDA-SQS-003');
  });
  it('fails for Principal * without condition, on a policy resource or the queue', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    const p = new SqsQueuePolicy(stack, 'p', { queueUrl: q.url, policy: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:SendMessage', Resource: q.arn }) });
    const inline = new SqsQueue(stack, 'inline', { policy: policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: '*' }) });
    expectFinding(stack, 'EDA-SQS-003', p, 'allows sqs:SendMessage to any principal (*)');
    expectFinding(stack, 'EDA-SQS-003', inline, 'to any principal (*)');
  });
});

describe('EDA-SQS-004 no wildcard actions', () => {
  it('passes with named actions', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    new SqsQueuePolicy(stack, 'p', { queueUrl: q.url, policy: policy(allowService('sns.amazonaws.com', 'sqs:SendMessage', q.arn, 'arn:aws:sns:eu-west-1:1:t')) });
    expectNoFinding(stack, 'EDA-SQS-004');
  });
  it('fails with sqs:*', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    const p = new SqsQueuePolicy(stack, 'p', { queueUrl: q.url, policy: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'SQS:*', Resource: q.arn }) });
    expectFinding(stack, 'EDA-SQS-004', p, 'queue policy allows every action (* or sqs:*)');
  });
});

describe('EDA-SQS-005 TLS only', () => {
  it('passes with a Deny on aws:SecureTransport false', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    queuePolicy(stack, q);
    expectNoFinding(stack, 'EDA-SQS-005');
  });
  it('fails without a policy, or when the Deny does not cover every action', () => {
    const { stack } = newStack();
    const bare = new SqsQueue(stack, 'bare', {});
    const partial = new SqsQueue(stack, 'partial', {});
    new SqsQueuePolicy(stack, 'p', { queueUrl: partial.url, policy: policy(tlsOnly('sqs:SendMessage', partial.arn)) });
    expectFinding(stack, 'EDA-SQS-005', bare, 'queue has no policy denying requests without TLS');
    expectFinding(stack, 'EDA-SQS-005', partial, 'queue policy does not deny requests without TLS');
  });
});

describe('EDA-SQS-006 queue has a DLQ', () => {
  it('passes for a queue with a redrive policy and for its DLQ', () => {
    const { stack } = newStack();
    goodQueue(stack, 'orders');
    expectNoFinding(stack, 'EDA-SQS-006');
  });
  it('passes for a DLQ set by aws_sqs_queue_redrive_policy or used by an EventBridge target', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    const dlq = new SqsQueue(stack, 'dlq', {});
    new SqsQueueRedrivePolicy(stack, 'r', { queueUrl: q.url, redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) });
    const rule = new CloudwatchEventRule(stack, 'rule', { eventPattern: '{"source":["a"]}' });
    const targetDlq = new SqsQueue(stack, 'target-dlq', {});
    new CloudwatchEventTarget(stack, 't', { rule: rule.name, arn: 'arn:aws:sns:eu-west-1:1:t', deadLetterConfig: { arn: targetDlq.arn } });
    expectNoFinding(stack, 'EDA-SQS-006');
  });
  it('fails for a queue with no DLQ', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    expectFinding(stack, 'EDA-SQS-006', q, 'queue has no dead-letter queue (redrive_policy) and is not one');
  });
});

describe('EDA-SQS-007 queue limits', () => {
  it('passes for valid arguments', () => {
    const { stack } = newStack();
    new SqsQueue(stack, 'q', { name: 'orders.fifo', fifoQueue: true, contentBasedDeduplication: true, visibilityTimeoutSeconds: 43_200, receiveWaitTimeSeconds: 20 });
    expectNoFinding(stack, 'EDA-SQS-007');
  });
  it('fails for out-of-range values, bad names and FIFO-only settings on a standard queue', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', { name: 'orders.fifo', contentBasedDeduplication: true, receiveWaitTimeSeconds: 21, messageRetentionSeconds: 30, redrivePolicy: '{"maxReceiveCount": 5' });
    const all = findings(stack, 'EDA-SQS-007').map((f) => f.problem);
    expect(all).toEqual(
      expect.arrayContaining([
        'name = "orders.fifo" is invalid: up to 80 of A-Z a-z 0-9 _ - (no .fifo on a standard queue)',
        'content_based_deduplication = true on a standard queue',
        'receive_wait_time_seconds = 21 is outside 0..20 seconds',
        'message_retention_seconds = 30 is outside 60..1,209,600 seconds',
        'redrive_policy is not valid JSON',
      ]),
    );
    expectFinding(stack, 'EDA-SQS-007', q, 'receive_wait_time_seconds = 21 is outside 0..20 seconds. Fix: set receive_wait_time_seconds to 0..20 seconds');
  });
});

describe('EDA-SQS-008 DLQ of the same type', () => {
  it('passes for FIFO with FIFO and standard with standard', () => {
    const { stack } = newStack();
    goodQueue(stack, 'a', { fifo: true });
    goodQueue(stack, 'b');
    expectNoFinding(stack, 'EDA-SQS-008');
  });
  it('fails for a FIFO queue with a standard DLQ (also through jsonencode and a literal ARN)', () => {
    const { stack } = newStack();
    const dlq = new SqsQueue(stack, 'dlq', {});
    const q = new SqsQueue(stack, 'q', { name: 'q.fifo', fifoQueue: true, redrivePolicy: Fn.jsonencode({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) });
    const literal = new SqsQueue(stack, 'literal', { redrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:123456789012:dlq.fifo', maxReceiveCount: 5 }) });
    expectFinding(stack, 'EDA-SQS-008', q, 'FIFO queue has the standard queue x/dlq as dead-letter queue');
    expectFinding(stack, 'EDA-SQS-008', literal, 'standard queue has the FIFO queue arn:aws:sqs:eu-west-1:123456789012:dlq.fifo');
  });
});

describe('EDA-SQS-009 DLQ in the same Region', () => {
  it('passes when both are in the provider Region', () => {
    const { stack } = newStack();
    goodQueue(stack, 'a');
    expectNoFinding(stack, 'EDA-SQS-009');
  });
  it('fails for a DLQ in another Region (provider alias or ARN)', () => {
    const { stack } = newStack();
    const us = new AwsProvider(stack, 'us', { region: 'us-east-1', alias: 'us' });
    const dlq = new SqsQueue(stack, 'dlq', { provider: us });
    const q = new SqsQueue(stack, 'q', { redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) });
    expectFinding(stack, 'EDA-SQS-009', q, 'queue in eu-west-1 has a dead-letter queue in us-east-1');
  });
});

describe('EDA-SQS-010 DLQ retention', () => {
  it('passes when the DLQ keeps messages longer', () => {
    const { stack } = newStack();
    goodQueue(stack, 'a');
    expectNoFinding(stack, 'EDA-SQS-010');
  });
  it('fails when the DLQ keeps them no longer (both defaults)', () => {
    const { stack } = newStack();
    const dlq = new SqsQueue(stack, 'dlq', {});
    const q = new SqsQueue(stack, 'q', { redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) });
    expectFinding(stack, 'EDA-SQS-010', q, "dead-letter queue x/dlq retains messages 345,600 s, not longer than this queue's 345,600 s");
  });
});

describe('EDA-SQS-011 maxReceiveCount', () => {
  it('passes with 5 for a Lambda consumer', () => {
    const { stack } = newStack();
    const { queue } = goodQueue(stack, 'a');
    new LambdaEventSourceMapping(stack, 'm', { eventSourceArn: queue.arn, functionName: 'f' });
    expectNoFinding(stack, 'EDA-SQS-011');
  });
  it('fails with 3 for a Lambda consumer and 1 otherwise', () => {
    const { stack } = newStack();
    const dlq = new SqsQueue(stack, 'dlq', {});
    const polled = new SqsQueue(stack, 'polled', { redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 }) });
    new LambdaEventSourceMapping(stack, 'm', { eventSourceArn: polled.arn, functionName: 'f' });
    const once = new SqsQueue(stack, 'once', { redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }) });
    expectFinding(stack, 'EDA-SQS-011', polled, 'maxReceiveCount = 3');
    expectFinding(stack, 'EDA-SQS-011', once, 'on the first failed receive');
  });
});

describe('EDA-SQS-012 one policy per queue', () => {
  it('passes with one policy', () => {
    const { stack } = newStack();
    queuePolicy(stack, new SqsQueue(stack, 'q', {}));
    expectNoFinding(stack, 'EDA-SQS-012');
  });
  it('fails with two policy resources, or a policy argument and a policy resource', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    new SqsQueuePolicy(stack, 'p1', { queueUrl: q.url, policy: policy(tlsOnly('sqs:*', q.arn)) });
    new SqsQueuePolicy(stack, 'p2', { queueUrl: q.url, policy: policy(tlsOnly('sqs:*', q.arn)) });
    const inline = new SqsQueue(stack, 'inline', { policy: policy(tlsOnly('sqs:*', '*')) });
    new SqsQueuePolicy(stack, 'p3', { queueUrl: inline.id, policy: policy(tlsOnly('sqs:*', '*')) });
    expectFinding(stack, 'EDA-SQS-012', q, 'queue has 2 policies (x/p1, x/p2) that overwrite each other at apply');
    expectFinding(stack, 'EDA-SQS-012', inline, 'queue has 2 policies (its policy argument, x/p3)');
  });
});

describe('EDA-SQS-013 queue policy admits senders', () => {
  function setup(statement?: (queueArn: string, ruleArn: string) => object) {
    const { stack } = newStack();
    const rule = new CloudwatchEventRule(stack, 'rule', { eventPattern: '{"source":["a"]}' });
    const q = new SqsQueue(stack, 'q', {});
    new CloudwatchEventTarget(stack, 't', { rule: rule.name, arn: q.arn });
    new SqsQueuePolicy(stack, 'p', { queueUrl: q.url, policy: policy(tlsOnly('sqs:*', q.arn), ...(statement ? [statement(q.arn, rule.arn)] : [])) });
    return { stack, q, rule };
  }
  it('passes when the policy allows events.amazonaws.com for the rule', () => {
    const { stack } = setup((q, rule) => allowService('events.amazonaws.com', 'sqs:SendMessage', q, rule));
    expectNoFinding(stack, 'EDA-SQS-013');
  });
  it('fails without a grant, with an unscoped grant, or one for another rule', () => {
    const none = setup();
    expectFinding(none.stack, 'EDA-SQS-013', none.q, 'queue policy does not allow events.amazonaws.com via target x/t of x/rule to send (sqs:SendMessage)');
    const unscoped = setup((q) => ({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: q }));
    expectFinding(unscoped.stack, 'EDA-SQS-013', unscoped.q, 'with no aws:SourceArn condition');
    const other = setup((q) => allowService('events.amazonaws.com', 'sqs:SendMessage', q, '${aws_cloudwatch_event_rule.other.arn}'));
    expectFinding(other.stack, 'EDA-SQS-013', other.q, 'allows events.amazonaws.com only for other sources');
  });
  it('checks SNS subscription endpoints and their DLQs too', () => {
    const { stack } = newStack();
    const { queue, dlq } = goodQueue(stack, 'q');
    queuePolicy(stack, queue);
    queuePolicy(stack, dlq);
    const topic = new SnsTopic(stack, 'topic', {});
    new SnsTopicSubscription(stack, 's', { topicArn: topic.arn, protocol: 'sqs', endpoint: queue.arn, redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) });
    expectFinding(stack, 'EDA-SQS-013', queue, 'sns.amazonaws.com via subscription x/s of x/topic');
    expectFinding(stack, 'EDA-SQS-013', dlq, '(as its dead-letter queue)');
  });
});
