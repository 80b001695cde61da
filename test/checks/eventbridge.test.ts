import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventBusPolicy } from '@cdktf/provider-aws/lib/cloudwatch-event-bus-policy';
import { CloudwatchEventPermission } from '@cdktf/provider-aws/lib/cloudwatch-event-permission';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { buildOrders, newStack, policy } from './fixtures';
import { expectFinding, expectNoFinding, findings } from './helpers';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:t';

describe('EDA-EVB-001 bus not open', () => {
  it('passes for an account principal and for * with an organization condition', () => {
    const { stack } = newStack();
    new CloudwatchEventPermission(stack, 'a', { principal: '123456789012', statementId: 'a' });
    new CloudwatchEventPermission(stack, 'org', { principal: '*', statementId: 'org', condition: { key: 'aws:PrincipalOrgID', type: 'StringEquals', value: 'o-1' } });
    expectNoFinding(stack, 'EDA-EVB-001');
  });
  it('fails for * without condition, in a permission or a bus policy', () => {
    const { stack } = newStack();
    const p = new CloudwatchEventPermission(stack, 'p', { principal: '*', statementId: 'all' });
    const bus = new CloudwatchEventBus(stack, 'bus', { name: 'b' });
    const bp = new CloudwatchEventBusPolicy(stack, 'bp', { eventBusName: bus.name, policy: policy({ Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: bus.arn }) });
    expectFinding(stack, 'EDA-EVB-001', p, 'permission lets every AWS account (principal *) put events on the bus');
    expectFinding(stack, 'EDA-EVB-001', bp, 'bus policy lets any principal (*) act on the bus');
  });
});

describe('EDA-EVB-002 target DLQ', () => {
  it('passes with a DLQ', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-EVB-002');
  });
  it('fails without', () => {
    const { stack } = newStack();
    const rule = new CloudwatchEventRule(stack, 'r', { eventPattern: '{"source":["a"]}' });
    const t = new CloudwatchEventTarget(stack, 't', { rule: rule.name, arn: TOPIC });
    expectFinding(stack, 'EDA-EVB-002', t, 'target has no dead-letter queue; undeliverable events are dropped');
  });
});

describe('EDA-EVB-003 custom bus policy', () => {
  it('passes with a bus policy', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-EVB-003');
  });
  it('fails without', () => {
    const { stack } = newStack();
    const bus = new CloudwatchEventBus(stack, 'bus', { name: 'b' });
    expectFinding(stack, 'EDA-EVB-003', bus, 'custom event bus has no resource-based policy');
  });
});

describe('EDA-EVB-004 bus limits', () => {
  it('passes for a custom name and a partner bus', () => {
    const { stack } = newStack();
    new CloudwatchEventBus(stack, 'bus', { name: 'orders' });
    new CloudwatchEventBus(stack, 'partner', { name: 'aws.partner/example.com/1/orders', eventSourceName: 'aws.partner/example.com/1/orders' });
    expectNoFinding(stack, 'EDA-EVB-004');
  });
  it('fails for "default", a slash, and an oversized policy', () => {
    const { stack } = newStack();
    const d = new CloudwatchEventBus(stack, 'd', { name: 'default' });
    const slash = new CloudwatchEventBus(stack, 'slash', { name: 'orders/prod' });
    const big = new CloudwatchEventBusPolicy(stack, 'big', { policy: JSON.stringify({ Statement: [{ Sid: 'x'.repeat(10_300) }] }) });
    expectFinding(stack, 'EDA-EVB-004', d, 'name = "default"');
    expectFinding(stack, 'EDA-EVB-004', slash, 'without / (only partner event buses have one)');
    expectFinding(stack, 'EDA-EVB-004', big, 'over the 10,240 allowed');
  });
});

describe('EDA-EVB-005 rule limits', () => {
  it('passes for a pattern rule on a custom bus and a schedule on the default bus', () => {
    const { stack } = newStack();
    new CloudwatchEventRule(stack, 'r', { name: 'orders-lifecycle', eventBusName: 'orders', eventPattern: '{"source":["orders.service"]}' });
    new CloudwatchEventRule(stack, 's', { name: 'nightly', scheduleExpression: 'rate(1 day)' });
    expectNoFinding(stack, 'EDA-EVB-005');
  });
  it('fails for a long name, a schedule on a custom bus, no pattern, and a pattern that is not JSON', () => {
    const { stack } = newStack();
    const long = new CloudwatchEventRule(stack, 'long', { name: 'x'.repeat(65), eventPattern: '{"source":["a"]}' });
    const sched = new CloudwatchEventRule(stack, 'sched', { eventBusName: 'orders', scheduleExpression: 'rate(1 day)' });
    const empty = new CloudwatchEventRule(stack, 'empty', {});
    const bad = new CloudwatchEventRule(stack, 'bad', { eventPattern: '{"source":' });
    expectFinding(stack, 'EDA-EVB-005', long, 'is invalid: up to 64 of A-Z a-z 0-9 . _ -');
    expectFinding(stack, 'EDA-EVB-005', sched, 'schedule_expression on the custom bus orders');
    expectFinding(stack, 'EDA-EVB-005', empty, 'rule has neither event_pattern nor schedule_expression');
    expectFinding(stack, 'EDA-EVB-005', bad, 'event_pattern is not valid JSON');
  });
  it('validates the pattern with modules/patterns, skipping values known only at apply', () => {
    const { stack } = newStack();
    const r = new CloudwatchEventRule(stack, 'r', { eventPattern: '{"source":"orders.service"}' });
    new CloudwatchEventRule(stack, 'later', { eventPattern: '{"detail":{"total":[{"numeric":[">=","${var.threshold}"]}]}}' });
    expectFinding(stack, 'EDA-EVB-005', r, 'event_pattern source: "source" must be an object or an array');
    expect(findings(stack, 'EDA-EVB-005')).toHaveLength(1);
  });
});

