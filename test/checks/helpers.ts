import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { Finding, checkStack, ruleById } from '../../modules/checks';

/** Findings of one rule on a stack (suppressions applied). */
export function findings(stack: TerraformStack, ruleId: string): Finding[] {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return [...checkStack(stack, { rules: [rule] }).findings];
}

/** Asserts the rule reports `construct` with a message naming it and containing `text`; returns the finding. */
export function expectFinding(stack: TerraformStack, ruleId: string, construct: IConstruct, text: string): Finding {
  const all = findings(stack, ruleId);
  const finding = all.find((f) => f.path === construct.node.path && f.message.includes(text));
  if (!finding) throw new Error(`${ruleId} did not report "${text}" on ${construct.node.path}; it reported:\n${all.map((f) => f.message).join('\n') || '(nothing)'}`);
  expect(finding.message.startsWith(`${ruleId} ${construct.node.path}: `)).toBe(true);
  expect(finding.message).toContain('. Fix: ');
  return finding;
}

/** Asserts the rule reports nothing on the stack. */
export function expectNoFinding(stack: TerraformStack, ruleId: string): void {
  expect(findings(stack, ruleId).map((f) => f.message)).toEqual([]);
}
