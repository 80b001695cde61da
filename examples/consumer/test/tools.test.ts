import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { PaymentsStack } from '../payments-stack';

// The package's `cdktf-eda` command, run on this project's synthesized stack as a user runs it.
describe('cdktf-eda command', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'payments-out-'));
  const bin = path.join(__dirname, '../node_modules/.bin/cdktf-eda');
  const cdktfEda = (...args: string[]): { status: number; stdout: string; stderr: string } => {
    try {
      return { status: 0, stdout: execFileSync(bin, args, { encoding: 'utf8', stdio: 'pipe' }), stderr: '' };
    } catch (e) {
      const { status, stdout, stderr } = e as { status: number; stdout: string; stderr: string };
      return { status, stdout, stderr };
    }
  };

  beforeAll(() => {
    const app = new App({ outdir: out });
    new PaymentsStack(app, 'payments');
    app.synth();
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('checks the synthesized stack and writes its reports', () => {
    const { stdout } = cdktfEda('check', out);
    expect(stdout).toContain('cdktf-eda checks: stack payments');
    expect(stdout).toMatch(/checks (passed for 1 stack|failed: \d+ unsuppressed error)/);
  });

  it('draws its routing graph', () => {
    const { status, stdout } = cdktfEda('diagram', out);
    expect(status).toBe(0);
    expect(stdout).toContain(path.join(out, 'stacks/payments/routing.dot'));
  });

  it('traces a captured payment to the settlements queue', () => {
    const event = path.join(out, 'captured.json');
    writeFileSync(event, JSON.stringify({ kind: 'putEvents', bus: 'payments', entry: { Source: 'payments.service', DetailType: 'PaymentCaptured', Detail: { paymentId: 'p-1', amount: 25 } } }));
    const { status, stdout } = cdktfEda('simulate', 'payments', event, '--out', out);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^delivered to: .*queue payments-settlements \(/m);
    expect(stdout).not.toMatch(/^delivered to: .*payments-refunds/m);
  });
});
