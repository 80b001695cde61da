import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketAcl } from '@cdktf/provider-aws/lib/s3-bucket-acl';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { BucketWithNotifications, QueueWithDlq, TopicWithFilteredSubscriptions } from '../../modules';
import { allowService, newStack, policy, queuePolicy } from './fixtures';
import { expectFinding, expectNoFinding, findings } from './helpers';

describe('EDA-S3-001 bucket encrypted at rest', () => {
  it('passes with an encryption configuration, or the inline block', () => {
    const { stack } = newStack();
    const a = new S3Bucket(stack, 'a', { bucket: 'a-bucket' });
    new S3BucketServerSideEncryptionConfigurationA(stack, 'a-sse', { bucket: a.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] });
    new S3Bucket(stack, 'b', { bucket: 'b-bucket', serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } } } });
    expectNoFinding(stack, 'EDA-S3-001');
  });

  it('fails for a bucket that does not declare it', () => {
    const { stack } = newStack();
    const bucket = new S3Bucket(stack, 'plain', { bucket: 'plain-bucket' });
    const f = expectFinding(stack, 'EDA-S3-001', bucket, 'bucket does not declare encryption at rest');
    expect(f.severity).toBe('error');
  });
});

describe('EDA-S3-002 bucket not public', () => {
  it('passes for a bucket made by BucketWithNotifications', () => {
    const { stack } = newStack();
    new BucketWithNotifications(stack, 'docs', { name: 'orders-documents' });
    expectNoFinding(stack, 'EDA-S3-002');
  });

  it('fails without a public access block, with a setting off, or with a public ACL', () => {
    const { stack } = newStack();
    const none = new S3Bucket(stack, 'none', { bucket: 'none-bucket' });
    const partial = new S3Bucket(stack, 'partial', { bucket: 'partial-bucket' });
    new S3BucketPublicAccessBlock(stack, 'partial-pab', { bucket: partial.id, blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true });
    const open = new S3Bucket(stack, 'open', { bucket: 'open-bucket' });
    new S3BucketPublicAccessBlock(stack, 'open-pab', { bucket: open.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new S3BucketAcl(stack, 'open-acl', { bucket: open.id, acl: 'public-read' });
    expectFinding(stack, 'EDA-S3-002', none, 'bucket has no public access block');
    expectFinding(stack, 'EDA-S3-002', partial, "bucket's public access block leaves block_public_policy off");
    expectFinding(stack, 'EDA-S3-002', open, 'bucket grants the public canned ACL "public-read"');
    expect(findings(stack, 'EDA-S3-002')).toHaveLength(3);
  });
});

describe('EDA-S3-003 notification destinations admit S3', () => {
  it('passes for queues, topics and functions notified through BucketWithNotifications', () => {
    const { stack } = newStack();
    const bucket = new BucketWithNotifications(stack, 'docs', { name: 'orders-documents' });
    bucket.addQueueNotification('q', new QueueWithDlq(stack, 'q', { name: 'q' }), { prefix: 'q/' });
    bucket.addTopicNotification('t', new TopicWithFilteredSubscriptions(stack, 't', { name: 't' }), { prefix: 't/' });
    const fn = new LambdaFunction(stack, 'fn', { functionName: 'thumbnails', role: 'arn:aws:iam::123456789012:role/fn', runtime: 'nodejs20.x', handler: 'index.handler', filename: 'x.zip' });
    bucket.addLambdaNotification('f', fn.arn, { prefix: 'f/' });
    expectNoFinding(stack, 'EDA-S3-003');
    // The same function notified without the permission the construct adds is reported.
    const bare = new S3Bucket(stack, 'bare', { bucket: 'bare-bucket' });
    const n = new S3BucketNotification(stack, 'bare-n', { bucket: bare.id, lambdaFunction: [{ id: 'f', lambdaFunctionArn: fn.arn, events: ['s3:ObjectCreated:*'] }] });
    expectFinding(stack, 'EDA-S3-003', n, 'notification "f" to x/fn: no aws_lambda_permission lets s3.amazonaws.com invoke it for this bucket (source_arn)');
  });

  it('fails for a queue whose policy does not admit S3, or admits it for any bucket', () => {
    const { stack } = newStack();
    const bucket = new S3Bucket(stack, 'b', { bucket: 'b-bucket' });
    const closed = new SqsQueue(stack, 'closed', { name: 'closed' });
    const unscoped = new SqsQueue(stack, 'unscoped', { name: 'unscoped' });
    queuePolicy(stack, unscoped, (arn) => ({ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: arn }));
    const notification = new S3BucketNotification(stack, 'n', {
      bucket: bucket.id,
      queue: [
        { id: 'closed', queueArn: closed.arn, events: ['s3:ObjectCreated:*'], filterPrefix: 'a/' },
        { id: 'unscoped', queueArn: unscoped.arn, events: ['s3:ObjectCreated:*'], filterPrefix: 'b/' },
      ],
    });
    const f = expectFinding(stack, 'EDA-S3-003', notification, 'notification "closed" to x/closed: the queue policy does not let s3.amazonaws.com sqs:SendMessage');
    expect(f.message).toContain('Fix: let s3.amazonaws.com sqs:SendMessage in the queue policy of x/closed, on condition aws:SourceArn = the ARN of x/b and aws:SourceAccount = its account');
    expectFinding(stack, 'EDA-S3-003', notification, 'notification "unscoped" to x/unscoped: the queue policy lets s3.amazonaws.com sqs:SendMessage with no aws:SourceArn condition');
  });

  it('fails for a topic admitting S3 for another bucket, and a function with no permission for S3', () => {
    const { stack } = newStack();
    const bucket = new S3Bucket(stack, 'b', { bucket: 'b-bucket' });
    const other = new S3Bucket(stack, 'other', { bucket: 'other-bucket' });
    const topic = new SnsTopic(stack, 't', { name: 't' });
    new SnsTopicPolicy(stack, 'tp', { arn: topic.arn, policy: policy(allowService('s3.amazonaws.com', 'sns:Publish', topic.arn, other.arn)) });
    const fn = new LambdaFunction(stack, 'fn', { functionName: 'f', role: 'arn:aws:iam::123456789012:role/fn', runtime: 'nodejs20.x', handler: 'index.handler', filename: 'x.zip' });
    const notification = new S3BucketNotification(stack, 'n', {
      bucket: bucket.id,
      topic: [{ id: 'topic', topicArn: topic.arn, events: ['s3:ObjectRemoved:*'] }],
      lambdaFunction: [{ id: 'fn', lambdaFunctionArn: fn.arn, events: ['s3:ObjectCreated:*'] }],
    });
    expectFinding(stack, 'EDA-S3-003', notification, 'notification "topic" to x/t: the topic policy lets s3.amazonaws.com deliver only for other buckets');
    expectFinding(stack, 'EDA-S3-003', notification, 'notification "fn" to x/fn: no aws_lambda_permission lets s3.amazonaws.com invoke it');
  });
});

describe('EDA-S3-004 one notification configuration per bucket', () => {
  it('fails for a bucket with two aws_s3_bucket_notification resources, passes with one', () => {
    const { stack } = newStack();
    const bucket = new S3Bucket(stack, 'b', { bucket: 'b-bucket' });
    new S3BucketNotification(stack, 'n1', { bucket: bucket.id, eventbridge: true });
    expectNoFinding(stack, 'EDA-S3-004');
    new S3BucketNotification(stack, 'n2', { bucket: bucket.id, queue: [{ queueArn: 'arn:aws:sqs:eu-west-1:123456789012:q', events: ['s3:ObjectCreated:*'] }] });
    expectFinding(stack, 'EDA-S3-004', bucket, 'bucket has 2 aws_s3_bucket_notification resources (x/n1, x/n2)');
  });
});
