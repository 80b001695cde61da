/**
 * Child process of the benchmark: one stack with N queues-with-DLQ, N topic
 * subscriptions and N rules (argv[2] = N), synthesized into a temporary folder,
 * with the checks on when argv[3] is `checks`. Prints wall time since process
 * start, peak RSS and the resource count.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { enableChecks, EventBusWithRules, QueueWithDlq, RuleTarget, TopicWithFilteredSubscriptions, match } from '../modules';

const n = Number(process.argv[2] ?? 10);
const checks = process.argv[3] === 'checks';
const outdir = mkdtempSync(path.join(tmpdir(), 'cdktf-eda-scale-'));
try {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'scale');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  if (checks) enableChecks(stack);
  const topic = new TopicWithFilteredSubscriptions(stack, 'topic', { name: 'scale-events', publishers: ['events.amazonaws.com'] });
  const bus = new EventBusWithRules(stack, 'bus', { name: 'scale-bus' });
  for (let i = 0; i < n; i++) {
    const queue = new QueueWithDlq(stack, `queue-${i}`, { name: `scale-queue-${i}` });
    topic.addQueueSubscription(`sub-${i}`, queue, { filterPolicyScope: 'MessageBody', filterPolicy: { detail: { shard: [i] } } });
    bus.addRule(`rule-${i}`, {
      eventPattern: { source: ['scale.test'], detail: { shard: [i], total: [match.numeric('>=', i)] } },
      targets: [RuleTarget.queue(queue)],
    });
  }
  app.synth();
  const json = JSON.parse(readFileSync(path.join(outdir, 'stacks/scale/cdk.tf.json'), 'utf8'));
  const resources = Object.values(json.resource as Record<string, object>).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
  console.log(JSON.stringify({ wallMs: performance.now(), peakRssMb: process.resourceUsage().maxRSS / 1024, resources }));
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
