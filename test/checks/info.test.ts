import { TerraformVariable, Testing } from 'cdktf';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { enableChecks, evaluate, infoLine, toSarif, toText } from '../../modules/checks';
import { newStack } from './fixtures';

// What the checks could not evaluate is `info`: listed, never failing synth.
const json = {
  '//': { metadata: { stackName: 'inputs' } },
  variable: { fifo: { type: 'bool' } },
  module: { queue: { source: 'terraform-aws-modules/sqs/aws' } },
  data: { aws_region: { current: {} }, aws_sqs_queue: { shared: { name: 'shared' } } },
  resource: { aws_sns_topic: { t: { name: 'events', kms_master_key_id: 'alias/aws/sns', fifo_topic: '${var.fifo}', archive_policy: '${var.fifo ? "{}" : null}' } } },
};

describe('info findings', () => {
  const result = evaluate(json);

  it('say what could not be evaluated and on what it depends, and list modules and data sources once', () => {
    expect(result.errors).toEqual([]);
    expect(result.info.map((f) => f.problem)).toEqual([
      'could not evaluate aws_sns_topic.t.archive_policy: depends on var.fifo',
      'could not evaluate aws_sns_topic.t.fifo_topic: depends on var.fifo',
      'not evaluated: module blocks module.queue (terraform-aws-modules/sqs/aws); data sources data.aws_sqs_queue.shared (what they create or return is known only at plan)',
    ]);
    expect(result.info.every((f) => f.severity === 'info')).toBe(true);
  });

  it('are SARIF notes', () => {
    const sarif = toSarif(result) as { runs: Array<{ results: Array<{ ruleId: string; level: string }>; tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { level: string } }> } } }> };
    expect(sarif.runs[0].results.filter((r) => r.ruleId === 'EDA-TF-003').map((r) => r.level)).toEqual(['note', 'note']);
    expect(sarif.runs[0].tool.driver.rules.find((r) => r.id === 'EDA-TF-004')?.defaultConfiguration.level).toBe('note');
  });

  it('are counted in the text report and printed as one line', () => {
    const text = toText(result);
    expect(text).toContain('0 errors, 2 warnings, 0 suppressed, 3 not evaluated');
    expect(text).toContain('Not evaluated (the checks skipped what depends on these):\n  could not evaluate aws_sns_topic.t.archive_policy: depends on var.fifo\n');
    expect(infoLine(result)).toBe('info 3 things not evaluated in stack inputs: could not evaluate aws_sns_topic.t.archive_policy: depends on var.fifo; 2 more in checks.txt');
  });

  it('do not fail synth, and print one line', () => {
    const { stack } = newStack();
    const fifo = new TerraformVariable(stack, 'fifo', { type: 'bool' });
    new SnsTopic(stack, 'topic', { name: 'events', kmsMasterKeyId: 'alias/aws/sns', fifoTopic: fifo.booleanValue });
    enableChecks(stack, { reports: false });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(() => Testing.synth(stack, true)).not.toThrow();
      const lines = warn.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith('info '));
      expect(lines).toEqual([expect.stringMatching(/^info 1 thing not evaluated in stack .*: could not evaluate aws_sns_topic\.topic\.fifo_topic: depends on var\.fifo$/)]);
    } finally {
      warn.mockRestore();
    }
  });
});
