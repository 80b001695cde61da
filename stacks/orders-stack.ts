import { Construct } from 'constructs';
import { Annotations, LocalBackend, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { BucketWithNotifications, enableChecks, EventBusWithRules, QueueWithDlq, requireTerraformVersion, RuleTarget, StreamWithConsumers, suppress, TableWithStream, TopicWithFilteredSubscriptions, match, Workflow } from '../modules';
import { awsContext } from '../modules/core/aws-context';
import { environmentVariable, EnvironmentSettings, validateEnvironment, withEnvironmentVariables } from './environments';
import { OrdersHttpApi } from './http-api';
import { addOrderFulfillment } from './order-fulfillment';
import { OrdersFunction } from './orders-function';
import { addOrderDocuments } from './order-documents';
import { addOrderAnalytics } from './order-analytics';

/** The event contract of the orders service (DESIGN.md). */
export const ORDER_EVENTS = { source: 'orders.service', detailTypes: ['OrderPlaced', 'OrderStatusChanged', 'OrderCancelled'] } as const;

/** The work queues: fulfillment starts a workflow (stacks/order-fulfillment.ts), each other one has its consumer function in `functions/<name>/`. */
export const CONSUMERS = ['fulfillment', 'billing', 'notifications', 'fraud-review'] as const;
export type ConsumerName = (typeof CONSUMERS)[number];
/** The queues consumed by a Lambda function. */
const LAMBDA_CONSUMERS = CONSUMERS.filter((name) => name !== 'fulfillment');

/** Seconds a queue consumer may run; queues keep messages hidden six times as long. */
const CONSUMER_TIMEOUT_SECONDS = 30;

/** Where the stack keeps its state: an S3 bucket when one is configured, else a local file. */
export function stateBucketOf(settings: EnvironmentSettings, env: NodeJS.ProcessEnv = process.env): string | undefined {
  // An empty variable means unset, as in a shell.
  return settings.stateBucket ?? (env.ORDERS_STATE_BUCKET || undefined);
}

/** The orders architecture for one environment (`orders-<env>`), built only from the cdktf-eda modules. */
export class OrdersStack extends TerraformStack {
  /** The stack's main resources, for tests and outputs. */
  readonly table: TableWithStream;
  readonly bus: EventBusWithRules;
  readonly topic: TopicWithFilteredSubscriptions;
  readonly queues: Record<ConsumerName, QueueWithDlq>;
  readonly api: OrdersHttpApi;
  readonly documents: BucketWithNotifications;
  /** The `order-analytics` stream: every order event, keyed by order id. */
  readonly analytics: StreamWithConsumers;
  /** The fulfillment workflow, started by the fulfillment queue. */
  readonly fulfillment: Workflow;

  /** The settings as used: the table's, with the account and alarm e-mail from the environment where it leaves them unset. */
  readonly settings: EnvironmentSettings;

  constructor(scope: Construct, tableSettings: EnvironmentSettings, env: NodeJS.ProcessEnv = process.env) {
    super(scope, `orders-${tableSettings.name}`);
    const settings = withEnvironmentVariables(tableSettings, env);
    this.settings = settings;
    validateEnvironment(settings);
    // The rule pack runs at every synth: errors stop it before anything is written.
    enableChecks(this);
    const prefix = settings.namePrefix;
    this.configureState(env);
    // The S3 backend's use_lockfile needs Terraform 1.10; state may move to S3 by environment variable alone.
    requireTerraformVersion(this);
    new AwsProvider(this, 'aws', {
      region: settings.region,
      allowedAccountIds: settings.accountId ? [settings.accountId] : undefined,
      defaultTags: [
        {
          tags: { project: 'orders', environment: settings.name, owner: settings.owner, 'cost-centre': settings.costCentre, ...settings.tags },
        },
      ],
    });

    // Alarms of every queue go to one topic; CloudWatch publishes to it.
    const aws = awsContext(this);
    const alarmTopic = new TopicWithFilteredSubscriptions(this, 'alarms', { name: `${prefix}-alarms`, publishers: ['cloudwatch.amazonaws.com'] });
    alarmTopic.allowPublishFrom('cloudwatch.amazonaws.com', `arn:${aws.partition}:cloudwatch:${aws.region}:${aws.accountId}:alarm:${prefix}-*`);
    if (settings.alarms.email) {
      alarmTopic.addEmailSubscription('oncall', settings.alarms.email);
    } else {
      // The routing checks also report the topic as a dead end (EDA-ROUTING-001).
      Annotations.of(alarmTopic).addWarning(
        `alarms of orders-${settings.name} reach no one: set alarms.email in stacks/environments.ts or ${environmentVariable(settings.name, 'ALARM_EMAIL')}`,
      );
    }
    const alarms = {
      dlqDepthThreshold: settings.alarms.dlqDepthThreshold,
      oldestMessageAgeSeconds: settings.alarms.oldestMessageAgeSeconds,
      alarmActions: [alarmTopic.topicArn],
      okActions: [alarmTopic.topicArn],
    };
    const functionAlarms = {
      errorsThreshold: settings.alarms.functionErrorsThreshold,
      throttlesThreshold: settings.alarms.functionThrottlesThreshold,
      alarmActions: [alarmTopic.topicArn],
      okActions: [alarmTopic.topicArn],
    };
    const ruleAlarm = { threshold: settings.alarms.ruleFailedInvocationsThreshold, alarmActions: [alarmTopic.topicArn], okActions: [alarmTopic.topicArn] };
    const deadLetterAlarm = { threshold: settings.alarms.dlqDepthThreshold, alarmActions: [alarmTopic.topicArn], okActions: [alarmTopic.topicArn] };

    this.table = new TableWithStream(this, 'orders-table', {
      name: `${prefix}-orders`,
      partitionKey: { name: 'pk', type: 'S' },
      capacity: { mode: 'on-demand', maxReadRequestUnits: settings.maxReadRequestUnits, maxWriteRequestUnits: settings.maxWriteRequestUnits },
      deletionProtection: settings.deletionProtection,
    });
    suppress(
      this.table,
      'EDA-DDB-002',
      'the AWS managed key aws/dynamodb is the chosen default: only this account reads the table (the API role and the pipe role), and KMS logs every use in CloudTrail',
    );
    if (!settings.deletionProtection) suppress(this.table, 'EDA-DDB-004', 'deletion protection is off on purpose in this environment (deletionProtection: false in stacks/environments.ts): it is disposable');

    this.bus = new EventBusWithRules(this, 'orders-bus', {
      name: `${prefix}-orders`,
      archive: { retentionDays: settings.archiveRetentionDays },
      deadLetterQueues: { alarm: deadLetterAlarm },
    });

    // One pipe reads the stream (a stream serves at most two readers per shard)
    // and turns each order write into an event; functions/README.md has the item
    // shape. Its enrichment turns DynamoDB JSON into the plain `detail`, so that
    // `total` is a JSON number for the high-value rule's numeric matching.
    const enrichment = new OrdersFunction(this, 'order-events-function', {
      functionName: `${prefix}-order-events`,
      entry: 'functions/order-events/handler.ts',
      timeoutSeconds: 10,
      logRetentionDays: settings.logRetentionDays,
      logLevel: settings.logLevel,
      alarms: functionAlarms,
      statements: [],
    });
    this.table.addPipeToEventBus('orders-pipe', this.bus, {
      name: `${prefix}-orders-stream`,
      filters: [{ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { eventType: { S: [...ORDER_EVENTS.detailTypes] } } } }],
      enrichmentFunctionArn: enrichment.functionArn,
      source: ORDER_EVENTS.source,
      detailType: '$.dynamodb.NewImage.eventType.S',
      inputTemplate: '<$.detail>',
      deadLetterQueue: { alarm: deadLetterAlarm },
      failureAlarm: { threshold: settings.alarms.pipeFailedExecutionsThreshold, alarmActions: [alarmTopic.topicArn], okActions: [alarmTopic.topicArn] },
      logging: { level: 'ERROR', retentionDays: settings.logRetentionDays },
    });

    const queue = (name: ConsumerName) =>
      new QueueWithDlq(this, name, {
        name: `${prefix}-${name}`,
        visibilityTimeoutSeconds: 6 * CONSUMER_TIMEOUT_SECONDS,
        messageRetentionSeconds: settings.queueRetentionSeconds,
        alarms,
      });
    this.queues = Object.fromEntries(CONSUMERS.map((name) => [name, queue(name)])) as Record<ConsumerName, QueueWithDlq>;

    // EventBridge delivers to SNS as the message body, without attributes:
    // every filter below has scope MessageBody.
    this.topic = new TopicWithFilteredSubscriptions(this, 'order-events', { name: `${prefix}-order-events`, publishers: ['events.amazonaws.com'] });
    const subscription = { filterPolicyScope: 'MessageBody' as const, rawMessageDelivery: true, deadLetterQueue: { alarm: deadLetterAlarm } };
    this.topic.addQueueSubscription('fulfillment', this.queues.fulfillment, { ...subscription, filterPolicy: { 'detail-type': ['OrderPlaced'] } });
    this.topic.addQueueSubscription('billing', this.queues.billing, { ...subscription, filterPolicy: { 'detail-type': ['OrderPlaced', 'OrderCancelled'] } });
    this.topic.addQueueSubscription('notifications', this.queues.notifications, { ...subscription, filterPolicy: { detail: { notifications: { optIn: [true] } } } });

    this.bus.addRule('order-lifecycle', {
      name: 'order-lifecycle',
      description: 'Every order event, fanned out by the order-events topic',
      eventPattern: { source: [ORDER_EVENTS.source], 'detail-type': [...ORDER_EVENTS.detailTypes] },
      targets: [RuleTarget.topic(this.topic)],
      deadLetterQueue: { alarm: deadLetterAlarm },
      failedInvocationsAlarm: ruleAlarm,
    });
    this.bus.addRule('high-value-orders', {
      name: 'high-value-orders',
      description: `Orders of ${settings.highValueThreshold} or more go to fraud review`,
      eventPattern: { source: [ORDER_EVENTS.source], 'detail-type': ['OrderPlaced'], detail: { total: [match.numeric('>=', settings.highValueThreshold)] } },
      targets: [RuleTarget.queue(this.queues['fraud-review'])],
      deadLetterQueue: { alarm: deadLetterAlarm },
      failedInvocationsAlarm: ruleAlarm,
    });
    this.analytics = addOrderAnalytics(this, {
      prefix,
      bus: this.bus,
      orderEvents: { source: [ORDER_EVENTS.source], 'detail-type': [...ORDER_EVENTS.detailTypes] },
      alarm: { alarmActions: [alarmTopic.topicArn], okActions: [alarmTopic.topicArn] },
      ruleAlarm,
      deadLetterQueue: { alarm: deadLetterAlarm },
    });

    this.documents = addOrderDocuments(this, settings, { bus: this.bus, notifications: this.queues.notifications, deadLetterAlarm, ruleAlarm });

    const api = new OrdersFunction(this, 'orders-api-function', {
      functionName: `${prefix}-orders-api`,
      entry: 'functions/orders-api/handler.ts',
      timeoutSeconds: 10,
      logRetentionDays: settings.logRetentionDays,
      logLevel: settings.logLevel,
      alarms: functionAlarms,
      environment: { TABLE_NAME: this.table.tableName },
    });
    // The API creates, reads and updates single orders: nothing more.
    this.table.grant(api, 'dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem');
    this.api = new OrdersHttpApi(this, 'orders-http-api', {
      name: `${prefix}-orders-api`,
      functionArn: api.functionArn,
      functionName: api.functionName,
      routes: ['POST /orders', 'GET /orders/{id}', 'PATCH /orders/{id}'],
      logRetentionDays: settings.logRetentionDays,
      throttle: settings.apiThrottle,
      alarm: { serverErrorsThreshold: settings.alarms.apiServerErrorsThreshold, alarmActions: [alarmTopic.topicArn], okActions: [alarmTopic.topicArn] },
    });

    // The consumers' claims on the events they act on, so that an event delivered twice
    // is acted on once (functions/README.md, "Acting once"). Expired by TTL; no stream.
    const processedEvents = new TableWithStream(this, 'processed-events-table', {
      name: `${prefix}-processed-events`,
      partitionKey: { name: 'pk', type: 'S' },
      stream: false,
      timeToLiveAttribute: 'expiresAt',
      capacity: { mode: 'on-demand', maxReadRequestUnits: settings.maxReadRequestUnits, maxWriteRequestUnits: settings.maxWriteRequestUnits },
      deletionProtection: settings.deletionProtection,
    });
    suppress(processedEvents, 'EDA-DDB-002', 'the AWS managed key aws/dynamodb is the chosen default: only the consumer roles of this account read the table, and KMS logs every use in CloudTrail');
    if (!settings.deletionProtection) suppress(processedEvents, 'EDA-DDB-004', 'deletion protection is off on purpose in this environment (deletionProtection: false in stacks/environments.ts): it is disposable');

    for (const name of LAMBDA_CONSUMERS) {
      const consumer = new OrdersFunction(this, `${name}-function`, {
        functionName: `${prefix}-${name}`,
        entry: `functions/${name}/handler.ts`,
        timeoutSeconds: CONSUMER_TIMEOUT_SECONDS,
        logRetentionDays: settings.logRetentionDays,
        logLevel: settings.logLevel,
      alarms: functionAlarms,
        environment: { PROCESSED_EVENTS_TABLE: processedEvents.tableName },
      });
      this.queues[name].grantConsumeMessages(consumer);
      // Only its own claims: their keys start with the consumer's name.
      processedEvents.grantOnPartitions(consumer, [`${name}#*`], 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem');
      this.queues[name].addLambdaConsumer('consumer', {
        functionArn: consumer.functionArn,
        functionTimeoutSeconds: consumer.timeoutSeconds,
        maximumConcurrency: 5,
        // Its role policy above lets the function receive: created before the mapping, deleted after it.
        dependsOn: [consumer.rolePolicy],
      });
    }

    this.fulfillment = addOrderFulfillment(this, {
      prefix,
      settings,
      queue: this.queues.fulfillment,
      table: this.table,
      functionAlarms,
      alarmActions: [alarmTopic.topicArn],
    });

    new TerraformOutput(this, 'api_url', { value: this.api.url, description: 'Base URL of the orders API (SigV4-signed requests)' });
    new TerraformOutput(this, 'event_bus_name', { value: this.bus.eventBusName });
    new TerraformOutput(this, 'event_bus_arn', { value: this.bus.eventBusArn });
    new TerraformOutput(this, 'order_events_topic_arn', { value: this.topic.topicArn });
    new TerraformOutput(this, 'table_name', { value: this.table.tableName });
    new TerraformOutput(this, 'documents_bucket_name', { value: this.documents.bucketName });
    for (const name of CONSUMERS) new TerraformOutput(this, `${name.replace('-', '_')}_queue_url`, { value: this.queues[name].queueUrl });
  }

  private configureState(env: NodeJS.ProcessEnv): void {
    const bucket = stateBucketOf(this.settings, env);
    if (!bucket) {
      new LocalBackend(this, { path: `terraform.${this.node.id}.tfstate` });
      return;
    }
    new S3Backend(this, { bucket, key: `orders/${this.settings.name}/terraform.tfstate`, region: this.settings.region, encrypt: true });
    // cdktf 0.21's S3Backend has no option for S3-native locking (Terraform ≥ 1.10).
    this.addOverride('terraform.backend.s3.use_lockfile', true);
  }
}
