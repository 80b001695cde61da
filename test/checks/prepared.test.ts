import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, Lazy, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { enableChecks } from '../../modules/checks';

// Rules are left out: these tests are about what synth resolves and writes, not about findings.
const NO_RULES = { rules: [], reports: false };

function newApp(): { app: App; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'prepared-'));
  return { app: Testing.app({ outdir }), outdir };
}

function stackIn(app: App, id: string): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  return stack;
}

function written(outdir: string, stack: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
}

describe('a synth with checks enabled', () => {
  it('resolves each element once: the checks and the write read what the preparing pass resolved', () => {
    const { app, outdir } = newApp();
    const stack = stackIn(app, 'x');
    let produced = 0;
    new SqsQueue(stack, 'q', {
      name: Lazy.stringValue({
        produce: () => {
          produced++;
          return 'orders';
        },
      }),
    });
    enableChecks(stack, NO_RULES);
    app.synth();
    expect(produced).toBe(1);
    expect(written(outdir, 'x').resource.aws_sqs_queue.q.name).toBe('orders');
  });

  it('writes what aspects change, though they run after the preparing pass in cdktf', () => {
    const { app, outdir } = newApp();
    const stack = stackIn(app, 'x');
    new SqsQueue(stack, 'q', { name: 'orders' });
    Aspects.of(stack).add({
      visit: (node: IConstruct) => {
        if (node instanceof SqsQueue) node.tags = { team: 'orders' };
      },
    });
    enableChecks(stack, NO_RULES);
    app.synth();
    expect(written(outdir, 'x').resource.aws_sqs_queue.q.tags).toEqual({ team: 'orders' });
  });

  it('writes cross-stack references as cdktf does without checks (both stacks resolved again)', () => {
    const synth = (checks: boolean) => {
      const { app, outdir } = newApp();
      const a = stackIn(app, 'a');
      const b = stackIn(app, 'b');
      const source = new SqsQueue(a, 'source', { name: 'source' });
      new SqsQueue(b, 'copy', { name: `${source.name}-copy` });
      if (checks) for (const stack of [a, b]) enableChecks(stack, NO_RULES);
      app.synth();
      return { a: written(outdir, 'a'), b: written(outdir, 'b') };
    };
    const plain = synth(false);
    const checked = synth(true);
    expect(plain.b.resource.aws_sqs_queue.copy.name).toMatch(/^\$\{data\.terraform_remote_state\.[^}]+\}-copy$/);
    expect(Object.keys(plain.a.output ?? {})).toHaveLength(1);
    expect(checked).toEqual(plain);
  });

  it('resolves afresh on a later synth', () => {
    const { app, outdir } = newApp();
    const stack = stackIn(app, 'x');
    let name = 'first';
    new SqsQueue(stack, 'q', { name: Lazy.stringValue({ produce: () => name }) });
    enableChecks(stack, NO_RULES);
    app.synth();
    name = 'second';
    app.synth();
    expect(written(outdir, 'x').resource.aws_sqs_queue.q.name).toBe('second');
  });
});
