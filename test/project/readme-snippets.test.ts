import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * Every TypeScript block of the README, compiled (type-checked) and run. A block that is a fragment
 * gets a harness declared here, by the README heading it sits under: the imports and variables it
 * assumes before it, and after it the routing (or output) the README claims, asserted with the
 * simulator. Blocks under the three module headings form one architecture and run together.
 */
const root = path.resolve(__dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
// The README describes the package built from these sources as they are; the variant that
// cdktn/build.js writes renames the code but keeps this README, so there it has nothing to check.
const describesThisPackage = readme.startsWith(`# ${JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).name}\n`);

interface Block {
  readonly heading: string;
  readonly code: string;
}
const blocks: Block[] = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => ({
  // The last heading before the block, outside fenced blocks (a shell comment is not a heading).
  heading: readme
    .slice(0, m.index)
    .replace(/```[\s\S]*?```/g, '')
    .split('\n')
    .filter((l) => /^#+ /.test(l))
    .pop()!
    .replace(/^#+\s*/, ''),
  code: m[1],
}));

const ORDERS_EXAMPLE = [
  'A topic fanning out to three queues',
  'A rule routing high-value orders to a queue',
  'An orders table piping its changes to a bus',
  'A bucket whose invoices tell customers',
];

/** A program: what runs before the README's blocks, the blocks, what runs after. */
interface Program {
  readonly name: string;
  readonly headings: string[];
  readonly before: string;
  readonly after: string;
}

const programs: Program[] = [
  {
    name: 'orders-example',
    headings: ORDERS_EXAMPLE,
    before: `
      import { BucketWithNotifications, EventBusWithRules, QueueWithDlq, RuleTarget, TableWithStream, TopicWithFilteredSubscriptions, match } from 'cdktf-eda';
      import { RoutingModel, simulate, analyzeRouting } from 'cdktf-eda/testing';
      import { testStack } from '${path.join(root, 'test/helpers/synth')}';
      const stack = testStack('readme');
      const queue = (name: string) => new QueueWithDlq(stack, name, { name, visibilityTimeoutSeconds: 180 });
      const [fulfillment, billing, notifications, fraudReview, reports] = ['fulfillment', 'billing', 'notifications', 'fraud-review', 'reports'].map(queue);
      // The enrichment the pipe invokes: made elsewhere, named by ARN.
      const toOrderEvent = { arn: 'arn:aws:lambda:eu-west-1:123456789012:function:to-order-event' };
    `,
    after: `
      bus.addRule('order-lifecycle', { eventPattern: { source: ['orders.service'] }, targets: [RuleTarget.topic(topic)] });
      const model = RoutingModel.from(stack);
      expect(analyzeRouting(model).filter((w) => w.code === 'ROUTING_FILTER_NEVER_MATCHES')).toEqual([]);
      const put = (detailType: string, detail: Record<string, unknown>) =>
        simulate(model, { kind: 'putEvents', bus: 'orders', entry: { Source: 'orders.service', DetailType: detailType, Detail: detail } });
      // The topic fans out on the event body.
      expect(put('OrderPlaced', { total: 5, notifications: { optIn: true } })).toBeDeliveredTo('fulfillment');
      expect(put('OrderPlaced', { total: 5, notifications: { optIn: true } })).toBeDeliveredTo('billing');
      expect(put('OrderPlaced', { total: 5, notifications: { optIn: true } })).toBeDeliveredTo('notifications');
      expect(put('OrderCancelled', { total: 5, notifications: { optIn: false } })).toBeDeliveredTo('billing');
      expect(put('OrderCancelled', { total: 5, notifications: { optIn: false } })).not.toBeDeliveredTo('fulfillment');
      expect(put('OrderCancelled', { total: 5, notifications: { optIn: false } })).not.toBeDeliveredTo('notifications');
      // High-value orders reach fraud review; others do not.
      expect(put('OrderPlaced', { total: 1000 })).toBeDeliveredTo('fraud-review');
      expect(put('OrderPlaced', { total: 999 })).not.toBeDeliveredTo('fraud-review');
      // A change to the table reaches the bus through the pipe and its enrichment, numbers as numbers.
      const enrich = (records: any[]) =>
        records.map((r) => ({ ...r, detail: { orderId: r.dynamodb.NewImage.orderId.S, total: Number(r.dynamodb.NewImage.total.N) } }));
      const inserted = (total: number) =>
        simulate(
          model,
          { kind: 'streamRecord', table: 'orders', eventName: 'INSERT', newImage: { pk: 'o-1', orderId: 'o-1', eventType: 'OrderPlaced', total } },
          { enrichments: { [toOrderEvent.arn]: enrich } },
        );
      expect(inserted(5000)).toBeDeliveredWith('fraud-review', { Body: { 'detail-type': 'OrderPlaced', detail: { orderId: 'o-1', total: 5000 } } });
      expect(inserted(10)).not.toBeDeliveredTo('fraud-review');
      expect(inserted(10)).toBeDeliveredTo('fulfillment');
      // A new invoice reaches the notifications queue through the default bus and the orders bus; a report goes to its queue directly.
      const stored = (key: string) => simulate(model, { kind: 'objectCreated', bucket: 'orders-documents', key });
      expect(stored('invoices/o-1.pdf')).toBeDeliveredTo('notifications');
      expect(stored('invoices/o-1.pdf')).not.toBeDeliveredTo('reports');
      expect(stored('reports/2026-11.csv')).toBeDeliveredTo('reports');
      expect(stored('reports/2026-11.csv')).not.toBeDeliveredTo('notifications');
      expect(stored('invoices/o-1.pdf').denials).toEqual([]);
    `,
  },
  {
    name: 'kinesis-example',
    headings: ['Every order event streamed to Kinesis'],
    before: `
      import { EventBusWithRules, RuleTarget, StreamWithConsumers } from 'cdktf-eda';
      import { simulate, KinesisStreamRecord } from 'cdktf-eda/testing';
      import { testStack } from '${path.join(root, 'test/helpers/synth')}';
      const stack = testStack('kinesis');
      const bus = new EventBusWithRules(stack, 'orders-bus', { name: 'orders' });
      // The consuming function, made elsewhere.
      const dashboard = { arn: 'arn:aws:lambda:eu-west-1:123456789012:function:dashboard', roleName: 'dashboard' };
    `,
    after: `
      const put = (detailType: string) =>
        simulate(stack, { kind: 'putEvents', bus: 'orders', entry: { Source: 'orders.service', DetailType: detailType, Detail: { orderId: 'o-1' } } });
      expect(put('OrderCancelled')).toBeDeliveredTo('order-analytics');
      const record = put('OrderPlaced').deliveriesTo('order-analytics')[0].payload as KinesisStreamRecord;
      expect(record.kinesis.partitionKey).toBe('o-1');
      expect(JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString()).detail).toEqual({ orderId: 'o-1' });
      // The dashboard gets OrderPlaced only.
      expect(put('OrderPlaced')).toBeDeliveredTo('dashboard');
      expect(put('OrderCancelled')).not.toBeDeliveredTo('dashboard');
    `,
  },
  {
    name: 'workflow-example',
    headings: ['A workflow started by a queue'],
    before: `
      import { QueueWithDlq, Workflow } from 'cdktf-eda';
      import { RoutingModel, simulate } from 'cdktf-eda/testing';
      import { testStack } from '${path.join(root, 'test/helpers/synth')}';
      const stack = testStack('readme-workflow');
      const fulfillment = new QueueWithDlq(stack, 'fulfillment', { name: 'fulfillment' });
      // The function the workflow invokes: made elsewhere, named by ARN.
      const requestShipment = { arn: 'arn:aws:lambda:eu-west-1:123456789012:function:request-shipment' };
    `,
    after: `
      const statements = workflow.policyDocument().Statement;
      expect(statements.map((s) => s.Sid)).toEqual(['InvokeFunctions', 'SendMessages', 'DeliverExecutionLog', 'WriteTraces']);
      const trace = simulate(RoutingModel.from(stack), { kind: 'sendMessage', queue: 'fulfillment', body: { orderId: 'o-1' } });
      expect(trace).toBeDeliveredWith('fulfil-orders', [{ body: { orderId: 'o-1' } }]);
    `,
  },
  {
    name: 'use-the-modules',
    headings: ['Use the modules in your repository'],
    before: '',
    after: `
      import { readFileSync as readSynthesized } from 'fs';
      const out = JSON.parse(readSynthesized(require('path').join(process.env.CDKTF_OUTDIR!, 'stacks/payments/cdk.tf.json'), 'utf8'));
      const policies = Object.values(out.resource.aws_sqs_queue_policy) as Array<{ policy: string }>;
      expect(policies.map((p) => p.policy).join()).toContain('arn:aws:sns:eu-west-1:123456789012:payments');
      expect(Object.values(out.resource.aws_sqs_queue).map((q: any) => q.visibility_timeout_seconds)).toContain(180);
    `,
  },
  {
    name: 'prove-where-an-event-goes',
    headings: ['Prove where an event goes: `cdktf-eda/testing`'],
    // The block is a Jest test file: its tests run here, in order.
    before: 'const ran: string[] = []; const test = (name: string, body: () => void) => { body(); ran.push(name); };',
    after: 'expect(ran).toHaveLength(2);',
  },
  {
    name: 'checks-at-synth',
    headings: ['Checks at synth'],
    before: `
      import { TableWithStream } from 'cdktf-eda';
      import { checkStack } from 'cdktf-eda';
      import { testStack } from '${path.join(root, 'test/helpers/synth')}';
      const stack = testStack('checked');
      const table = new TableWithStream(stack, 'orders-table', { name: 'orders', partitionKey: { name: 'pk', type: 'S' } });
    `,
    after: `
      const result = checkStack(stack);
      expect(result.suppressed.map((f) => f.ruleId)).toContain('EDA-DDB-002');
      expect(result.suppressed.find((f) => f.ruleId === 'EDA-DDB-002')?.suppression?.reason).toContain('only this account reads the table');
    `,
  },
];

/** The README's imports, pointed at this checkout (as the package's exports map them). */
function localImports(code: string): string {
  return code
    .replace(/from 'cdktf-eda\/testing'/g, `from '${path.join(root, 'modules/testing')}'`)
    .replace(/from 'cdktf-eda'/g, `from '${path.join(root, 'modules')}'`)
    .replace(/from '\.\.\/stacks\//g, `from '${path.join(root, 'stacks')}/`);
}

/** Imports first (TypeScript wants them at the top), then the rest in order. */
function assemble(parts: string[]): string {
  const lines = parts.join('\n').split('\n');
  const imports: string[] = [];
  const body: string[] = [];
  let inImport = false;
  for (const line of lines) {
    if (/^\s*import /.test(line) || inImport) {
      imports.push(line.trim());
      inImport = !/;\s*$/.test(line);
    } else body.push(line);
  }
  return `${imports.join('\n')}\n${body.join('\n')}\nexport {};\n`;
}

(describesThisPackage ? describe : describe.skip)('README TypeScript blocks', () => {
  const dir = path.join(root, '.gen', 'readme');
  const outdir = mkdtempSync(path.join(tmpdir(), 'readme-out-'));
  const files = new Map<string, string>();
  let diagnostics: string[] = [];

  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    for (const program of programs) {
      const code = program.headings.map((h) => blocks.filter((b) => b.heading === h).map((b) => b.code).join('\n')).join('\n');
      const file = path.join(dir, `${program.name}.ts`);
      writeFileSync(file, localImports(assemble([program.before, code, program.after])));
      files.set(program.name, file);
    }
    const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
    const checked = ts.createProgram([...files.values()], { ...config.options, noEmit: true });
    diagnostics = ts
      .getPreEmitDiagnostics(checked)
      .filter((d) => d.file && [...files.values()].includes(path.resolve(d.file.fileName)))
      .map((d) => `${path.basename(d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('has a harness for every block', () => {
    const covered = new Set(programs.flatMap((p) => p.headings));
    expect(blocks.map((b) => b.heading).filter((h) => !covered.has(h))).toEqual([]);
    expect(blocks.length).toBeGreaterThanOrEqual(6);
  });

  it('compiles every block (type-checked against this checkout)', () => {
    expect(diagnostics).toEqual([]);
  });

  it.each(programs.map((p) => p.name))('%s runs and routes as the README says', (name) => {
    process.env.CDKTF_OUTDIR = outdir;
    try {
      jest.isolateModules(() => require(files.get(name)!));
    } finally {
      delete process.env.CDKTF_OUTDIR;
    }
  });
});
