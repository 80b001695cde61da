import { TerraformOutput } from 'cdktf';
import { DeadLetterQueue } from '../../modules/dead-letter-queue';
import { match } from '../../modules/patterns';
import { QueueWithDlq } from '../../modules/queue-with-dlq';
import { refTo, resourceAt, resourcesOf } from '../helpers/synth';
import { build, RULE_ARN, statementsOf, warningsOf } from './helpers';
import { document } from '../../modules/core/values';
import { statementsWith, statementWith } from '../helpers/policy';

const TOPIC = 'events/Topic';
const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:order-notifier';

describe('TopicWithFilteredSubscriptions: subscriptions', () => {
  describe('a QueueWithDlq filtered on the message body', () => {
    const { json, topic } = build({}, (t, stack) => {
      const billing = new QueueWithDlq(stack, 'billing', { name: 'billing' });
      const s = t.addQueueSubscription('billing', billing, {
        filterPolicy: { 'detail-type': ['OrderPlaced', 'OrderCancelled'], detail: { total: [match.numeric('>=', 100)] } },
        filterPolicyScope: 'MessageBody',
        rawMessageDelivery: true,
      });
      new TerraformOutput(stack, 'subscription', { value: s.subscriptionArn });
      new TerraformOutput(stack, 'dlq', { value: s.deadLetterQueueArn });
    });
    const topicArn = refTo(json, 'aws_sns_topic', TOPIC, 'arn');
    const dlqArn = refTo(json, 'aws_sqs_queue', 'events/billing/DeadLetterQueue/Resource/Queue', 'arn');

    it('subscribes the queue with its filter policy as JSON, in scope MessageBody, raw', () => {
      const subscription = resourceAt(json, 'aws_sns_topic_subscription', 'events/billing/Subscription');
      expect(subscription).toEqual(
        expect.objectContaining({
          topic_arn: topicArn,
          protocol: 'sqs',
          endpoint: refTo(json, 'aws_sqs_queue', 'billing/Resource/Queue', 'arn'),
          raw_message_delivery: true,
          filter_policy_scope: 'MessageBody',
        }),
      );
      expect(document<any>(subscription.filter_policy)).toEqual({
        'detail-type': ['OrderPlaced', 'OrderCancelled'],
        detail: { total: [{ numeric: ['>=', 100] }] },
      });
    });

    it('lets this topic (only) send to the queue, through the queue policy it already has', () => {
      const policies = resourcesOf(json, 'aws_sqs_queue_policy').filter((p) => p['//'].metadata.path === 'test/billing/Resource/Policy');
      expect(policies).toHaveLength(1);
      const statements = statementsOf(policies[0].policy);
      expect(statements).toHaveLength(2);
      expect(statementsWith(statements, { Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })).toHaveLength(1);
      expect(statementWith(statements, { Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage' })).toEqual({
        Sid: expect.any(String),
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: refTo(json, 'aws_sqs_queue', 'billing/Resource/Queue', 'arn'),
        Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
      });
    });

    it('redrives undeliverable messages to a dead-letter queue made for the subscription', () => {
      const subscription = resourceAt(json, 'aws_sns_topic_subscription', 'events/billing/Subscription');
      expect(document<any>(subscription.redrive_policy)).toEqual({ deadLetterTargetArn: dlqArn });
      expect(resourceAt(json, 'aws_sqs_queue', 'events/billing/DeadLetterQueue/Resource/Queue')).toMatchObject({
        name: 'order-events-billing-dlq',
        sqs_managed_sse_enabled: true,
        message_retention_seconds: 1_209_600,
      });
      expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'events/billing/DeadLetterQueue/Resource/DepthAlarm')).toMatchObject({
        alarm_name: 'order-events-billing-dlq-depth',
        threshold: 0,
      });
    });

    it("lets this topic (only) send to the subscription's DLQ", () => {
      const statements = statementsOf(resourceAt(json, 'aws_sqs_queue_policy', 'events/billing/DeadLetterQueue/Resource/Policy').policy);
      expect(statementWith(statements, { Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage' })).toEqual({
        Sid: expect.any(String),
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: dlqArn,
        Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
      });
    });

    it("exposes the subscription's ARN and its DLQ", () => {
      expect(json.output).toEqual({
        subscription: { value: refTo(json, 'aws_sns_topic_subscription', 'events/billing/Subscription', 'arn') },
        dlq: { value: dlqArn },
      });
      expect(topic.subscriptions.map((s) => [s.id, s.protocol, s.filterPolicyScope])).toEqual([['billing', 'sqs', 'MessageBody']]);
      expect(topic.subscriptions[0].deadLetterQueue).toBeInstanceOf(DeadLetterQueue);
    });

    it('warns about nothing', () => {
      expect(warningsOf(topic)).toEqual([]);
    });
  });

  it('filters on message attributes by default, and writes the scope explicitly', () => {
    const { json } = build({}, (t, stack) =>
      t.addQueueSubscription('audit', new QueueWithDlq(stack, 'audit', { name: 'audit' }), { filterPolicy: { eventType: [match.prefix('Order')] } }),
    );
    const subscription = resourceAt(json, 'aws_sns_topic_subscription', 'events/audit/Subscription');
    expect(subscription.filter_policy_scope).toBe('MessageAttributes');
    expect(document<any>(subscription.filter_policy)).toEqual({ eventType: [{ prefix: 'Order' }] });
    expect(subscription.raw_message_delivery).toBeUndefined();
  });

  it('writes no filter policy nor scope when none is given', () => {
    const { json, topic } = build({}, (t, stack) => t.addQueueSubscription('all', new QueueWithDlq(stack, 'all', { name: 'all' })));
    const subscription = resourceAt(json, 'aws_sns_topic_subscription', 'events/all/Subscription');
    expect(subscription.filter_policy).toBeUndefined();
    expect(subscription.filter_policy_scope).toBeUndefined();
    expect(topic.subscriptions[0].filterPolicyScope).toBeUndefined();
  });

  it('grants on a queue given by ARN cannot be made here: it warns with the queue policy statement', () => {
    const queueArn = 'arn:aws:sqs:eu-west-1:123456789012:shipping';
    const { json, topic } = build({}, (t) => t.addQueueSubscription('shipping', queueArn, { deadLetterQueue: false }));
    expect(resourceAt(json, 'aws_sns_topic_subscription', 'events/shipping/Subscription')).toMatchObject({ protocol: 'sqs', endpoint: queueArn });
    const warnings = warningsOf(topic);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`queue policy of ${queueArn}`);
    expect(JSON.parse(warnings[0].slice(warnings[0].indexOf('{')))).toEqual({
      Sid: 'AllowSnsTopicToSend',
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: queueArn,
      Condition: { ArnEquals: { 'aws:SourceArn': 'arn:<partition>:sns:<region>:<account-id>:order-events' } },
    });
    expect(topic.subscriptions[0].requiredStatements[0].statement.Resource).toBe(queueArn);
  });

  it('a queue encrypted with a customer managed key: warns with the key statement SNS needs', () => {
    const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:key/queue-key';
    const { topic } = build({}, (t, stack) =>
      t.addQueueSubscription('fraud', new QueueWithDlq(stack, 'fraud', { name: 'fraud', encryption: { kmsKeyArn } })),
    );
    const warnings = warningsOf(topic);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`key policy of ${kmsKeyArn}`);
    expect(JSON.parse(warnings[0].slice(warnings[0].indexOf('{')))).toEqual({
      Sid: 'AllowSnsToUseKey',
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
      // SQS calls KMS with the queue's encryption context; the topic's aws:SourceArn is not in that request.
      Condition: { StringEquals: { 'kms:EncryptionContext:aws:sqs:arn': '<ARN of queue test/fraud>' } },
    });
    expect(topic.subscriptions[0].requiredStatements[0].policyOf).toBe(`key policy of ${kmsKeyArn}`);
  });

  describe('a Lambda function', () => {
    const { json, topic } = build({}, (t) => t.addLambdaSubscription('notifier', FUNCTION_ARN, { filterPolicy: { optedIn: ['true'] } }));
    const topicArn = refTo(json, 'aws_sns_topic', TOPIC, 'arn');

    it('is subscribed with its filter policy and a DLQ', () => {
      const subscription = resourceAt(json, 'aws_sns_topic_subscription', 'events/notifier/Subscription');
      expect(subscription).toMatchObject({ protocol: 'lambda', endpoint: FUNCTION_ARN, topic_arn: topicArn, filter_policy_scope: 'MessageAttributes' });
      expect(document<any>(subscription.redrive_policy)).toEqual({
        deadLetterTargetArn: refTo(json, 'aws_sqs_queue', 'events/notifier/DeadLetterQueue/Resource/Queue', 'arn'),
      });
    });

    it('may be invoked by this topic only', () => {
      const permissions = resourcesOf(json, 'aws_lambda_permission');
      expect(permissions).toHaveLength(1);
      expect(resourceAt(json, 'aws_lambda_permission', 'events/notifier/InvokePermission')).toEqual(
        expect.objectContaining({ action: 'lambda:InvokeFunction', function_name: FUNCTION_ARN, principal: 'sns.amazonaws.com', source_arn: topicArn }),
      );
      expect(topic.subscriptions[0].invokePermission).toBeDefined();
    });
  });

  describe('an HTTPS endpoint', () => {
    it('gets the delivery policy given, with the required retry fields filled in', () => {
      const { json, topic } = build({}, (t) =>
        t.addHttpsSubscription('partner', 'https://partner.example.com/sns', {
          rawMessageDelivery: true,
          deliveryPolicy: {
            healthyRetryPolicy: { numRetries: 10, numNoDelayRetries: 1, minDelayTarget: 5, maxDelayTarget: 60, backoffFunction: 'exponential' },
            maxReceivesPerSecond: 10,
            headerContentType: 'application/json',
          },
        }),
      );
      const subscription = resourceAt(json, 'aws_sns_topic_subscription', 'events/partner/Subscription');
      expect(subscription).toMatchObject({ protocol: 'https', endpoint: 'https://partner.example.com/sns', raw_message_delivery: true });
      expect(document<any>(subscription.delivery_policy)).toEqual({
        healthyRetryPolicy: { minDelayTarget: 5, maxDelayTarget: 60, numRetries: 10, numNoDelayRetries: 1, backoffFunction: 'exponential' },
        throttlePolicy: { maxReceivesPerSecond: 10 },
        requestPolicy: { headerContentType: 'application/json' },
      });
      expect(subscription.redrive_policy).toBeDefined();
      expect(subscription.endpoint_auto_confirms).toBeUndefined();
      expect(warningsOf(topic).join('\n')).toMatch(/stays pending until the endpoint confirms it/);
    });

    it("fills SNS's defaults into a partial retry policy, and writes no delivery policy when none is given", () => {
      const { json } = build({}, (t) => {
        t.addHttpsSubscription('a', 'https://a.example.com', { deliveryPolicy: { healthyRetryPolicy: { numRetries: 5 } } });
        t.addHttpsSubscription('b', 'https://b.example.com');
      });
      expect(document<any>(resourceAt(json, 'aws_sns_topic_subscription', 'events/a/Subscription').delivery_policy)).toEqual({
        healthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 5 },
      });
      expect(resourceAt(json, 'aws_sns_topic_subscription', 'events/b/Subscription').delivery_policy).toBeUndefined();
    });

    it('waits for an auto-confirming endpoint, and then does not warn', () => {
      const { json, topic } = build({}, (t) =>
        t.addHttpsSubscription('pager', 'https://events.pagerduty.com/integration/x/enqueue', { endpointAutoConfirms: true, confirmationTimeoutMinutes: 5 }),
      );
      expect(resourceAt(json, 'aws_sns_topic_subscription', 'events/pager/Subscription')).toMatchObject({
        endpoint_auto_confirms: true,
        confirmation_timeout_in_minutes: 5,
      });
      expect(warningsOf(topic)).toEqual([]);
    });
  });

  describe('an e-mail address', () => {
    const { json, topic } = build({}, (t) => {
      t.addEmailSubscription('ops', 'ops@acme-corp.io', { filterPolicy: { severity: ['high'] } });
      t.addEmailSubscription('ops-json', 'ops@acme-corp.io', { format: 'json' });
    });

    it('is subscribed as email or email-json, with a DLQ, without the confirmation settings that do not apply', () => {
      const text = resourceAt(json, 'aws_sns_topic_subscription', 'events/ops/Subscription');
      expect(text).toMatchObject({ protocol: 'email', endpoint: 'ops@acme-corp.io', filter_policy: '{"severity":["high"]}' });
      expect(text.redrive_policy).toBeDefined();
      expect(text.endpoint_auto_confirms).toBeUndefined();
      expect(text.confirmation_timeout_in_minutes).toBeUndefined();
      expect(resourceAt(json, 'aws_sns_topic_subscription', 'events/ops-json/Subscription').protocol).toBe('email-json');
    });

    it('warns that the recipient must confirm and that Terraform cannot', () => {
      const warnings = warningsOf(topic);
      expect(warnings).toHaveLength(2);
      for (const w of warnings) expect(w).toMatch(/ops@acme-corp.io needs the recipient to confirm it.*Terraform cannot confirm it, nor delete it while it is pending/);
    });
  });

  describe('dead-letter queues', () => {
    it('uses the DLQ given as a construct and lets this topic send to it', () => {
      const { json, topic } = build({}, (t, stack) => {
        const shared = new DeadLetterQueue(stack, 'shared-dlq', { name: 'shared-dlq' });
        t.addLambdaSubscription('notifier', FUNCTION_ARN, { deadLetterQueue: shared });
      });
      const sharedArn = refTo(json, 'aws_sqs_queue', 'shared-dlq/Resource/Queue', 'arn');
      expect(document<any>(resourceAt(json, 'aws_sns_topic_subscription', 'events/notifier/Subscription').redrive_policy)).toEqual({
        deadLetterTargetArn: sharedArn,
      });
      expect(resourcesOf(json, 'aws_sqs_queue')).toHaveLength(1);
      expect(statementsOf(resourceAt(json, 'aws_sqs_queue_policy', 'shared-dlq/Resource/Policy').policy)[1]).toMatchObject({
        Principal: { Service: 'sns.amazonaws.com' },
        Resource: sharedArn,
        Condition: { ArnEquals: { 'aws:SourceArn': refTo(json, 'aws_sns_topic', TOPIC, 'arn') } },
      });
      expect(topic.subscriptions[0].deadLetterQueue).toBeInstanceOf(DeadLetterQueue);
    });

    it('uses a DLQ given by ARN and warns with the queue policy statement it needs', () => {
      const dlqArn = 'arn:aws:sqs:eu-west-1:123456789012:shared-dlq';
      const { json, topic } = build({}, (t) => t.addLambdaSubscription('notifier', FUNCTION_ARN, { deadLetterQueue: dlqArn }));
      expect(document<any>(resourceAt(json, 'aws_sns_topic_subscription', 'events/notifier/Subscription').redrive_policy)).toEqual({ deadLetterTargetArn: dlqArn });
      expect(resourcesOf(json, 'aws_sqs_queue')).toEqual([]);
      expect(warningsOf(topic)).toEqual([expect.stringContaining(`queue policy of ${dlqArn}`)]);
      expect(topic.subscriptions[0].deadLetterQueueArn).toBe(dlqArn);
      expect(topic.subscriptions[0].deadLetterQueue).toBeUndefined();
    });

    it('makes no DLQ when told so explicitly', () => {
      const { json, topic } = build({}, (t) => t.addLambdaSubscription('notifier', FUNCTION_ARN, { deadLetterQueue: false }));
      expect(resourceAt(json, 'aws_sns_topic_subscription', 'events/notifier/Subscription').redrive_policy).toBeUndefined();
      expect(resourcesOf(json, 'aws_sqs_queue')).toEqual([]);
      expect(topic.subscriptions[0].deadLetterQueueArn).toBeUndefined();
    });

    it('makes the DLQ with the name, retention and alarm given', () => {
      const { json } = build({ tags: { team: 'orders' } }, (t) =>
        t.addLambdaSubscription('notifier', FUNCTION_ARN, {
          deadLetterQueue: { name: 'notifier-dlq', retentionSeconds: 86_400, alarm: { threshold: 5, alarmActions: ['arn:aws:sns:eu-west-1:123456789012:oncall'] } },
        }),
      );
      expect(resourceAt(json, 'aws_sqs_queue', 'events/notifier/DeadLetterQueue/Resource/Queue')).toMatchObject({
        name: 'notifier-dlq',
        message_retention_seconds: 86_400,
        tags: { team: 'orders' },
      });
      expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'events/notifier/DeadLetterQueue/Resource/DepthAlarm')).toMatchObject({
        threshold: 5,
        alarm_actions: ['arn:aws:sns:eu-west-1:123456789012:oncall'],
      });
    });
  });

  describe('FIFO pairing', () => {
    it('a FIFO topic subscribes FIFO queues, with a FIFO DLQ', () => {
      const { json } = build({ fifo: true }, (t, stack) => t.addQueueSubscription('ledger', new QueueWithDlq(stack, 'ledger', { name: 'ledger', fifo: true })));
      expect(resourceAt(json, 'aws_sns_topic_subscription', 'events/ledger/Subscription').endpoint).toBe(
        refTo(json, 'aws_sqs_queue', 'ledger/Resource/Queue', 'arn'),
      );
      expect(resourceAt(json, 'aws_sqs_queue', 'events/ledger/DeadLetterQueue/Resource/Queue')).toMatchObject({
        name: 'order-events-ledger-dlq.fifo',
        fifo_queue: true,
      });
    });

    it('a FIFO topic also subscribes standard queues (best-effort ordering), still with a FIFO DLQ', () => {
      const { json } = build({ fifo: true }, (t, stack) => t.addQueueSubscription('analytics', new QueueWithDlq(stack, 'analytics', { name: 'analytics' })));
      expect(resourcesOf(json, 'aws_sns_topic_subscription')).toHaveLength(1);
      expect(resourceAt(json, 'aws_sqs_queue', 'events/analytics/DeadLetterQueue/Resource/Queue').fifo_queue).toBe(true);
    });
  });

  describe('filters behind EventBridge', () => {
    it('warns at synth when the only publisher granted is EventBridge and a filter reads message attributes', () => {
      const { topic } = build({}, (t, stack) => {
        // Subscriptions first, grant later: the check waits for synth.
        t.addQueueSubscription('attrs', new QueueWithDlq(stack, 'attrs', { name: 'attrs' }), { filterPolicy: { eventType: ['OrderPlaced'] } });
        t.addQueueSubscription('body', new QueueWithDlq(stack, 'body', { name: 'body' }), {
          filterPolicy: { 'detail-type': ['OrderPlaced'] },
          filterPolicyScope: 'MessageBody',
        });
        t.allowPublishFrom('events.amazonaws.com', RULE_ARN);
      });
      const warnings = warningsOf(topic);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /^filterPolicyScope = "MessageAttributes" will likely never match: the only publishers granted on order-events are events.amazonaws.com/,
      );
      expect(warningsOf(topic.node.findChild('attrs'))).toHaveLength(1);
    });

    it('does not warn once another publisher is granted too', () => {
      const { topic } = build({}, (t, stack) => {
        t.addQueueSubscription('attrs', new QueueWithDlq(stack, 'attrs', { name: 'attrs' }), { filterPolicy: { eventType: ['OrderPlaced'] } });
        t.allowPublishFrom('events.amazonaws.com', RULE_ARN);
        t.allowPublishFrom('s3.amazonaws.com', 'arn:aws:s3:::order-exports');
      });
      expect(warningsOf(topic)).toEqual([]);
    });

    it('accepts MessageBody filters on a topic declared to be fed by EventBridge only', () => {
      const { json } = build({ publishers: ['events.amazonaws.com'] }, (t, stack) => {
        t.allowPublishFrom('events.amazonaws.com', RULE_ARN);
        t.addQueueSubscription('body', new QueueWithDlq(stack, 'body', { name: 'body' }), {
          filterPolicy: { detail: { status: ['PLACED'] } },
          filterPolicyScope: 'MessageBody',
        });
      });
      expect(resourcesOf(json, 'aws_sns_topic_subscription')).toHaveLength(1);
    });
  });
});
