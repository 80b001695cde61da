import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import {
  BucketWithNotifications,
  BucketWithNotificationsProps,
  EventBusWithRules,
  matchesEventPattern,
  QueueWithDlq,
  RoleGrantee,
  TopicWithFilteredSubscriptions,
  validateEventPattern,
} from '../../modules';
import { document } from '../../modules/core/values';
import { errorOf } from '../helpers/errors';
import { refTo, resourceAt, resourcesOf, synthJson, SynthesizedStack, testStack } from '../helpers/synth';

const ACCOUNT_ID = '${data.aws_caller_identity.AwsContext.account_id}';
const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:thumbnails';

function build(props: Partial<BucketWithNotificationsProps> = {}, extra?: (b: BucketWithNotifications, stack: TerraformStack) => void) {
  const stack = testStack();
  const bucket = new BucketWithNotifications(stack, 'documents', { name: 'orders-documents', ...props });
  extra?.(bucket, stack);
  return { stack, bucket, json: synthJson(stack) };
}

function statements(policy: string): any[] {
  return document<any>(policy).Statement;
}

function warningsOf(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
}

const BUCKET_ARN = (json: SynthesizedStack) => refTo(json, 'aws_s3_bucket', 'documents/Bucket', 'arn');

describe('BucketWithNotifications defaults', () => {
  const { json } = build();
  const bucketId = refTo(json, 'aws_s3_bucket', 'documents/Bucket', 'id');

  it('makes the bucket with the name given, not destroyed while it holds objects', () => {
    expect(resourceAt(json, 'aws_s3_bucket', 'documents/Bucket')).toMatchObject({ bucket: 'orders-documents', force_destroy: false });
  });

  it('blocks every kind of public access', () => {
    expect(resourceAt(json, 'aws_s3_bucket_public_access_block', 'PublicAccessBlock')).toMatchObject({
      bucket: bucketId,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it('disables ACLs: the bucket owner owns every object', () => {
    expect(resourceAt(json, 'aws_s3_bucket_ownership_controls', 'OwnershipControls')).toMatchObject({ bucket: bucketId, rule: { object_ownership: 'BucketOwnerEnforced' } });
  });

  it('encrypts objects with S3-managed keys (SSE-S3)', () => {
    const sse = resourceAt(json, 'aws_s3_bucket_server_side_encryption_configuration', 'Encryption');
    expect(sse.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
    expect(resourcesOf(json, 'aws_kms_key')).toHaveLength(0);
  });

  it('turns versioning on', () => {
    expect(resourceAt(json, 'aws_s3_bucket_versioning', 'Versioning')).toMatchObject({ bucket: bucketId, versioning_configuration: { status: 'Enabled' } });
  });

  it('expires noncurrent versions after 90 days and aborts multipart uploads after 7, for every object, once versioning is on', () => {
    const lifecycle = resourceAt(json, 'aws_s3_bucket_lifecycle_configuration', 'Lifecycle');
    expect(lifecycle.rule).toEqual([
      {
        id: 'noncurrent-versions',
        status: 'Enabled',
        filter: [{}],
        noncurrent_version_expiration: [{ noncurrent_days: 90 }],
        expiration: [{ expired_object_delete_marker: true }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
    ]);
    expect(lifecycle.depends_on).toEqual([refTo(json, 'aws_s3_bucket_versioning', 'Versioning', 'x').replace(/^\$\{(.*)\.x\}$/, '$1')]);
  });

  it('has one bucket policy, denying every request without TLS on the bucket and its objects', () => {
    const policies = resourcesOf(json, 'aws_s3_bucket_policy');
    expect(policies).toHaveLength(1);
    const arn = BUCKET_ARN(json);
    expect(statements(policies[0].policy)).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });

  it('makes no notification configuration and no access logging unless asked', () => {
    expect(resourcesOf(json, 'aws_s3_bucket_notification')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_s3_bucket_logging')).toHaveLength(0);
  });
});

describe('BucketWithNotifications settings', () => {
  it('encrypts with a given KMS key and an S3 Bucket Key', () => {
    const keyArn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { json, bucket } = build({ encryption: { kmsKeyArn: keyArn } });
    expect(resourceAt(json, 'aws_s3_bucket_server_side_encryption_configuration', 'Encryption').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: keyArn }, bucket_key_enabled: true },
    ]);
    expect(bucket.kmsKeyArn).toBe(keyArn);
  });

  it('makes a rotated customer managed key for "customer-managed"', () => {
    const { json } = build({ encryption: 'customer-managed' });
    const key = resourceAt(json, 'aws_kms_key', 'documents/Key/Key');
    expect(key.enable_key_rotation).toBe(true);
    expect(resourceAt(json, 'aws_kms_alias', 'documents/Key/Alias').name).toBe('alias/s3/orders-documents');
    expect(resourceAt(json, 'aws_s3_bucket_server_side_encryption_configuration', 'Encryption').rule[0]).toMatchObject({
      apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: refTo(json, 'aws_kms_key', 'documents/Key/Key', 'arn') },
      bucket_key_enabled: true,
    });
  });

  it('sets the lifecycle days given', () => {
    const { json } = build({ noncurrentVersionExpirationDays: 30, abortIncompleteMultipartUploadDays: 2 });
    const rule = resourceAt(json, 'aws_s3_bucket_lifecycle_configuration', 'Lifecycle').rule[0];
    expect(rule.noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
    expect(rule.abort_incomplete_multipart_upload).toEqual([{ days_after_initiation: 2 }]);
  });

  it('logs access to the target bucket, under the bucket name by default', () => {
    const { json } = build({ accessLogging: { targetBucket: 'orders-access-logs' } });
    expect(resourceAt(json, 'aws_s3_bucket_logging', 'AccessLogging')).toMatchObject({ target_bucket: 'orders-access-logs', target_prefix: 'orders-documents/' });
    const custom = build({ accessLogging: { targetBucket: 'orders-access-logs', targetPrefix: 'logs/docs/' } }).json;
    expect(resourceAt(custom, 'aws_s3_bucket_logging', 'AccessLogging').target_prefix).toBe('logs/docs/');
  });

  it('passes forceDestroy and tags to the bucket', () => {
    const { json } = build({ forceDestroy: true, tags: { team: 'orders' } });
    expect(resourceAt(json, 'aws_s3_bucket', 'documents/Bucket')).toMatchObject({ force_destroy: true, tags: { team: 'orders' } });
  });

  it('turns EventBridge notifications on in the one notification configuration', () => {
    const { json } = build({ eventbridge: true });
    const notifications = resourcesOf(json, 'aws_s3_bucket_notification');
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ bucket: refTo(json, 'aws_s3_bucket', 'documents/Bucket', 'id'), eventbridge: true });
    expect(notifications[0].queue).toBeUndefined();
  });
});

describe('direct notifications', () => {
  it('notifies a queue made here, granting S3 for this bucket and account only, after the queue policy exists', () => {
    const { json } = build({}, (bucket, stack) => {
      const queue = new QueueWithDlq(stack, 'invoices', { name: 'invoices' });
      bucket.addQueueNotification('invoices', queue, { prefix: 'invoices/', suffix: '.pdf' });
    });
    const notification = resourceAt(json, 'aws_s3_bucket_notification', 'documents/Notification');
    expect(notification.eventbridge).toBeUndefined();
    expect(notification.queue).toEqual([
      { id: 'invoices', queue_arn: refTo(json, 'aws_sqs_queue', 'invoices/Resource/Queue', 'arn'), events: ['s3:ObjectCreated:*'], filter_prefix: 'invoices/', filter_suffix: '.pdf' },
    ]);
    const policy = resourceAt(json, 'aws_sqs_queue_policy', 'invoices/Resource/Policy');
    expect(statements(policy.policy)).toContainEqual({
      Sid: expect.any(String),
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: refTo(json, 'aws_sqs_queue', 'invoices/Resource/Queue', 'arn'),
      Condition: { ArnEquals: { 'aws:SourceArn': BUCKET_ARN(json) }, StringEquals: { 'aws:SourceAccount': ACCOUNT_ID } },
    });
    expect(notification.depends_on).toContain(`aws_sqs_queue_policy.${policy['//'].metadata.uniqueId}`);
  });

  it('notifies a topic made here: topic policy and topic key admit S3, and the configuration waits for both', () => {
    const { json } = build({}, (bucket, stack) => {
      const topic = new TopicWithFilteredSubscriptions(stack, 'documents-topic', { name: 'documents' });
      bucket.addTopicNotification('all', topic, { events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'] });
    });
    const notification = resourceAt(json, 'aws_s3_bucket_notification', 'documents/Notification');
    expect(notification.topic).toEqual([
      { id: 'all', topic_arn: refTo(json, 'aws_sns_topic', 'documents-topic/Topic', 'arn'), events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'] },
    ]);
    const topicPolicy = resourcesOf(json, 'aws_sns_topic_policy')[0];
    expect(statements(topicPolicy.policy)).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: { ArnEquals: { 'aws:SourceArn': BUCKET_ARN(json) }, StringEquals: { 'aws:SourceAccount': ACCOUNT_ID } },
      }),
    );
    const key = resourcesOf(json, 'aws_kms_key')[0];
    expect(statements(key.policy)).toContainEqual(expect.objectContaining({ Principal: { Service: 's3.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'] }));
    expect(notification.depends_on).toEqual(
      expect.arrayContaining([`aws_sns_topic_policy.${topicPolicy['//'].metadata.uniqueId}`, `aws_kms_key.${key['//'].metadata.uniqueId}`]),
    );
  });

  it('invokes a function through a permission for this bucket and account, qualifier apart', () => {
    const { json } = build({}, (bucket) => {
      bucket.addLambdaNotification('thumbnails', `${FUNCTION_ARN}:live`, { suffix: '.png' });
    });
    const permission = resourceAt(json, 'aws_lambda_permission', 'documents/thumbnails-Permission');
    expect(permission).toMatchObject({
      action: 'lambda:InvokeFunction',
      function_name: FUNCTION_ARN,
      qualifier: 'live',
      principal: 's3.amazonaws.com',
      source_arn: BUCKET_ARN(json),
      source_account: ACCOUNT_ID,
    });
    const notification = resourceAt(json, 'aws_s3_bucket_notification', 'documents/Notification');
    expect(notification.lambda_function).toEqual([{ id: 'thumbnails', lambda_function_arn: `${FUNCTION_ARN}:live`, events: ['s3:ObjectCreated:*'], filter_suffix: '.png' }]);
    expect(notification.depends_on).toEqual([`aws_lambda_permission.${permission['//'].metadata.uniqueId}`]);
  });

  it('keeps every notification and EventBridge in one aws_s3_bucket_notification', () => {
    const { json } = build({ eventbridge: true }, (bucket, stack) => {
      bucket.addQueueNotification('a', new QueueWithDlq(stack, 'a', { name: 'a' }), { prefix: 'a/' });
      bucket.addQueueNotification('b', new QueueWithDlq(stack, 'b', { name: 'b' }), { prefix: 'b/' });
      bucket.addLambdaNotification('c', FUNCTION_ARN, { prefix: 'c/' });
    });
    const notifications = resourcesOf(json, 'aws_s3_bucket_notification');
    expect(notifications).toHaveLength(1);
    expect(notifications[0].eventbridge).toBe(true);
    expect(notifications[0].queue.map((q: any) => q.id)).toEqual(['a', 'b']);
    expect(notifications[0].lambda_function.map((l: any) => l.id)).toEqual(['c']);
  });

  it('accepts the same prefix with suffixes no key can share, and overlapping filters for event types that do not overlap', () => {
    const { json } = build({}, (bucket) => {
      bucket.addLambdaNotification('pdf', FUNCTION_ARN, { prefix: 'invoices/', suffix: '.pdf' });
      bucket.addLambdaNotification('csv', FUNCTION_ARN, { prefix: 'invoices/', suffix: '.csv' });
      bucket.addLambdaNotification('removed', FUNCTION_ARN, { prefix: 'invoices/', events: ['s3:ObjectRemoved:*'] });
      bucket.addLambdaNotification('other', FUNCTION_ARN, { prefix: 'reports/' });
    });
    expect(resourceAt(json, 'aws_s3_bucket_notification', 'Notification').lambda_function).toHaveLength(4);
  });

  it('warns with the statement to add when the queue is given by ARN', () => {
    const { bucket, json } = build({}, (b) => b.addQueueNotification('ext', 'arn:aws:sqs:eu-west-1:123456789012:external'));
    expect(resourceAt(json, 'aws_s3_bucket_notification', 'Notification').queue[0].queue_arn).toBe('arn:aws:sqs:eu-west-1:123456789012:external');
    const [warning] = warningsOf(bucket);
    expect(warning).toContain('notification "ext" goes to a queue given by ARN');
    expect(warning).toContain('"Principal":{"Service":"s3.amazonaws.com"},"Action":"sqs:SendMessage"');
    expect(warning).toContain('"aws:SourceAccount"');
  });

  it('warns with the key statement when a queue made here uses a customer managed key', () => {
    const keyArn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { bucket } = build({}, (b, stack) => b.addQueueNotification('q', new QueueWithDlq(stack, 'q', { name: 'q', encryption: { kmsKeyArn: keyArn } })));
    const warnings = warningsOf(bucket);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`is encrypted with ${keyArn}`);
    expect(warnings[0]).toContain('"kms:EncryptionContext:aws:sqs:arn"');
  });
});

describe('forwardEventsTo', () => {
  it('puts a rule on the default bus for this bucket, sending to the bus given with a role allowed PutEvents on it only', () => {
    const { json } = build({ eventbridge: true }, (bucket, stack) => {
      bucket.forwardEventsTo('forward', new EventBusWithRules(stack, 'bus', { name: 'orders' }));
    });
    const rule = resourceAt(json, 'aws_cloudwatch_event_rule', 'documents/forward/Rule');
    expect(rule).toMatchObject({ name: 'orders-documents-events', event_bus_name: 'default' });
    expect(document<any>(rule.event_pattern)).toEqual({ source: ['aws.s3'], 'detail-type': ['Object Created', 'Object Deleted'], detail: { bucket: { name: ['orders-documents'] } } });
    const target = resourcesOf(json, 'aws_cloudwatch_event_target').find((t) => t['//'].metadata.path.startsWith('test/documents/forward'))!;
    const busArn = refTo(json, 'aws_cloudwatch_event_bus', 'bus/EventBus', 'arn');
    expect(target.arn).toBe(busArn);
    expect(target.dead_letter_config).toBeDefined();
    const rolePolicy = resourcesOf(json, 'aws_iam_role_policy').find((p) => p['//'].metadata.path.startsWith('test/documents/forward'))!;
    expect(statements(rolePolicy.policy)).toEqual([expect.objectContaining({ Effect: 'Allow', Action: 'events:PutEvents', Resource: busArn })]);
    // Named after the bucket, and measured as AWS measures default-bus rules: by rule name alone.
    expect(resourceAt(json, 'aws_sqs_queue', 'documents/forward/DeadLetterQueue/Resource/Queue').name).toBe('orders-documents-events-dlq');
    const alarm = resourceAt(json, 'aws_cloudwatch_metric_alarm', 'documents/forward/FailedInvocationsAlarm');
    expect(alarm).toMatchObject({ alarm_name: 'orders-documents-events-failed-invocations', namespace: 'AWS/Events', metric_name: 'FailedInvocations', statistic: 'Sum', threshold: 0 });
    expect(alarm.dimensions).toEqual({ RuleName: refTo(json, 'aws_cloudwatch_event_rule', 'documents/forward/Rule', 'name') });
  });

  it('refuses to forward from a bucket without EventBridge notifications', () => {
    const { bucket } = build();
    expect(errorOf(() => bucket.forwardEventsTo('forward', 'arn:aws:events:eu-west-1:123456789012:event-bus/orders'))).toBe(
      "test/documents: eventbridge = false is invalid: must be true to forward the bucket's events: without it S3 sends none to EventBridge",
    );
  });
});

describe('event patterns', () => {
  const event = (key: string, bucket = 'orders-documents', detailType = 'Object Created') => ({
    source: 'aws.s3',
    'detail-type': detailType,
    detail: { version: '0', bucket: { name: bucket }, object: { key, size: 10 }, reason: 'PutObject' },
  });

  it('matches Object Created events of the bucket under a prefix, and is a valid EventBridge pattern', () => {
    const { bucket } = build({ eventbridge: true });
    const pattern = BucketWithNotifications.objectCreatedPattern(bucket, { prefix: 'invoices/' });
    expect(pattern).toEqual({ source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { bucket: { name: ['orders-documents'] }, object: { key: [{ prefix: 'invoices/' }] } } });
    expect(validateEventPattern(pattern)).toEqual([]);
    expect(matchesEventPattern(pattern, event('invoices/42.pdf'))).toBe(true);
    expect(matchesEventPattern(pattern, event('reports/42.pdf'))).toBe(false);
    expect(matchesEventPattern(pattern, event('invoices/42.pdf', 'other-bucket'))).toBe(false);
    expect(matchesEventPattern(pattern, event('invoices/42.pdf', 'orders-documents', 'Object Deleted'))).toBe(false);
  });

  it('combines prefix and suffix as a wildcard, escaping * in them', () => {
    const pattern = BucketWithNotifications.objectDeletedPattern('orders-documents', { prefix: 'a*/', suffix: '.pdf' });
    expect((pattern.detail as any).object.key).toEqual([{ wildcard: 'a\\*/*.pdf' }]);
    expect(validateEventPattern(pattern)).toEqual([]);
    expect(matchesEventPattern(pattern, event('a*/x.pdf', 'orders-documents', 'Object Deleted'))).toBe(true);
    expect(matchesEventPattern(pattern, event('ab/x.pdf', 'orders-documents', 'Object Deleted'))).toBe(false);
  });

  it('matches every key of the bucket without a filter', () => {
    const pattern = BucketWithNotifications.objectCreatedPattern('orders-documents');
    expect(pattern.detail).toEqual({ bucket: { name: ['orders-documents'] } });
  });
});

describe('grants', () => {
  function granted(props: Partial<BucketWithNotificationsProps>, grant: (b: BucketWithNotifications, role: RoleGrantee) => void): { json: SynthesizedStack; statements: any[] } {
    const { json } = build(props, (b, stack) => grant(b, new RoleGrantee(stack, 'role', { roleName: 'worker' })));
    return { json, statements: statements(resourceAt(json, 'aws_iam_role_policy', 'role/Policy').policy) };
  }

  it('grantRead lists the bucket and reads objects and their versions', () => {
    const { json, statements: read } = granted({}, (b, role) => b.grantRead(role));
    const arn = BUCKET_ARN(json);
    expect(read).toEqual([
      { Sid: 'ListBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: arn },
      { Sid: 'ReadObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: `${arn}/*` },
    ]);
  });

  it('grantWrite puts objects and aborts multipart uploads', () => {
    const { json, statements: write } = granted({}, (b, role) => b.grantWrite(role));
    expect(write).toEqual([{ Sid: 'WriteObjects', Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: `${BUCKET_ARN(json)}/*` }]);
  });

  it('adds the key actions when SSE-KMS encrypts the objects', () => {
    const keyArn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { statements: both } = granted({ encryption: { kmsKeyArn: keyArn } }, (b, role) => {
      b.grantRead(role);
      b.grantWrite(role);
    });
    expect(both).toContainEqual({ Sid: 'DecryptObjects', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: keyArn });
    expect(both).toContainEqual({ Sid: 'EncryptObjects', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: keyArn });
  });
});
