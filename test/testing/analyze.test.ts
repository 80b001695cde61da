import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { PipesPipe } from '@cdktf/provider-aws/lib/pipes-pipe';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { TerraformStack } from 'cdktf';
import { analyzeRouting, RoutingWarning } from '../../modules/testing';
import { consumer, ordersStack, stack } from './fixtures';

const codes = (warnings: RoutingWarning[]) => warnings.map((w) => `${w.code} ${w.resource}`);
/** The analysis of matching and reachability: these small stacks declare no policies, so their hops are denied (tested on its own below). */
const analyze = (s: TerraformStack): RoutingWarning[] => analyzeRouting(s).filter((w) => w.code !== 'ROUTING_DENIED');

/** A bus with one rule to a topic; `build` adds what the test is about. */
function behindEventBridge(build: (s: TerraformStack, topic: SnsTopic, bus: CloudwatchEventBus) => void, options: { ruleState?: string } = {}) {
  const s = stack('analysis');
  const bus = new CloudwatchEventBus(s, 'bus', { name: 'bus' });
  const topic = new SnsTopic(s, 'topic', { name: 'topic' });
  const rule = new CloudwatchEventRule(s, 'rule', { name: 'rule', eventBusName: bus.name, eventPattern: '{"source":["app"]}', state: options.ruleState });
  new CloudwatchEventTarget(s, 'target', { rule: rule.name, eventBusName: bus.name, arn: topic.arn });
  build(s, topic, bus);
  return analyze(s);
}

test('the orders routing has no warnings', () => {
  // ordersStack grants every hop.
  expect(analyzeRouting(ordersStack())).toEqual([]);
});

test('a MessageAttributes filter behind EventBridge never matches', () => {
  const warnings = behindEventBridge((s, topic) => {
    const q = new SqsQueue(s, 'q', { name: 'q' });
    consumer(s, 'c', q.arn);
    new SnsTopicSubscription(s, 'sub', { topicArn: topic.arn, protocol: 'sqs', endpoint: q.arn, filterPolicy: '{"type":[{"exists":false}]}' });
  });
  expect(codes(warnings)).toEqual(['ROUTING_FILTER_NEVER_MATCHES analysis/sub', 'ROUTING_UNREACHABLE_ENDPOINT analysis/q']);
  expect(warnings[0]).toEqual({
    code: 'ROUTING_FILTER_NEVER_MATCHES',
    resource: 'analysis/sub',
    address: 'aws_sns_topic_subscription.sub',
    message: expect.stringContaining('only published to by EventBridge or Pipes, which send no message attributes: it never matches. Set filter_policy_scope = "MessageBody"'),
  });
  expect(warnings[1].message).toBe('no route can deliver to queue q (subscription sub (analysis/sub): filter never matches)');
});

test('the same filter on a topic anyone may publish to is not flagged', () => {
  const s = stack('open');
  const topic = new SnsTopic(s, 'topic', { name: 'topic' });
  const q = new SqsQueue(s, 'q', { name: 'q' });
  consumer(s, 'c', q.arn);
  new SnsTopicSubscription(s, 'sub', { topicArn: topic.arn, protocol: 'sqs', endpoint: q.arn, filterPolicy: '{"type":["a"]}' });
  expect(analyze(s)).toEqual([]);
});

test('a MessageBody filter on a field the event does not have never matches; one on the envelope or detail may', () => {
  const warnings = behindEventBridge((s, topic) => {
    for (const [id, policy] of [
      ['wrong', { eventType: ['OrderPlaced'] }],
      ['right', { 'detail-type': ['OrderPlaced'] }],
      ['nested', { detail: { eventType: ['OrderPlaced'] } }],
      ['absent-ok', { $or: [{ eventType: ['x'] }, { source: ['app'] }] }],
    ] as const) {
      const q = new SqsQueue(s, id, { name: id });
      consumer(s, `${id}-c`, q.arn);
      new SnsTopicSubscription(s, `${id}-sub`, { topicArn: topic.arn, protocol: 'sqs', endpoint: q.arn, filterPolicyScope: 'MessageBody', filterPolicy: JSON.stringify(policy) });
    }
  });
  expect(codes(warnings)).toEqual(['ROUTING_FILTER_NEVER_MATCHES analysis/wrong-sub', 'ROUTING_UNREACHABLE_ENDPOINT analysis/wrong']);
  expect(warnings[0].message).toContain('filter_policy requires "eventType", which no message published to topic topic has (fields: version, id, detail-type, source');
});

