import { ResourceGraph } from '../../modules/checks';
import { parseReference, referencesIn, referencesInText, refersTo } from '../../modules/core/references';
import { RoutingModel } from '../../modules/routing';

describe('reading references', () => {
  it('finds references in interpolations, not in literal text', () => {
    expect(referencesInText('see aws_sqs_queue.a.arn and ${aws_sqs_queue.b.arn}')).toEqual([{ address: 'aws_sqs_queue.b', attribute: 'arn' }]);
    expect(referencesInText('$${aws_sqs_queue.escaped.arn}')).toEqual([]);
  });

  it('finds the bare traversals of jsonencode, and interpolations inside its strings', () => {
    expect(referencesInText('${jsonencode({"a" = data.aws_region.r.name, "b" = "aws_sqs_queue.c.arn", "c" = "${aws_sns_topic.t.arn}:x"})}')).toEqual([
      { address: 'data.aws_region.r', attribute: 'name' },
      { address: 'aws_sns_topic.t', attribute: 'arn' },
    ]);
  });

  it('finds a reference wrapped in a function call, but not the function', () => {
    expect(referencesInText('${lower(aws_sqs_queue.q.arn)}')).toEqual([{ address: 'aws_sqs_queue.q', attribute: 'arn' }]);
    expect(referencesInText('${replace(var.name, "-", "_")}')).toEqual([{ address: 'var.name', attribute: '' }]);
  });

  it('reads index segments as part of the attribute path', () => {
    expect(referencesInText('${aws_dynamodb_table.t.attribute[0].name}')).toEqual([{ address: 'aws_dynamodb_table.t', attribute: 'attribute.0.name' }]);
  });

  it('walks arrays and objects, skipping cdktf metadata', () => {
    const value = { a: ['${aws_sqs_queue.a.arn}', { b: 'x ${aws_sqs_queue.b.url}' }], '//': { metadata: { path: '${aws_sqs_queue.meta.arn}' } } };
    expect(referencesIn(value).map((r) => r.address)).toEqual(['aws_sqs_queue.a', 'aws_sqs_queue.b']);
  });

  it('takes a value as one whole reference only when it is nothing else', () => {
    expect(parseReference('${aws_sqs_queue.q.arn}')).toEqual({ address: 'aws_sqs_queue.q', attribute: 'arn' });
    expect(parseReference('${data.aws_iam_policy_document.d.json}')).toEqual({ address: 'data.aws_iam_policy_document.d', attribute: 'json' });
    expect(parseReference('${lower(aws_sqs_queue.q.arn)}')).toBeUndefined();
    expect(parseReference('${aws_sqs_queue.q.arn}/*')).toBeUndefined();
    expect(parseReference('arn:aws:sqs:eu-west-1:123456789012:q')).toBeUndefined();
  });

  it('tells whether a string refers to an address', () => {
    expect(refersTo('${aws_sqs_queue.q.arn}/*', 'aws_sqs_queue.q')).toBe(true);
    expect(refersTo('${aws_sqs_queue.qq.arn}', 'aws_sqs_queue.q')).toBe(false);
  });
});

describe('checks and routing model read the same references', () => {
  const json = {
    resource: {
      aws_sqs_queue: { q: { name: 'orders' } },
      aws_cloudwatch_event_rule: { r: { name: 'r', event_pattern: '{"source":["orders"]}' } },
      aws_cloudwatch_event_target: { t: { rule: '${aws_cloudwatch_event_rule.r.name}', arn: '${lower(aws_sqs_queue.q.arn)}' } },
    },
  };

  it('a target whose ARN is wrapped in a function reaches the queue in both', () => {
    const graph = ResourceGraph.from(json);
    const queue = graph.get('aws_sqs_queue.q')!;
    expect(graph.referencesTo(queue).map((r) => [r.from.address, r.argument])).toEqual([['aws_cloudwatch_event_target.t', 'arn']]);

    const model = RoutingModel.fromJson(json);
    const target = model.ofKind('target');
    expect(target).toHaveLength(1);
    expect(target[0].endpoint.address).toBe('aws_sqs_queue.q');
  });
});

describe('references to instances of resources made with count or for_each', () => {
  it('keeps the index, key, splat or expression apart from the attribute', () => {
    expect(parseReference('${aws_sqs_queue.dlq[0].arn}')).toEqual({ address: 'aws_sqs_queue.dlq', attribute: 'arn', instance: '0' });
    expect(parseReference('${aws_sqs_queue.orders["billing"].arn}')).toEqual({ address: 'aws_sqs_queue.orders', attribute: 'arn', instance: '"billing"' });
    expect(parseReference('${aws_sqs_queue.orders[*].arn}')).toEqual({ address: 'aws_sqs_queue.orders', attribute: 'arn', instance: '*' });
    expect(parseReference('${aws_sqs_queue.orders.*.arn}')).toEqual({ address: 'aws_sqs_queue.orders', attribute: 'arn', instance: '*' });
    expect(parseReference('${aws_sqs_queue.consumer[each.key].arn}')).toEqual({ address: 'aws_sqs_queue.consumer', attribute: 'arn', instance: 'each.key' });
    expect(parseReference('${data.aws_iam_policy_document.p[0].json}')).toEqual({ address: 'data.aws_iam_policy_document.p', attribute: 'json', instance: '0' });
    expect(parseReference('${aws_sqs_queue.orders}')).toEqual({ address: 'aws_sqs_queue.orders', attribute: '' });
  });

  it('finds them inside jsonencode, across newlines', () => {
    expect(referencesInText('${jsonencode({\n  deadLetterTargetArn = aws_sqs_queue.dlq[0].arn\n  maxReceiveCount = 5\n})}')).toEqual([
      { address: 'aws_sqs_queue.dlq', attribute: 'arn', instance: '0' },
    ]);
    expect(referencesInText('${element(aws_sqs_queue.q[*].arn, 0)}')).toEqual([{ address: 'aws_sqs_queue.q', attribute: 'arn', instance: '*' }]);
  });
});
