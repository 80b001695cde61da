import { spawnSync } from 'child_process';
import * as path from 'path';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '..');

/** What one measured command cost. */
export interface Measurement {
  readonly wallMs: number;
  /** Peak resident memory of the largest process of the command, in MB. */
  readonly peakRssMb: number;
}

// Node cannot read its children's peak RSS (getrusage RUSAGE_CHILDREN); python3,
// present on every machine here, can, and covers every process the command starts.
const RUSAGE_WRAPPER = [
  'import json, resource, subprocess, sys, time',
  'start = time.monotonic()',
  'code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)',
  'wall = (time.monotonic() - start) * 1000',
  'print(json.dumps({"wallMs": wall, "peakRssKb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "code": code}))',
].join('\n');

/** Runs a command (its output discarded) and measures its wall time and peak RSS. */
export function measureCommand(command: string[], env: NodeJS.ProcessEnv = {}): Measurement {
  const result = spawnSync('python3', ['-c', RUSAGE_WRAPPER, ...command], {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = result.stdout.trim().split('\n').pop() ?? '';
  let parsed: { wallMs: number; peakRssKb: number; code: number };
  try {
    parsed = JSON.parse(last);
  } catch {
    throw new Error(`could not measure ${command.join(' ')}: ${result.stderr || result.stdout}`);
  }
  if (parsed.code !== 0) throw new Error(`${command.join(' ')} exited with ${parsed.code}:\n${result.stderr.slice(-2000)}`);
  return { wallMs: parsed.wallMs, peakRssMb: parsed.peakRssKb / 1024 };
}

/** Runs a node script that prints its own measurement as the last JSON line. */
export function runReporter<T>(args: string[], env: NodeJS.ProcessEnv = {}): T {
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${result.stderr.slice(-3000)}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as T;
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `measure` `warmups + runs` times and keeps the median of the last `runs`. */
export function medianOf(runs: number, warmups: number, measure: () => Measurement): Measurement {
  for (let i = 0; i < warmups; i++) measure();
  const results = Array.from({ length: runs }, measure);
  return { wallMs: median(results.map((r) => r.wallMs)), peakRssMb: median(results.map((r) => r.peakRssMb)) };
}
