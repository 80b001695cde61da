import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { BucketWithNotifications, EventBusWithRules, QueueWithDlq, RuleTarget } from '../../modules';
import { RoutingModel, simulate } from '../../modules/testing';
import { testStack } from '../helpers/synth';

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:thumbnails';

/** A bucket whose events reach a bus through the default bus, and that notifies a queue and a function directly. */
function documents() {
  const stack = testStack('docs');
  const bus = new EventBusWithRules(stack, 'bus', { name: 'orders' });
  const bucket = new BucketWithNotifications(stack, 'documents', { name: 'orders-documents', eventbridge: true });
  bucket.forwardEventsTo('forward', bus);
  const invoices = new QueueWithDlq(stack, 'invoices', { name: 'invoices' });
  bus.addRule('invoice-ready', { eventPattern: BucketWithNotifications.objectCreatedPattern(bucket, { prefix: 'invoices/' }), targets: [RuleTarget.queue(invoices)] });
  const reports = new QueueWithDlq(stack, 'reports', { name: 'reports' });
  bucket.addQueueNotification('reports', reports, { prefix: 'reports/' });
  bucket.addLambdaNotification('thumbnails', FUNCTION_ARN, { prefix: 'images/', suffix: '.png' });
  return stack;
}

describe('the routing model of a bucket', () => {
  const model = RoutingModel.from(documents());
  const bucket = model.resolve('orders-documents', ['bucket']);

  it('is a node with its ARN, the default bus and its direct notifications', () => {
    expect(bucket.arn).toBe('arn:aws:s3:::orders-documents');
    expect(bucket.eventBus?.name).toBe('default');
    expect(bucket.notifications.map((n) => [n.id, n.endpoint.kind, n.endpoint.name, n.events, n.prefix, n.suffix])).toEqual([
      ['reports', 'queue', 'reports', ['s3:ObjectCreated:*'], 'reports/', undefined],
      ['thumbnails', 'external', 'thumbnails', ['s3:ObjectCreated:*'], 'images/', '.png'],
    ]);
  });

  it('has edges to the default bus and to each notified endpoint', () => {
    const edges = model.edges().filter((e) => e.from === bucket).map((e) => `${e.to.kind} ${e.to.name}: ${e.label}`);
    expect(edges).toEqual(['bus default: EventBridge notifications', 'queue reports: reports: s3:ObjectCreated:* prefix reports/', 'external thumbnails: thumbnails: s3:ObjectCreated:* prefix images/ suffix .png']);
  });
});

describe('simulating an object created', () => {
  const stack = documents();

  it('sends an invoice through the default bus and the forwarding rule to the rule on the orders bus, and nowhere else', () => {
    const trace = simulate(stack, { kind: 'objectCreated', bucket: 'orders-documents', key: 'invoices/42.pdf', size: 1_024 });
    expect(trace).toBeDeliveredTo('invoices');
    expect(trace).not.toBeDeliveredTo('reports');
    expect(trace).not.toBeDeliveredTo('thumbnails');
    const [onOrdersBus] = trace.deliveriesTo('orders').map((d) => d.payload as any);
    expect(onOrdersBus).toMatchObject({
      source: 'aws.s3',
      'detail-type': 'Object Created',
      resources: ['arn:aws:s3:::orders-documents'],
      detail: { bucket: { name: 'orders-documents' }, object: { key: 'invoices/42.pdf', size: 1_024 }, reason: 'PutObject' },
    });
    expect(trace.denials).toEqual([]);
  });

  it('notifies the reports queue directly with an S3 notification record, not the invoices queue', () => {
    const trace = simulate(stack, { kind: 'objectCreated', bucket: 'orders-documents', key: 'reports/2024 q1.csv' });
    expect(trace).toBeDeliveredTo('reports');
    expect(trace).not.toBeDeliveredTo('invoices');
    const [message] = trace.deliveriesTo('reports').map((d) => d.payload as any);
    const record = JSON.parse(message.Body).Records[0];
    expect(record).toMatchObject({
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: { configurationId: 'reports', bucket: { name: 'orders-documents', arn: 'arn:aws:s3:::orders-documents' }, object: { key: 'reports/2024+q1.csv', size: 0 } },
    });
    expect(trace.denials).toEqual([]);
  });

  it('invokes the function for a .png, with the record as the event, and names the method', () => {
    const trace = simulate(stack, { kind: 'objectCreated', bucket: 'orders-documents', key: 'images/a.png', method: 'CompleteMultipartUpload' });
    const [event] = trace.deliveriesTo('thumbnails').map((d) => d.payload as any);
    expect(event.Records[0].eventName).toBe('ObjectCreated:CompleteMultipartUpload');
  });

  it('records which notifications matched', () => {
    const trace = simulate(stack, { kind: 'objectCreated', bucket: 'orders-documents', key: 'images/r.png' });
    const notifications = trace.hops.filter((h) => h.kind === 'notification').map((h: any) => `${h.id} ${h.matched}`);
    expect(notifications).toEqual(['reports false', 'thumbnails true']);
  });
});

describe('S3 events and custom buses', () => {
  it('reach a rule on a custom bus only through a rule on the default bus, where S3 puts them', () => {
    const stack = testStack('unforwarded');
    const bus = new EventBusWithRules(stack, 'bus', { name: 'orders' });
    const bucket = new BucketWithNotifications(stack, 'documents', { name: 'orders-documents', eventbridge: true });
    const invoices = new QueueWithDlq(stack, 'invoices', { name: 'invoices' });
    bus.addRule('invoice-ready', { eventPattern: BucketWithNotifications.objectCreatedPattern(bucket, { prefix: 'invoices/' }), targets: [RuleTarget.queue(invoices)] });
    const trace = simulate(stack, { kind: 'objectCreated', bucket: 'orders-documents', key: 'invoices/42.pdf' });
    expect(trace).toBeDeliveredTo('default');
    expect(trace).not.toBeDeliveredTo('orders');
    expect(trace).not.toBeDeliveredTo('invoices');
  });
});

describe('authorization of S3 deliveries', () => {
  it('denies a notification to a queue whose policy does not admit S3', () => {
    const stack = testStack('denied');
    const bucket = new BucketWithNotifications(stack, 'documents', { name: 'orders-documents' });
    const raw = new SqsQueue(stack, 'raw', { name: 'raw', sqsManagedSseEnabled: true });
    bucket.addQueueNotification('raw', raw.arn);
    const trace = simulate(stack, { kind: 'objectCreated', bucket: 'orders-documents', key: 'a.txt' });
    expect(trace).not.toBeDeliveredTo('raw');
    expect(trace.denials.map((h) => h.call)).toEqual(['s3.amazonaws.com sqs:SendMessage on queue raw']);
    expect(trace.hops.some((h) => h.kind === 'dropped' && h.reason.includes('S3 may not deliver to queue raw'))).toBe(true);
  });
});
