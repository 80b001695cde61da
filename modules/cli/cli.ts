#!/usr/bin/env node
/**
 * The `cdktf-eda` command: the checks, routing diagrams and the routing simulator, run on what
 * `cdktf synth` wrote.
 */
import type { SimulationOptions } from '../testing/inputs';
import { check, diagram, Log, simulateStack, UsageError } from './commands';

const USAGE = `usage:
  cdktf-eda check [cdktf.out]      re-run the checks on every synthesized stack, write checks.sarif.json and checks.txt
  cdktf-eda diagram [cdktf.out]    write routing.dot and routing.svg next to every synthesized stack
  cdktf-eda simulate <stack> <event.json> [--out cdktf.out] [--consumer-fails <ref>[=<n>]]... [--delivery-fails <ref>[=<n>]]...
                                   print where the event in event.json goes (a SimulationInput, e.g.
                                   {"kind": "putEvents", "bus": "orders", "entry": {"Source": "app", "DetailType": "Placed", "Detail": {}}})`;

/** Runs one command line (without `node` and the script); resolves to the exit code. */
export async function run(args: readonly string[], log: Log = console.log, logError: Log = console.error): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'check':
        return check(rest[0] ?? 'cdktf.out', log);
      case 'diagram':
        await diagram(rest[0] ?? 'cdktf.out', log);
        return 0;
      case 'simulate': {
        const { positional, outdir, options } = simulateArgs(rest);
        if (positional.length !== 2) throw new UsageError(`simulate takes a stack and an event file\n${USAGE}`, 2);
        return simulateStack(positional[0], positional[1], outdir, options, log);
      }
      case undefined:
      case '-h':
      case '--help':
        log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"\n${USAGE}`, 2);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    logError(error.message);
    return error.exitCode;
  }
}

function simulateArgs(args: readonly string[]): { positional: string[]; outdir: string; options: SimulationOptions } {
  const positional: string[] = [];
  const consumerFailures: Record<string, number> = {};
  const deliveryFailures: Record<string, number> = {};
  let outdir = 'cdktf.out';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out' || arg === '--consumer-fails' || arg === '--delivery-fails') {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`, 2);
      if (arg === '--out') outdir = value;
      else failure(arg === '--consumer-fails' ? consumerFailures : deliveryFailures, arg, value);
    } else positional.push(arg);
  }
  return { positional, outdir, options: { consumerFailures, deliveryFailures } };
}

/** `<ref>` fails every attempt; `<ref>=<n>` fails the first n. */
function failure(into: Record<string, number>, flag: string, value: string): void {
  const m = /^(.+?)(?:=(\d+))?$/.exec(value)!;
  into[m[1]] = m[2] === undefined ? Infinity : Number(m[2]);
  if (into[m[1]] === 0) throw new UsageError(`${flag} ${value}: give a count of at least 1, or none for every attempt`, 2);
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
