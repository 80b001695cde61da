import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import * as path from 'path';
import { evaluate, toText, writeReports } from '../checks';
import { analyzeRouting, RoutingModel } from '../routing';
import { renderSvg, toDot } from '../testing/dot';
import type { SimulationInput, SimulationOptions } from '../testing/inputs';
import { simulate } from '../testing/simulate';
import { describeRef } from '../testing/trace';

/** Where a command writes its lines. */
export type Log = (line: string) => void;

/** The stacks synthesized under `<outdir>/stacks`, by name; throws when there is none. */
function synthesizedStacks(outdir: string): string[] {
  const stacksDir = path.join(outdir, 'stacks');
  const stacks = existsSync(stacksDir) ? readdirSync(stacksDir).filter((name) => existsSync(path.join(stacksDir, name, 'cdk.tf.json'))).sort() : [];
  if (stacks.length === 0) throw new UsageError(`no synthesized stack in ${stacksDir}: run \`cdktf synth\` first`, 2);
  return stacks;
}

/** A failure the command reports as one line and an exit code, without a stack trace. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * `cdktf-eda check [outdir]`: re-evaluates every synthesized stack (suppressions included, as synth
 * wrote them), writes `checks.sarif.json` and `checks.txt` next to each `cdk.tf.json`, prints the
 * summaries; 1 on any unsuppressed error, 2 when there is no stack.
 */
export function check(outdir: string, log: Log): number {
  const stacks = synthesizedStacks(outdir);
  let errors = 0;
  for (const name of stacks) {
    const dir = path.join(outdir, 'stacks', name);
    const result = evaluate(readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
    writeReports(result, dir);
    log(toText({ ...result, stackName: result.stackName ?? name }));
    errors += result.errors.length;
  }
  log(errors === 0 ? `checks passed for ${stacks.length} stack(s)` : `checks failed: ${errors} unsuppressed error(s)`);
  return errors === 0 ? 0 : 1;
}

/** The files `diagram` wrote for one stack. */
export interface DiagramFiles {
  readonly stack: string;
  readonly dot: string;
  /** Absent when `@hpcc-js/wasm-graphviz` (an optional peer dependency) is not installed. */
  readonly svg?: string;
  readonly warnings: number;
}

/**
 * `cdktf-eda diagram [outdir]`: writes each synthesized stack's routing graph next to its JSON as
 * Graphviz DOT (`routing.dot`) and SVG (`routing.svg`, rendered in process when the optional
 * `@hpcc-js/wasm-graphviz` is installed), and prints the routing warnings.
 */
export async function diagram(outdir: string, log: Log): Promise<DiagramFiles[]> {
  const written: DiagramFiles[] = [];
  for (const stack of synthesizedStacks(outdir)) {
    const dir = path.join(outdir, 'stacks', stack);
    const model = RoutingModel.fromJson(readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
    const dot = toDot(model, { title: stack });
    const dotFile = path.join(dir, 'routing.dot');
    writeFileSync(dotFile, dot);
    let svgFile: string | undefined = path.join(dir, 'routing.svg');
    try {
      writeFileSync(svgFile, await renderSvg(dot));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
      svgFile = undefined;
    }
    const warnings = analyzeRouting(model);
    log(`${stack}: ${dotFile}${svgFile ? `, ${svgFile}` : ' (install @hpcc-js/wasm-graphviz for routing.svg)'}`);
    for (const w of warnings) log(`  ${w.code} ${w.resource}: ${w.message}`);
    written.push({ stack, dot: dotFile, ...(svgFile ? { svg: svgFile } : {}), warnings: warnings.length });
  }
  return written;
}

/**
 * `cdktf-eda simulate <stack> <event.json> [--consumer-fails <ref>[=<n>]] [--delivery-fails <ref>[=<n>]] [--out <outdir>]`:
 * sends the input in `event.json` (a `SimulationInput`, such as
 * `{"kind": "putEvents", "bus": "orders", "entry": {…}}`) through the stack (a name under
 * `<outdir>/stacks`, or a `cdk.tf.json` file) and prints the trace and where the event ended.
 */
export function simulateStack(stack: string, eventFile: string, outdir: string, options: SimulationOptions, log: Log): number {
  const stackFile = existsSync(stack) && statSync(stack).isFile() ? stack : path.join(outdir, 'stacks', stack, 'cdk.tf.json');
  if (!existsSync(stackFile)) {
    const known = existsSync(path.join(outdir, 'stacks')) ? synthesizedStacks(outdir).join(', ') : 'none';
    throw new UsageError(`no stack "${stack}": neither a cdk.tf.json file nor a stack in ${path.join(outdir, 'stacks')} (stacks: ${known})`);
  }
  if (!existsSync(eventFile)) throw new UsageError(`no event file ${eventFile}`);
  let input: SimulationInput;
  try {
    input = JSON.parse(readFileSync(eventFile, 'utf8')) as SimulationInput;
  } catch (error) {
    throw new UsageError(`${eventFile} is not JSON: ${(error as Error).message}`);
  }
  const model = RoutingModel.fromJson(readFileSync(stackFile, 'utf8'));
  let trace;
  try {
    trace = simulate(model, input, options);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  log(trace.toString());
  const endpoints = trace.deliveries.filter((d) => !d.deadLetter).map((d) => describeRef(d.endpoint));
  log(`delivered to: ${endpoints.length > 0 ? [...new Set(endpoints)].join(', ') : 'nothing'}`);
  if (trace.deadLetters.length > 0) log(`dead letters: ${[...new Set(trace.deadLetters.map((d) => describeRef(d.endpoint)))].join(', ')}`);
  return 0;
}
