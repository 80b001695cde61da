import { evaluate, Finding } from '../../modules/checks/engine';
import { TerraformModel } from '../../modules/core/terraform-json';
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

  if (e.perInstance?.length) {
    it('marks resources made with count or for_each as per-instance', () => {
      const tf = TerraformModel.fromJson(json);
      for (const address of e.perInstance!) expect({ address, perInstance: tf.get(address)?.perInstance }).toEqual({ address, perInstance: true });
    });
  }
});
