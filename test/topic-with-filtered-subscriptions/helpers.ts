import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { TopicWithFilteredSubscriptions, TopicWithFilteredSubscriptionsProps } from '../../modules/topic-with-filtered-subscriptions';
import { synthJson, SynthesizedStack, testStack } from '../helpers/synth';
import { document } from '../../modules/core/values';

export const ACCOUNT_ROOT = 'arn:${data.aws_partition.AwsContextPartition.partition}:iam::${data.aws_caller_identity.AwsContext.account_id}:root';
export const ACCOUNT_ID = '${data.aws_caller_identity.AwsContext.account_id}';
export const RULE_ARN = 'arn:aws:events:eu-west-1:123456789012:rule/orders/order-lifecycle';

export interface Built {
  stack: TerraformStack;
  topic: TopicWithFilteredSubscriptions;
  json: SynthesizedStack;
}

/** A topic named order-events in a test stack; `extra` adds subscriptions and grants before synth. */
export function build(props: Partial<TopicWithFilteredSubscriptionsProps> = {}, extra?: (topic: TopicWithFilteredSubscriptions, stack: TerraformStack) => void): Built {
  const stack = testStack();
  const topic = new TopicWithFilteredSubscriptions(stack, 'events', { name: 'order-events', ...props });
  extra?.(topic, stack);
  return { stack, topic, json: synthJson(stack) };
}

export { errorOf } from '../helpers/errors';

/** Warnings attached to a construct and everything under it. */
export function warningsOf(scope: IConstruct): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
}

/** The statements of a JSON policy document held in an attribute. */
export function statementsOf(policy: string): any[] {
  return document<any>(policy).Statement;
}
