import { spawnSync } from 'child_process';
import * as path from 'path';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '..');

/** What one measured command cost. */
export interface Measurement {
  readonly wallMs: number;
  /** Peak resident memory of the largest process of the command, in MB. */
  readonly peakRssMb: number;
  /** User plus system CPU time of the command and every process it waited for, when measured from outside. */
  readonly cpuMs?: number;
}

// Node cannot read its children's peak RSS (getrusage RUSAGE_CHILDREN); python3,
// present on every machine here, can, and covers every process the command starts.
const RUSAGE_WRAPPER = [
  'import json, resource, subprocess, sys, time',
  'start = time.monotonic()',
  'code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)',
  'wall = (time.monotonic() - start) * 1000',
  'usage = resource.getrusage(resource.RUSAGE_CHILDREN)',
  'print(json.dumps({"wallMs": wall, "cpuMs": (usage.ru_utime + usage.ru_stime) * 1000, "peakRssKb": usage.ru_maxrss, "code": code}))',
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
  let parsed: { wallMs: number; cpuMs: number; peakRssKb: number; code: number };
  try {
    parsed = JSON.parse(last);
  } catch {
    throw new Error(`could not measure ${command.join(' ')}: ${result.stderr || result.stdout}`);
  }
  if (parsed.code !== 0) throw new Error(`${command.join(' ')} exited with ${parsed.code}:\n${result.stderr.slice(-2000)}`);
  return { wallMs: parsed.wallMs, cpuMs: parsed.cpuMs, peakRssMb: parsed.peakRssKb / 1024 };
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
  return medians(Array.from({ length: runs }, measure));
}

/** Medians of a command and a yardstick run in turn, and the median of their ratios taken pair by pair. */
export interface PairedMeasurement {
  readonly a: Measurement;
  readonly b: Measurement;
  /** Median over pairs of a's wall time / b's. */
  readonly wallRatio: number;
  /** Median over pairs of a's peak RSS / b's. */
  readonly memoryRatio: number;
  /** Median over pairs of a's CPU time / b's: what a busy machine changes least. */
  readonly cpuRatio: number;
}

/**
 * Runs `a` and `b` in turn, `warmups` pairs uncounted then `runs` pairs: on a
 * shared machine whose speed drifts, a ratio taken within each pair holds
 * where absolute times do not.
 */
export function pairedMedians(runs: number, warmups: number, a: () => Measurement, b: () => Measurement): PairedMeasurement {
  for (let i = 0; i < warmups; i++) [a(), b()];
  const pairs = Array.from({ length: runs }, () => [a(), b()] as const);
  return {
    a: medians(pairs.map(([x]) => x)),
    b: medians(pairs.map(([, y]) => y)),
    wallRatio: median(pairs.map(([x, y]) => x.wallMs / y.wallMs)),
    memoryRatio: median(pairs.map(([x, y]) => x.peakRssMb / y.peakRssMb)),
    cpuRatio: median(pairs.map(([x, y]) => (x.cpuMs ?? NaN) / (y.cpuMs ?? NaN))),
  };
}

function medians(results: Measurement[]): Measurement {
  const cpu = results.map((r) => r.cpuMs).filter((ms): ms is number => ms !== undefined);
  return {
    wallMs: median(results.map((r) => r.wallMs)),
    peakRssMb: median(results.map((r) => r.peakRssMb)),
    cpuMs: cpu.length === results.length ? median(cpu) : undefined,
  };
}
