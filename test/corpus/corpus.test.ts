import { evaluate, Finding } from '../../modules/checks/engine';
import { TerraformModel } from '../../modules/core/terraform-json';
import { QueueNode, RoutingModel, RuleNode, simulate } from '../../modules/testing';
import { cdktfCases } from './cdktf-stacks';
import { CorpusCase, ExpectedFinding, terraformCases } from './expectations';

const matches = (f: Finding, e: ExpectedFinding): boolean =>
  f.ruleId === e.rule && (e.address === undefined || f.address === e.address) && (e.severity === undefined || f.severity === e.severity) && (e.message === undefined || f.message.includes(e.message));
const show = (fs: readonly Finding[]): string => fs.map((f) => `  ${f.severity} ${f.message}`).join('\n') || '  (none)';

describe.each([...terraformCases(), ...cdktfCases()].map((c): [string, CorpusCase] => [c.name, c]))('corpus stack %s', (_, { json, expect: e }) => {
  const result = evaluate(json);
  const info = result.findings.filter((f) => f.severity === 'info');

  it('raises exactly the errors it can prove', () => {
    const unexpected = result.errors.filter((f) => !e.errors.some((x) => matches(f, x)));
    const missing = e.errors.filter((x) => !result.errors.some((f) => matches(f, x)));
    expect({ unexpected: show(unexpected), missing }).toEqual({ unexpected: show([]), missing: [] });
  });

  if (e.findings?.length) {
    it.each(e.findings.map((f) => [`${f.rule} ${f.address ?? ''}`, f]))('finds %s', (_n, x) => {
      expect(result.findings.filter((f) => matches(f, x as ExpectedFinding))).not.toHaveLength(0);
    });
  }

  if (e.absent?.length) {
    it.each(e.absent.map((f) => [`${f.rule} ${f.address ?? ''}`, f]))('does not report %s', (_n, x) => {
      expect(show(result.findings.filter((f) => f.severity !== 'info' && matches(f, x as ExpectedFinding)))).toBe(show([]));
    });
  }

  if (e.info?.length || e.notInfo?.length) {
    it('says what it could not evaluate', () => {
      const text = info.map((f) => f.message).join('\n');
      for (const t of e.info ?? []) expect(text).toContain(t);
      for (const t of e.notInfo ?? []) expect(text).not.toContain(t);
    });
  }

  const model = e.routes || e.nodes || e.redrive ? RoutingModel.fromJson(json) : undefined;

  if (e.routes?.length) {
    it.each(e.routes.map((r, i) => [i, r]))('route %s goes where expected', (_i, route) => {
      const trace = simulate(model!, route.input);
      const delivered = [...new Set(trace.deliveries.filter((d) => !d.deadLetter && d.hop.depth > 0).map((d) => d.endpoint.address))].sort();
      expect({ delivered, trace: trace.toString() }).toEqual({ delivered: [...route.deliveredTo].sort(), trace: expect.any(String) });
    });
  }

  if (e.nodes?.length) {
    it.each(e.nodes.map((n) => [n.address, n]))('reads node %s', (address, n) => {
      const node = model!.get(address);
      expect(node).toBeDefined();
      const actual = { name: node!.name, arn: node!.arn, bus: node!.kind === 'rule' ? (node as RuleNode).bus.name : undefined };
      for (const key of ['name', 'arn', 'bus'] as const) if (n[key] !== undefined) expect(actual[key]).toBe(n[key]);
    });
  }

  if (e.redrive?.length) {
    it.each(e.redrive.map((r) => [r.queue, r]))('follows the redrive of %s', (queue, r) => {
      const node = model!.get(queue) as QueueNode;
      expect({ dlq: node.redrive?.deadLetterQueue.address, maxReceiveCount: node.redrive?.maxReceiveCount }).toEqual({ dlq: r.deadLetterQueue, maxReceiveCount: r.maxReceiveCount });
    });
  }

  if (e.perInstance?.length) {
    it('marks resources made with count or for_each as per-instance', () => {
      const tf = TerraformModel.fromJson(json);
      for (const address of e.perInstance!) expect({ address, perInstance: tf.get(address)?.perInstance }).toEqual({ address, perInstance: true });
    });
  }
});
