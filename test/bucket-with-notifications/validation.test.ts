import { TerraformStack } from 'cdktf';
import { BucketWithNotifications, BucketWithNotificationsProps, QueueWithDlq, TopicWithFilteredSubscriptions } from '../../modules';
import { errorOf } from '../helpers/errors';
import { testStack } from '../helpers/synth';

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:thumbnails';

function make(props: Partial<BucketWithNotificationsProps> = {}, stack: TerraformStack = testStack()): BucketWithNotifications {
  return new BucketWithNotifications(stack, 'documents', { name: 'orders-documents', ...props });
}

describe('bucket names', () => {
  it.each([
    ['ab', 'must be 3–63 characters long (it has 2)'],
    ['a'.repeat(64), 'must be 3–63 characters long (it has 64)'],
    ['Orders-Documents', 'may hold only lowercase letters, digits, "." and "-"'],
    ['orders_documents', 'may hold only lowercase letters, digits, "." and "-"'],
    ['-orders', 'must begin and end with a lowercase letter or a digit'],
    ['orders.', 'must begin and end with a lowercase letter or a digit'],
    ['orders..documents', 'must not hold two adjacent periods'],
    ['192.168.5.4', 'must not be formatted as an IP address'],
    ['xn--orders', 'must not start with "xn--" (reserved by S3)'],
    ['sthree-orders', 'must not start with "sthree-" (reserved by S3)'],
    ['amzn-s3-demo-orders', 'must not start with "amzn-s3-demo-" (reserved by S3)'],
    ['orders-s3alias', 'must not end with "-s3alias" (reserved by S3)'],
    ['orders--ol-s3', 'must not end with "--ol-s3" (reserved by S3)'],
    ['orders.mrap', 'must not end with ".mrap" (reserved by S3)'],
    ['orders--x-s3', 'must not end with "--x-s3" (reserved by S3)'],
  ])('refuses %j', (name, reason) => {
    expect(errorOf(() => make({ name }))).toBe(
      `test/documents: name = ${JSON.stringify(name)} is invalid: S3 bucket names ${reason}: 3–63 lowercase letters, digits, "." and "-", beginning and ending with a letter or digit`,
    );
  });

  it.each(['abc', 'orders-documents-123456789012', 'my.bucket.name', 'a'.repeat(63)])('accepts %j', (name) => {
    expect(() => make({ name })).not.toThrow();
  });

  it('names a missing or mistyped name', () => {
    expect(errorOf(() => new BucketWithNotifications(testStack(), 'documents', {} as BucketWithNotificationsProps))).toBe(
      'test/documents: name = undefined is invalid: is required: a string',
    );
    expect(errorOf(() => make({ name: 42 as unknown as string }))).toBe('test/documents: name = 42 is invalid: must be a string');
  });
});

describe('bucket settings', () => {
  it('refuses an encryption that is not one of the kinds', () => {
    expect(errorOf(() => make({ encryption: 'aws-managed' as 's3-managed' }))).toBe(
      'test/documents: encryption = "aws-managed" is invalid: must be "s3-managed", "customer-managed" or { kmsKeyArn }',
    );
  });

  it('refuses a KMS key ARN that is not one', () => {
    expect(errorOf(() => make({ encryption: { kmsKeyArn: 'alias/orders' } }))).toBe(
      'test/documents: encryption.kmsKeyArn = "alias/orders" is invalid: must be a KMS key or alias ARN (arn:<partition>:kms:<region>:<account>:key/<id> or :alias/<name>)',
    );
  });

  it('refuses lifecycle days below 1 or fractional', () => {
    expect(errorOf(() => make({ noncurrentVersionExpirationDays: 0, abortIncompleteMultipartUploadDays: 1.5 }))).toBe(
      'test/documents: 2 invalid props:\n' +
        '  - noncurrentVersionExpirationDays = 0 is invalid: must be a whole number from 1 to 2,147,483,647 days\n' +
        '  - abortIncompleteMultipartUploadDays = 1.5 is invalid: must be a whole number from 1 to 2,147,483,647 days',
    );
  });

  it('refuses logging a bucket into itself, or into a bucket with an invalid name', () => {
    expect(errorOf(() => make({ accessLogging: { targetBucket: 'orders-documents' } }))).toBe(
      'test/documents: accessLogging.targetBucket = "orders-documents" is invalid: must be another bucket: logs written to the bucket they describe would log their own writes without end',
    );
    expect(errorOf(() => make({ accessLogging: { targetBucket: 'Logs' } }))).toContain('accessLogging.targetBucket = "Logs" is invalid: S3 bucket names');
  });

  it('refuses a log prefix longer than an object key', () => {
    expect(errorOf(() => make({ accessLogging: { targetBucket: 'orders-logs', targetPrefix: 'x'.repeat(1_025) } }))).toMatch(
      /^test\/documents: accessLogging\.targetPrefix = "x+\.\.\. is invalid: must be at most 1,024 bytes \(an object key prefix\)$/,
    );
  });
});

