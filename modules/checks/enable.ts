import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { CheckOptions, CheckResult, evaluate } from './engine';
import { writeReports } from './reports';
import { findingLine, infoLine } from './summary';
import { writeSuppressions } from './suppress';
import { keepPreparedElements, resolvePrepared } from './prepared';
import { requireOwnFramework } from '../core/framework';

/** Options of {@link enableChecks}. */
export interface EnableChecksOptions extends CheckOptions {
  /**
   * Write `checks.sarif.json` and `checks.txt` next to the stack's
   * `cdk.tf.json` (`<outdir>/stacks/<stack>/`) when synth succeeds.
   * @default true
   */
  readonly reports?: boolean;
}

const enabled = new WeakSet<TerraformStack>();
const printed = new WeakMap<TerraformStack, Set<string>>();

/**
 * Runs the checks on every synth of `stack` (`app.synth()`, `cdktf synth`,
 * `Testing.synth(stack, true)`, `Testing.fullSynth`): unsuppressed errors
 * fail synth with every one listed, before cdktf writes the stack; warnings
 * and suppressed findings are printed with `console.warn`, once each, and
 * what could not be evaluated (`info`) as one line.
 *
 * It is a construct validation, and cdktf runs validations after aspects and
 * just before writing each stack, so the checks see the stack's final JSON.
 * (`Testing.synth(stack)` without `true` skips validations, as cdktf does.)
 * Calling it again on the same stack has no effect.
 */
export function enableChecks(stack: TerraformStack, options: EnableChecksOptions = {}): void {
  requireOwnFramework(stack);
  if (enabled.has(stack)) return;
  enabled.add(stack);
  keepPreparedElements(stack);
  stack.node.addValidation({ validate: () => validate(stack, options) });
}

function validate(stack: TerraformStack, options: EnableChecksOptions): string[] {
  // toTerraform() keeps `//` metadata (construct paths, suppressions); every token is resolved.
  const json = resolvePrepared(stack);
  const result = evaluate(json, options);
  const shown = printed.get(stack) ?? new Set<string>();
  printed.set(stack, shown);
  const info = infoLine(result);
  for (const line of [...[...result.warnings, ...result.suppressed].map(findingLine), ...(info ? [info] : [])]) {
    if (shown.has(line)) continue;
    shown.add(line);
    console.warn(line);
  }
  if (result.errors.length > 0) return result.errors.map((f) => f.message);
  if (options.reports !== false) writeReports(result, path.join(App.of(stack).outdir, 'stacks', stack.node.id));
  reuseOnce(stack, json);
  return [];
}

/**
 * cdktf resolves the stack again to write it, right after the validations and
 * in the same synchronous synth: hand that call the JSON just resolved instead
 * of resolving every token twice. Used once, and only until the synth in
 * progress returns, so a later synth always resolves afresh.
 */
function reuseOnce(stack: TerraformStack, json: Record<string, unknown>): void {
  const restore = () => {
    if (stack.toTerraform === once) delete (stack as { toTerraform?: unknown }).toTerraform;
  };
  const once = (): Record<string, unknown> => {
    restore();
    return json;
  };
  stack.toTerraform = once;
  process.nextTick(restore);
}

/**
 * Evaluates a stack now, outside synth, and returns the findings (for tests
 * and tools). Suppressions are applied; other aspects are not invoked.
 */
export function checkStack(stack: TerraformStack, options: CheckOptions = {}): CheckResult {
  writeSuppressions(stack);
  return evaluate(stack.toTerraform(), options);
}
