import { RoutingModel, simulate } from '../../modules/testing';
import '../../modules/testing';
import { ordersStack } from './fixtures';

/** Hand-written Terraform JSON: blocks as one-element arrays, literal ARNs, names and URLs, no construct paths. */
const handWritten = {
  provider: { aws: [{ region: 'ap-southeast-2' }, { alias: 'us', region: 'us-east-1' }] },
  resource: {
    aws_cloudwatch_event_rule: {
      r: { name: 'r', event_bus_name: 'arn:aws:events:ap-southeast-2:111111111111:event-bus/shop', event_pattern: '{"source":["shop"]}' },
    },
    aws_cloudwatch_event_bus: { shop: { name: 'shop' } },
    aws_cloudwatch_event_target: {
      t: {
        rule: 'r',
        event_bus_name: 'shop',
        arn: 'arn:aws:sns:ap-southeast-2:111111111111:news',
        dead_letter_config: [{ arn: 'arn:aws:sqs:ap-southeast-2:111111111111:dlq' }],
        retry_policy: [{ maximum_retry_attempts: '1' }],
      },
    },
    aws_sns_topic: { news: { name: 'news' } },
    aws_sqs_queue: {
      inbox: { name: 'inbox', redrive_policy: '{"deadLetterTargetArn":"arn:aws:sqs:ap-southeast-2:111111111111:dlq","maxReceiveCount":"2"}' },
      dlq: { name: 'dlq' },
    },
    aws_sns_topic_subscription: {
      s: { topic_arn: '${aws_sns_topic.news.arn}', protocol: 'sqs', endpoint: 'arn:aws:sqs:${data.aws_region.r.name}:${data.aws_caller_identity.c.account_id}:inbox', raw_message_delivery: 'true' },
      elsewhere: { topic_arn: '${aws_sns_topic.news.id}', protocol: 'sqs', endpoint: 'arn:aws:sqs:ap-southeast-2:222222222222:partner-queue' },
    },
    aws_sns_topic_policy: {
      news: {
        arn: '${aws_sns_topic.news.arn}',
        policy: '{"Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sns:Publish","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:events:*:*:rule/shop/r"}}}]}',
      },
    },
    aws_sqs_queue_policy: {
      inbox: { queue_url: '${aws_sqs_queue.inbox.url}', policy: '{"Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:news"}}}]}' },
    },
    aws_lambda_function: { fn: { function_name: 'worker' } },
    aws_lambda_event_source_mapping: {
      m: { event_source_arn: '${aws_sqs_queue.inbox.arn}', function_name: 'arn:aws:lambda:ap-southeast-2:111111111111:function:worker:live', filter_criteria: [{ filter: [{ pattern: '{"body":{"detail":{"n":[1]}}}' }] }] },
    },
  },
};

describe('RoutingModel', () => {
  const model = RoutingModel.fromJson(JSON.stringify(handWritten));

  test('reads region from the default provider and resolves literal ARNs, names, URLs and interpolated ARNs', () => {
    expect(model.region).toBe('ap-southeast-2');
    const rule = model.ofKind('rule')[0];
    expect(rule.bus.name).toBe('shop');
    expect(rule.targets[0]).toMatchObject({ endpoint: { kind: 'topic', name: 'news' }, deadLetterQueue: { name: 'dlq' }, maximumRetryAttempts: 1 });
    const inbox = model.resolve('inbox', ['queue']);
    expect(inbox.redrive).toMatchObject({ deadLetterQueue: { name: 'dlq' }, maxReceiveCount: 2 });
    expect(inbox.consumers.map((c) => (c.kind === 'mapping' ? c.function.name : c.name))).toEqual(['worker']);
    const [s, elsewhere] = model.ofKind('subscription');
    expect(s).toMatchObject({ endpoint: { name: 'inbox' }, rawMessageDelivery: true });
    expect(elsewhere.endpoint).toMatchObject({ kind: 'external', name: 'partner-queue', arn: 'arn:aws:sqs:ap-southeast-2:222222222222:partner-queue' });
  });

  test('simulates a stack it did not build', () => {
    const trace = simulate(model, { kind: 'putEvents', bus: 'shop', entry: { Source: 'shop', DetailType: 'Sale', Detail: { n: 1 } } });
    expect(trace).toBeDeliveredTo('worker');
    expect(trace).toBeDeliveredWith('inbox', { Body: { detail: { n: 1 } } });
    expect(trace).toBeDeliveredTo('arn:aws:sqs:ap-southeast-2:222222222222:partner-queue');
    expect(simulate(model, { kind: 'putEvents', bus: 'shop', entry: { Source: 'shop', DetailType: 'Sale', Detail: { n: 2 } } })).not.toBeDeliveredTo('worker');
  });

  test('find: exact names, addresses and paths first, then path or name fragments', () => {
    const orders = RoutingModel.from(ordersStack());
    expect(orders.find('aws_sqs_queue.rule-dlq').map((n) => n.name)).toEqual(['rule-dlq']);
    expect(orders.find('fulfillment').map((n) => n.name)).toEqual(['fulfillment']);
    expect(orders.find('orders/fulfillment/DeadLetterQueue').map((n) => n.name)).toEqual(['fulfillment-dlq']);
    expect(orders.find('FULFILLMENT/deadletterqueue').map((n) => n.name)).toEqual(['fulfillment-dlq']);
    expect(orders.find('fulfillment', ['function']).map((n) => n.name)).toEqual(['fulfillment-consumer']);
    expect(orders.find('dlq', ['queue']).map((n) => n.name).sort()).toEqual(['billing-dlq', 'fraud-review-dlq', 'fulfillment-dlq', 'notifications-dlq', 'pipe-dlq', 'rule-dlq']);
    expect(orders.find('nothing-like-this')).toEqual([]);
  });

  test('resolve: one node, or an error naming the candidates', () => {
    const orders = RoutingModel.from(ordersStack());
    expect(orders.resolve('order-events', ['topic']).arn).toBe('arn:aws:sns:eu-west-1:123456789012:order-events');
    expect(() => orders.resolve('dlq', ['queue'])).toThrow(/"dlq" names 6 queue nodes: queue rule-dlq \(orders\/rule-dlq\), /);
  });

  test('a stack is synthesized once and its model cached', () => {
    const stack = ordersStack();
    expect(RoutingModel.from(stack)).toBe(RoutingModel.from(stack));
    expect(RoutingModel.from(stack, { region: 'us-east-1' })).not.toBe(RoutingModel.from(stack));
  });

  test('edges: routes with their labels, and dead-letter routes', () => {
    const edges = RoutingModel.from(ordersStack()).edges().map((e) => `${e.from.name} -${e.kind}-> ${e.to.name}${e.label ? ` [${e.label}]` : ''}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        'fulfillment -deadLetter-> fulfillment-dlq [maxReceiveCount 3]',
        'order-lifecycle -route-> order-events',
        'order-lifecycle -deadLetter-> rule-dlq [target order-lifecycle-target DLQ]',
        'order-events -route-> billing [MessageBody: {"detail-type":["OrderPlaced","OrderCancelled"]}]',
        'orders -route-> orders-pipe [{"eventName":["INSERT","MODIFY"]}]',
        'orders-pipe -deadLetter-> pipe-dlq [DLQ]',
        'fulfillment -route-> fulfillment-consumer',
      ]),
    );
  });
});
