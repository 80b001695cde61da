import { TerraformOutput } from 'cdktf';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { document as decodeDocument } from '../../modules/core/values';
import { QueueWithDlq, QueueWithDlqProps, ValidationError } from '../../modules';
import { refTo, resourceAt, resourcesOf, synthJson, testStack } from '../helpers/synth';
import { document } from '../../modules/core/values';
import { statementsWith, statementWith } from '../helpers/policy';

function build(props: Partial<QueueWithDlqProps> = {}, extra?: (q: QueueWithDlq) => void) {
  const stack = testStack();
  const queue = new QueueWithDlq(stack, 'orders', { name: 'orders', ...props });
  extra?.(queue);
  return { stack, queue, json: synthJson(stack) };
}

function errorOf(props: Partial<QueueWithDlqProps>): string {
  try {
    build(props);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as Error).message;
  }
  throw new Error('expected a ValidationError');
}

describe('QueueWithDlq defaults', () => {
  const { json } = build();
  const queue = resourceAt(json, 'aws_sqs_queue', 'orders/Resource/Queue');
  const dlq = resourceAt(json, 'aws_sqs_queue', 'orders/DeadLetterQueue/Resource/Queue');

  it('makes an encrypted standard queue with long polling and safe limits', () => {
    expect(queue).toMatchObject({
      name: 'orders',
      sqs_managed_sse_enabled: true,
      visibility_timeout_seconds: 30,
      message_retention_seconds: 345_600,
      delay_seconds: 0,
      max_message_size: 262_144,
      receive_wait_time_seconds: 20,
    });
    expect(queue.fifo_queue).toBeUndefined();
    expect(queue.kms_master_key_id).toBeUndefined();
  });

  it('makes an encrypted DLQ named <name>-dlq that keeps messages 14 days', () => {
    expect(dlq).toMatchObject({ name: 'orders-dlq', sqs_managed_sse_enabled: true, message_retention_seconds: 1_209_600 });
  });

  it('redrives to the DLQ after 5 receives, through a separate resource (no reference cycle)', () => {
    const redrive = resourcesOf(json, 'aws_sqs_queue_redrive_policy');
    expect(redrive).toHaveLength(1);
    expect(redrive[0].queue_url).toBe(refTo(json, 'aws_sqs_queue', 'orders/Resource/Queue', 'url'));
    expect(document<any>(redrive[0].redrive_policy)).toEqual({
      deadLetterTargetArn: refTo(json, 'aws_sqs_queue', 'DeadLetterQueue/Resource/Queue', 'arn'),
      maxReceiveCount: 5,
    });
    expect(queue.redrive_policy).toBeUndefined();
    expect(dlq.redrive_allow_policy).toBeUndefined();
  });

  it('lets only its source queue redrive into the DLQ', () => {
    const allow = resourcesOf(json, 'aws_sqs_queue_redrive_allow_policy');
    expect(allow).toHaveLength(1);
    expect(allow[0].queue_url).toBe(refTo(json, 'aws_sqs_queue', 'DeadLetterQueue/Resource/Queue', 'url'));
    expect(document<any>(allow[0].redrive_allow_policy)).toEqual({
      redrivePermission: 'byQueue',
      sourceQueueArns: [refTo(json, 'aws_sqs_queue', 'orders/Resource/Queue', 'arn')],
    });
  });

  it('gives each queue one policy that denies requests without TLS', () => {
    const policies = resourcesOf(json, 'aws_sqs_queue_policy');
    expect(policies).toHaveLength(2);
    for (const [suffix, path] of [
      ['orders/Resource/Policy', 'orders/Resource/Queue'],
      ['DeadLetterQueue/Resource/Policy', 'DeadLetterQueue/Resource/Queue'],
    ]) {
      const policy = resourceAt(json, 'aws_sqs_queue_policy', suffix);
      expect(policy.queue_url).toBe(refTo(json, 'aws_sqs_queue', path, 'url'));
      expect(document<any>(policy.policy).Statement).toEqual([
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sqs:*',
          Resource: refTo(json, 'aws_sqs_queue', path, 'arn'),
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]);
    }
  });

  it('alarms on DLQ depth above 0 and on the age of the oldest message', () => {
    const depth = resourceAt(json, 'aws_cloudwatch_metric_alarm', 'DeadLetterQueue/Resource/DepthAlarm');
    expect(depth).toMatchObject({
      alarm_name: 'orders-dlq-depth',
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: refTo(json, 'aws_sqs_queue', 'DeadLetterQueue/Resource/Queue', 'name') },
      comparison_operator: 'GreaterThanThreshold',
      threshold: 0,
      treat_missing_data: 'notBreaching',
    });
    const age = resourceAt(json, 'aws_cloudwatch_metric_alarm', 'OldestMessageAgeAlarm');
    expect(age).toMatchObject({
      alarm_name: 'orders-oldest-message-age',
      metric_name: 'ApproximateAgeOfOldestMessage',
      dimensions: { QueueName: refTo(json, 'aws_sqs_queue', 'orders/Resource/Queue', 'name') },
      threshold: 3_600,
    });
  });
});

