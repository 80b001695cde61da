/**
 * `npm run bench`: measures synth, tests and scale on this machine, prints a
 * table and writes bench/results.json. `npm run bench -- --check` also fails
 * (exit 1) when a figure is over its budget. `--quick` skips the slow rows
 * (the naive build, `npm test` and `npm run test:package`).
 */
import { existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { measureCommand, medianOf, pairedMedians, ROOT, runReporter } from './measure';

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
rows.push({ name: 'synth 3 orders stacks, peak RSS', value: fast.peakRssMb, unit: 'MiB', budget: 250 });

// The app as cdktf.json runs it, whole process, against the floor: a process that
// only loads cdktf and the provider modules the library imports (bench/floor.js).
// In turn, so that both see the same machine; the ratio holds when the machine is busy.
const appOut = mkdtempSync(path.join(tmpdir(), 'cdktf-eda-app-'));
const app = pairedMedians(
  5,
  1,
  () => measureCommand(['node', '--require', './bin/register.js', 'main.ts'], { CDKTF_OUTDIR: appOut }),
  () => measureCommand(['node', 'bench/floor.js']),
);
// The same stacks made by cdktf alone from the app's output (bench/cdktf-only.js),
// against the floor in turn: what cdktf itself spends on these resources, with no
// library and no checks.
const cdktfOnly = pairedMedians(
  5,
  1,
  () => measureCommand(['node', 'bench/cdktf-only.js', appOut]),
  () => measureCommand(['node', 'bench/floor.js']),
);
rmSync(appOut, { recursive: true, force: true });
rows.push({ name: 'app (cdktf.json), whole process', value: app.a.wallMs, unit: 'ms' });
rows.push({ name: 'app, CPU (user + system)', value: app.a.cpuMs ?? NaN, unit: 'ms' });
rows.push({ name: 'app, peak RSS', value: app.a.peakRssMb, unit: 'MiB', budget: 200 });
rows.push({ name: 'floor (cdktf + provider modules used)', value: app.b.wallMs, unit: 'ms' });
rows.push({ name: 'floor, CPU (user + system)', value: app.b.cpuMs ?? NaN, unit: 'ms' });
rows.push({ name: 'floor, peak RSS', value: app.b.peakRssMb, unit: 'MiB' });
rows.push({ name: 'app / floor, wall time', value: app.wallRatio, unit: '×', budget: 2 });
rows.push({ name: 'app / floor, CPU', value: app.cpuRatio, unit: '×' });
rows.push({ name: 'app / floor, peak RSS', value: app.memoryRatio, unit: '×' });
rows.push({ name: 'cdktf alone, same resources (no library, no checks)', value: cdktfOnly.a.wallMs, unit: 'ms' });
rows.push({ name: 'cdktf alone / floor, wall time', value: cdktfOnly.wallRatio, unit: '×', note: 'cdktf’s own share' });
rows.push({ name: 'app / cdktf alone, wall time', value: app.wallRatio / cdktfOnly.wallRatio, unit: '×', note: 'what the library and its checks add' });

// The cdktf CLI looks for a terraform binary and asks it for its version and
// providers when there is one: measured both ways.
const withoutTerraform = pathWithout('terraform');
const cli = medianOf(3, 1, () => measureCommand(['npm', 'run', 'synth']));
const cliAlone = withoutTerraform ? medianOf(3, 1, () => measureCommand(['npm', 'run', 'synth'], { PATH: withoutTerraform.path })) : cli;
withoutTerraform?.cleanUp();
const terraformOnPath = withoutTerraform ? 'terraform on PATH' : 'no terraform on this machine';
rows.push({ name: `npm run synth (cdktf CLI), ${terraformOnPath}`, value: cli.wallMs, unit: 'ms', budget: 6_000 });
rows.push({ name: `npm run synth, ${terraformOnPath}, peak RSS`, value: cli.peakRssMb, unit: 'MiB' });
rows.push({ name: 'npm run synth (cdktf CLI), no terraform on PATH', value: cliAlone.wallMs, unit: 'ms', budget: 6_000 });
rows.push({ name: 'npm run synth, no terraform on PATH, peak RSS', value: cliAlone.peakRssMb, unit: 'MiB' });

// Scale: one stack with N queues-with-DLQ, N topic subscriptions and N rules.
const scale = [10, 100, 1_000].map((n) => ({
  n,
  ...medianOf(n === 1_000 ? 1 : 3, 0, () => runReporter<{ wallMs: number; peakRssMb: number }>([...TS_NODE, 'bench/synth-scale.ts', String(n)])),
}));
for (const { n, wallMs, peakRssMb } of scale) {
  const budgeted = n === 1_000;
  rows.push({ name: `scale N=${n}: synth`, value: wallMs, unit: 'ms', budget: budgeted ? 10_000 : undefined });
  rows.push({ name: `scale N=${n}: peak RSS`, value: peakRssMb, unit: 'MiB', budget: budgeted ? 1_024 : undefined });
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

// The same stack with the checks on: they must stay linear in a user's large stack.
const checkedScale = [10, 100, 1_000].map((n) => ({
  n,
  ...medianOf(n === 1_000 ? 1 : 3, 0, () => runReporter<{ wallMs: number; peakRssMb: number }>([...TS_NODE, 'bench/synth-scale.ts', String(n), 'checks'])),
}));
for (const { n, wallMs, peakRssMb } of checkedScale) {
  rows.push({ name: `scale N=${n}, checks on: synth`, value: wallMs, unit: 'ms', budget: n === 1_000 ? 10_000 : undefined });
  rows.push({ name: `scale N=${n}, checks on: peak RSS`, value: peakRssMb, unit: 'MiB', budget: n === 1_000 ? 1_024 : undefined });
}
rows.push({
  name: 'scale growth, checks on (cost per item, 1,000 vs 100)',
  value: perItem(checkedScale[1], checkedScale[2]) / perItem(checkedScale[0], checkedScale[1]),
  unit: '×',
  budget: 2,
  note: '≤ 2 counts as linear',
});

if (!quick) {
  const naive = medianOf(1, 0, synthOrders(true));
  rows.push({ name: 'naive: root import + type-checking ts-node', value: naive.wallMs, unit: 'ms' });
  rows.push({ name: 'naive: peak RSS', value: naive.peakRssMb, unit: 'MiB' });
  rows.push({ name: 'naive / cdktf-eda, time', value: naive.wallMs / fast.wallMs, unit: '×' });
  rows.push({ name: 'naive / cdktf-eda, memory', value: naive.peakRssMb / fast.peakRssMb, unit: '×' });

  const test = measureCommand(['npm', 'test']);
  rows.push({ name: 'npm test', value: test.wallMs, unit: 'ms', budget: 45_000 });
  rows.push({ name: 'npm test, peak RSS', value: test.peakRssMb, unit: 'MiB', budget: 1_536 });
  const packageTests = measureCommand(['npm', 'run', 'test:package']);
  rows.push({ name: 'npm run test:package', value: packageTests.wallMs, unit: 'ms' });
  rows.push({ name: 'npm run test:package, peak RSS', value: packageTests.peakRssMb, unit: 'MiB' });
}

/**
 * PATH without the folders that hold `name`; `node` and `npm` stay reachable
 * through links in a folder of their own when they shared a folder with it.
 * Undefined when no folder on PATH holds `name`.
 */
function pathWithout(name: string): { path: string; cleanUp: () => void } | undefined {
  const folders = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const holds = (folder: string, file: string) => existsSync(path.join(folder, file));
  if (!folders.some((folder) => holds(folder, name))) return undefined;
  const links = mkdtempSync(path.join(tmpdir(), 'cdktf-eda-path-'));
  for (const tool of ['node', 'npm']) {
    const folder = folders.find((f) => holds(f, tool));
    if (folder && holds(folder, name)) symlinkSync(realpathSync(path.join(folder, tool)), path.join(links, tool));
  }
  return {
    path: [links, ...folders.filter((folder) => !holds(folder, name))].join(path.delimiter),
    cleanUp: () => rmSync(links, { recursive: true, force: true }),
  };
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
  // An output folder of its own, removed at once: Testing.app() would leave one behind.
  const outdir = mkdtempSync(path.join(tmpdir(), 'cdktf-eda-prod-'));
  const stack = new OrdersStack(Testing.app({ outdir }), prod, {});
  const json = JSON.parse(JSON.stringify(synthesizeStack(stack))) as object;
  rmSync(outdir, { recursive: true, force: true });
  const detail = { orderId: 'o-1', customerId: 'c-1', status: 'PLACED', total: prod.highValueThreshold, currency: 'EUR', items: [], notifications: { optIn: true } };
  const routing = measureRouting(json, { kind: 'putEvents', bus: `${prod.namePrefix}-orders`, entry: { Source: 'orders.service', DetailType: 'OrderPlaced', Detail: detail } });
  rows.push({ name: 'routing: build model of orders-prod', value: routing.modelBuildColdMs, unit: 'ms', budget: 100 });
  rows.push({ name: 'routing: build model of orders-prod and authorize every hop (warm)', value: routing.modelBuildMs + routing.authorizeMs, unit: 'ms', budget: 100 });
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
