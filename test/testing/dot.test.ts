import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { synthesizeStack } from '../../modules/core/terraform-json';
import { renderSvg, toDot } from '../../modules/testing';
import { diagram } from '../../modules/cli/commands';
import { ordersStack } from './fixtures';

const stack = ordersStack();
const dot = toDot(stack, { title: 'orders "test"' });

test('nodes for each endpoint kind, dead-letter queues in red', () => {
  expect(dot.startsWith('digraph routing {\n  rankdir=LR;')).toBe(true);
  expect(dot).toContain('labelloc=t; label="orders \\"test\\"";');
  expect(dot).toMatch(/n\d+ \[label="bus\\norders", shape=box, style="rounded,filled", fillcolor="#ffe0b2", tooltip="orders\/bus"\];/);
  expect(dot).toMatch(/\[label="dead-letter queue\\nfulfillment-dlq", shape=cylinder, style=filled, fillcolor="#ffcdd2", color="#c62828"/);
  expect(dot).toMatch(/\[label="queue\\nfulfillment", shape=cylinder/);
  for (const label of ['topic\\norder-events', 'rule\\norder-lifecycle', 'function\\nfulfillment-consumer', 'table\\norders', 'pipe\\norders-pipe']) {
    expect(dot).toContain(`label="${label}"`);
  }
  // Subscriptions, targets and mappings are edges, not nodes; the unused default bus is left out.
  expect(dot).not.toContain('subscription\\n');
  expect(dot).not.toContain('bus\\ndefault');
});

test('edges are labelled with patterns, filter policies with their scope, transforms and redrive', () => {
  const id = (label: string) => /^ {2}(n\d+) /.exec(dot.split('\n').find((l) => l.includes(`[label="${label}"`))!)![1];
  const [bus, lifecycle, topic, billing, fulfillment, fulfillmentDlq] = ['bus\\norders', 'rule\\norder-lifecycle', 'topic\\norder-events', 'queue\\nbilling', 'queue\\nfulfillment', 'dead-letter queue\\nfulfillment-dlq'].map(id);
  expect(dot).toContain(`${bus} -> ${lifecycle} [label="{\\"source\\":[\\"orders.service\\"],\\n\\"detail-type\\":[\\"OrderPlaced\\",\\n\\"OrderStatusChanged\\",\\"OrderCancelled\\"]}"];`);
  expect(dot).toContain(`${topic} -> ${billing} [label="MessageBody: {\\"detail-type\\":[\\"OrderPlaced\\",\\n\\"OrderCancelled\\"]}"];`);
  expect(dot).toContain(`${fulfillment} -> ${fulfillmentDlq} [label="maxReceiveCount 3", style=dashed, color="#c62828", fontcolor="#c62828"];`);
  expect(dot).toMatch(/label="template \{\\"orderId\\": <orderId>/);
});

test('long labels are cut', () => {
  const short = toDot(stack, { labelWidth: 20, labelLines: 2 });
  expect(short).toContain('[label="{\\"source\\":[\\"orders.s\\nervice\\"],\\"detail-ty…"]');
});

test('renders SVG in process', async () => {
  const svg = await renderSvg(dot);
  expect(svg).toMatch(/^<\?xml/);
  expect(svg).toContain('<svg');
  expect(svg).toContain('order&#45;lifecycle');
});

test('cdktf-eda diagram writes routing.dot and routing.svg next to each cdk.tf.json', async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'diagram-'));
  const dir = path.join(out, 'stacks', 'orders');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(synthesizeStack(ordersStack())));
  const lines: string[] = [];
  const files = await diagram(out, (l) => lines.push(l));
  expect(files).toEqual([{ stack: 'orders', dot: path.join(dir, 'routing.dot'), svg: path.join(dir, 'routing.svg'), warnings: 0 }]);
  expect(readFileSync(path.join(dir, 'routing.dot'), 'utf8')).toContain('label="orders"');
  expect(readFileSync(path.join(dir, 'routing.svg'), 'utf8')).toContain('<svg');
  expect(lines).toEqual([`orders: ${files[0].dot}, ${files[0].svg}`]);
  await expect(diagram(path.join(out, 'missing'), () => undefined)).rejects.toThrow(/no synthesized stack in .*missing.stacks: run `cdktf synth` first/);
  rmSync(out, { recursive: true, force: true });
});
