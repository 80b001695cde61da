/**
 * Routing simulator figures: building the routing model from a synthesized
 * stack's JSON, and simulating one event through it.
 *
 *   node -r ts-node/register bench/routing.ts [cdk.tf.json [putEvents-input.json]]
 *
 * Without arguments it builds a sizeable stack from raw provider resources.
 * Prints a table, then the figures as one JSON line (for `runReporter`).
 */
import { readFileSync } from 'fs';
import { performance } from 'perf_hooks';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueueRedrivePolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-policy';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { synthesizeStack } from '../modules/core/terraform-json';
import { RoutingModel, simulate, SimulationInput } from '../modules/testing';
import { Authorizer } from '../modules/routing/authorization';
import { median } from './measure';

/** What {@link measureRouting} reports. */
export interface RoutingFigures {
  /** Terraform resources in the stack. */
  readonly resources: number;
  /** First model build in the process (includes warming up the code), ms. */
  readonly modelBuildColdMs: number;
  /** Median model build once warm, ms. */
  readonly modelBuildMs: number;
  /** Median time to authorize every hop of a freshly built model (policies compiled and evaluated once per hop), ms. */
  readonly authorizeMs: number;
  /** Median time to simulate one event through the built model, ms. */
  readonly simulateMs: number;
  /** Hops in the simulated trace. */
  readonly hops: number;
}

/**
 * A stack of `units` fan-outs on one bus, 25 resources each: a rule and its
 * target, a topic with its policy and three filtered subscriptions, three
 * queues with policies, DLQs and redrive policies, three functions and their
 * event source mappings.
 * @default units 8 (201 resources)
 */
export function benchStack(units = 8): TerraformStack {
  const stack = new TerraformStack(new App({ outdir: '/tmp/cdktf-eda-bench' }), 'routing-bench');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const bus = new CloudwatchEventBus(stack, 'bus', { name: 'bench' });
  for (let u = 0; u < units; u++) {
    const rule = new CloudwatchEventRule(stack, `rule${u}`, {
      name: `rule-${u}`,
      eventBusName: bus.name,
      eventPattern: JSON.stringify({ source: ['bench'], 'detail-type': [`Type${u}`, 'Shared'], detail: { total: [{ numeric: ['>=', u] }] } }),
    });
    const topic = new SnsTopic(stack, `topic${u}`, { name: `topic-${u}` });
    new CloudwatchEventTarget(stack, `target${u}`, { rule: rule.name, eventBusName: bus.name, arn: topic.arn });
    new SnsTopicPolicy(stack, `topic-policy${u}`, { arn: topic.arn, policy: grant('events.amazonaws.com', 'sns:Publish', topic.arn, rule.arn) });
    for (let q = 0; q < 3; q++) {
      const queue = new SqsQueue(stack, `queue${u}-${q}`, { name: `queue-${u}-${q}` });
      const dlq = new SqsQueue(stack, `dlq${u}-${q}`, { name: `queue-${u}-${q}-dlq` });
      new SqsQueueRedrivePolicy(stack, `redrive${u}-${q}`, {
        queueUrl: queue.url,
        redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 }),
      });
      new SqsQueuePolicy(stack, `queue-policy${u}-${q}`, { queueUrl: queue.url, policy: grant('sns.amazonaws.com', 'sqs:SendMessage', queue.arn, topic.arn) });
      new SnsTopicSubscription(stack, `sub${u}-${q}`, {
        topicArn: topic.arn,
        protocol: 'sqs',
        endpoint: queue.arn,
        filterPolicyScope: 'MessageBody',
        filterPolicy: JSON.stringify({ detail: { kind: [`k${q}`, 'all'] } }),
      });
      const fn = new LambdaFunction(stack, `fn${u}-${q}`, { functionName: `fn-${u}-${q}`, role: 'arn:aws:iam::123456789012:role/x', handler: 'i.h', runtime: 'nodejs20.x' });
      new LambdaEventSourceMapping(stack, `esm${u}-${q}`, { eventSourceArn: queue.arn, functionName: fn.arn });
    }
  }
  return stack;
}

/** The resource-policy grant a service needs to deliver for one source. */
function grant(service: string, action: string, resource: string, sourceArn: string): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: action, Resource: resource, Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } } }] });
}

const BENCH_EVENT: SimulationInput = {
  kind: 'putEvents',
  bus: 'bench',
  entry: { Source: 'bench', DetailType: 'Shared', Detail: { total: 100, kind: 'all' } },
};

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/**
 * Measures the model build and one simulation on a stack's JSON (by default
 * {@link benchStack}'s), with `input` (by default an event on the first bus
 * that every rule of the bench stack matches).
 */
export function measureRouting(json: object = JSON.parse(JSON.stringify(synthesizeStack(benchStack()))) as object, input?: SimulationInput): RoutingFigures {
  let model!: RoutingModel;
  const modelBuildColdMs = time(() => (model = RoutingModel.fromJson(json)));
  const builds = Array.from({ length: 20 }, () => time(() => (model = RoutingModel.fromJson(json))));
  const authorizations = Array.from({ length: 20 }, () => {
    const fresh = RoutingModel.fromJson(json);
    return time(() => Authorizer.of(fresh).deniedHops());
  });
  const event = input ?? (model.ofKind('bus').some((b) => b.name === 'bench') ? BENCH_EVENT : { ...BENCH_EVENT, bus: firstBus(model) });
  let hops = 0;
  for (let i = 0; i < 50; i++) hops = simulate(model, event).hops.length; // warm up
  const runs = 500;
  const total = time(() => {
    for (let i = 0; i < runs; i++) simulate(model, event);
  });
  return { resources: model.terraform.resources().length, modelBuildColdMs, modelBuildMs: median(builds), authorizeMs: median(authorizations), simulateMs: total / runs, hops };
}

function firstBus(model: RoutingModel): string {
  const bus = model.ofKind('bus').find((b) => b.rules.length > 0) ?? model.ofKind('bus')[0];
  return bus.address;
}

if (require.main === module) {
  const [file, inputFile] = process.argv.slice(2);
  const json = file ? (JSON.parse(readFileSync(file, 'utf8')) as object) : undefined;
  const input = inputFile ? (JSON.parse(readFileSync(inputFile, 'utf8')) as SimulationInput) : undefined;
  const figures = measureRouting(json, input);
  console.log(`resources                  ${figures.resources}`);
  console.log(`model build, first         ${figures.modelBuildColdMs.toFixed(2)} ms   (budget 100 ms)`);
  console.log(`model build, median warm   ${figures.modelBuildMs.toFixed(2)} ms`);
  console.log(`authorize every hop        ${figures.authorizeMs.toFixed(2)} ms   (model build + this: budget 100 ms)`);
  console.log(`simulate one event         ${figures.simulateMs.toFixed(3)} ms  (budget 1 ms; ${figures.hops} hops)`);
  console.log(JSON.stringify(figures));
}
