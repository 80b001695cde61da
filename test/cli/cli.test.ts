import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { run } from '../../modules/cli/cli';
import { synthesizeStack } from '../../modules/core/terraform-json';
import { ENVIRONMENTS } from '../../stacks/environments';
import { OrdersStack } from '../../stacks/orders-stack';

describe('cdktf-eda simulate', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'cdktf-eda-cli-'));
  const stackDir = path.join(out, 'stacks', 'orders-dev');
  mkdirSync(stackDir, { recursive: true });
  writeFileSync(path.join(stackDir, 'cdk.tf.json'), JSON.stringify(synthesizeStack(new OrdersStack(Testing.app(), ENVIRONMENTS[0]))));
  const event = (name: string, total: number) => {
    const file = path.join(out, `${name}.json`);
    writeFileSync(file, JSON.stringify({ kind: 'putEvents', bus: 'orders-dev-orders', entry: { Source: 'orders.service', DetailType: 'OrderPlaced', Detail: { orderId: 'o-1', total } } }));
    return file;
  };
  const cli = async (...args: string[]) => {
    const lines: string[] = [];
    const errors: string[] = [];
    const code = await run(args, (l) => lines.push(l), (l) => errors.push(l));
    return { code, stdout: lines.join('\n'), stderr: errors.join('\n') };
  };
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('prints the trace and where the event ends', async () => {
    const { code, stdout } = await cli('simulate', 'orders-dev', event('high', 1000), '--out', out);
    expect(code).toBe(0);
    expect(stdout).toContain('rule high-value-orders');
    expect(stdout).toMatch(/^delivered to: .*queue orders-dev-fraud-review \(/m);
    expect(stdout).not.toContain('dead letters:');
  });

  it('reads a cdk.tf.json path as the stack, and makes consumers fail on request', async () => {
    const { code, stdout } = await cli('simulate', path.join(stackDir, 'cdk.tf.json'), event('low', 5), '--consumer-fails', 'orders-dev-fulfillment');
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/^delivered to: .*fraud-review/m);
    expect(stdout).toMatch(/^dead letters: queue orders-dev-fulfillment-dlq \(/m);
  });

  it('names what is wrong, without a stack trace', async () => {
    expect(await cli('simulate', 'orders-qa', event('x', 1), '--out', out)).toEqual({ code: 1, stdout: '', stderr: expect.stringMatching(/^no stack "orders-qa": .*\(stacks: orders-dev\)$/) });
    expect(await cli('simulate', 'orders-dev', path.join(out, 'missing.json'), '--out', out)).toMatchObject({ code: 1, stderr: expect.stringMatching(/^no event file /) });
    expect(await cli('simulate', 'orders-dev', event('y', 1), '--out', out, '--consumer-fails', 'nothing-such')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^consumerFailures: "nothing-such" matches no .* Candidates: .*queue orders-dev-fulfillment \(/),
    });
    expect(await cli('simulate', 'orders-dev')).toMatchObject({ code: 2, stderr: expect.stringContaining('simulate takes a stack and an event file') });
    expect(await cli('deploy')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "deploy"') });
    expect(await cli('check', path.join(out, 'nowhere'))).toMatchObject({ code: 2, stderr: expect.stringContaining('no synthesized stack in') });
  });
});
