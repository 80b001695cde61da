import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';

/** Root of the repository (this file lives in `<repo>/stacks`). */
const REPO_ROOT = path.resolve(__dirname, '..');

/** The Lambda `handler` setting for a bundle: the zip holds `index.js` exporting `handler`. */
export const BUNDLE_HANDLER = 'index.handler';

/** Options of {@link bundleFunction}. */
export interface BundleOptions {
  /**
   * Name of the zip file, without `.zip`.
   * @default the handler's folder name (`functions/billing/handler.ts` → `billing`)
   */
  readonly name?: string;
  /**
   * Folder the zip is written to, absolute or relative to the repository root.
   * @default `<repo>/.gen/functions`
   */
  readonly outDir?: string;
  /**
   * Minify the bundle. Off by default so that stack traces in CloudWatch point at
   * readable code; the bundles are small either way.
   * @default false
   */
  readonly minify?: boolean;
  /**
   * Module patterns left out of the bundle, in addition to `@aws-sdk/*`, which the
   * Lambda Node.js runtime provides.
   * @default []
   */
  readonly external?: readonly string[];
}

/** A bundled handler. */
export interface BundleResult {
  /**
   * Absolute path of the zip. It differs between checkouts, so do not put it into
   * synthesized JSON as is (snapshots would differ per machine): hand it to a
   * `TerraformAsset`, or make it relative first.
   */
  readonly zipPath: string;
  /** Base64 SHA-256 of the zip: what `aws_lambda_function.source_code_hash` expects (`filebase64sha256`). */
  readonly sha256Base64: string;
}

/** Lambda runtime this bundle targets; esbuild's `target` follows it. */
const NODE_TARGET = 'node22';
/**
 * ZIP timestamps are DOS local time and fflate reads them with local-time getters,
 * so a Date built from local fields gives the same bytes in every time zone.
 * 1980-01-01 is the earliest DOS date.
 */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
/** Regular file, rw-r--r--: Lambda needs the code world-readable. */
const FILE_ATTRS = (0o100644 << 16) >>> 0;
const UNIX = 3;

const cache = new Map<string, BundleResult>();

/**
 * What a zip was built from, kept next to it as `<name>.inputs.json`: the
 * esbuild version, its options and tsconfig.json's hash (`key`), and the
 * SHA-256 of every file the bundle holds.
 */
interface BuildRecord {
  readonly key: string;
  readonly inputs: Record<string, string>;
  readonly sha256Base64: string;
}

/**
 * Bundles a Lambda handler with esbuild (Node 22, CommonJS, `@aws-sdk/*` external,
 * no source map) into a zip holding a single `index.js`, and returns its path and
 * hash. The zip is deterministic: the same sources give byte-identical output
 * (fixed timestamps and permissions, one entry), so the hash, and therefore the
 * Terraform plan, only changes when the code does.
 *
 * A zip is built once per content: when the zip in `outDir` was built by the same
 * esbuild version with the same options, and every file it was built from still
 * has the same SHA-256, it is reused without loading esbuild. Within a process,
 * results are also kept per entry and options.
 *
 * Synchronous so that a construct can call it in its constructor.
 *
 * @param entry path of the handler source, absolute or relative to the repository root
 */
export function bundleFunction(entry: string, options: BundleOptions = {}): BundleResult {
  const entryPath = path.resolve(REPO_ROOT, entry);
  const name = options.name ?? defaultName(entryPath);
  const outDir = path.resolve(REPO_ROOT, options.outDir ?? path.join('.gen', 'functions'));
  const external = ['@aws-sdk/*', ...(options.external ?? [])];
  const minify = options.minify ?? false;
  const cacheKey = JSON.stringify([entryPath, name, outDir, external, minify]);
  const hit = cache.get(cacheKey);
  if (hit) return hit;

  const buildOptions: BuildOptions = {
    entryPoints: [entryPath],
    // Relative to the repository, so that the path comments esbuild writes
    // into the bundle are the same on every machine.
    absWorkingDir: REPO_ROOT,
    outfile: 'index.js',
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    external,
    minify,
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  };
  const zipPath = path.join(outDir, `${name}.zip`);
  const recordPath = path.join(outDir, `${name}.inputs.json`);
  // esbuild also reads tsconfig.json (class field semantics, for instance), which the metafile does not list.
  const key = `${esbuildVersion()} ${JSON.stringify(buildOptions)} ${sha256(readFileSync(path.join(REPO_ROOT, 'tsconfig.json')), 'hex')}`;
  const result = reuse(zipPath, recordPath, key) ?? build(entry, buildOptions, zipPath, recordPath, key);
  cache.set(cacheKey, result);
  return result;
}

