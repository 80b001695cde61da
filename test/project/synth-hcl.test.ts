import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ENVIRONMENTS } from '../../stacks/environments';

// The exit to plain Terraform: `cdktf synth --hcl` must write every stack as .tf.
describe('npm run synth:hcl', () => {
  const root = path.resolve(__dirname, '../..');
  const out = mkdtempSync(path.join(tmpdir(), 'cdktf-eda-hcl-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes each environment stack as HCL', () => {
    execFileSync(path.join(root, 'node_modules/.bin/cdktf'), ['synth', '--hcl', '--output', out], {
      cwd: root,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'true' },
      stdio: 'pipe',
    });
    for (const { name } of ENVIRONMENTS) {
      const file = path.join(out, 'stacks', `orders-${name}`, 'cdk.tf');
      expect(existsSync(file)).toBe(true);
      const hcl = readFileSync(file, 'utf8');
      expect(hcl).toContain('provider "aws"');
      expect(hcl).toContain(`environment = "${name}"`);
      expect(hcl).toMatch(/resource "aws_sqs_queue" "fulfillment_Queue_[0-9A-F]+"/);
      expect(hcl).toMatch(/resource "aws_pipes_pipe"/);
    }
  }, 60_000);
});