test('an input transformer changes the fields subscribers can filter on', () => {
  const s = stack('transformed');
  const bus = new CloudwatchEventBus(s, 'bus', { name: 'bus' });
  const topic = new SnsTopic(s, 'topic', { name: 'topic' });
  const rule = new CloudwatchEventRule(s, 'rule', { name: 'rule', eventBusName: bus.name, eventPattern: '{"source":["app"]}' });
  new CloudwatchEventTarget(s, 'target', {
    rule: rule.name,
    eventBusName: bus.name,
    arn: topic.arn,
    inputTransformer: { inputPaths: { t: '$.detail-type' }, inputTemplate: '{"eventType": <t>, "meta": {"v": 1}}' },
  });
  const q = new SqsQueue(s, 'q', { name: 'q' });
  consumer(s, 'c', q.arn);
  new SnsTopicSubscription(s, 'ok', { topicArn: topic.arn, protocol: 'sqs', endpoint: q.arn, filterPolicyScope: 'MessageBody', filterPolicy: '{"eventType":["A"],"meta":{"v":[1]}}' });
  new SnsTopicSubscription(s, 'bad', { topicArn: topic.arn, protocol: 'sqs', endpoint: q.arn, filterPolicyScope: 'MessageBody', filterPolicy: '{"detail-type":["A"]}' });
  expect(codes(analyze(s))).toEqual(['ROUTING_FILTER_NEVER_MATCHES transformed/bad']);
});

test('a Lambda filter on the body of a queue fed by SNS without raw delivery sees the envelope', () => {
  const warnings = behindEventBridge((s, topic) => {
    const wrapped = new SqsQueue(s, 'wrapped', { name: 'wrapped' });
    const raw = new SqsQueue(s, 'raw', { name: 'raw' });
    new SnsTopicSubscription(s, 'wrapped-sub', { topicArn: topic.arn, protocol: 'sqs', endpoint: wrapped.arn });
    new SnsTopicSubscription(s, 'raw-sub', { topicArn: topic.arn, protocol: 'sqs', endpoint: raw.arn, rawMessageDelivery: true });
    const filter = { filter: [{ pattern: '{"body":{"detail-type":["OrderPlaced"]}}' }] };
    consumer(s, 'wrapped-c', wrapped.arn, { filterCriteria: filter });
    consumer(s, 'raw-c', raw.arn, { filterCriteria: filter });
  });
  expect(codes(warnings)).toEqual(['ROUTING_FILTER_NEVER_MATCHES analysis/wrapped-c-mapping']);
  expect(warnings[0].message).toBe(
    'event source mapping wrapped-c-mapping: filter requires "body.detail-type", which no record from queue wrapped has (fields of body: Type, MessageId, SequenceNumber, TopicArn, Subject, Message, Timestamp, SignatureVersion, Signature, SigningCertURL, UnsubscribeURL, MessageAttributes): it never matches',
  );
});

test('a pipe filter on the new image of a KEYS_ONLY stream never matches; a stream that is off feeds nothing', () => {
  const s = stack('streams');
  const bus = new CloudwatchEventBus(s, 'bus', { name: 'bus' });
  const keysOnly = new DynamodbTable(s, 'keys', { name: 'keys', hashKey: 'pk', attribute: [{ name: 'pk', type: 'S' }], streamEnabled: true, streamViewType: 'KEYS_ONLY' });
  const off = new DynamodbTable(s, 'off', { name: 'off', hashKey: 'pk', attribute: [{ name: 'pk', type: 'S' }] });
  const pipe = (id: string, source: string, pattern: object) =>
    new PipesPipe(s, id, { name: id, roleArn: 'arn:aws:iam::1:role/r', source, target: bus.arn, sourceParameters: { filterCriteria: { filter: [{ pattern: JSON.stringify(pattern) }] } } });
  pipe('images', keysOnly.streamArn, { dynamodb: { NewImage: { status: { S: ['x'] } } } });
  pipe('keys-ok', keysOnly.streamArn, { eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'o' }] } } } });
  consumer(s, 'reader', off.streamArn, { startingPosition: 'LATEST' });
  const warnings = analyze(s);
  expect(codes(warnings)).toEqual(['ROUTING_FILTER_NEVER_MATCHES streams/images', 'ROUTING_STREAM_DISABLED streams/reader-mapping']);
  expect(warnings[0].message).toBe(
    'pipe images: filter requires "dynamodb.NewImage", which no record from table keys has (fields of dynamodb: ApproximateCreationDateTime, Keys, SequenceNumber, SizeBytes, StreamViewType): it never matches',
  );
});

test('orphan queues, dead ends, disabled routes', () => {
  const warnings = behindEventBridge(
    (s, topic, bus) => {
      new SqsQueue(s, 'orphan', { name: 'orphan' });
      const q = new SqsQueue(s, 'q', { name: 'q' });
      new SnsTopicSubscription(s, 'sub', { topicArn: topic.arn, protocol: 'sqs', endpoint: q.arn });
      new CloudwatchEventRule(s, 'lonely', { name: 'lonely', eventBusName: bus.name, eventPattern: '{"source":["x"]}' });
      new SnsTopic(s, 'silent', { name: 'silent' });
    },
    { ruleState: 'DISABLED' },
  );
  expect(codes(warnings)).toEqual([
    'ROUTING_DEAD_END analysis/lonely',
    'ROUTING_DEAD_END analysis/silent',
    'ROUTING_ORPHAN_QUEUE analysis/orphan',
    'ROUTING_UNREACHABLE_ENDPOINT analysis/topic',
  ]);
  expect(warnings[3].message).toBe('no route can deliver to topic topic (target target (analysis/target): rule disabled)');
});

