/**
 * `npm run bench`: measures synth, tests and scale on this machine, prints a
 * table and writes bench/results.json. `npm run bench -- --check` also fails
 * (exit 1) when a figure is over its budget. `--quick` skips the slow rows
 * (the naive build and `npm test`).
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { measureCommand, medianOf, ROOT, runReporter } from './measure';

interface Row {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Upper bound, when this figure has a budget. */
  readonly budget?: number;
  readonly note?: string;
}

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const rows: Row[] = [];
const TS_NODE = ['-r', './bin/register.js'];

function synthOrders(naive: boolean) {
  const env = naive ? { TS_NODE_PROJECT: path.join(ROOT, 'bench/naive/tsconfig.json') } : {};
  // The naive way type-checks with ts-node; this project's way transpiles with swc (bin/register.js).
  const args = naive ? ['-r', 'ts-node/register', '-r', path.join(ROOT, 'bench/naive/naive-import.ts'), 'bench/synth-orders.ts'] : [...TS_NODE, 'bench/synth-orders.ts'];
  return () => runReporter<{ wallMs: number; peakRssMb: number }>(args, env);
}

const fast = medianOf(5, 1, synthOrders(false));
rows.push({ name: 'synth 3 orders stacks, one process', value: fast.wallMs, unit: 'ms', budget: 1_500 });
rows.push({ name: 'synth 3 orders stacks, peak RSS', value: fast.peakRssMb, unit: 'MB', budget: 250 });

const cli = medianOf(3, 1, () => measureCommand(['npm', 'run', 'synth']));
rows.push({ name: 'npm run synth (cdktf CLI)', value: cli.wallMs, unit: 'ms', budget: 6_000 });
rows.push({ name: 'npm run synth, peak RSS', value: cli.peakRssMb, unit: 'MB' });

// Scale: one stack with N queues-with-DLQ, N topic subscriptions and N rules.
const scale = [10, 100, 1_000].map((n) => ({
  n,
  ...medianOf(n === 1_000 ? 1 : 3, 0, () => runReporter<{ wallMs: number; peakRssMb: number }>([...TS_NODE, 'bench/synth-scale.ts', String(n)])),
}));
for (const { n, wallMs, peakRssMb } of scale) {
  const budgeted = n === 1_000;
  rows.push({ name: `scale N=${n}: synth`, value: wallMs, unit: 'ms', budget: budgeted ? 10_000 : undefined });
  rows.push({ name: `scale N=${n}: peak RSS`, value: peakRssMb, unit: 'MB', budget: budgeted ? 1_024 : undefined });
}
// Growth per added item from N=100 to N=1,000 against N=10 to N=100: about 1 when linear.
const perItem = (a: (typeof scale)[number], b: (typeof scale)[number]) => (b.wallMs - a.wallMs) / (b.n - a.n);
rows.push({
  name: 'scale growth (cost per item, 1,000 vs 100)',
  value: perItem(scale[1], scale[2]) / perItem(scale[0], scale[1]),
  unit: '×',
  budget: 2,
  note: '≤ 2 counts as linear',
});

if (!quick) {
  const naive = medianOf(1, 0, synthOrders(true));
  rows.push({ name: 'naive: root import + type-checking ts-node', value: naive.wallMs, unit: 'ms' });
  rows.push({ name: 'naive: peak RSS', value: naive.peakRssMb, unit: 'MB' });
  rows.push({ name: 'naive / cdktf-eda, time', value: naive.wallMs / fast.wallMs, unit: '×' });
  rows.push({ name: 'naive / cdktf-eda, memory', value: naive.peakRssMb / fast.peakRssMb, unit: '×' });

  const test = measureCommand(['npm', 'test']);
  rows.push({ name: 'npm test', value: test.wallMs, unit: 'ms', budget: 60_000 });
  rows.push({ name: 'npm test, peak RSS', value: test.peakRssMb, unit: 'MB', budget: 2_048 });
}

async function addPatternRows(): Promise<void> {
  const { runPatternBench } = await import('./patterns');
  for (const r of await runPatternBench()) rows.push({ name: `patterns: ${r.name}`, value: r.value, unit: r.unit });
}

/** Routing and checks on the prod orders stack: the simulator's budgets are for this stack. */
async function addProdStackRows(): Promise<void> {
  const [{ Testing }, { measureRouting }, { checkStack }, { synthesizeStack }, { ENVIRONMENTS }, { OrdersStack }] = await Promise.all([
    import('cdktf'),
    import('./routing'),
    import('../modules/checks'),
    import('../modules/core/terraform-json'),
    import('../stacks/environments'),
    import('../stacks/orders-stack'),
  ]);
  const prod = ENVIRONMENTS.find((e) => e.name === 'prod')!;
  const stack = new OrdersStack(Testing.app(), prod, {});
  const json = JSON.parse(JSON.stringify(synthesizeStack(stack))) as object;
  const detail = { orderId: 'o-1', customerId: 'c-1', status: 'PLACED', total: prod.highValueThreshold, currency: 'EUR', items: [], notifications: { optIn: true } };
  const routing = measureRouting(json, { kind: 'putEvents', bus: `${prod.namePrefix}-orders`, entry: { Source: 'orders.service', DetailType: 'OrderPlaced', Detail: detail } });
  rows.push({ name: 'routing: build model of orders-prod', value: routing.modelBuildColdMs, unit: 'ms', budget: 100 });
  rows.push({ name: `routing: simulate one event (${routing.hops} hops)`, value: routing.simulateMs, unit: 'ms', budget: 1 });
  const checks = [1, 2, 3].map(() => checkStack(stack).durationMs).sort((a, b) => a - b)[1];
  rows.push({ name: `checks: evaluate orders-prod (${routing.resources} resources)`, value: checks, unit: 'ms' });
}

async function report(): Promise<void> {
  await addPatternRows();
  await addProdStackRows();
  const failures = rows.filter((r) => r.budget !== undefined && r.value > r.budget);
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'what'.padEnd(width)}  ${'value'.padStart(10)}  budget`);
  for (const r of rows) {
    const value = r.unit === '×' || r.value < 10 ? r.value.toFixed(r.value < 1 ? 3 : 1) : Math.round(r.value).toLocaleString('en-US');
    const budget = r.budget === undefined ? '' : `${r.value > r.budget ? 'OVER ' : '≤ '}${r.budget.toLocaleString('en-US')} ${r.unit}`;
    console.log(`${r.name.padEnd(width)}  ${`${value} ${r.unit}`.padStart(10)}  ${budget}${r.note ? `  (${r.note})` : ''}`);
  }
  writeFileSync(
    path.join(ROOT, 'bench/results.json'),
    JSON.stringify({ machine: { cpus: require('os').cpus().length, node: process.version }, rows }, null, 2) + '\n'
  );
  if (args.has('--check') && failures.length > 0) {
    for (const f of failures) console.error(`over budget: ${f.name} = ${Math.round(f.value)} ${f.unit} (budget ${f.budget} ${f.unit})`);
    process.exit(1);
  }
}

void report();
