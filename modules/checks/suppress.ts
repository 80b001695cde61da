import { Aspects, IAspect, TerraformElement, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { Suppression } from './engine';
import { requireOwnFramework } from '../core/framework';

const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const byConstruct = new WeakMap<IConstruct, Suppression[]>();
const stacksWithAspect = new WeakSet<TerraformStack>();

/**
 * Suppresses a rule on a construct and every resource beneath it, for a
 * stated reason. The suppression is written into each resource's JSON (under
 * `//.checks.suppressions`, which Terraform ignores), so `npm run check`
 * sees it too, and it is listed, with its reason, in the printed output and
 * both reports. A suppression without a reason is refused.
 *
 * @example suppress(queue, 'EDA-SQS-006', 'this queue is itself a DLQ, redriven by hand');
 */
export function suppress(scope: IConstruct, ruleId: string, reason: string): void {
  if (typeof ruleId !== 'string' || !RULE_ID.test(ruleId)) {
    throw new Error(`suppress(${scope.node.path}): rule ID ${JSON.stringify(ruleId)} is not a rule ID such as "EDA-SQS-001"`);
  }
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw new Error(`suppress(${scope.node.path}, '${ruleId}'): a suppression needs a reason saying why the rule does not apply here`);
  }
  requireOwnFramework(scope);
  const list = byConstruct.get(scope) ?? [];
  if (!list.some((s) => s.ruleId === ruleId)) list.push({ ruleId, reason: reason.trim() });
  byConstruct.set(scope, list);
  const stack = TerraformStack.of(scope);
  if (!stacksWithAspect.has(stack)) {
    stacksWithAspect.add(stack);
    Aspects.of(stack).add(new WriteSuppressions());
  }
}

/** The suppressions made on a construct or on any construct above it (nearest first). */
export function suppressionsFor(construct: IConstruct): Suppression[] {
  const found: Suppression[] = [];
  for (const scope of [...construct.node.scopes].reverse()) {
    for (const s of byConstruct.get(scope) ?? []) if (!found.some((f) => f.ruleId === s.ruleId)) found.push(s);
  }
  return found;
}

/** Writes every resource's suppressions into its JSON; also run by `checkStack` outside synth. */
export function writeSuppressions(root: IConstruct): void {
  for (const node of root.node.findAll()) applyTo(node);
}

function applyTo(node: IConstruct): void {
  // Resources and data sources carry a type; providers, outputs and backends do not.
  if (!TerraformElement.isTerraformElement(node) || !('terraformResourceType' in node)) return;
  const suppressions = suppressionsFor(node);
  if (suppressions.length > 0) node.addOverride('//.checks.suppressions', suppressions);
}

class WriteSuppressions implements IAspect {
  visit(node: IConstruct): void {
    applyTo(node);
  }
}
