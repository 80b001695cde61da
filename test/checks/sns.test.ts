import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { allowService, buildOrders, goodQueue, newStack, policy, tlsOnly } from './fixtures';
import { expectFinding, expectNoFinding, findings } from './helpers';

describe('EDA-SNS-001 topic encrypted', () => {
  it('passes with a KMS key', () => {
    const { stack } = newStack();
    new SnsTopic(stack, 't', { kmsMasterKeyId: 'alias/orders' });
    expectNoFinding(stack, 'EDA-SNS-001');
  });
  it('fails without one', () => {
    const { stack } = newStack();
    const t = new SnsTopic(stack, 't', {});
    expect(expectFinding(stack, 'EDA-SNS-001', t, 'topic is not encrypted at rest').message).toBe(
      'EDA-SNS-001 x/t: topic is not encrypted at rest. Fix: set kms_master_key_id to a customer-managed KMS key.',
    );
  });
});

describe('EDA-SNS-002 customer-managed key', () => {
  it('passes with a customer-managed key', () => {
    const { stack } = newStack();
    new SnsTopic(stack, 't', { kmsMasterKeyId: 'alias/orders' });
    expectNoFinding(stack, 'EDA-SNS-002');
  });
  it('fails with alias/aws/sns', () => {
    const { stack } = newStack();
    const t = new SnsTopic(stack, 't', { kmsMasterKeyId: 'alias/aws/sns' });
    expectFinding(stack, 'EDA-SNS-002', t, 'AWS managed key alias/aws/sns');
  });
});

describe('EDA-SNS-003 topic policy not public', () => {
  it('passes with a conditioned grant to *', () => {
    const { stack } = newStack();
    const t = new SnsTopic(stack, 't', {});
    new SnsTopicPolicy(stack, 'p', { arn: t.arn, policy: policy({ Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: t.arn, Condition: { StringEquals: { 'aws:SourceOwner': '123456789012' } } }) });
    expectNoFinding(stack, 'EDA-SNS-003');
  });
  it('fails with an unconditioned grant to *', () => {
    const { stack } = newStack();
    const t = new SnsTopic(stack, 't', {});
    const p = new SnsTopicPolicy(stack, 'p', { arn: t.arn, policy: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['sns:Subscribe'], Resource: t.arn }) });
    expectFinding(stack, 'EDA-SNS-003', p, 'topic policy allows sns:Subscribe to any principal (*)');
  });
});

describe('EDA-SNS-004 cross-account grants', () => {
  it('passes with a condition', () => {
    const { stack } = newStack();
    const t = new SnsTopic(stack, 't', {});
    new SnsTopicPolicy(stack, 'p', {
      arn: t.arn,
      policy: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'sns:Subscribe', Resource: t.arn, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }),
    });
    expectNoFinding(stack, 'EDA-SNS-004');
  });
  it('fails without', () => {
    const { stack } = newStack();
    const t = new SnsTopic(stack, 't', {});
    const p = new SnsTopicPolicy(stack, 'p', { arn: t.arn, policy: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'sns:Subscribe', Resource: t.arn }) });
    expectFinding(stack, 'EDA-SNS-004', p, 'topic policy grants arn:aws:iam::210987654321:root with no condition');
  });
});

describe('EDA-SNS-005 TLS-only publishing', () => {
  it('passes with KMS, or with a TLS Deny', () => {
    const { stack } = newStack();
    new SnsTopic(stack, 'kms', { kmsMasterKeyId: 'alias/orders' });
    const t = new SnsTopic(stack, 't', {});
    new SnsTopicPolicy(stack, 'p', { arn: t.arn, policy: policy(tlsOnly('sns:Publish', t.arn)) });
    expectNoFinding(stack, 'EDA-SNS-005');
  });
  it('fails without either', () => {
    const { stack } = newStack();
    const t = new SnsTopic(stack, 't', {});
    expectFinding(stack, 'EDA-SNS-005', t, 'topic policy does not deny publishing without TLS');
  });
});

