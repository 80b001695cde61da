import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget, CloudwatchEventTargetConfig } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueueRedrivePolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { PipesPipe } from '@cdktf/provider-aws/lib/pipes-pipe';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { Construct } from 'constructs';

export const ORDER_SOURCE = 'orders.service';

/** A stack with an AWS provider in eu-west-1. */
export function stack(id = 'test', app: App = Testing.app()): TerraformStack {
  const s = new TerraformStack(app, id);
  new AwsProvider(s, 'aws', { region: 'eu-west-1' });
  return s;
}

/** A queue with a DLQ attached by an `aws_sqs_queue_redrive_policy`. */
export function queueWithDlq(scope: Construct, id: string, maxReceiveCount = 3): { queue: SqsQueue; dlq: SqsQueue } {
  const group = new Construct(scope, id);
  const queue = new SqsQueue(group, 'Queue', { name: id });
  const dlq = new SqsQueue(group, 'DeadLetterQueue', { name: `${id}-dlq` });
  new SqsQueueRedrivePolicy(group, 'Redrive', {
    queueUrl: queue.url,
    redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount }),
  });
  return { queue, dlq };
}

/** The resource policy grant AWS requires for a service to deliver on behalf of `sourceArn`. */
function serviceGrant(service: string, action: string, resource: string, sourceArn: string | string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: action, Resource: resource, Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } } }],
  });
}

/** Lets `service` send to `queue` on behalf of the sources (EventBridge rules, SNS topics), in the queue's one policy. */
export function allowSend(queue: SqsQueue, service: string, ...sourceArns: string[]): SqsQueuePolicy {
  return new SqsQueuePolicy(queue, 'Policy', { queueUrl: queue.url, policy: serviceGrant(service, 'sqs:SendMessage', queue.arn, sourceArns) });
}

/** Lets `service` invoke `fn` on behalf of `sourceArn`, as an `aws_lambda_permission`. */
export function allowInvoke(fn: LambdaFunction, service: string, sourceArn: string, id = 'Allow'): LambdaPermission {
  return new LambdaPermission(fn, id, { functionName: fn.functionName, action: 'lambda:InvokeFunction', principal: service, sourceArn });
}

/** A function and the event source mapping that feeds it from `sourceArn`. */
export function consumer(scope: Construct, id: string, sourceArn: string, extra: Partial<ConstructorParameters<typeof LambdaEventSourceMapping>[2]> = {}): LambdaFunction {
  const fn = new LambdaFunction(scope, id, {
    functionName: id,
    role: 'arn:aws:iam::123456789012:role/lambda',
    handler: 'index.handler',
    runtime: 'nodejs20.x',
    filename: 'fn.zip',
  });
  new LambdaEventSourceMapping(scope, `${id}-mapping`, { eventSourceArn: sourceArn, functionName: fn.arn, ...extra });
  return fn;
}

/**
 * The orders routing in miniature: a bus with a lifecycle rule to a topic and
 * a high-value rule to a queue (input transformer); the topic fans out to
 * fulfillment, billing (raw) and notifications with MessageBody filters;
 * queues have DLQs and Lambda consumers; a table's stream feeds the bus
 * through a pipe.
 */