describe('EDA-EVB-006 target limits', () => {
  it('passes for a valid retry policy and input transformer', () => {
    const { stack } = newStack();
    new CloudwatchEventTarget(stack, 't', {
      rule: 'r',
      arn: TOPIC,
      retryPolicy: { maximumEventAgeInSeconds: 60, maximumRetryAttempts: 185 },
      inputTransformer: { inputPaths: { id: '$.detail.orderId' }, inputTemplate: '{"id": <id>}' },
    });
    expectNoFinding(stack, 'EDA-EVB-006');
  });
  it('fails for an event age under 60 s (the API minimum), reserved input path names and two inputs', () => {
    const { stack } = newStack();
    const t = new CloudwatchEventTarget(stack, 't', {
      rule: 'r',
      arn: TOPIC,
      input: '{"a":1}',
      retryPolicy: { maximumEventAgeInSeconds: 30, maximumRetryAttempts: 200 },
      inputTransformer: { inputPaths: { AWSid: '$.id' }, inputTemplate: '<AWSid>' },
    });
    expectFinding(stack, 'EDA-EVB-006', t, 'retry_policy.maximum_event_age_in_seconds = 30 is outside 60..86,400 seconds');
    expectFinding(stack, 'EDA-EVB-006', t, 'retry_policy.maximum_retry_attempts = 200 is outside 0..185');
    expectFinding(stack, 'EDA-EVB-006', t, 'input, input_transformer are all set; a target takes at most one');
    expectFinding(stack, 'EDA-EVB-006', t, 'key AWSid starts with AWS, which is reserved');
  });
});

describe('EDA-EVB-007 target DLQ is a standard queue in the Region', () => {
  it('passes for a standard queue in the same Region', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-EVB-007');
  });
  it('fails for a FIFO queue, a queue in another Region and a topic', () => {
    const { stack } = newStack();
    const rule = new CloudwatchEventRule(stack, 'r', { eventPattern: '{"source":["a"]}' });
    const fifo = new SqsQueue(stack, 'fifo', { name: 'd.fifo', fifoQueue: true });
    const us = new AwsProvider(stack, 'us', { region: 'us-east-1', alias: 'us' });
    const far = new SqsQueue(stack, 'far', { provider: us });
    const t1 = new CloudwatchEventTarget(stack, 't1', { rule: rule.name, arn: TOPIC, deadLetterConfig: { arn: fifo.arn } });
    const t2 = new CloudwatchEventTarget(stack, 't2', { rule: rule.name, arn: TOPIC, deadLetterConfig: { arn: far.arn } });
    const t3 = new CloudwatchEventTarget(stack, 't3', { rule: rule.name, arn: TOPIC, deadLetterConfig: { arn: TOPIC } });
    expectFinding(stack, 'EDA-EVB-007', t1, "target's dead-letter queue x/fifo is a FIFO queue, which EventBridge refuses");
    expectFinding(stack, 'EDA-EVB-007', t2, "target's dead-letter queue is in us-east-1, not in the rule's Region eu-west-1");
    expectFinding(stack, 'EDA-EVB-007', t3, 'is not an SQS queue');
  });
});

describe('EDA-EVB-008 FIFO queue targets set a message group', () => {
  it('passes with sqs_target.message_group_id', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', { name: 'q.fifo', fifoQueue: true });
    new CloudwatchEventTarget(stack, 't', { rule: 'r', arn: q.arn, sqsTarget: { messageGroupId: 'orders' } });
    expectNoFinding(stack, 'EDA-EVB-008');
  });
  it('fails without', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', { name: 'q.fifo', fifoQueue: true });
    const t = new CloudwatchEventTarget(stack, 't', { rule: 'r', arn: q.arn });
    expectFinding(stack, 'EDA-EVB-008', t, 'target is a FIFO queue but sets no sqs_target.message_group_id');
  });
});

describe('EDA-EVB-009 FIFO queue targets deduplicate by content', () => {
  it('passes with content_based_deduplication, and for standard queues', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', { name: 'q.fifo', fifoQueue: true, contentBasedDeduplication: true });
    new CloudwatchEventTarget(stack, 't', { rule: 'r', arn: q.arn, sqsTarget: { messageGroupId: 'orders' } });
    const standard = new SqsQueue(stack, 's', { name: 's' });
    new CloudwatchEventTarget(stack, 'u', { rule: 'r', arn: standard.arn });
    expectNoFinding(stack, 'EDA-EVB-009');
  });
  it('fails without', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', { name: 'q.fifo', fifoQueue: true });
    const t = new CloudwatchEventTarget(stack, 't', { rule: 'r', arn: q.arn, sqsTarget: { messageGroupId: 'orders' } });
    expectFinding(stack, 'EDA-EVB-009', t, 'target is FIFO queue x/q, which has no content-based deduplication');
  });
});