describe('EDA-SNS-006 subscription DLQ', () => {
  it('passes with a redrive policy', () => {
    const { stack } = newStack();
    const dlq = new SqsQueue(stack, 'dlq', {});
    new SnsTopicSubscription(stack, 's', { topicArn: 'arn:aws:sns:eu-west-1:1:t', protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-west-1:1:q', redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) });
    expectNoFinding(stack, 'EDA-SNS-006');
  });
  it('fails without', () => {
    const { stack } = newStack();
    const s = new SnsTopicSubscription(stack, 's', { topicArn: 'arn:aws:sns:eu-west-1:1:t', protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-west-1:1:q' });
    expectFinding(stack, 'EDA-SNS-006', s, 'subscription has no dead-letter queue (redrive_policy)');
  });
});

describe('EDA-SNS-007 delivery status logging (optional)', () => {
  it('passes with a failure feedback role for the subscribed protocol', () => {
    const { stack } = newStack();
    const t = new SnsTopic(stack, 't', { sqsFailureFeedbackRoleArn: 'arn:aws:iam::1:role/sns-logs' });
    new SnsTopicSubscription(stack, 's', { topicArn: t.arn, protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-west-1:1:q' });
    expectNoFinding(stack, 'EDA-SNS-007');
  });
  it('fails without', () => {
    const { stack } = newStack();
    const t = new SnsTopic(stack, 't', {});
    new SnsTopicSubscription(stack, 's', { topicArn: t.arn, protocol: 'lambda', endpoint: 'arn:aws:lambda:eu-west-1:1:function:f' });
    expectFinding(stack, 'EDA-SNS-007', t, 'topic does not log delivery failures for lambda');
  });
});

describe('EDA-SNS-008 topic limits', () => {
  it('passes for a valid FIFO topic', () => {
    const { stack } = newStack();
    new SnsTopic(stack, 't', { name: 'orders.fifo', fifoTopic: true, contentBasedDeduplication: true, archivePolicy: '{"MessageRetentionPeriod": 30}', signatureVersion: 2 });
    expectNoFinding(stack, 'EDA-SNS-008');
  });
  it('fails for FIFO-only settings on a standard topic and out-of-range values', () => {
    const { stack } = newStack();
    const t = new SnsTopic(stack, 't', { name: 'orders', archivePolicy: '{"MessageRetentionPeriod": 30}', signatureVersion: 3, sqsSuccessFeedbackSampleRate: 101 });
    expectFinding(stack, 'EDA-SNS-008', t, 'archive_policy is set on a standard topic (only FIFO topics archive)');
    expectFinding(stack, 'EDA-SNS-008', t, 'signature_version = 3 is outside 1..2');
    expectFinding(stack, 'EDA-SNS-008', t, 'sqs_success_feedback_sample_rate = 101 is outside 0..100 percent');
  });
});

describe('EDA-SNS-009 subscription limits', () => {
  it('passes for a valid subscription', () => {
    const { stack } = newStack();
    new SnsTopicSubscription(stack, 's', { topicArn: 'arn:aws:sns:eu-west-1:1:t', protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-west-1:1:q', filterPolicy: '{"a":["b"]}', filterPolicyScope: 'MessageBody' });
    expectNoFinding(stack, 'EDA-SNS-009');
  });
  it('fails for an unknown protocol, a bad scope and a filter policy that is not JSON', () => {
    const { stack } = newStack();
    const s = new SnsTopicSubscription(stack, 's', { topicArn: 'arn:aws:sns:eu-west-1:1:t', protocol: 'kafka', endpoint: 'x', filterPolicy: '{a:', filterPolicyScope: 'Body' });
    expectFinding(stack, 'EDA-SNS-009', s, 'protocol = "kafka" is not one of application, email, email-json, firehose, http, https, lambda, sms, sqs');
    expectFinding(stack, 'EDA-SNS-009', s, 'filter_policy_scope = "Body" is not one of MessageAttributes, MessageBody');
    expectFinding(stack, 'EDA-SNS-009', s, 'filter_policy is not valid JSON');
  });
  it('validates the filter policy with modules/patterns', () => {
    const { stack } = newStack();
    const s = new SnsTopicSubscription(stack, 's', { topicArn: 'arn:aws:sns:eu-west-1:1:t', protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-west-1:1:q', filterPolicy: '{"kind":[{"prefix":1}]}', filterPolicyScope: 'MessageBody' });
    expectFinding(stack, 'EDA-SNS-009', s, 'filter_policy kind[0].prefix: prefix match pattern must be a string');
  });
});

describe('EDA-SNS-010 endpoint fits the topic', () => {
  it('passes for FIFO topic → standard or FIFO queue, standard topic → standard queue', () => {
    const { stack } = newStack();
    const fifo = new SnsTopic(stack, 'fifo', { name: 't.fifo', fifoTopic: true });
    const std = new SnsTopic(stack, 'std', {});
    const fq = new SqsQueue(stack, 'fq', { name: 'q.fifo', fifoQueue: true });
    const sq = new SqsQueue(stack, 'sq', {});
    new SnsTopicSubscription(stack, 'a', { topicArn: fifo.arn, protocol: 'sqs', endpoint: fq.arn });
    new SnsTopicSubscription(stack, 'b', { topicArn: fifo.arn, protocol: 'sqs', endpoint: sq.arn });
    new SnsTopicSubscription(stack, 'c', { topicArn: std.arn, protocol: 'sqs', endpoint: sq.arn });
    expectNoFinding(stack, 'EDA-SNS-010');
  });
  it('fails for FIFO topic → Lambda and standard topic → FIFO queue', () => {
    const { stack } = newStack();
    const fifo = new SnsTopic(stack, 'fifo', { name: 't.fifo', fifoTopic: true });
    const std = new SnsTopic(stack, 'std', {});
    const lambda = new SnsTopicSubscription(stack, 'lambda', { topicArn: fifo.arn, protocol: 'lambda', endpoint: 'arn:aws:lambda:eu-west-1:1:function:f' });
    const toFifo = new SnsTopicSubscription(stack, 'to-fifo', { topicArn: std.arn, protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-west-1:1:q.fifo' });
    expectFinding(stack, 'EDA-SNS-010', lambda, 'subscription of a FIFO topic uses protocol lambda');
    expectFinding(stack, 'EDA-SNS-010', toFifo, 'from a standard topic to a FIFO queue');
  });
});

describe('EDA-SNS-011 subscription DLQ type and place', () => {
  it('passes for a FIFO DLQ of a FIFO topic in the same Region', () => {
    const { stack } = newStack();
    const t = new SnsTopic(stack, 't', { name: 't.fifo', fifoTopic: true });
    const dlq = new SqsQueue(stack, 'dlq', { name: 'd.fifo', fifoQueue: true });
    new SnsTopicSubscription(stack, 's', { topicArn: t.arn, protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-west-1:1:q.fifo', redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) });
    expectNoFinding(stack, 'EDA-SNS-011');
  });
  it('fails for a standard DLQ of a FIFO topic, a DLQ in another Region, and a topic as DLQ', () => {
    const { stack } = newStack();
    const t = new SnsTopic(stack, 't', { name: 't.fifo', fifoTopic: true });
    const dlq = new SqsQueue(stack, 'dlq', {});
    const s = new SnsTopicSubscription(stack, 's', { topicArn: t.arn, protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-west-1:1:q.fifo', redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) });
    const far = new SnsTopicSubscription(stack, 'far', { topicArn: 'arn:aws:sns:eu-west-1:1:x', protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-west-1:1:q', redrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:1:dlq' }) });
    const wrong = new SnsTopicSubscription(stack, 'wrong', { topicArn: 'arn:aws:sns:eu-west-1:1:x', protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-west-1:1:q', redrivePolicy: JSON.stringify({ deadLetterTargetArn: t.arn }) });
    expectFinding(stack, 'EDA-SNS-011', s, 'subscription of a FIFO topic has a standard dead-letter queue');
    expectFinding(stack, 'EDA-SNS-011', far, 'subscription in eu-west-1 has a dead-letter queue in us-east-1');
    expectFinding(stack, 'EDA-SNS-011', wrong, "subscription's dead-letter queue x/t is not an SQS queue");
  });
});

describe('EDA-SNS-012 one policy per topic', () => {
  it('passes with one', () => {
    const { stack } = newStack();
    const t = new SnsTopic(stack, 't', {});
    new SnsTopicPolicy(stack, 'p', { arn: t.arn, policy: policy(tlsOnly('sns:Publish', t.arn)) });
    expectNoFinding(stack, 'EDA-SNS-012');
  });
  it('fails with two', () => {
    const { stack } = newStack();
    const t = new SnsTopic(stack, 't', {});
    new SnsTopicPolicy(stack, 'p1', { arn: t.arn, policy: policy(tlsOnly('sns:Publish', t.arn)) });
    new SnsTopicPolicy(stack, 'p2', { arn: t.arn, policy: policy(tlsOnly('sns:Publish', t.arn)) });
    expectFinding(stack, 'EDA-SNS-012', t, 'topic has 2 policies (x/p1, x/p2)');
  });
});

describe('EDA-SNS-013 topic policy admits publishers', () => {
  it('passes for the orders topic', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-SNS-013');
  });
  it('fails when no policy allows EventBridge, or only unscoped', () => {
    const { stack } = newStack();
    const rule = new CloudwatchEventRule(stack, 'rule', { eventPattern: '{"source":["a"]}' });
    const t = new SnsTopic(stack, 't', {});
    new CloudwatchEventTarget(stack, 'target', { rule: rule.name, arn: t.arn });
    expectFinding(stack, 'EDA-SNS-013', t, 'topic policy does not allow events.amazonaws.com via target x/target of x/rule to publish');
    const u = new SnsTopic(stack, 'u', { policy: policy({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: '*' }) });
    new CloudwatchEventTarget(stack, 'target-u', { rule: rule.name, arn: u.arn });
    expectFinding(stack, 'EDA-SNS-013', u, 'topic policy allows events.amazonaws.com sns:Publish with no aws:SourceArn condition');
  });
});

describe('EDA-SNS-014 MessageAttributes filter behind EventBridge', () => {
  it('passes for MessageBody filters, and for MessageAttributes when an application also publishes', () => {
    const { stack } = newStack();
    const o = buildOrders(stack);
    new SnsTopicSubscription(stack, 'attrs', { topicArn: o.topic.arn, protocol: 'sqs', endpoint: o.fulfillment.queue.arn, filterPolicy: '{"kind":["a"]}' });
    new IamRolePolicy(stack, 'publisher', { role: o.consumer.role, policy: policy({ Effect: 'Allow', Action: 'sns:Publish', Resource: o.topic.arn }) });
    expectNoFinding(stack, 'EDA-SNS-014');
  });
  it('fails for a MessageAttributes filter (the default scope) on a topic only EventBridge publishes to', () => {
    const { stack } = newStack();
    const o = buildOrders(stack);
    const s = new SnsTopicSubscription(stack, 'attrs', { topicArn: o.topic.arn, protocol: 'sqs', endpoint: o.fulfillment.queue.arn, filterPolicy: '{"detail-type":["OrderPlaced"]}' });
    expectFinding(stack, 'EDA-SNS-014', s, 'subscription filters on MessageAttributes, but only EventBridge (x/orders-lifecycle) publishes to x/orders-events');
    expect(findings(stack, 'EDA-SNS-014')).toHaveLength(1);
  });
});

describe('provider aliases', () => {
  it('reads the Region of aliased providers', () => {
    const { stack } = newStack();
    const us = new AwsProvider(stack, 'us', { region: 'us-east-1', alias: 'us' });
    const t = new SnsTopic(stack, 't', {});
    const dlq = goodQueue(stack, 'far').dlq;
    dlq.provider = us;
    const s = new SnsTopicSubscription(stack, 's', { topicArn: t.arn, protocol: 'sqs', endpoint: 'arn:aws:sqs:eu-west-1:1:q', redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) });
    expectFinding(stack, 'EDA-SNS-011', s, 'dead-letter queue in us-east-1');
    void allowService;
  });
});
