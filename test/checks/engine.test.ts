import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Fn, S3Backend, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ResourceGraph, allRules, checkStack, defaultRules, enableChecks, evaluate, suppress, toSarif, toText } from '../../modules/checks';
import { decodeJsonencode } from '../../modules/core/hcl';
import { buildOrders, newStack } from './fixtures';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'checks-'));

describe('the rule pack', () => {
  it('has unique IDs of the form EDA-<SERVICE>-NNN, titles and severities', () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(allRules.length).toBeGreaterThan(0);
    for (const r of allRules) {
      expect(r.id).toMatch(/^EDA-(SQS|SNS|EVB|DDB|KINESIS|LAMBDA|PIPES|KMS|IAM|APIGW|SFN|S3|TF|ROUTING)-\d{3}$/);
      expect(r.title.length).toBeGreaterThan(10);
      expect(['error', 'warning', 'info']).toContain(r.severity);
    }
  });
  it('holds each file of rules/<service>/ once, and nothing else', () => {
    const dir = path.join(__dirname, '../../modules/checks/rules');
    const files = fs.readdirSync(dir).flatMap((service) => fs.readdirSync(path.join(dir, service)).filter((f) => f !== 'index.ts'));
    expect(files.length).toBeGreaterThan(80);
    expect(allRules).toHaveLength(files.length);
  });
  it('runs every rule not marked optional by default', () => {
    expect(defaultRules.length).toBe(allRules.filter((r) => !r.optional).length);
    expect(defaultRules.some((r) => r.id === 'EDA-LAMBDA-004')).toBe(false);
  });
  it('finds nothing in a well-built orders architecture', () => {
    const { stack } = newStack();
    buildOrders(stack);
    // Production-like (its table keeps deletion protection): it names its account and keeps its state in S3.
    (stack.node.findChild('aws') as AwsProvider).allowedAccountIds = ['111122223333'];
    new S3Backend(stack, { bucket: 'orders-state', key: 'orders.tfstate', region: 'eu-west-1', encrypt: true });
    expect(checkStack(stack).findings.map((f) => f.message)).toEqual([]);
  });
});

describe('HCL reading', () => {
  it('decodes cdktf jsonencode output, references kept as ${…}', () => {
    const { stack } = newStack();
    const dlq = new SqsQueue(stack, 'dlq', {});
    const q = new SqsQueue(stack, 'q', { redrivePolicy: Fn.jsonencode({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5, tags: [`${dlq.arn}/*`, Fn.lower(dlq.name)], ok: true, none: null }) });
    const json = JSON.parse(Testing.synth(stack));
    const value = json.resource.aws_sqs_queue.q.redrive_policy as string;
    expect(decodeJsonencode(value)).toEqual({
      deadLetterTargetArn: '${aws_sqs_queue.dlq.arn}',
      maxReceiveCount: 5,
      tags: ['${aws_sqs_queue.dlq.arn}/*', '${lower(aws_sqs_queue.dlq.name)}'],
      ok: true,
      none: null,
    });
    void q;
  });
});

describe('reference resolution', () => {
  it('follows references in JSON policies, jsonencode, policy documents and depends_on', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    const topic = new SnsTopic(stack, 'topic', {});
    const doc = new DataAwsIamPolicyDocument(stack, 'doc', {
      statement: [{ actions: ['sqs:SendMessage'], resources: [q.arn], principals: [{ type: 'Service', identifiers: ['sns.amazonaws.com'] }], condition: [{ test: 'ArnEquals', variable: 'aws:SourceArn', values: [topic.arn] }] }],
    });
    const p = new SqsQueuePolicy(stack, 'p', { queueUrl: q.url, policy: doc.json, dependsOn: [topic] });
    const graph = ResourceGraph.from(stack.toTerraform());
    const qr = graph.get('aws_sqs_queue.q')!;
    expect(graph.referencesTo(qr).map((r) => `${r.from.address} ${r.argument}`).sort()).toEqual(['aws_sqs_queue_policy.p queue_url', 'data.aws_iam_policy_document.doc statement']);
    expect(graph.referencesFrom(graph.get('aws_sqs_queue_policy.p')!).map((r) => r.to).sort()).toEqual(['aws_sns_topic.topic', 'aws_sqs_queue.q', 'data.aws_iam_policy_document.doc']);
    expect(graph.queuePolicies(qr).map((h) => h.resource.address)).toEqual(['aws_sqs_queue_policy.p']);
    const statements = graph.statements(graph.get('aws_sqs_queue_policy.p')!.config.policy)!;
    expect(statements[0]).toMatchObject({ effect: 'Allow', actions: ['sqs:SendMessage'], principals: [{ type: 'Service', id: 'sns.amazonaws.com' }] });
    expect(statements[0].conditions).toEqual([{ operator: 'ArnEquals', key: 'aws:SourceArn', values: ['${aws_sns_topic.topic.arn}'] }]);
    void p;
  });
  it('names resources by construct path, or by address when the JSON has no path', () => {
    const { stack } = newStack();
    new SqsQueue(stack, 'q', {});
    const json = JSON.parse(Testing.synth(stack)); // Testing.synth strips `//` metadata
    const result = evaluate(json, { rules: allRules.filter((r) => r.id === 'EDA-SQS-001') });
    expect(result.findings[0].message).toBe(
      'EDA-SQS-001 aws_sqs_queue.q: queue does not declare encryption at rest. Fix: set sqs_managed_sse_enabled = true, or kms_master_key_id to a customer-managed KMS key.',
    );
  });
});

