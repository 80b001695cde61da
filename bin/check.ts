/**
 * `npm run check [outdir]`: re-evaluates every synthesized stack,
 * `cdktf.out/stacks/<stack>/cdk.tf.json` (suppressions included, as synth wrote
 * them), writes `checks.sarif.json` and `checks.txt` next to each, prints
 * the summaries, and exits 1 on any unsuppressed error (2 if there is no stack).
 */
import * as fs from 'fs';
import * as path from 'path';
import { evaluate, toText, writeReports } from '../modules/checks';

function main(outdir: string): number {
  const stacksDir = path.join(outdir, 'stacks');
  const stacks = fs.existsSync(stacksDir)
    ? fs
        .readdirSync(stacksDir)
        .filter((name) => fs.existsSync(path.join(stacksDir, name, 'cdk.tf.json')))
        .sort()
    : [];
  if (stacks.length === 0) {
    console.error(`no synthesized stack in ${stacksDir}: run \`npm run synth\` first`);
    return 2;
  }
  let errors = 0;
  for (const name of stacks) {
    const dir = path.join(stacksDir, name);
    const result = evaluate(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
    writeReports(result, dir);
    process.stdout.write(`${toText({ ...result, stackName: result.stackName ?? name })}\n`);
    errors += result.errors.length;
  }
  console.log(errors === 0 ? `checks passed for ${stacks.length} stack(s)` : `checks failed: ${errors} unsuppressed error(s)`);
  return errors === 0 ? 0 : 1;
}

process.exitCode = main(process.argv[2] ?? 'cdktf.out');
