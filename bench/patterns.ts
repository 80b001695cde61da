/**
 * Benchmark of the event-pattern matcher: 1,000 compiled rules of mixed operators evaluated
 * against a realistic order event. Run: `node -r ts-node/register bench/patterns.ts`.
 */
import { compileEventPattern, compileFilterPolicy, type EventPattern, type FilterPolicy } from '../modules/patterns';

/** One measured figure. */
export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** The order event of the reference architecture, as EventBridge delivers it. */
export const ORDER_EVENT = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'OrderPlaced',
  source: 'orders.service',
  account: '111122223333',
  time: '2025-10-15T13:11:58Z',
  region: 'eu-west-1',
  resources: [],
  detail: {
    orderId: 'ord-2025-000123',
    customerId: 'cust-0042',
    status: 'PLACED',
    total: 249.9,
    currency: 'EUR',
    items: [
      { sku: 'SKU-17', quantity: 2, price: 99.95 },
      { sku: 'SKU-503', quantity: 1, price: 50 },
    ],
    notifications: { optIn: true },
  },
};

/** 1,000 rules cycling through the operators a real rule set uses. */
export function benchRules(count = 1000): EventPattern[] {
  const rules: EventPattern[] = [];
  for (let i = 0; i < count; i++) {
    switch (i % 10) {
      case 0:
        rules.push({ source: ['orders.service'], 'detail-type': [i % 20 === 0 ? 'OrderPlaced' : 'OrderCancelled'] });
        break;
      case 1:
        rules.push({ source: [{ prefix: 'orders.' }], detail: { total: [{ numeric: ['>=', i % 500] }] } });
        break;
      case 2:
        rules.push({ detail: { status: [{ 'anything-but': ['CANCELLED', `S${i}`] }], currency: ['EUR', 'USD'] } });
        break;
      case 3:
        rules.push({ detail: { customerId: [{ prefix: `cust-${i % 100}` }] } });
        break;
      case 4:
        rules.push({ detail: { items: { sku: [`SKU-${i % 600}`], quantity: [{ numeric: ['>', 0, '<=', 10] }] } } });
        break;
      case 5:
        rules.push({ 'detail-type': [{ 'equals-ignore-case': 'orderplaced' }], detail: { notifications: { optIn: [true] } } });
        break;
      case 6:
        rules.push({ detail: { orderId: [{ wildcard: `ord-*-${String(i).padStart(6, '0')}` }] } });
        break;
      case 7:
        rules.push({ source: ['orders.service'], detail: { refundId: [{ exists: false }], status: [{ suffix: 'ED' }] } });
        break;
      case 8:
        rules.push({ source: ['orders.service'], detail: { $or: [{ total: [{ numeric: ['>', 1000] }] }, { currency: [`C${i}`, 'EUR'] }] } });
        break;
      default:
        rules.push({ detail: { clientIp: [{ cidr: '10.0.0.0/8' }], status: ['PLACED'] } });
    }
  }
  return rules;
}

function timeLoop(budgetMs: number, body: () => void): { iterations: number; seconds: number } {
  let iterations = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(budgetMs) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 100; i++) body();
    iterations += 100;
    now = process.hrtime.bigint();
  }
  return { iterations, seconds: Number(now - start) / 1e9 };
}

/** Runs the benchmark and returns its figures (evaluations per second, compile time, match count). */
export async function runPatternBench(options: { budgetMs?: number } = {}): Promise<BenchResult[]> {
  const budgetMs = options.budgetMs ?? 2000;
  const rules = benchRules(1000);

  const compileStart = process.hrtime.bigint();
  const matchers = rules.map((rule) => compileEventPattern(rule));
  const compileMs = Number(process.hrtime.bigint() - compileStart) / 1e6;

  let matched = 0;
  for (const m of matchers) if (m(ORDER_EVENT)) matched++;

  // Warm up so the JIT has settled before measuring.
  timeLoop(200, () => {
    for (let r = 0; r < matchers.length; r++) matchers[r](ORDER_EVENT);
  });
  const many = timeLoop(budgetMs, () => {
    for (let r = 0; r < matchers.length; r++) matchers[r](ORDER_EVENT);
  });

  const single = compileEventPattern({ source: ['orders.service'], 'detail-type': ['OrderPlaced'], detail: { total: [{ numeric: ['>=', 100] }] } });
  const one = timeLoop(budgetMs / 2, () => single(ORDER_EVENT));

  const policy: FilterPolicy = { 'detail-type': ['OrderPlaced', 'OrderCancelled'], detail: { notifications: { optIn: [true] } } };
  const body = compileFilterPolicy(policy, 'MessageBody');
  const message = { Message: JSON.stringify(ORDER_EVENT) };
  const sns = timeLoop(budgetMs / 4, () => body(message));

  return [
    { name: 'patterns.evaluate.1000-rules', value: Math.round((many.iterations * matchers.length) / many.seconds), unit: 'evaluations/s' },
    { name: 'patterns.evaluate.single-rule', value: Math.round(one.iterations / one.seconds), unit: 'evaluations/s' },
    { name: 'patterns.sns-body.single-policy', value: Math.round(sns.iterations / sns.seconds), unit: 'messages/s (JSON.parse included)' },
    { name: 'patterns.compile.1000-rules', value: Math.round(compileMs * 10) / 10, unit: 'ms' },
    { name: 'patterns.matching-rules', value: matched, unit: 'rules of 1000 matching the order event' },
  ];
}

if (require.main === module) {
  runPatternBench().then(
    (results) => {
      for (const r of results) console.log(`${r.name}: ${r.value.toLocaleString('en-US')} ${r.unit}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
