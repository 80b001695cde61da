import { EventBusWithRules, QueueWithDlq, RuleTarget, TableWithStream, match, type EventPattern } from '../../modules';
import { analyzeRouting } from '../../modules/routing';
import { testStack } from '../helpers/synth';

/** A table piping its changes to a bus, and a rule on that bus sending to a queue. */
function pipeAndRule(inputTemplate: string, detail: EventPattern, options: { enrichment?: boolean; ruleSource?: string } = {}) {
  const stack = testStack('strings');
  const bus = new EventBusWithRules(stack, 'bus', { name: 'orders' });
  const table = new TableWithStream(stack, 'table', { name: 'orders', partitionKey: { name: 'pk', type: 'S' } });
  table.addPipeToEventBus('pipe', bus, {
    source: 'orders.service',
    detailType: 'OrderPlaced',
    inputTemplate,
    enrichmentFunctionArn: options.enrichment ? 'arn:aws:lambda:eu-west-1:123456789012:function:enrich' : undefined,
  });
  const review = new QueueWithDlq(stack, 'review', { name: 'review', visibilityTimeoutSeconds: 180 });
  bus.addRule('high-value', { eventPattern: { source: [options.ruleSource ?? 'orders.service'], detail }, targets: [RuleTarget.queue(review)] });
  return analyzeRouting(stack).filter((w) => ['ROUTING_FILTER_NEVER_MATCHES', 'ROUTING_UNREACHABLE_ENDPOINT'].includes(w.code));
}

const copiesTotal = '{"orderId": "<$.dynamodb.NewImage.pk.S>", "total": <$.dynamodb.NewImage.total.N>}';

describe('a rule matching as a number what a pipe always delivers as a string', () => {
  it('is reported, with the endpoint it leaves unreachable', () => {
    const warnings = pipeAndRule(copiesTotal, { total: [match.numeric('>=', 1000)] } as EventPattern);
    expect(warnings.map((w) => `${w.code} ${w.resource}`)).toEqual([
      'ROUTING_FILTER_NEVER_MATCHES strings/bus/high-value/Rule',
      'ROUTING_UNREACHABLE_ENDPOINT strings/review/Resource/Queue',
    ]);
    expect(warnings[0].message).toMatch(/^rule high-value: event_pattern matches "detail\.total" only as a number or boolean, but every event the stack's pipes put on bus orders holds it as a string \(a pipe input template copies DynamoDB values as strings: convert them in an enrichment, or match strings\)/);
  });

  it('is reported for a number value, and for a boolean read inside a JSON string', () => {
    expect(pipeAndRule(copiesTotal, { total: [5000] } as EventPattern)).toHaveLength(2);
    expect(pipeAndRule('{"vip": "<$.dynamodb.NewImage.vip.BOOL>"}', { vip: [true] } as EventPattern)).toHaveLength(2);
  });

  it('is not reported when the pattern also takes strings, or the value keeps its type', () => {
    expect(pipeAndRule(copiesTotal, { total: ['5000', match.numeric('>=', 1000)] } as EventPattern)).toEqual([]);
    // DynamoDB JSON holds BOOL as a JSON boolean: copied outside a string, it stays one.
    expect(pipeAndRule('{"vip": <$.dynamodb.NewImage.vip.BOOL>}', { vip: [true] } as EventPattern)).toEqual([]);
  });

  it('is not reported after an enrichment, which may convert the value', () => {
    expect(pipeAndRule(copiesTotal, { total: [match.numeric('>=', 1000)] } as EventPattern, { enrichment: true })).toEqual([]);
  });

  it('is not reported for a rule on sources no pipe of the stack puts (applications may put those)', () => {
    expect(pipeAndRule(copiesTotal, { total: [match.numeric('>=', 1000)] } as EventPattern, { ruleSource: 'billing.service' })).toEqual([]);
  });
});