describe('notification inputs', () => {
  it('refuses an event type S3 does not have', () => {
    const bucket = make();
    expect(errorOf(() => bucket.addLambdaNotification('fn', FUNCTION_ARN, { events: ['s3:ObjectCreated' as 's3:ObjectCreated:*'] }))).toMatch(
      /^test\/documents: options\.events\[0\] = "s3:ObjectCreated" is invalid: must be an S3 event type: s3:ObjectCreated:\*, s3:ObjectCreated:Put, /,
    );
  });

  it('refuses no event types, or one twice', () => {
    const bucket = make();
    expect(errorOf(() => bucket.addLambdaNotification('fn', FUNCTION_ARN, { events: [] }))).toBe(
      'test/documents: options.events = [] is invalid: must name at least one event type, e.g. "s3:ObjectCreated:*"',
    );
    expect(errorOf(() => bucket.addLambdaNotification('fn', FUNCTION_ARN, { events: ['s3:ObjectCreated:Put', 's3:ObjectCreated:Put'] }))).toBe(
      'test/documents: options.events = ["s3:ObjectCreated:Put","s3:ObjectCreated:Put"] is invalid: must not name an event type twice',
    );
  });

  it('refuses an empty or overlong prefix or suffix', () => {
    const bucket = make();
    expect(errorOf(() => bucket.addLambdaNotification('fn', FUNCTION_ARN, { prefix: '' }))).toBe(
      'test/documents: options.prefix = "" is invalid: must be 1–1,024 characters (S3 FilterRule); leave it unset to match every key',
    );
    expect(errorOf(() => bucket.addLambdaNotification('fn', FUNCTION_ARN, { suffix: 'x'.repeat(1_025) }))).toContain('options.suffix = "xxx');
  });

  it('refuses a notification ID used twice', () => {
    const bucket = make();
    bucket.addLambdaNotification('fn', FUNCTION_ARN, { prefix: 'a/' });
    expect(errorOf(() => bucket.addLambdaNotification('fn', FUNCTION_ARN, { prefix: 'b/' }))).toBe(
      'test/documents: id = "fn" is invalid: is already used by another notification of this bucket: choose another ID',
    );
  });

  it('refuses ARNs of the wrong service, FIFO queues and FIFO topics', () => {
    const stack = testStack();
    const bucket = make({}, stack);
    expect(errorOf(() => bucket.addLambdaNotification('fn', 'arn:aws:sqs:eu-west-1:123456789012:q'))).toBe(
      'test/documents: functionArn = "arn:aws:sqs:eu-west-1:123456789012:q" is invalid: must be a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>])',
    );
    expect(errorOf(() => bucket.addQueueNotification('q', 'arn:aws:sqs:eu-west-1:123456789012:orders.fifo'))).toBe(
      'test/documents: queue = "arn:aws:sqs:eu-west-1:123456789012:orders.fifo" is invalid: must be a standard SQS queue ARN (arn:<partition>:sqs:<region>:<account>:<name>): S3 does not deliver to FIFO queues',
    );
    const fifoQueue = new QueueWithDlq(stack, 'fifo-queue', { name: 'orders', fifo: true });
    expect(errorOf(() => bucket.addQueueNotification('q', fifoQueue))).toMatch(/^test\/documents: queue = .* is invalid: must be a standard queue: S3 does not deliver event notifications to FIFO queues$/);
    const fifoTopic = new TopicWithFilteredSubscriptions(stack, 'fifo-topic', { name: 'orders', fifo: true });
    expect(errorOf(() => bucket.addTopicNotification('t', fifoTopic))).toMatch(/^test\/documents: topic = .* is invalid: must be a standard topic: S3 does not deliver event notifications to FIFO topics$/);
    expect(errorOf(() => bucket.addTopicNotification('t', 'arn:aws:sqs:eu-west-1:123456789012:q'))).toContain('must be a standard SNS topic ARN');
  });

  it('refuses options of the wrong shape', () => {
    const bucket = make();
    expect(errorOf(() => bucket.addLambdaNotification('fn', FUNCTION_ARN, { events: 's3:ObjectCreated:*' as unknown as [] }))).toBe(
      'test/documents: options.events = "s3:ObjectCreated:*" is invalid: must be a list (array) of strings',
    );
  });
});

describe('overlapping notifications, refused as S3 refuses them', () => {
  const overlap = (first: string, second: string, eventType: string) =>
    `test/documents: options = ${second} is invalid: overlaps ${first} for ${eventType}: S3 refuses two notifications whose event types, prefixes and suffixes all overlap ` +
    '(it could not tell which one an object belongs to); give them prefixes or suffixes that no key can share, or other event types';

  it('refuses the same event type under nested prefixes', () => {
    const bucket = make();
    bucket.addLambdaNotification('all-invoices', FUNCTION_ARN, { prefix: 'invoices/' });
    expect(errorOf(() => bucket.addLambdaNotification('eu-invoices', FUNCTION_ARN, { prefix: 'invoices/eu/' }))).toBe(
      overlap('lambda notification "all-invoices" (s3:ObjectCreated:*, prefix "invoices/")', '{"prefix":"invoices/eu/"}', 's3:ObjectCreated:*'),
    );
  });

  it('refuses s3:ObjectCreated:Put beside s3:ObjectCreated:*, whatever the destinations', () => {
    const stack = testStack();
    const bucket = make({}, stack);
    bucket.addQueueNotification('everything', new QueueWithDlq(stack, 'q', { name: 'q' }));
    expect(errorOf(() => bucket.addLambdaNotification('puts', FUNCTION_ARN, { events: ['s3:ObjectCreated:Put'], suffix: '.pdf' }))).toBe(
      overlap('queue notification "everything" (s3:ObjectCreated:*, every key)', '{"events":["s3:ObjectCreated:Put"],"suffix":".pdf"}', 's3:ObjectCreated:Put'),
    );
  });

  it('refuses overlapping suffixes under the same prefix', () => {
    const bucket = make();
    bucket.addLambdaNotification('pdf', FUNCTION_ARN, { prefix: 'invoices/', suffix: '.pdf' });
    expect(errorOf(() => bucket.addLambdaNotification('final-pdf', FUNCTION_ARN, { prefix: 'invoices/', suffix: '-final.pdf' }))).toContain(
      'overlaps lambda notification "pdf" (s3:ObjectCreated:*, prefix "invoices/", suffix ".pdf") for s3:ObjectCreated:*',
    );
  });
});