/** The zip built earlier, when its record says it was built from the same key and sources. */
function reuse(zipPath: string, recordPath: string, key: string): BundleResult | undefined {
  let record: BuildRecord;
  let zip: Buffer;
  try {
    record = JSON.parse(readFileSync(recordPath, 'utf8')) as BuildRecord;
    zip = readFileSync(zipPath);
  } catch {
    return undefined;
  }
  if (record.key !== key || sha256(zip, 'base64') !== record.sha256Base64) return undefined;
  for (const [input, hash] of Object.entries(record.inputs)) {
    try {
      if (sha256(readFileSync(path.resolve(REPO_ROOT, input)), 'hex') !== hash) return undefined;
    } catch {
      return undefined;
    }
  }
  return { zipPath, sha256Base64: record.sha256Base64 };
}

/**
 * esbuild without worker threads: its buildSync otherwise starts a service (a
 * worker thread and an esbuild child process) and keeps it for later builds, so
 * the child outlives the synth or test that started it. Without, each build runs
 * esbuild as a child process that has ended when the call returns.
 */
function loadEsbuild(): typeof import('esbuild') {
  const previous = process.env.ESBUILD_WORKER_THREADS;
  process.env.ESBUILD_WORKER_THREADS = '0';
  try {
    return require('esbuild') as typeof import('esbuild');
  } finally {
    if (previous === undefined) delete process.env.ESBUILD_WORKER_THREADS;
    else process.env.ESBUILD_WORKER_THREADS = previous;
  }
}

function build(entry: string, buildOptions: BuildOptions, zipPath: string, recordPath: string, key: string): BundleResult {
  // Loaded only when a zip is (re)built: most runs reuse every zip.
  const { buildSync } = loadEsbuild();
  const { zipSync } = require('fflate') as typeof import('fflate');
  const built = buildSync({ ...buildOptions, metafile: true });
  const code = built.outputFiles?.find((file) => path.basename(file.path) === 'index.js');
  if (!code) throw new Error(`esbuild produced no index.js for ${entry}`);

  const zip = zipSync({ 'index.js': [code.contents, { mtime: FIXED_MTIME, os: UNIX, attrs: FILE_ATTRS }] }, { level: 9 });
  const inputs = Object.fromEntries(
    Object.keys(built.metafile?.inputs ?? {})
      .sort()
      .map((input) => [input, sha256(readFileSync(path.resolve(REPO_ROOT, input)), 'hex')]),
  );
  const result: BundleResult = { zipPath, sha256Base64: sha256(zip, 'base64') };
  const record: BuildRecord = { key, inputs, sha256Base64: result.sha256Base64 };
  mkdirSync(path.dirname(zipPath), { recursive: true });
  writeAtomically(zipPath, zip);
  writeAtomically(recordPath, JSON.stringify(record, null, 2) + '\n');
  return result;
}

// Write then rename: parallel test workers may bundle the same function, and a
// reader must never see a half-written file.
function writeAtomically(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

function sha256(data: Uint8Array, encoding: 'hex' | 'base64'): string {
  return createHash('sha256').update(data).digest(encoding);
}

function esbuildVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('esbuild/package.json'), 'utf8')) as { version: string }).version;
}

// `functions/billing/handler.ts` → `billing`; `functions/tools/export.ts` → `export`.
function defaultName(entryPath: string): string {
  const base = path.basename(entryPath, path.extname(entryPath));
  return base === 'handler' || base === 'index' ? path.basename(path.dirname(entryPath)) : base;
}
