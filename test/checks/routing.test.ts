import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { allowService, buildOrders, newStack, policy, tlsOnly } from './fixtures';
import { expectFinding, expectNoFinding } from './helpers';

describe('EDA-ROUTING-001 routing analysis', () => {
  it('passes when every route can deliver', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-ROUTING-001');
  });

  it('reports a queue with neither producer nor consumer', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'lonely', { name: 'lonely', sqsManagedSseEnabled: true });
    expectFinding(stack, 'EDA-ROUTING-001', q, 'queue lonely has no producer and no consumer in the stack');
  });

  it('reports a MessageAttributes filter behind EventBridge, which can never match', () => {
    const { stack } = newStack();
    const bus = new CloudwatchEventBus(stack, 'bus', { name: 'bus' });
    const rule = new CloudwatchEventRule(stack, 'rule', { name: 'r', eventBusName: bus.name, eventPattern: JSON.stringify({ source: ['orders.service'] }) });
    const topic = new SnsTopic(stack, 'topic', { name: 'events' });
    new CloudwatchEventTarget(stack, 'target', { rule: rule.name, eventBusName: bus.name, arn: topic.arn });
    const queue = new SqsQueue(stack, 'q', { name: 'q' });
    const sub = new SnsTopicSubscription(stack, 'sub', {
      topicArn: topic.arn,
      protocol: 'sqs',
      endpoint: queue.arn,
      filterPolicy: JSON.stringify({ 'detail-type': ['OrderPlaced'] }),
    });
    expectFinding(stack, 'EDA-ROUTING-001', sub, 'filter_policy has scope MessageAttributes, but topic events is only published to by EventBridge or Pipes');
    expectFinding(stack, 'EDA-ROUTING-001', queue, 'no route can deliver to queue q');
  });
});

describe('EDA-ROUTING-002 every hop authorized', () => {
  it('passes for the orders architecture, whose every grant AWS would accept', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-ROUTING-002');
  });

  it('fails a subscription whose queue policy admits another topic, naming the policy, the statement and the condition', () => {
    const { stack } = newStack();
    const { fulfillment, fulfillmentPolicy, subscription } = buildOrders(stack);
    const other = 'arn:aws:sns:eu-west-1:123456789012:other';
    fulfillmentPolicy.addOverride('policy', policy(tlsOnly('sqs:*', fulfillment.queue.arn), allowService('sns.amazonaws.com', 'sqs:SendMessage', fulfillment.queue.arn, other)));
    const finding = expectFinding(
      stack,
      'EDA-ROUTING-002',
      subscription,
      'subscription denied: sns.amazonaws.com sqs:SendMessage on queue orders-fulfillment: queue policy aws_sqs_queue_policy.orders-fulfillment-policy statement 2 would allow sns.amazonaws.com sqs:SendMessage, but its condition ArnEquals aws:SourceArn ["arn:aws:sns:eu-west-1:123456789012:other"] fails: the request\'s aws:SourceArn is "arn:aws:sns:eu-west-1:123456789012:orders-events"',
    );
    expect(finding.severity).toBe('error');
  });
});
