/**
 * `npm run diagram [-- <cdktf.out dir>]`: for each synthesized stack
 * (`cdktf.out/stacks/<stack>/cdk.tf.json`), writes its routing graph next to
 * it as Graphviz DOT (`routing.dot`) and SVG (`routing.svg`), rendered in
 * process (no Graphviz binary), and prints any routing warnings.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { analyzeRouting, renderSvg, RoutingModel, toDot } from '../modules/testing';

/** The files written for one stack. */
export interface DiagramFiles {
  readonly stack: string;
  readonly dot: string;
  readonly svg: string;
  readonly warnings: number;
}

/** Writes `routing.dot` and `routing.svg` next to every `cdk.tf.json` under `<outdir>/stacks`. @default outdir 'cdktf.out' */
export async function writeDiagrams(outdir = 'cdktf.out', log: (line: string) => void = console.log): Promise<DiagramFiles[]> {
  const stacksDir = path.join(outdir, 'stacks');
  if (!existsSync(stacksDir)) throw new Error(`${stacksDir} does not exist: run \`npm run synth\` first`);
  const written: DiagramFiles[] = [];
  for (const stack of readdirSync(stacksDir).sort()) {
    const file = path.join(stacksDir, stack, 'cdk.tf.json');
    if (!existsSync(file)) continue;
    const model = RoutingModel.fromJson(readFileSync(file, 'utf8'));
    const dot = toDot(model, { title: stack });
    const dotFile = path.join(stacksDir, stack, 'routing.dot');
    const svgFile = path.join(stacksDir, stack, 'routing.svg');
    writeFileSync(dotFile, dot);
    writeFileSync(svgFile, await renderSvg(dot));
    const warnings = analyzeRouting(model);
    log(`${stack}: ${dotFile}, ${svgFile}`);
    for (const w of warnings) log(`  ${w.code} ${w.resource}: ${w.message}`);
    written.push({ stack, dot: dotFile, svg: svgFile, warnings: warnings.length });
  }
  if (written.length === 0) throw new Error(`no cdk.tf.json under ${stacksDir}`);
  return written;
}

if (require.main === module) {
  writeDiagrams(process.argv[2]).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
