import { isToken, PropsValidator } from '../core/validation';
import { FilterPolicy, FilterPolicyScope, validateFilterPolicy } from '../patterns';
import { validateDeliveryStatusLogging } from './delivery-status-logging';
import { SubscriptionOptions } from './subscription-options';
import type { TopicEncryption, TopicWithFilteredSubscriptionsProps } from './topic-with-filtered-subscriptions';
import { KMS, SNS } from '../core/aws-limits';

export const TOPIC_NAME = /^[A-Za-z0-9_-]+$/;
export const FIFO_SUFFIX = '.fifo';
export const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;
export const SNS_PRINCIPAL = 'sns.amazonaws.com';
/** Publishers that deliver only a message body, never message attributes (EventBridge rule targets). */
export const BODY_ONLY_PUBLISHERS: readonly string[] = ['events.amazonaws.com'];
export const FILTER_SCOPES: readonly FilterPolicyScope[] = ['MessageAttributes', 'MessageBody'];
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks a topic's props: name and FIFO settings, encryption, delivery-status logging, declared publishers. */
export function validateTopicProps(
  v: PropsValidator,
  props: TopicWithFilteredSubscriptionsProps,
  derived: { fifo: boolean; base: string; encryption: TopicEncryption; aliasName: string },
): void {
  const { fifo, base, encryption, aliasName } = derived;
  const max = fifo ? SNS.fifoTopicBaseNameMaxLength : SNS.topicNameMaxLength;
  const nameOk = isToken(props.name) || (typeof base === 'string' && base.length > 0 && base.length <= max && TOPIC_NAME.test(base));
  if (!isToken(props.name)) {
    v.check(
      nameOk,
      'name',
      props.name,
      `SNS topic names are 1–${SNS.topicNameMaxLength} letters, digits, hyphens and underscores${fifo ? `, counting the ".fifo" suffix added here (so at most ${SNS.fifoTopicBaseNameMaxLength} before it)` : ''}`,
    );
    v.check(typeof props.name !== 'string' || !props.name.endsWith(FIFO_SUFFIX) || fifo, 'name', props.name, 'a name ending in ".fifo" needs fifo: true');
  }
  for (const field of ['contentBasedDeduplication', 'fifoThroughputScope'] as const) {
    v.check(fifo || props[field] === undefined, field, props[field], 'applies to FIFO topics only: set fifo: true or leave it unset');
  }
  v.oneOf('fifoThroughputScope', props.fifoThroughputScope, ['Topic', 'MessageGroup']);
  if (encryption === 'customer-managed') {
    v.check(
      !nameOk || isToken(props.name) || `alias/${aliasName}`.length <= KMS.aliasNameMaxLength,
      'name',
      props.name,
      `is too long for the alias of the KMS key made for the topic ("alias/${fifo ? 'sns/fifo/' : 'sns/'}<name>", at most ${KMS.aliasNameMaxLength} characters): shorten it or give encryption: { kmsKeyArn }`,
    );
  } else if (typeof encryption !== 'object' || encryption === null) {
    v.check(false, 'encryption', encryption, 'must be "customer-managed" or { kmsKeyArn }');
  } else {
    v.arn('encryption.kmsKeyArn', encryption.kmsKeyArn, 'kms');
    v.check(
      isToken(encryption.kmsKeyArn) || !/:alias\/aws\/sns$/.test(encryption.kmsKeyArn),
      'encryption.kmsKeyArn',
      encryption.kmsKeyArn,
      'the AWS managed key alias/aws/sns cannot be used by EventBridge or other AWS services that publish to the topic (its key policy cannot be changed): give a customer managed key',
    );
  }
  validateDeliveryStatusLogging(v, props.deliveryStatusLogging);
  if (props.publishers !== undefined) {
    v.check(Array.isArray(props.publishers) && props.publishers.length > 0, 'publishers', props.publishers, 'must list at least one service principal, or be left unset');
    (Array.isArray(props.publishers) ? props.publishers : []).forEach((p, i) =>
      v.matches(`publishers[${i}]`, p, SERVICE_PRINCIPAL, 'must be an AWS service principal such as "events.amazonaws.com"'),
    );
  }
}

/** Checks a subscription's filter policy and scope, against what the topic's declared publishers can send. */
export function validateFilter(v: PropsValidator, options: SubscriptionOptions, declaredPublishers: readonly string[] | undefined): void {
  const scope = options.filterPolicyScope;
  v.oneOf('filterPolicyScope', scope, FILTER_SCOPES);
  v.check(
    scope === undefined || options.filterPolicy !== undefined,
    'filterPolicyScope',
    scope,
    'needs a filterPolicy to apply to (AWS ignores a scope without a policy, and the provider refuses it)',
  );
  if (options.filterPolicy === undefined) return;
  const effective = scope ?? 'MessageAttributes';
  for (const problem of validateFilterPolicy(options.filterPolicy, FILTER_SCOPES.includes(effective) ? effective : undefined)) {
    const path = problem.path ?? '';
    const field = path === '' ? 'filterPolicy' : path.startsWith('[') ? `filterPolicy${path}` : `filterPolicy.${path}`;
    v.check(false, field, valueAt(options.filterPolicy, path), problem.message);
  }
  const declared = declaredPublishers;
  if (effective === 'MessageAttributes' && declared && declared.every((p) => BODY_ONLY_PUBLISHERS.includes(p))) {
    v.check(
      false,
      'filterPolicyScope',
      effective,
      `never matches here: the topic's only publishers (${declared.join(', ')}) deliver events as the message body, without message attributes; set filterPolicyScope: "MessageBody" and filter on the event's fields`,
    );
  }
}

/** Whether a URL is an HTTPS URL with a host. */
export function isHttpsUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}

/** The part of a filter policy a problem path (`a.b[0]`) points at, or the whole policy. */
function valueAt(policy: FilterPolicy, path: string): unknown {
  let current: unknown = policy;
  for (const segment of path.match(/[^.[\]]+/g) ?? []) {
    if (current === null || typeof current !== 'object' || !(segment in (current as object))) return policy;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
