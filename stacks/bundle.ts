import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { zipSync } from 'fflate';

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
 * Bundles a Lambda handler with esbuild (Node 22, CommonJS, `@aws-sdk/*` external,
 * no source map) into a zip holding a single `index.js`, and returns its path and
 * hash. The zip is deterministic: the same sources give byte-identical output
 * (fixed timestamps and permissions, one entry), so the hash, and therefore the
 * Terraform plan, only changes when the code does.
 *
 * Synchronous so that a construct can call it in its constructor. Results are
 * cached per entry and options for the life of the process.
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

  const build = buildSync({
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
  });
  const code = build.outputFiles.find((file) => path.basename(file.path) === 'index.js');
  if (!code) throw new Error(`esbuild produced no index.js for ${entry}`);

  const zip = zipSync({ 'index.js': [code.contents, { mtime: FIXED_MTIME, os: UNIX, attrs: FILE_ATTRS }] }, { level: 9 });
  const zipPath = path.join(outDir, `${name}.zip`);
  mkdirSync(outDir, { recursive: true });
  // Write then rename: parallel test workers may bundle the same function, and a
  // reader must never see a half-written zip.
  const temporary = `${zipPath}.${process.pid}.tmp`;
  writeFileSync(temporary, zip);
  renameSync(temporary, zipPath);

  const result: BundleResult = { zipPath, sha256Base64: createHash('sha256').update(zip).digest('base64') };
  cache.set(cacheKey, result);
  return result;
}

// `functions/billing/handler.ts` → `billing`; `functions/tools/export.ts` → `export`.
function defaultName(entryPath: string): string {
  const base = path.basename(entryPath, path.extname(entryPath));
  return base === 'handler' || base === 'index' ? path.basename(path.dirname(entryPath)) : base;
}
