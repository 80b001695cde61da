import { ValueReader } from '../../modules/core/evaluation';

describe('ValueReader', () => {
  const reader = new ValueReader({
    locals: { name: 'orders', bus: '${local.name}-bus', queue: '${var.env}-${local.name}', self: '${local.self}', doc: { a: '${var.x}' } },
  });
  const deps = (v: unknown): unknown => {
    const r = reader.read(v);
    return r.state === 'unknown' ? r.dependsOn : r.state;
  };

  it('reads literals and expressions over the stack’s resources as known', () => {
    expect(reader.read('orders')).toEqual({ state: 'known', value: 'orders' });
    expect(reader.read(5)).toEqual({ state: 'known', value: 5 });
    expect(reader.read('${aws_sqs_queue.q.arn}')).toEqual({ state: 'known', value: '${aws_sqs_queue.q.arn}' });
    expect(reader.read('${data.aws_iam_policy_document.p.json}').state).toBe('known');
  });

  it('reads nothing, null and "" as absent', () => {
    for (const v of [undefined, null, '']) expect(reader.read(v)).toEqual({ state: 'absent' });
  });

  it('evaluates locals with literal values', () => {
    expect(reader.read('${local.name}')).toEqual({ state: 'known', value: 'orders' });
    expect(reader.read('${local.bus}')).toEqual({ state: 'known', value: 'orders-bus' });
    expect(reader.read('${local.name}-queue')).toEqual({ state: 'known', value: 'orders-queue' });
  });

  it('says what an unknown value depends on, through locals', () => {
    expect(reader.read('${var.fifo_topic}')).toEqual({ state: 'unknown', expression: 'var.fifo_topic', dependsOn: ['var.fifo_topic'] });
    expect(reader.read('${local.queue}')).toEqual({ state: 'unknown', expression: 'local.queue', dependsOn: ['var.env'] });
    expect(deps('${local.doc}')).toEqual(['var.x']);
    expect(deps('${local.self}')).toEqual(['local.self']);
    expect(deps('${local.missing}')).toEqual(['local.missing']);
    expect(deps('${each.value.name}')).toEqual(['each.value']);
    expect(deps('dlq-${count.index}')).toEqual(['count.index']);
    expect(deps('${module.queue.queue_arn}')).toEqual(['module.queue.queue_arn']);
    expect(deps('${data.aws_sqs_queue.shared.arn}')).toEqual(['data.aws_sqs_queue.shared']);
    // The partition, account and Region only fill in an ARN: it is set, and known in shape.
    expect(reader.read('arn:${data.aws_partition.p.partition}:sqs:${data.aws_region.r.name}:${data.aws_caller_identity.c.account_id}:q').state).toBe('known');
  });

  it('reads conditionals, lookup and try as unknown even over resources', () => {
    expect(deps('${lookup(aws_x.y.tags, "a", null)}')).toEqual(['lookup(…)']);
    expect(deps('${try(aws_x.y.arn, null)}')).toEqual(['try(…)']);
    expect(deps('${aws_x.y.count > 0 ? aws_x.y.arn : null}')).toEqual(['a conditional']);
    expect(deps('${var.on ? aws_x.y.arn : "default"}')).toEqual(['var.on']);
    // A `?` in literal text or a string is not a conditional.
    expect(reader.read('https://x?a:b/${aws_x.y.id}').state).toBe('known');
    expect(reader.read('${format("a?%s:b", aws_x.y.id)}').state).toBe('known');
  });

  it('binds dynamic iterators to what their block iterates over', () => {
    const config = {
      name: 't',
      for_each: '${var.ignored}',
      dynamic: {
        point_in_time_recovery: { for_each: '${var.pitr ? [1] : []}', content: { enabled: '${point_in_time_recovery.value}' } },
        statement: { for_each: '${var.p}', iterator: 'p', content: { sid: '${p.key}', dynamic: { principals: { for_each: '${[p.value]}', content: { identifiers: ['${principals.value}'] } } } } },
      },
    };
    expect(reader.unknownsIn(config).map((u) => [u.path, u.reading.dependsOn])).toEqual([
      ['point_in_time_recovery.enabled', ['var.pitr']],
      ['statement.sid', ['var.p']],
      ['statement.principals.identifiers', ['var.p']],
    ]);
  });
});