describe('suppressions', () => {
  it('suppress a rule on a construct and everything under it, with the reason shown', () => {
    const { stack } = newStack();
    const group = new Construct(stack, 'legacy');
    const q = new SqsQueue(group, 'q', {});
    suppress(group, 'EDA-SQS-001', 'legacy queue, encrypted by AWS default since 2022');
    const result = checkStack(stack, { rules: allRules.filter((r) => r.id === 'EDA-SQS-001') });
    expect(result.errors).toEqual([]);
    expect(result.suppressed).toHaveLength(1);
    expect(result.suppressed[0]).toMatchObject({ path: q.node.path, suppression: { ruleId: 'EDA-SQS-001', reason: 'legacy queue, encrypted by AWS default since 2022' } });
    expect(toText(result)).toContain('suppressed EDA-SQS-001 x/legacy/q: queue does not declare encryption at rest. Fix: set sqs_managed_sse_enabled = true, or kms_master_key_id to a customer-managed KMS key. Reason: legacy queue, encrypted by AWS default since 2022');
  });
  it('refuse a suppression without a reason, or with a malformed rule ID', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    expect(() => suppress(q, 'EDA-SQS-001', '  ')).toThrow("suppress(x/q, 'EDA-SQS-001'): a suppression needs a reason saying why the rule does not apply here");
    expect(() => suppress(q, '', 'because')).toThrow(/is not a rule ID/);
  });
  it('are written into the synthesized JSON, where npm run check finds them', () => {
    const outdir = tmp();
    const app = Testing.app({ outdir });
    const stack = new TerraformStack(app, 'x');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const q = new SqsQueue(stack, 'q', {});
    suppress(q, 'EDA-SQS-006', 'drained by an operator');
    app.synth();
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'x', 'cdk.tf.json'), 'utf8'));
    expect(json.resource.aws_sqs_queue.q['//'].checks).toEqual({ suppressions: [{ ruleId: 'EDA-SQS-006', reason: 'drained by an operator' }] });
    expect(evaluate(json).suppressed.map((f) => f.ruleId)).toEqual(['EDA-SQS-006']);
  });
});

describe('enableChecks', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  function app(build: (stack: TerraformStack) => void) {
    const outdir = tmp();
    const a = Testing.app({ outdir });
    const stack = new TerraformStack(a, 'x');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    build(stack);
    enableChecks(stack);
    return { app: a, stack, outdir };
  }

  it('fails synth listing every error, and writes nothing', () => {
    const { app: a, outdir } = app((stack) => {
      new SqsQueue(stack, 'plain', {});
      new SnsTopic(stack, 'topic', {});
    });
    let message = '';
    try {
      a.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('Validation failed with the following errors:');
    expect(message).toContain('[x] EDA-SQS-001 x/plain: queue does not declare encryption at rest.');
    expect(message).toContain('[x] EDA-SNS-001 x/topic: topic is not encrypted at rest.');
    // cdktf's App creates the empty `stacks` folder; no file is written.
    expect(fs.existsSync(path.join(outdir, 'stacks', 'x'))).toBe(false);
    expect(fs.readdirSync(outdir, { recursive: true }).filter((f) => fs.statSync(path.join(outdir, String(f))).isFile())).toEqual([]);
  });

  it('fails Testing.synth(stack, true) too', () => {
    const { stack } = app((s) => new SqsQueue(s, 'plain', {}));
    expect(() => Testing.synth(stack, true)).toThrow(/EDA-SQS-001 x\/plain/);
  });

  it('prints each warning and suppression once, and writes both reports next to cdk.tf.json', () => {
    const { app: a, outdir } = app((stack) => {
      const q = new SqsQueue(stack, 'q', { sqsManagedSseEnabled: true });
      suppress(q, 'EDA-SQS-006', 'drained by an operator');
    });
    a.synth();
    a.synth();
    const lines = warn.mock.calls.map((c) => c[0] as string);
    expect(lines).toEqual([
      'warning EDA-ROUTING-001 x/q: queue q has no producer and no consumer in the stack. Fix: connect a producer and a consumer, or remove the queue.',
      'warning EDA-SQS-005 x/q: queue has no policy denying requests without TLS. Fix: add a Deny of sqs:* to Principal * with Condition Bool aws:SecureTransport = false to the queue policy.',
      'suppressed EDA-SQS-006 x/q: queue has no dead-letter queue (redrive_policy) and is not one. Fix: set redrive_policy with deadLetterTargetArn and maxReceiveCount. Reason: drained by an operator',
    ]);
    const dir = path.join(outdir, 'stacks', 'x');
    expect(fs.readdirSync(dir).sort()).toEqual(['cdk.tf.json', 'checks.sarif.json', 'checks.txt']);
    expect(fs.readFileSync(path.join(dir, 'checks.txt'), 'utf8')).toContain('0 errors, 2 warnings, 1 suppressed');
  });
});

