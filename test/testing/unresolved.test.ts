import { analyzeRouting, RoutingModel, simulate, toDot } from '../../modules/testing';

// A pattern or filter policy known only at plan is neither invalid nor evaluated.
describe('patterns and filter policies not known at synth', () => {
  const json = {
    variable: { pattern: { type: 'string' } },
    resource: {
      aws_cloudwatch_event_rule: { r: { name: 'r', event_pattern: '${var.pattern}' } },
      aws_cloudwatch_event_target: { t: { rule: '${aws_cloudwatch_event_rule.r.name}', arn: '${aws_sns_topic.t.arn}' } },
      aws_sns_topic: { t: { name: 't' } },
      aws_sns_topic_subscription: {
        s: { topic_arn: '${aws_sns_topic.t.arn}', protocol: 'sqs', endpoint: '${aws_sqs_queue.q.arn}', filter_policy_scope: 'MessageBody', filter_policy: '{"source":["${var.source}"]}' },
      },
      aws_sqs_queue: { q: { name: 'q' } },
      // The grants AWS needs for both hops, so that only the patterns are in question.
      aws_sns_topic_policy: {
        t: { arn: '${aws_sns_topic.t.arn}', policy: '{"Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sns:Publish","Resource":"${aws_sns_topic.t.arn}","Condition":{"ArnEquals":{"aws:SourceArn":"${aws_cloudwatch_event_rule.r.arn}"}}}]}' },
      },
      aws_sqs_queue_policy: {
        q: { queue_url: '${aws_sqs_queue.q.url}', policy: '{"Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"${aws_sqs_queue.q.arn}","Condition":{"ArnEquals":{"aws:SourceArn":"${aws_sns_topic.t.arn}"}}}]}' },
      },
    },
  };
  const model = RoutingModel.fromJson(json);

  it('are marked unresolved, not invalid, and let the event through', () => {
    expect(model.get('aws_cloudwatch_event_rule.r')).toMatchObject({ pattern: { unresolved: 'unresolved: var.pattern' } });
    expect(model.get('aws_sns_topic_subscription.s')).toMatchObject({ filterPolicyUnresolved: 'unresolved: {"source":["${var.source}"]}' });
    const trace = simulate(model, { kind: 'putEvents', bus: 'default', entry: { Source: 'a', DetailType: 'b', Detail: {} } });
    expect(trace).toBeDeliveredTo('q');
    expect(trace.toString()).toContain('✓ rule r unresolved: var.pattern');
    expect(trace.toString()).toContain('[MessageBody] unresolved: {"source":["${var.source}"]}');
  });

  it('raise no invalid-filter or never-matches warning', () => {
    expect(analyzeRouting(model).map((w) => w.code)).toEqual([]);
  });

  it('a provider region known only at plan is kept, never replaced by a default', () => {
    const m = RoutingModel.fromJson({ ...json, provider: { aws: [{ region: '${var.region}' }] } });
    expect(m.region).toBe('${var.region}');
    expect(m.get('aws_sqs_queue.q')).toMatchObject({ arn: 'arn:aws:sqs:${var.region}:123456789012:q', url: 'https://sqs.${var.region}.amazonaws.com/123456789012/q' });
  });
});

test('a diagram draws an unresolved endpoint by its expression, not as an external resource', () => {
  const model = RoutingModel.fromJson({
    module: { queue: { source: 'terraform-aws-modules/sqs/aws' } },
    resource: {
      aws_sns_topic: { t: { name: 't' } },
      aws_sns_topic_subscription: { s: { topic_arn: '${aws_sns_topic.t.arn}', protocol: 'sqs', endpoint: '${module.queue.queue_arn}' } },
    },
  });
  const dot = toDot(model);
  expect(dot).toContain('[label="unresolved: module.queue.queue_arn", shape=note, style=dashed]');
  expect(dot).not.toContain('external');
});