test('invalid patterns and filter policies', () => {
  const warnings = behindEventBridge((s, topic, bus) => {
    const q = new SqsQueue(s, 'q', { name: 'q' });
    consumer(s, 'c', q.arn, { filterCriteria: { filter: [{ pattern: '{not json' }] } });
    new SnsTopicSubscription(s, 'sub', { topicArn: topic.arn, protocol: 'sqs', endpoint: q.arn, filterPolicyScope: 'MessageBody', filterPolicy: '{"a":"not-an-array"}' });
    const bad = new CloudwatchEventRule(s, 'bad', { name: 'bad', eventBusName: bus.name, eventPattern: '{"source":"app"}' });
    new CloudwatchEventTarget(s, 'bad-target', { rule: bad.name, eventBusName: bus.name, arn: q.arn });
  });
  expect(codes(warnings)).toEqual([
    'ROUTING_INVALID_FILTER analysis/bad',
    'ROUTING_INVALID_FILTER analysis/sub',
    'ROUTING_INVALID_FILTER analysis/c-mapping',
    'ROUTING_UNREACHABLE_ENDPOINT analysis/q',
  ]);
});

test('competing consumers and FIFO mismatches', () => {
  const s = stack('fifo');
  const standardTopic = new SnsTopic(s, 'standard', { name: 'standard' });
  const fifoTopic = new SnsTopic(s, 'fifo-topic', { name: 'events.fifo', fifoTopic: true });
  const fifoQueue = new SqsQueue(s, 'fifo-queue', { name: 'jobs.fifo', fifoQueue: true });
  const standardDlq = new SqsQueue(s, 'std-dlq', { name: 'std-dlq' });
  const shared = new SqsQueue(s, 'shared', { name: 'shared', redrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:123456789012:jobs-dlq.fifo","maxReceiveCount":3}' });
  new SqsQueue(s, 'jobs-dlq', { name: 'jobs-dlq.fifo', fifoQueue: true });
  new SqsQueue(s, 'fifo-with-std-dlq', {
    name: 'ordered.fifo',
    fifoQueue: true,
    redrivePolicy: JSON.stringify({ deadLetterTargetArn: standardDlq.arn, maxReceiveCount: 3 }),
  });
  new SnsTopicSubscription(s, 'std-to-fifo', { topicArn: standardTopic.arn, protocol: 'sqs', endpoint: fifoQueue.arn });
  new SnsTopicSubscription(s, 'fifo-to-lambda', { topicArn: fifoTopic.arn, protocol: 'lambda', endpoint: 'arn:aws:lambda:eu-west-1:123456789012:function:f' });
  new SnsTopicSubscription(s, 'to-shared', { topicArn: standardTopic.arn, protocol: 'sqs', endpoint: shared.arn });
  const fn = consumer(s, 'one', shared.arn);
  new LambdaEventSourceMapping(s, 'two', { eventSourceArn: shared.arn, functionName: fn.functionName });
  consumer(s, 'fifo-reader', fifoQueue.arn);
  expect(codes(analyze(s))).toEqual([
    'ROUTING_FIFO_MISMATCH fifo/std-to-fifo',
    'ROUTING_FIFO_MISMATCH fifo/fifo-to-lambda',
    'ROUTING_COMPETING_CONSUMERS fifo/shared',
    'ROUTING_FIFO_MISMATCH fifo/shared',
    'ROUTING_ORPHAN_QUEUE fifo/fifo-with-std-dlq',
    'ROUTING_FIFO_MISMATCH fifo/fifo-with-std-dlq',
  ]);
});

test('a hop no policy allows is reported with the call, the policy and why', () => {
  const s = stack('denied');
  const bus = new CloudwatchEventBus(s, 'bus', { name: 'bus' });
  const q = new SqsQueue(s, 'q', { name: 'q' });
  const rule = new CloudwatchEventRule(s, 'rule', { name: 'rule', eventBusName: bus.name, eventPattern: '{"source":["app"]}' });
  new CloudwatchEventTarget(s, 'target', { rule: rule.name, eventBusName: bus.name, arn: q.arn });
  consumer(s, 'c', q.arn);
  expect(analyzeRouting(s).filter((w) => w.code === 'ROUTING_DENIED')).toEqual([
    {
      code: 'ROUTING_DENIED',
      resource: 'denied/target',
      address: 'aws_cloudwatch_event_target.target',
      message: 'rule target denied: events.amazonaws.com sqs:SendMessage on queue q: no policy allows events.amazonaws.com sqs:SendMessage: the resource has no policy',
    },
  ]);
});