describe('QueueWithDlq props', () => {
  it('passes every queue prop to Terraform', () => {
    const { json } = build({
      visibilityTimeoutSeconds: 180,
      messageRetentionSeconds: 86_400,
      delaySeconds: 5,
      maxMessageSizeBytes: 1_048_576,
      receiveWaitTimeSeconds: 0,
      deadLetter: { maxReceiveCount: 3, retentionSeconds: 172_800 },
      tags: { team: 'orders' },
    });
    expect(resourceAt(json, 'aws_sqs_queue', 'orders/Resource/Queue')).toMatchObject({
      visibility_timeout_seconds: 180,
      message_retention_seconds: 86_400,
      delay_seconds: 5,
      max_message_size: 1_048_576,
      receive_wait_time_seconds: 0,
      tags: { team: 'orders' },
    });
    expect(resourceAt(json, 'aws_sqs_queue', 'DeadLetterQueue/Resource/Queue')).toMatchObject({
      message_retention_seconds: 172_800,
      tags: { team: 'orders' },
    });
    expect(document<any>(resourcesOf(json, 'aws_sqs_queue_redrive_policy')[0].redrive_policy).maxReceiveCount).toBe(3);
    expect(resourcesOf(json, 'aws_cloudwatch_metric_alarm').length).toBeGreaterThan(0);
    for (const alarm of resourcesOf(json, 'aws_cloudwatch_metric_alarm')) expect(alarm.tags).toEqual({ team: 'orders' });
  });

  it('makes a FIFO queue and a FIFO DLQ, with .fifo last in both names', () => {
    const { json, queue } = build({
      fifo: true,
      contentBasedDeduplication: true,
      deduplicationScope: 'messageGroup',
      fifoThroughputLimit: 'perMessageGroupId',
    });
    expect(resourceAt(json, 'aws_sqs_queue', 'orders/Resource/Queue')).toMatchObject({
      name: 'orders.fifo',
      fifo_queue: true,
      content_based_deduplication: true,
      deduplication_scope: 'messageGroup',
      fifo_throughput_limit: 'perMessageGroupId',
    });
    expect(resourceAt(json, 'aws_sqs_queue', 'DeadLetterQueue/Resource/Queue')).toMatchObject({ name: 'orders-dlq.fifo', fifo_queue: true });
    expect(queue.fifo).toBe(true);
    expect(queue.deadLetterQueue.fifo).toBe(true);
  });

  it('accepts a FIFO name that already ends in .fifo', () => {
    const { json } = build({ name: 'orders.fifo', fifo: true });
    expect(resourceAt(json, 'aws_sqs_queue', 'orders/Resource/Queue').name).toBe('orders.fifo');
    expect(resourceAt(json, 'aws_sqs_queue', 'DeadLetterQueue/Resource/Queue').name).toBe('orders-dlq.fifo');
  });

  it('encrypts both queues with a customer-managed KMS key when given one', () => {
    const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { json, queue } = build({ encryption: { kmsKeyArn, dataKeyReusePeriodSeconds: 600 } });
    for (const path of ['orders/Resource/Queue', 'DeadLetterQueue/Resource/Queue']) {
      const q = resourceAt(json, 'aws_sqs_queue', path);
      expect(q).toMatchObject({ kms_master_key_id: kmsKeyArn, kms_data_key_reuse_period_seconds: 600 });
      expect(q.sqs_managed_sse_enabled).toBeUndefined();
    }
    expect(queue.kmsKeyArn).toBe(kmsKeyArn);
    expect(queue.producerPolicy().Statement).toContainEqual({
      Sid: 'UseQueueKey',
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: kmsKeyArn,
    });
    expect(queue.consumerPolicy().Statement).toContainEqual({ Sid: 'UseQueueKey', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: kmsKeyArn });
  });

  it('uses a 300 s data key reuse period by default with KMS', () => {
    const { json } = build({ encryption: { kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k' } });
    expect(resourceAt(json, 'aws_sqs_queue', 'orders/Resource/Queue').kms_data_key_reuse_period_seconds).toBe(300);
  });

  it('sends alarms to the given actions with the given thresholds', () => {
    const topic = 'arn:aws:sns:eu-west-1:123456789012:alarms';
    const { json } = build({ alarms: { dlqDepthThreshold: 10, oldestMessageAgeSeconds: 600, alarmActions: [topic], okActions: [topic] } });
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'DepthAlarm')).toMatchObject({ threshold: 10, alarm_actions: [topic], ok_actions: [topic] });
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'OldestMessageAgeAlarm')).toMatchObject({ threshold: 600, alarm_actions: [topic] });
  });

  it('turns alarms off only when told to', () => {
    const { json, queue } = build({ alarms: false });
    expect(json.resource.aws_cloudwatch_metric_alarm).toBeUndefined();
    expect(queue.dlqDepthAlarm).toBeUndefined();
  });

  it('lowers the default age alarm below a short retention', () => {
    const { json } = build({ messageRetentionSeconds: 1_200 });
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'OldestMessageAgeAlarm').threshold).toBe(600);
  });

  it('exposes ARNs, URLs and names of both queues as references to them', () => {
    const stack = testStack();
    const queue = new QueueWithDlq(stack, 'orders', { name: 'orders' });
    new TerraformOutput(stack, 'out', {
      value: { arn: queue.queueArn, url: queue.queueUrl, name: queue.queueName, dlqArn: queue.dlqArn, dlqUrl: queue.dlqUrl, dlqName: queue.dlqName },
    });
    const json = synthJson(stack);
    const q = (attr: string) => refTo(json, 'aws_sqs_queue', 'orders/Resource/Queue', attr);
    const d = (attr: string) => refTo(json, 'aws_sqs_queue', 'DeadLetterQueue/Resource/Queue', attr);
    expect(json.output.out.value).toEqual({ arn: q('arn'), url: q('url'), name: q('name'), dlqArn: d('arn'), dlqUrl: d('url'), dlqName: d('name') });
    expect(queue.maxReceiveCount).toBe(5);
    expect(queue.visibilityTimeoutSeconds).toBe(30);
  });
});

