import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parse } from '@cdktf/hcl2json';
import { document } from '../../modules/core/values';
import { ENVIRONMENTS } from '../../stacks/environments';

/**
 * The exit to plain Terraform: `npm run synth:hcl` (`cdktf synth --hcl`) writes every stack as .tf
 * files that HashiCorp's HCL parser (hcl2json, compiled to WebAssembly) reads, and that describe
 * the same resources and attribute values as the JSON synth of the same app.
 */
describe('npm run synth:hcl', () => {
  const root = path.resolve(__dirname, '../..');
  const work = mkdtempSync(path.join(tmpdir(), 'cdktf-eda-hcl-'));
  const hclOut = path.join(work, 'hcl');
  const jsonOut = path.join(work, 'json');
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'true' };
  const stacks = ENVIRONMENTS.map(({ name }) => `orders-${name}`);

  beforeAll(() => {
    execFileSync(path.join(root, 'node_modules/.bin/cdktf'), ['synth', '--hcl', '--output', hclOut], { cwd: root, env, stdio: 'pipe' });
    // The app command of cdktf.json, writing JSON.
    execFileSync(process.execPath, ['--require', './bin/register.js', 'main.ts'], { cwd: root, env: { ...env, CDKTF_OUTDIR: jsonOut }, stdio: 'pipe' });
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const tfFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tfFiles(path.join(dir, e.name)) : e.name.endsWith('.tf') ? [path.join(dir, e.name)] : []));

  it('writes each environment stack as HCL', () => {
    for (const stack of stacks) expect(existsSync(path.join(hclOut, 'stacks', stack, 'cdk.tf'))).toBe(true);
  });

  it('writes only .tf files that the HCL parser reads', async () => {
    const files = tfFiles(hclOut);
    expect(files.length).toBeGreaterThanOrEqual(stacks.length);
    const failures: string[] = [];
    for (const file of files) {
      await parse(file, readFileSync(file, 'utf8')).catch((e: Error) => failures.push(`${path.relative(hclOut, file)}: ${e.message}`));
    }
    expect(failures).toEqual([]);
  });

  it.each(stacks)('%s: the HCL and the JSON synth describe the same resources and values', async (stack) => {
    const hcl = await parse('cdk.tf', readFileSync(path.join(hclOut, 'stacks', stack, 'cdk.tf'), 'utf8'));
    const json = JSON.parse(readFileSync(path.join(jsonOut, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    const fromHcl = comparable(hcl) as Record<string, Record<string, Record<string, unknown>>>;
    const fromJson = comparable(json) as Record<string, Record<string, Record<string, unknown>>>;
    // Same resources, data sources, providers, outputs and settings…
    for (const section of ['resource', 'data']) {
      expect(addresses(fromHcl[section])).toEqual(addresses(fromJson[section]));
    }
    expect(addresses(fromJson.resource).length).toBeGreaterThan(50);
    // …with the same attribute values, documents (policies) compared as what they encode.
    expect(fromHcl).toEqual(fromJson);
  });
});

function addresses(section: Record<string, Record<string, unknown>> | undefined): string[] {
  return Object.entries(section ?? {}).flatMap(([type, named]) => Object.keys(named).map((name) => `${type}.${name}`)).sort();
}

/**
 * What both forms mean, written one way: cdktf's `//` metadata dropped; a block (HCL's parser
 * gives every block as a list) and a one-element list of an object are the object; numbers and
 * booleans as text (HCL converts between them); a `jsonencode(…)` or JSON document as the
 * document it encodes.
 */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length === 1 && isObject(value[0])) return comparable(value[0]);
    return value.map(comparable);
  }
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '//').map(([key, v]) => [key, comparable(v)]));
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') {
    const decoded = /^\s*(\{|\[|\$\{jsonencode\()/.test(value) ? document(value) : undefined;
    return decoded !== undefined ? { document: comparable(decoded) } : value;
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
