import { App, Fn, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventBusPolicy } from '@cdktf/provider-aws/lib/cloudwatch-event-bus-policy';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { PipesPipe } from '@cdktf/provider-aws/lib/pipes-pipe';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';

export const ACCOUNT = '123456789012';

/** A test app and stack in eu-west-1, as a user would start one. */
export function newStack(id = 'x'): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  return { app, stack };
}

/** `{ Version, Statement }` as JSON text, the way users write policies with JSON.stringify. */
export function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export function tlsOnly(action: string, resource: string): object {
  return { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: action, Resource: resource, Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
}

export function allowService(service: string, action: string | string[], resource: string, sourceArn: string): object {
  return { Effect: 'Allow', Principal: { Service: service }, Action: action, Resource: resource, Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } } };
}

/** A customer-managed key whose policy keeps the account in control and admits the given services. */
export function serviceKey(scope: Construct, id: string, services: string[] = []): KmsKey {
  return new KmsKey(scope, id, {
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: policy(
      { Sid: 'Account', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      ...services.map((s) => ({ Effect: 'Allow', Principal: { Service: s }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' })),
    ),
  });
}

/** The queue's one policy: TLS only, plus `grants`. */
export function queuePolicy(scope: Construct, queue: SqsQueue, ...grants: Array<(arn: string) => object>): SqsQueuePolicy {
  return new SqsQueuePolicy(scope, `${queue.node.id}-policy`, { queueUrl: queue.url, policy: policy(tlsOnly('sqs:*', queue.arn), ...grants.map((g) => g(queue.arn))) });
}

/** A queue with everything right: SSE-SQS, a DLQ keeping messages longer (policies are added with {@link queuePolicy}). */
export function goodQueue(scope: Construct, id: string, props: { visibilityTimeoutSeconds?: number; kmsKey?: KmsKey; fifo?: boolean } = {}): { queue: SqsQueue; dlq: SqsQueue } {
  const suffix = props.fifo ? '.fifo' : '';
  const encryption = props.kmsKey ? { kmsMasterKeyId: props.kmsKey.arn } : { sqsManagedSseEnabled: true };
  const dlq = new SqsQueue(scope, `${id}-dlq`, { name: `${id}-dlq${suffix}`, fifoQueue: props.fifo, messageRetentionSeconds: 1_209_600, ...encryption });
  const queue = new SqsQueue(scope, id, {
    name: `${id}${suffix}`,
    fifoQueue: props.fifo,
    messageRetentionSeconds: 345_600,
    visibilityTimeoutSeconds: props.visibilityTimeoutSeconds ?? 60,
    redrivePolicy: Fn.jsonencode({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }),
    ...encryption,
  });
  return { queue, dlq };
}

/** A queue that only receives what failed elsewhere (a pipe's or a rule target's DLQ): encrypted, kept 14 days, no DLQ of its own. */
export function deadLetterQueue(scope: Construct, id: string, props: { kmsKey?: KmsKey } = {}): SqsQueue {
  const encryption = props.kmsKey ? { kmsMasterKeyId: props.kmsKey.arn } : { sqsManagedSseEnabled: true };
  return new SqsQueue(scope, id, { name: id, messageRetentionSeconds: 1_209_600, ...encryption });
}

/** A role for `service` with one inline role policy of `statements`. */
export function role(scope: Construct, id: string, service: string, statements: object[]): IamRole {
  const r = new IamRole(scope, id, {
    name: id,
    assumeRolePolicy: policy({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }),
  });
  if (statements.length > 0) new IamRolePolicy(scope, `${id}-policy`, { role: r.name, policy: policy(...statements) });
  return r;
}

/** A function with everything right: sized, traced, current runtime. */
export function goodFunction(scope: Construct, id: string, statements: object[] = [], timeout = 10): LambdaFunction {
  return new LambdaFunction(scope, id, {
    functionName: id,
    role: role(scope, `${id}-role`, 'lambda.amazonaws.com', statements).arn,
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    filename: 'dist/fn.zip',
    memorySize: 256,
    timeout,
    tracingConfig: { mode: 'Active' },
  });
}

/**
 * The orders architecture built from raw provider resources, every one set
 * up as the rules want: it must pass every default rule. Returns the main
 * resources so tests can break one thing at a time.
 */
export function buildOrders(scope: Construct, prefix = 'orders') {
  const key = serviceKey(scope, `${prefix}-key`, ['events.amazonaws.com', 'sns.amazonaws.com']);
  const table = new DynamodbTable(scope, `${prefix}-table`, {
    name: `${prefix}-table`,
    billingMode: 'PAY_PER_REQUEST',
    hashKey: 'pk',
    attribute: [{ name: 'pk', type: 'S' }],
    streamEnabled: true,
    streamViewType: 'NEW_AND_OLD_IMAGES',
    pointInTimeRecovery: { enabled: true },
    serverSideEncryption: { enabled: true, kmsKeyArn: key.arn },
    deletionProtectionEnabled: true,
  });
  const bus = new CloudwatchEventBus(scope, `${prefix}-bus`, { name: `${prefix}-bus` });
  new CloudwatchEventBusPolicy(scope, `${prefix}-bus-policy`, {
    eventBusName: bus.name,
    policy: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'events:PutEvents', Resource: bus.arn }),
  });

  const pipeDlq = deadLetterQueue(scope, `${prefix}-pipe-failures`);
  queuePolicy(scope, pipeDlq);
  const pipeRole = role(scope, `${prefix}-pipe-role`, 'pipes.amazonaws.com', [
    { Effect: 'Allow', Action: ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams'], Resource: table.streamArn },
    { Effect: 'Allow', Action: 'events:PutEvents', Resource: bus.arn },
    { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: pipeDlq.arn },
    // The table's stream is encrypted with the key: reading it decrypts.
    { Effect: 'Allow', Action: 'kms:Decrypt', Resource: key.arn },
  ]);
  const pipe = new PipesPipe(scope, `${prefix}-pipe`, {
    name: `${prefix}-pipe`,
    roleArn: pipeRole.arn,
    source: table.streamArn,
    target: bus.arn,
    sourceParameters: {
      dynamodbStreamParameters: { startingPosition: 'LATEST', maximumRetryAttempts: 3, onPartialBatchItemFailure: 'AUTOMATIC_BISECT', deadLetterConfig: { arn: pipeDlq.arn } },
    },
  });

  const rule = new CloudwatchEventRule(scope, `${prefix}-lifecycle`, {
    name: `${prefix}-lifecycle`,
    eventBusName: bus.name,
    eventPattern: JSON.stringify({ source: ['orders.service'] }),
  });
  const topic = new SnsTopic(scope, `${prefix}-events`, { name: `${prefix}-events`, kmsMasterKeyId: key.arn });
  const ruleDlq = deadLetterQueue(scope, `${prefix}-rule-failures`, { kmsKey: key });
  queuePolicy(scope, ruleDlq, (arn) => allowService('events.amazonaws.com', 'sqs:SendMessage', arn, rule.arn));
  const target = new CloudwatchEventTarget(scope, `${prefix}-to-topic`, {
    rule: rule.name,
    eventBusName: bus.name,
    arn: topic.arn,
    deadLetterConfig: { arn: ruleDlq.arn },
    retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 10 },
  });
  const topicPolicy = new SnsTopicPolicy(scope, `${prefix}-events-policy`, {
    arn: topic.arn,
    policy: policy(allowService('events.amazonaws.com', 'sns:Publish', topic.arn, rule.arn)),
  });

  const fulfillment = goodQueue(scope, `${prefix}-fulfillment`, { kmsKey: key, visibilityTimeoutSeconds: 60 });
  const subscription = new SnsTopicSubscription(scope, `${prefix}-fulfillment-sub`, {
    topicArn: topic.arn,
    protocol: 'sqs',
    endpoint: fulfillment.queue.arn,
    filterPolicyScope: 'MessageBody',
    filterPolicy: JSON.stringify({ 'detail-type': ['OrderPlaced'] }),
    redrivePolicy: JSON.stringify({ deadLetterTargetArn: fulfillment.dlq.arn }),
  });
  const fulfillmentPolicy = queuePolicy(scope, fulfillment.queue, (arn) => allowService('sns.amazonaws.com', 'sqs:SendMessage', arn, topic.arn));
  const fulfillmentDlqPolicy = queuePolicy(scope, fulfillment.dlq, (arn) => allowService('sns.amazonaws.com', 'sqs:SendMessage', arn, topic.arn));
  const consumer = goodFunction(scope, `${prefix}-fulfillment-fn`, [
    { Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: fulfillment.queue.arn },
    { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: key.arn },
  ]);
  const mapping = new LambdaEventSourceMapping(scope, `${prefix}-fulfillment-esm`, {
    eventSourceArn: fulfillment.queue.arn,
    functionName: consumer.arn,
    batchSize: 10,
    functionResponseTypes: ['ReportBatchItemFailures'],
  });

  const api = new Apigatewayv2Api(scope, `${prefix}-api`, { name: `${prefix}-api`, protocolType: 'HTTP' });
  const logs = new CloudwatchLogGroup(scope, `${prefix}-api-logs`, { name: `/aws/apigateway/${prefix}`, retentionInDays: 30 });
  const apiFn = goodFunction(scope, `${prefix}-api-fn`, [{ Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:GetItem'], Resource: table.arn }]);
  new LambdaPermission(scope, `${prefix}-api-invoke`, {
    functionName: apiFn.functionName,
    action: 'lambda:InvokeFunction',
    principal: 'apigateway.amazonaws.com',
    sourceArn: `${api.executionArn}/*/*`,
  });
  new Apigatewayv2Route(scope, `${prefix}-route`, { apiId: api.id, routeKey: 'POST /orders', authorizationType: 'JWT', authorizerId: 'abc123' });
  new Apigatewayv2Stage(scope, `${prefix}-stage`, {
    apiId: api.id,
    name: '$default',
    autoDeploy: true,
    accessLogSettings: { destinationArn: logs.arn, format: '$context.requestId' },
  });

  return { key, table, bus, pipe, pipeRole, rule, topic, target, topicPolicy, fulfillment, subscription, fulfillmentPolicy, fulfillmentDlqPolicy, consumer, mapping, ruleDlq, api };
}
