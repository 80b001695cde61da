import { TerraformModel } from '../../modules/core/terraform-json';

describe('TerraformModel.referrers', () => {
  const model = TerraformModel.fromJson({
    resource: {
      aws_sqs_queue: { a: { name: 'a' }, b: { name: 'b' } },
      aws_sqs_queue_policy: {
        first: { queue_url: '${aws_sqs_queue.a.url}', policy: '{}' },
        other: { queue_url: '${aws_sqs_queue.b.url}', policy: '{}' },
        second: { queue_url: '${aws_sqs_queue.a.url}', policy: '{}' },
        literal: { queue_url: 'https://sqs.eu-west-1.amazonaws.com/111122223333/a', policy: '{}' },
        joined: { queue_url: '${aws_sqs_queue.a.url}/x', policy: '{}' },
      },
    },
  });
  const queue = (name: string) => model.get(`aws_sqs_queue.${name}`)!;

  it('lists every resource of the type whose attribute is a reference to the resource, in the stack’s order', () => {
    expect(model.referrers('aws_sqs_queue_policy', 'queue_url', queue('a')).map((r) => r.name)).toEqual(['first', 'second']);
    expect(model.referrers('aws_sqs_queue_policy', 'queue_url', queue('b')).map((r) => r.name)).toEqual(['other']);
  });

  it('counts only a whole-value reference, and finds none for another attribute or type', () => {
    expect(model.referrers('aws_sqs_queue_policy', 'policy', queue('a'))).toEqual([]);
    expect(model.referrers('aws_sns_topic_policy', 'arn', queue('a'))).toEqual([]);
  });

  it('answers the same when asked again', () => {
    const again = model.referrers('aws_sqs_queue_policy', 'queue_url', queue('a'));
    expect(again.map((r) => r.name)).toEqual(['first', 'second']);
  });
});
