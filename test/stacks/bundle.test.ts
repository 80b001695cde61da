import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { BUNDLE_HANDLER, bundleFunction } from '../../stacks/bundle';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bundle-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('bundling the same handler twice gives byte-identical zips and hashes', () => {
  // Different output folders defeat the in-process cache, so both are real builds.
  const first = bundleFunction('functions/orders-api/handler.ts', { outDir: path.join(dir, 'a') });
  const second = bundleFunction('functions/orders-api/handler.ts', { outDir: path.join(dir, 'b') });

  const a = readFileSync(first.zipPath);
  const b = readFileSync(second.zipPath);
  expect(first.zipPath).not.toBe(second.zipPath);
  expect(a.equals(b)).toBe(true);
  expect(first.sha256Base64).toBe(second.sha256Base64);
  expect(first.sha256Base64).toBe(createHash('sha256').update(a).digest('base64'));
  expect(path.basename(first.zipPath)).toBe('orders-api.zip');
});

/** This process's child processes, with their state (Linux: /proc), or undefined where /proc has no such list. */
function childProcesses(): string[] | undefined {
  const tasks = '/proc/self/task';
  if (!existsSync(tasks)) return undefined;
  return readdirSync(tasks).flatMap((task) => {
    try {
      return readFileSync(path.join(tasks, task, 'children'), 'utf8').split(' ').filter(Boolean);
    } catch {
      return [];
    }
  });
}

test('a build leaves no esbuild process running or unreaped once it returns', () => {
  if (childProcesses() === undefined) return;
  const before = childProcesses();
  bundleFunction('functions/billing/handler.ts', { outDir: path.join(dir, 'children') });
  expect(readFileSync(path.join(dir, 'children', 'billing.inputs.json'), 'utf8')).toContain('functions/billing/handler.ts');
  expect(childProcesses()).toEqual(before);
});

test('the zip holds only index.js, with a fixed 1980-01-01 timestamp and mode 0644', () => {
  const { zipPath } = bundleFunction('functions/orders-api/handler.ts', { outDir: path.join(dir, 'a') });
  const zip = readFileSync(zipPath);
  expect(Object.keys(unzipSync(zip))).toEqual(['index.js']);

  // Local file header: DOS time at offset 10, DOS date at 12 (1980-01-01 is 0x0021).
  expect(zip.readUInt32LE(0)).toBe(0x04034b50);
  expect(zip.readUInt16LE(10)).toBe(0);
  expect(zip.readUInt16LE(12)).toBe(0x0021);
  // Central directory: external attributes hold the Unix mode in the high 16 bits.
  const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  expect((zip.readUInt32LE(central + 38) >>> 16) & 0o777).toBe(0o644);
});

test('@aws-sdk stays external and the handler is exported for index.handler', () => {
  const { zipPath } = bundleFunction('functions/orders-api/handler.ts', { outDir: path.join(dir, 'a') });
  const code = Buffer.from(unzipSync(readFileSync(zipPath))['index.js']).toString('utf8');
  expect(code).toContain('require("@aws-sdk/client-dynamodb")');
  expect(code).toContain('require("@aws-sdk/lib-dynamodb")');
  expect(code).not.toMatch(/class DynamoDBClient\b/);
  expect(BUNDLE_HANDLER).toBe('index.handler');
  expect(code).toMatch(/__export\(handler_exports, \{\s*handler: \(\) => handler/);
});

test('a bundled consumer runs with nothing beside it but the AWS SDK, as the Lambda runtime provides it', async () => {
  const { zipPath } = bundleFunction('functions/fulfillment/handler.ts', { outDir: path.join(dir, 'run') });
  const file = path.join(dir, 'run', 'index.js');
  writeFileSync(file, unzipSync(readFileSync(zipPath))['index.js']);
  mkdirSync(path.join(dir, 'run', 'node_modules'));
  symlinkSync(path.resolve(__dirname, '../../node_modules/@aws-sdk'), path.join(dir, 'run', 'node_modules', '@aws-sdk'), 'dir');
  const { handler } = require(file) as { handler: (event: unknown) => Promise<unknown> };
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await expect(handler({ Records: [{ messageId: 'm1', body: 'not json', attributes: {} }] })).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: 'm1' }],
    });
  } finally {
    write.mockRestore();
  }
});

test('results are cached per entry within the process', () => {
  const outDir = path.join(dir, 'cache');
  const first = bundleFunction('functions/billing/handler.ts', { outDir });
  const started = process.hrtime.bigint();
  const again = bundleFunction(path.resolve(__dirname, '../../functions/billing/handler.ts'), { outDir });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  expect(again).toBe(first);
  expect(elapsedMs).toBeLessThan(5);
});

test('the default output is <repo>/.gen/functions/<name>.zip', () => {
  const { zipPath } = bundleFunction('functions/notifications/handler.ts');
  expect(zipPath).toBe(path.resolve(__dirname, '../../.gen/functions/notifications.zip'));
});

describe('a zip built in an earlier run', () => {
  const entry = () => path.join(dir, 'reuse', 'handler.ts');
  const outDir = () => path.join(dir, 'reuse', 'out');
  // A fresh copy of the module: nothing kept in memory from an earlier call, as in a new process.
  const freshBundle = (withoutEsbuild = false): typeof bundleFunction => {
    let fresh!: typeof bundleFunction;
    jest.isolateModules(() => {
      if (withoutEsbuild) jest.doMock('esbuild', () => { throw new Error('esbuild was loaded'); });
      else jest.dontMock('esbuild');
      fresh = (require('../../stacks/bundle') as typeof import('../../stacks/bundle')).bundleFunction;
    });
    return fresh;
  };
  beforeAll(() => {
    mkdirSync(path.dirname(entry()), { recursive: true });
    writeFileSync(entry(), 'export const handler = async () => "first";\n');
  });

  test('is reused without loading esbuild when its sources are unchanged', () => {
    const built = freshBundle()(entry(), { outDir: outDir() });
    const record = JSON.parse(readFileSync(path.join(outDir(), 'reuse.inputs.json'), 'utf8'));
    expect(Object.values(record.inputs)).toEqual([createHash('sha256').update(readFileSync(entry())).digest('hex')]);
    expect(freshBundle(true)(entry(), { outDir: outDir() })).toEqual(built);
  });

  test('is rebuilt when a source changes', () => {
    const before = freshBundle()(entry(), { outDir: outDir() });
    writeFileSync(entry(), 'export const handler = async () => "second";\n');
    const after = freshBundle()(entry(), { outDir: outDir() });
    expect(after.sha256Base64).not.toBe(before.sha256Base64);
    expect(Buffer.from(unzipSync(readFileSync(after.zipPath))['index.js']).toString('utf8')).toContain('"second"');
  });
});