describe('SARIF', () => {
  it('is a SARIF 2.1.0 log with rules, results, logical locations and suppressions', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    suppress(q, 'EDA-SQS-006', 'drained by an operator');
    const sarif = toSarif(checkStack(stack)) as any;
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(sarif.runs).toHaveLength(1);
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('cdktf-eda-checks');
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(defaultRules.map((r) => r.id));
    const rule = run.tool.driver.rules.find((r: any) => r.id === 'EDA-SQS-001');
    expect(rule).toMatchObject({ shortDescription: { text: 'SQS queues are encrypted at rest with SSE-SQS or SSE-KMS' }, defaultConfiguration: { level: 'error' } });
    expect(rule.properties.tags).toEqual(['SQS', 'checkov:CKV_AWS_27', 'cdkNag:AwsSolutions-SQS2', 'trivy:AWS-0096', 'securityHub:SQS.1']);
    const error = run.results.find((r: any) => r.ruleId === 'EDA-SQS-001');
    expect(error).toMatchObject({
      level: 'error',
      message: { text: expect.stringContaining('EDA-SQS-001 x/q: queue does not declare encryption at rest') },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'cdk.tf.json' } }, logicalLocations: [{ name: 'x/q', fullyQualifiedName: 'aws_sqs_queue.q', kind: 'resource' }] }],
    });
    expect(run.tool.driver.rules[error.ruleIndex].id).toBe('EDA-SQS-001');
    expect(error.suppressions).toBeUndefined();
    const suppressed = run.results.find((r: any) => r.ruleId === 'EDA-SQS-006');
    expect(suppressed.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'drained by an operator' }]);
    // Undefined members are dropped when written: the file is plain JSON.
    expect(JSON.parse(JSON.stringify(sarif)).runs[0].results.length).toBe(run.results.length);
  });
});

describe('cdktf-eda check (npm run check)', () => {
  const run = (outdir: string): { status: number; stdout: string } => {
    try {
      const stdout = execFileSync(process.execPath, ['-r', './bin/register.js', 'modules/cli/cli.ts', 'check', outdir], { cwd: path.join(__dirname, '../..'), encoding: 'utf8', stdio: 'pipe' });
      return { status: 0, stdout };
    } catch (e) {
      const err = e as { status: number; stdout: string };
      return { status: err.status, stdout: err.stdout };
    }
  };
  it('re-evaluates every stack, writes both reports and exits 1 on errors, 0 when clean, 2 with no stacks', () => {
    const outdir = tmp();
    for (const [name, good] of [['good', true], ['bad', false]] as const) {
      const a = Testing.app({ outdir });
      const stack = new TerraformStack(a, name);
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      if (good) buildOrders(stack);
      else new SnsTopic(stack, 'topic', {});
      a.synth();
    }
    const bad = run(outdir);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('cdktf-eda checks: stack bad');
    expect(bad.stdout).toContain('error EDA-SNS-001 bad/topic: topic is not encrypted at rest.');
    expect(bad.stdout).toContain('checks failed: 1 unsuppressed error(s)');
    for (const name of ['good', 'bad']) {
      const sarif = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'checks.sarif.json'), 'utf8'));
      expect(sarif.version).toBe('2.1.0');
      expect(fs.existsSync(path.join(outdir, 'stacks', name, 'checks.txt'))).toBe(true);
    }
    fs.rmSync(path.join(outdir, 'stacks', 'bad'), { recursive: true });
    expect(run(outdir).status).toBe(0);
    expect(run(tmp()).status).toBe(2);
  }, 30_000);
});
