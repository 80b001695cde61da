import { TerraformModel } from '../core/terraform-json';
import { ResourceGraph } from './graph';
import { defaultRules } from './pack';
import { Rule, Severity } from './rule';
import { block, list } from '../core/values';

/** A suppression as stored in a resource's JSON, under `//.checks.suppressions`. */
export interface Suppression {
  /** ID of the rule suppressed, e.g. `EDA-SQS-006`. */
  readonly ruleId: string;
  /** Why the rule does not apply here (never empty: `suppress` refuses a suppression without one). */
  readonly reason: string;
}

/** One rule failing on one resource. */
export interface Finding {
  /** ID of the rule that failed, e.g. `EDA-SQS-001`. */
  readonly ruleId: string;
  /** The rule's severity: an unsuppressed `error` fails synth. */
  readonly severity: Severity;
  /** Terraform address, e.g. `aws_sqs_queue.orders_queue_1A2B3C4D`. */
  readonly address: string;
  /** Terraform type of the resource or data source, e.g. `aws_sqs_queue`. */
  readonly type: string;
  /** Construct path, when cdktf wrote one. */
  readonly path?: string;
  /** What is wrong (follows the resource's name). */
  readonly problem: string;
  /** What to do, as an imperative (`set sqs_managed_sse_enabled = true`). */
  readonly fix: string;
  /** One line: rule, resource, problem and fix. */
  readonly message: string;
  /** Present when the finding is suppressed on the resource (or a construct above it). */
  readonly suppression?: Suppression;
}

/** What to evaluate. */
export interface CheckOptions {
  /**
   * The rules to run.
   * @default defaultRules (every rule of `allRules` not marked `optional`)
   */
  readonly rules?: readonly Rule[];
}

/** The outcome of evaluating a stack. */
export interface CheckResult {
  /** The stack's name, from the JSON's `//.metadata.stackName`. */
  readonly stackName?: string;
  /** Resources and data sources evaluated. */
  readonly resourceCount: number;
  /** The rules evaluated. */
  readonly rules: readonly Rule[];
  /** Every finding, suppressed ones included: errors, then warnings, then info; each by rule and address. */
  readonly findings: readonly Finding[];
  /** Unsuppressed errors: synth fails when there is one. */
  readonly errors: readonly Finding[];
  /** Unsuppressed warnings. */
  readonly warnings: readonly Finding[];
  /** Unsuppressed `info` findings: what could not be evaluated, and on what it depends. */
  readonly info: readonly Finding[];
  /** Findings suppressed with a reason (of any severity); they do not fail synth. */
  readonly suppressed: readonly Finding[];
  /** Time spent evaluating, in milliseconds. */
  readonly durationMs: number;
}

const SUPPRESSIONS_KEY = 'checks';
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The suppressions a resource's JSON carries (written by {@link suppress}). */
export function suppressionsOf(config: Record<string, unknown>): Suppression[] {
  const meta = block(block(config['//'])?.[SUPPRESSIONS_KEY]);
  return list(meta?.suppressions)
    .map((s) => block(s))
    .filter((s): s is Record<string, unknown> => typeof s?.ruleId === 'string' && typeof s?.reason === 'string' && s.reason.trim() !== '')
    .map((s) => ({ ruleId: s.ruleId as string, reason: s.reason as string }));
}

/**
 * Evaluates rules over a synthesized stack: its JSON (object or text, e.g.
 * a `cdk.tf.json`), a `TerraformModel` or a {@link ResourceGraph}.
 */
export function evaluate(stack: ResourceGraph | TerraformModel | string | object, options: CheckOptions = {}): CheckResult {
  const started = performance.now();
  const graph = stack instanceof ResourceGraph ? stack : ResourceGraph.from(stack);
  const rules = options.rules ?? defaultRules;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    let problems;
    try {
      problems = rule.evaluate(graph);
    } catch (e) {
      throw new Error(`check ${rule.id} could not evaluate the stack: ${(e as Error).message}`);
    }
    for (const p of problems) {
      const key = `${rule.id}\0${p.resource.address}\0${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const suppression = suppressionsOf(p.resource.config).find((s) => s.ruleId === rule.id);
      const name = graph.label(p.resource);
      findings.push({
        ruleId: rule.id,
        severity: rule.severity,
        address: p.resource.address,
        type: p.resource.type,
        path: p.resource.path,
        problem: p.message,
        fix: p.fix,
        message: `${rule.id} ${name}: ${p.message}. Fix: ${p.fix}.`,
        suppression,
      });
    }
  }
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.address.localeCompare(b.address) ||
      a.problem.localeCompare(b.problem),
  );
  const meta = block(block(graph.model.json['//'])?.metadata);
  return {
    stackName: typeof meta?.stackName === 'string' ? meta.stackName : undefined,
    resourceCount: graph.all().length,
    rules,
    findings,
    errors: findings.filter((f) => f.severity === 'error' && !f.suppression),
    warnings: findings.filter((f) => f.severity === 'warning' && !f.suppression),
    info: findings.filter((f) => f.severity === 'info' && !f.suppression),
    suppressed: findings.filter((f) => f.suppression),
    durationMs: performance.now() - started,
  };
}
