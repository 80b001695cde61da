import { Fn, Testing, TerraformHclModule, TerraformIterator, TerraformStack, TerraformVariable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { synthesizeStack } from '../../modules/core/terraform-json';
import { CorpusCase, Expectation } from './expectations';

function stack(name: string): TerraformStack {
  const s = new TerraformStack(Testing.app(), name);
  new AwsProvider(s, 'aws', { region: 'eu-west-1' });
  return s;
}

/** Send-to-queue grant for a service, scoped to one source, as a jsonencode document. */
function grant(service: string, queue: SqsQueue, sourceArn: string): string {
  return Fn.jsonencode({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sqs:SendMessage', Resource: queue.arn, Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } } }],
  });
}

/** TerraformVariable: a topic whose FIFO-ness and archive policy are inputs, next to an unencrypted queue and topic. */
function variables(): CorpusCase {
  const s = stack('cdktf-variables');
  const fifo = new TerraformVariable(s, 'fifo_topic', { type: 'bool', default: false });
  const archive = new TerraformVariable(s, 'archive_policy', { type: 'string' });
  const retention = new TerraformVariable(s, 'retention', { type: 'number', default: 345600 });
  new SnsTopic(s, 'topic', { name: 'inputs', fifoTopic: fifo.booleanValue, archivePolicy: archive.stringValue, kmsMasterKeyId: 'alias/aws/sns' });
  new SqsQueue(s, 'unencrypted', { name: 'unencrypted', sqsManagedSseEnabled: false, messageRetentionSeconds: retention.numberValue });
  new SnsTopic(s, 'plain', { name: 'plain' });
  const expect: Expectation = {
    about: 'TerraformVariable values are unknown; the literal problems (encryption off, no encryption) are still errors.',
    errors: [
      { rule: 'EDA-SQS-001', address: 'aws_sqs_queue.unencrypted', message: 'turned off' },
      { rule: 'EDA-SNS-001', address: 'aws_sns_topic.plain' },
    ],
    absent: [{ rule: 'EDA-SNS-008' }, { rule: 'EDA-SQS-007' }],
    info: ['could not evaluate aws_sns_topic.topic.fifo_topic: depends on var.fifo_topic'],
  };
  return { name: 'cdktf-variables', json: synthesizeStack(s), expect };
}

/** TerraformIterator: queues and subscriptions for_each, and a table with a dynamic block. */
function iterators(): CorpusCase {
  const s = stack('cdktf-iterators');
  const consumers = new TerraformVariable(s, 'consumers', { type: 'list(string)' });
  const indexes = new TerraformVariable(s, 'indexes', { type: 'any', default: [] });
  const topic = new SnsTopic(s, 'events', { name: 'events', kmsMasterKeyId: 'alias/aws/sns' });
  const dlq = new SqsQueue(s, 'dlq', { name: 'consumers-dlq', sqsManagedSseEnabled: true, messageRetentionSeconds: 1209600 });
  new SqsQueuePolicy(s, 'dlq-policy', { queueUrl: dlq.url, policy: grant('sns.amazonaws.com', dlq, topic.arn) });
  const each = TerraformIterator.fromList(consumers.listValue);
  const queue = new SqsQueue(s, 'consumer', {
    forEach: each,
    name: each.value,
    sqsManagedSseEnabled: true,
    redrivePolicy: Fn.jsonencode({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }),
  });
  const queues = TerraformIterator.fromResources(queue);
  new SqsQueuePolicy(s, 'consumer-policy', {
    forEach: queues,
    queueUrl: queues.getString('url'),
    policy: Fn.jsonencode({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: queues.getString('arn'), Condition: { ArnEquals: { 'aws:SourceArn': topic.arn } } },
      ],
    }),
  });
  new SnsTopicSubscription(s, 'subscription', {
    forEach: queues,
    topicArn: topic.arn,
    protocol: 'sqs',
    endpoint: queues.getString('arn'),
    redrivePolicy: Fn.jsonencode({ deadLetterTargetArn: dlq.arn }),
  });
  const gsi = TerraformIterator.fromList(indexes.listValue);
  new DynamodbTable(s, 'table', {
    name: 'orders',
    billingMode: 'PAY_PER_REQUEST',
    hashKey: 'pk',
    attribute: [{ name: 'pk', type: 'S' }],
    deletionProtectionEnabled: true,
    pointInTimeRecovery: { enabled: true },
    globalSecondaryIndex: gsi.dynamic({ name: gsi.getString('name'), hash_key: gsi.getString('hash_key'), projection_type: 'ALL' }),
  });
  const expect: Expectation = {
    about: 'Resources iterated with TerraformIterator (for_each over a list and over resources) and a dynamic block: no undeclared-reference errors, policies understood per instance.',
    errors: [],
    absent: [{ rule: 'EDA-TF-002' }, { rule: 'EDA-SQS-013' }, { rule: 'EDA-SQS-006' }, { rule: 'EDA-SNS-006' }],
    routes: [{ input: { kind: 'publish', topic: 'events', message: 'hello' }, deliveredTo: ['aws_sqs_queue.consumer'] }],
    perInstance: ['aws_sqs_queue.consumer', 'aws_sqs_queue_policy.consumer-policy', 'aws_sns_topic_subscription.subscription'],
  };
  return { name: 'cdktf-iterators', json: synthesizeStack(s), expect };
}