export function ordersStack(options: { targetDlq?: boolean; app?: App } = {}) {
  const s = stack('orders', options.app);
  const bus = new CloudwatchEventBus(s, 'bus', { name: 'orders' });
  const topic = new SnsTopic(s, 'order-events', { name: 'order-events' });
  const ruleDlq = new SqsQueue(s, 'rule-dlq', { name: 'rule-dlq' });

  const lifecycle = new CloudwatchEventRule(s, 'order-lifecycle', {
    name: 'order-lifecycle',
    eventBusName: bus.name,
    eventPattern: JSON.stringify({ source: [ORDER_SOURCE], 'detail-type': ['OrderPlaced', 'OrderStatusChanged', 'OrderCancelled'] }),
  });
  const lifecycleTarget: CloudwatchEventTargetConfig = {
    rule: lifecycle.name,
    eventBusName: bus.name,
    arn: topic.arn,
    retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
    ...(options.targetDlq === false ? {} : { deadLetterConfig: { arn: ruleDlq.arn } }),
  };
  new CloudwatchEventTarget(s, 'order-lifecycle-target', lifecycleTarget);
  new SnsTopicPolicy(s, 'order-events-policy', { arn: topic.arn, policy: serviceGrant('events.amazonaws.com', 'sns:Publish', topic.arn, lifecycle.arn) });
  allowSend(ruleDlq, 'events.amazonaws.com', lifecycle.arn);

  const fraud = queueWithDlq(s, 'fraud-review');
  const highValue = new CloudwatchEventRule(s, 'high-value-orders', {
    name: 'high-value-orders',
    eventBusName: bus.name,
    eventPattern: JSON.stringify({ source: [ORDER_SOURCE], 'detail-type': ['OrderPlaced'], detail: { total: [{ numeric: ['>=', 1000] }] } }),
  });
  new CloudwatchEventTarget(s, 'high-value-target', {
    rule: highValue.name,
    eventBusName: bus.name,
    arn: fraud.queue.arn,
    inputTransformer: {
      inputPaths: { orderId: '$.detail.orderId', total: '$.detail.total' },
      inputTemplate: '{"orderId": <orderId>, "total": <total>, "rule": <aws.events.rule-name>, "text": "order <orderId> needs review"}',
    },
  });
  allowSend(fraud.queue, 'events.amazonaws.com', highValue.arn);

  const fulfillment = queueWithDlq(s, 'fulfillment', 3);
  const billingDlq = new SqsQueue(s, 'billing-dlq', { name: 'billing-dlq' });
  const billing = new SqsQueue(s, 'billing', {
    name: 'billing',
    redrivePolicy: JSON.stringify({ deadLetterTargetArn: billingDlq.arn, maxReceiveCount: 2 }),
  });
  const notifications = queueWithDlq(s, 'notifications');

  new SnsTopicSubscription(s, 'fulfillment-sub', {
    topicArn: topic.arn,
    protocol: 'sqs',
    endpoint: fulfillment.queue.arn,
    filterPolicyScope: 'MessageBody',
    filterPolicy: JSON.stringify({ 'detail-type': ['OrderPlaced'] }),
  });
  new SnsTopicSubscription(s, 'billing-sub', {
    topicArn: topic.arn,
    protocol: 'sqs',
    endpoint: billing.arn,
    rawMessageDelivery: true,
    filterPolicyScope: 'MessageBody',
    filterPolicy: JSON.stringify({ 'detail-type': ['OrderPlaced', 'OrderCancelled'] }),
  });
  new SnsTopicSubscription(s, 'notifications-sub', {
    topicArn: topic.arn,
    protocol: 'sqs',
    endpoint: notifications.queue.arn,
    filterPolicyScope: 'MessageBody',
    filterPolicy: JSON.stringify({ detail: { notify: [true] } }),
  });

  for (const q of [fulfillment.queue, billing, notifications.queue]) allowSend(q, 'sns.amazonaws.com', topic.arn);

  consumer(s, 'fulfillment-consumer', fulfillment.queue.arn, { functionResponseTypes: ['ReportBatchItemFailures'] });
  consumer(s, 'billing-consumer', billing.arn);

  const table = new DynamodbTable(s, 'orders-table', {
    name: 'orders',
    hashKey: 'pk',
    attribute: [{ name: 'pk', type: 'S' }],
    billingMode: 'PAY_PER_REQUEST',
    streamEnabled: true,
    streamViewType: 'NEW_AND_OLD_IMAGES',
  });
  const pipeDlq = new SqsQueue(s, 'pipe-dlq', { name: 'pipe-dlq' });
  new PipesPipe(s, 'orders-pipe', {
    name: 'orders-pipe',
    roleArn: 'arn:aws:iam::123456789012:role/pipe',
    source: table.streamArn,
    target: bus.arn,
    sourceParameters: {
      filterCriteria: { filter: [{ pattern: JSON.stringify({ eventName: ['INSERT', 'MODIFY'] }) }] },
      dynamodbStreamParameters: { startingPosition: 'LATEST', maximumRetryAttempts: 3, deadLetterConfig: { arn: pipeDlq.arn } },
    },
    targetParameters: {
      eventbridgeEventBusParameters: { source: ORDER_SOURCE, detailType: '$.dynamodb.NewImage.eventType.S' },
      inputTemplate: '{"orderId": "<$.dynamodb.NewImage.pk.S>", "status": "<$.dynamodb.NewImage.status.S>", "notify": <$.dynamodb.NewImage.notify.BOOL>}',
    },
  });
  return s;
}

/** An OrderPlaced PutEvents input on the orders bus. */
export function orderPlaced(detail: Record<string, unknown> = {}) {
  return {
    kind: 'putEvents' as const,
    bus: 'orders',
    entry: { Source: ORDER_SOURCE, DetailType: 'OrderPlaced', Detail: { orderId: 'o-1', total: 120, notify: false, ...detail } },
  };
}