describe('QueueWithDlq grants', () => {
  const topicArn = 'arn:aws:sns:eu-west-1:123456789012:orders';
  const ruleArn = 'arn:aws:events:eu-west-1:123456789012:rule/orders/high-value';

  it('gathers every grant, even after construction, into the one queue policy', () => {
    const { json } = build({}, (q) => {
      q.allowSendFrom('sns.amazonaws.com', topicArn);
      q.allowSendFrom('events.amazonaws.com', ruleArn);
      q.allowSendFrom('sns.amazonaws.com', topicArn); // the same grant twice: one statement
    });
    expect(resourcesOf(json, 'aws_sqs_queue_policy')).toHaveLength(2);
    const statements = document<any>(resourceAt(json, 'aws_sqs_queue_policy', 'orders/Resource/Policy').policy).Statement;
    const queueArn = refTo(json, 'aws_sqs_queue', 'orders/Resource/Queue', 'arn');
    expect(statements).toHaveLength(3);
    expect(statementWith(statements, { Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage' })).toEqual({
      Sid: expect.any(String),
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: queueArn,
      Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
    });
    expect(statementsWith(statements, { Principal: { Service: 'events.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } } })).toHaveLength(1);
    expect(statementsWith(statements, { Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })).toHaveLength(1);
  });

  it('lists the grants made so far', () => {
    const { queue } = build({}, (q) => q.allowSendFrom('sns.amazonaws.com', topicArn));
    expect(queue.policyStatements).toHaveLength(2);
    expect(statementsWith(queue.policyStatements, { Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })).toHaveLength(1);
    expect(statementsWith(queue.policyStatements, { Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': topicArn } } })).toHaveLength(1);
  });

  it('writes producer and consumer IAM policies without KMS actions for SSE-SQS', () => {
    const { queue } = build();
    expect(queue.producerPolicy()).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'SendMessages', Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], Resource: queue.queueArn }],
    });
    expect(queue.consumerPolicy().Statement).toEqual([
      {
        Sid: 'ConsumeMessages',
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
        Resource: queue.queueArn,
      },
    ]);
  });
});

describe('QueueWithDlq validation', () => {
  it.each([
    ['a name with a space', { name: 'bad name' }, /orders: name = "bad name" is invalid: SQS queue names are 1–80 letters, digits, hyphens and underscores, counting the "-dlq" suffix added here \(so at most 76 before it\)/],
    ['an empty name', { name: '' }, /name = "" is invalid: SQS queue names are 1–80/],
    ['a name too long for its DLQ', { name: 'a'.repeat(77) }, /name = "a{77}" is invalid: .*at most 76/],
    ['a FIFO name too long with both suffixes', { name: 'a'.repeat(72), fifo: true }, /"-dlq\.fifo" suffix added here \(so at most 71 before it\)/],
    ['a .fifo name on a standard queue', { name: 'orders.fifo' }, /name = "orders.fifo" is invalid: a name ending in ".fifo" needs fifo: true/],
    ['visibilityTimeoutSeconds above 12 hours', { visibilityTimeoutSeconds: 43_201 }, /visibilityTimeoutSeconds = 43201 is invalid: must be a whole number from 0 to 43,200 seconds/],
    ['a fractional visibility timeout', { visibilityTimeoutSeconds: 1.5 }, /visibilityTimeoutSeconds = 1.5 is invalid: must be a whole number/],
    ['retention below a minute', { messageRetentionSeconds: 59 }, /messageRetentionSeconds = 59 is invalid: must be a whole number from 60 to 1,209,600 seconds/],
    ['delay above 15 minutes', { delaySeconds: 901 }, /delaySeconds = 901 is invalid: must be a whole number from 0 to 900 seconds/],
    ['a message size above 1 MiB', { maxMessageSizeBytes: 1_048_577 }, /maxMessageSizeBytes = 1048577 is invalid: must be a whole number from 1,024 to 1,048,576 bytes/],
    ['a message size below 1 KiB', { maxMessageSizeBytes: 1_000 }, /maxMessageSizeBytes = 1000 is invalid/],
    ['a receive wait above 20 s', { receiveWaitTimeSeconds: 21 }, /receiveWaitTimeSeconds = 21 is invalid: must be a whole number from 0 to 20 seconds/],
    ['maxReceiveCount 0', { deadLetter: { maxReceiveCount: 0 } }, /deadLetter.maxReceiveCount = 0 is invalid: must be a whole number from 1 to 1,000/],
    ['maxReceiveCount above 1,000', { deadLetter: { maxReceiveCount: 1_001 } }, /deadLetter.maxReceiveCount = 1001 is invalid/],
    [
      'a DLQ that keeps messages no longer than its queue',
      { messageRetentionSeconds: 86_400, deadLetter: { retentionSeconds: 86_400 } },
      /deadLetter.retentionSeconds = 86400 is invalid: must be longer than the queue's messageRetentionSeconds \(86400\)/,
    ],
    ['content-based deduplication on a standard queue', { contentBasedDeduplication: true }, /contentBasedDeduplication = true is invalid: applies to FIFO queues only/],
    ['a deduplication scope on a standard queue', { deduplicationScope: 'queue' as const }, /deduplicationScope = "queue" is invalid: applies to FIFO queues only/],
    [
      'per-message-group throughput with queue-wide deduplication',
      { fifo: true, fifoThroughputLimit: 'perMessageGroupId' as const },
      /fifoThroughputLimit = "perMessageGroupId" is invalid: perMessageGroupId \(high-throughput FIFO\) needs deduplicationScope: "messageGroup"/,
    ],
    ['an unknown deduplication scope', { fifo: true, deduplicationScope: 'group' as never }, /deduplicationScope = "group" is invalid: must be one of "messageGroup", "queue"/],
    ['a KMS key that is not an ARN', { encryption: { kmsKeyArn: 'alias/aws/sqs' } }, /encryption.kmsKeyArn = "alias\/aws\/sqs" is invalid: must be an ARN of kms/],
    [
      'a data key reuse period above 24 hours',
      { encryption: { kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k', dataKeyReusePeriodSeconds: 86_401 } },
      /encryption.dataKeyReusePeriodSeconds = 86401 is invalid: must be a whole number from 60 to 86,400 seconds/,
    ],
    ['a negative DLQ depth threshold', { alarms: { dlqDepthThreshold: -1 } }, /alarms.dlqDepthThreshold = -1 is invalid/],
    [
      'an age alarm that can never fire',
      { messageRetentionSeconds: 600, alarms: { oldestMessageAgeSeconds: 600 } },
      /alarms.oldestMessageAgeSeconds = 600 is invalid: must be above 0 and below messageRetentionSeconds \(600\)/,
    ],
  ])('refuses %s', (_what, props, message) => {
    expect(errorOf(props as Partial<QueueWithDlqProps>)).toMatch(message);
  });

  it('names the construct path and lists every problem at once', () => {
    const message = errorOf({ name: 'bad name', delaySeconds: 901, receiveWaitTimeSeconds: 21 });
    expect(message).toMatch(/^test\/orders: 3 invalid props:\n {2}- name = /);
    expect(message).toContain('- delaySeconds = 901');
    expect(message).toContain('- receiveWaitTimeSeconds = 21');
  });

  it('creates nothing when props are invalid', () => {
    const stack = testStack();
    expect(() => new QueueWithDlq(stack, 'orders', { name: 'orders', delaySeconds: -1 })).toThrow(ValidationError);
    expect(stack.node.tryFindChild('orders')?.node.children ?? []).toHaveLength(0);
  });

  it('allows a DLQ retention equal to a queue retention at the AWS maximum', () => {
    expect(() => build({ messageRetentionSeconds: 1_209_600 })).not.toThrow();
  });
});

describe('QueueWithDlq Lambda consumer', () => {
  const functionArn = 'arn:aws:lambda:eu-west-1:123456789012:function:fulfillment';

  it("attaches consumerPolicy to the function's role and creates the mapping after it", () => {
    const { json, queue } = build({ visibilityTimeoutSeconds: 180 }, (q) =>
      q.addLambdaConsumer('Consumer', { functionArn, functionTimeoutSeconds: 30, functionRoleName: 'fulfillment-role' }),
    );
    const policy = resourceAt(json, 'aws_iam_role_policy', 'orders/Consumer-RolePolicy');
    expect(policy).toMatchObject({ role: 'fulfillment-role', name: 'consume-queue' });
    expect(decodeDocument(policy.policy)).toEqual(JSON.parse(JSON.stringify(queue.consumerPolicy()).replace(/\$\{TfToken\[[^\]]+\]\}/g, refTo(json, 'aws_sqs_queue', 'orders/Resource/Queue', 'arn'))));
    expect(resourceAt(json, 'aws_lambda_event_source_mapping', 'orders/Consumer').depends_on).toEqual([`aws_iam_role_policy.${policy['//'].metadata.uniqueId}`]);
  });

  it('waits for the role policy named in dependsOn', () => {
    const { json } = build({ visibilityTimeoutSeconds: 180 }, (q) => {
      const own = new IamRolePolicy(q, 'Own', { role: 'fulfillment-role', policy: '{}' });
      q.addLambdaConsumer('Consumer', { functionArn, functionTimeoutSeconds: 30, dependsOn: [own] });
    });
    expect(resourceAt(json, 'aws_lambda_event_source_mapping', 'orders/Consumer').depends_on).toEqual([`aws_iam_role_policy.${resourceAt(json, 'aws_iam_role_policy', 'orders/Own')['//'].metadata.uniqueId}`]);
    expect(resourcesOf(json, 'aws_iam_role_policy')).toHaveLength(1);
  });

  it('refuses a role ARN where the role name belongs', () => {
    expect(() =>
      build({ visibilityTimeoutSeconds: 180 }, (q) => q.addLambdaConsumer('Consumer', { functionArn, functionTimeoutSeconds: 30, functionRoleName: 'arn:aws:iam::123456789012:role/r' })),
    ).toThrow('orders: Consumer.functionRoleName = "arn:aws:iam::123456789012:role/r" is invalid: IAM role names are 1–64 letters, digits and +=,.@_- (the name, not the ARN)');
  });

  it('maps the queue to the function, reporting partial batch failures', () => {
    const { json } = build({ visibilityTimeoutSeconds: 180 }, (q) =>
      q.addLambdaConsumer('Consumer', { functionArn, functionTimeoutSeconds: 30, batchSize: 20, maximumBatchingWindowSeconds: 2, maximumConcurrency: 5 }),
    );
    expect(resourceAt(json, 'aws_lambda_event_source_mapping', 'orders/Consumer')).toEqual(
      expect.objectContaining({
        event_source_arn: refTo(json, 'aws_sqs_queue', 'orders/Resource/Queue', 'arn'),
        function_name: functionArn,
        batch_size: 20,
        maximum_batching_window_in_seconds: 2,
        function_response_types: ['ReportBatchItemFailures'],
        scaling_config: { maximum_concurrency: 5 },
      }),
    );
  });

  it('refuses a visibility timeout under 6 × the function timeout', () => {
    expect(() => build({ visibilityTimeoutSeconds: 170 }, (q) => q.addLambdaConsumer('Consumer', { functionArn, functionTimeoutSeconds: 30 }))).toThrow(
      /test\/orders: visibilityTimeoutSeconds = 170 is invalid: must be at least 6 × the consuming function's timeout \(6 × 30 = 180 s\)/,
    );
  });

  it.each([
    [{ batchSize: 11 }, true, /Consumer.batchSize = 11 is invalid: must be a whole number from 1 to 10$/m],
    [{ batchSize: 20 }, false, /Consumer.maximumBatchingWindowSeconds = 0 is invalid: must be at least 1 second when batchSize is above 10/],
    [{ maximumBatchingWindowSeconds: 301 }, false, /Consumer.maximumBatchingWindowSeconds = 301 is invalid: must be a whole number from 0 to 300 seconds/],
    [{ maximumConcurrency: 1 }, false, /Consumer.maximumConcurrency = 1 is invalid: must be a whole number from 2 to 1,000/],
    [{ functionTimeoutSeconds: 901 }, false, /Consumer.functionTimeoutSeconds = 901 is invalid: must be a whole number from 1 to 900 seconds/],
  ])('refuses %j (FIFO: %s)', (options, fifo, message) => {
    expect(() =>
      build({ fifo, visibilityTimeoutSeconds: 43_200 }, (q) => q.addLambdaConsumer('Consumer', { functionArn, functionTimeoutSeconds: 10, ...options })),
    ).toThrow(message);
  });
});