/** TerraformHclModule: a module's outputs used as a subscription endpoint. */
function hclModule(): CorpusCase {
  const s = stack('cdktf-module');
  const queue = new TerraformHclModule(s, 'queue', { source: 'terraform-aws-modules/sqs/aws', version: '4.2.0', variables: { name: 'orders', create_dlq: true } });
  const topic = new SnsTopic(s, 'events', { name: 'events', kmsMasterKeyId: 'alias/aws/sns' });
  new SnsTopicSubscription(s, 'to-module', {
    topicArn: topic.arn,
    protocol: 'sqs',
    endpoint: queue.getString('queue_arn'),
    redrivePolicy: Fn.jsonencode({ deadLetterTargetArn: queue.getString('dead_letter_queue_arn') }),
  });
  const expect: Expectation = {
    about: 'A TerraformHclModule is listed as not evaluated; its outputs are unresolved endpoints, not external resources.',
    errors: [],
    absent: [{ rule: 'EDA-TF-002' }, { rule: 'EDA-SNS-006' }, { rule: 'EDA-SNS-011' }],
    info: ['module.queue (terraform-aws-modules/sqs/aws)'],
    routes: [{ input: { kind: 'publish', topic: 'events', message: 'hello' }, deliveredTo: ['unresolved: module.queue.queue_arn'] }],
  };
  return { name: 'cdktf-module', json: synthesizeStack(s), expect };
}

/** Fn.jsonencode: an event pattern, filter policy and redrive policy written with it; a DLQ policy that does not admit EventBridge. */
function jsonencode(): CorpusCase {
  const s = stack('cdktf-jsonencode');
  const rule = new CloudwatchEventRule(s, 'placed', {
    name: 'placed',
    eventPattern: Fn.jsonencode({ source: ['orders.service'], 'detail-type': ['OrderPlaced'], detail: { total: [{ numeric: ['>=', 100] }] } }),
  });
  const dlq = new SqsQueue(s, 'dlq', { name: 'placed-dlq', sqsManagedSseEnabled: true, messageRetentionSeconds: 1209600 });
  const queue = new SqsQueue(s, 'queue', {
    name: 'placed',
    sqsManagedSseEnabled: true,
    redrivePolicy: Fn.jsonencode({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }),
  });
  new SqsQueuePolicy(s, 'queue-policy', { queueUrl: queue.url, policy: grant('events.amazonaws.com', queue, rule.arn) });
  // The DLQ admits SNS only: EventBridge's dead letters would be refused.
  new SqsQueuePolicy(s, 'dlq-policy', { queueUrl: dlq.url, policy: grant('sns.amazonaws.com', dlq, rule.arn) });
  new CloudwatchEventTarget(s, 'target', { rule: rule.name, arn: queue.arn, deadLetterConfig: { arn: dlq.arn } });
  const expect: Expectation = {
    about: 'Fn.jsonencode documents are decoded: the pattern routes, the redrive is followed, and a DLQ policy that does not admit EventBridge is an error.',
    errors: [
      { rule: 'EDA-SQS-013', address: 'aws_sqs_queue.dlq', message: 'events.amazonaws.com' },
      { rule: 'EDA-ROUTING-002', address: 'aws_cloudwatch_event_target.target', message: 'rule target dead-letter queue denied: events.amazonaws.com sqs:SendMessage on queue placed-dlq' },
    ],
    absent: [{ rule: 'EDA-ROUTING-001' }, { rule: 'EDA-SQS-006' }, { rule: 'EDA-SQS-013', address: 'aws_sqs_queue.queue' }],
    routes: [
      { input: { kind: 'putEvents', bus: 'default', entry: { Source: 'orders.service', DetailType: 'OrderPlaced', Detail: { total: 120 } } }, deliveredTo: ['aws_sqs_queue.queue'] },
      { input: { kind: 'putEvents', bus: 'default', entry: { Source: 'orders.service', DetailType: 'OrderPlaced', Detail: { total: 12 } } }, deliveredTo: [] },
    ],
    redrive: [{ queue: 'aws_sqs_queue.queue', deadLetterQueue: 'aws_sqs_queue.dlq', maxReceiveCount: 5 }],
  };
  return { name: 'cdktf-jsonencode', json: synthesizeStack(s), expect };
}

/** The cdktf stacks of the corpus, synthesized in memory. */
export function cdktfCases(): CorpusCase[] {
  return [variables(), iterators(), hclModule(), jsonencode()];
}
