import { RoutingModel, simulate, Trace } from '../../modules/testing';
import '../../modules/testing';

/**
 * One hop kind at a time, in hand-written Terraform JSON: the policy that
 * admits it, and the ways it is denied (missing statement, wrong principal,
 * wrong aws:SourceArn, a condition on a key the request does not carry, a key
 * policy without the service). Each asserts the trace, where the event ends,
 * and the denial's text.
 */
type Json = Record<string, unknown>;
const ACCOUNT = '123456789012';
const RULE_ARN = `arn:aws:events:eu-west-1:${ACCOUNT}:rule/shop/r`;
const TOPIC_ARN = `arn:aws:sns:eu-west-1:${ACCOUNT}:news`;
const doc = (...Statement: Json[]): string => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (service: string, action: string, sourceArn: string, extra: Json = {}): Json => ({
  Sid: 'Grant',
  Effect: 'Allow',
  Principal: { Service: service },
  Action: action,
  Resource: '*',
  Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } },
  ...extra,
});

function model(resources: Record<string, Record<string, Json>>): RoutingModel {
  return RoutingModel.fromJson({ provider: { aws: [{ region: 'eu-west-1' }] }, resource: resources });
}

const put = (m: RoutingModel): Trace => simulate(m, { kind: 'putEvents', bus: 'shop', entry: { Source: 'shop', DetailType: 'Sale', Detail: { n: 1 } } });

/** A rule on bus `shop` targeting `target` (an address's ARN), with a DLQ queue `dlq` allowed for EventBridge. */
function ruleTo(target: string, extra: Record<string, Record<string, Json>> = {}, dlqPolicy = doc(allow('events.amazonaws.com', 'sqs:SendMessage', RULE_ARN))) {
  return {
    aws_cloudwatch_event_bus: { shop: { name: 'shop' } },
    aws_cloudwatch_event_rule: { r: { name: 'r', event_bus_name: 'shop', event_pattern: '{"source":["shop"]}' } },
    aws_cloudwatch_event_target: { t: { rule: 'r', event_bus_name: 'shop', arn: `\${${target}.arn}`, dead_letter_config: { arn: '${aws_sqs_queue.dlq.arn}' } } },
    ...extra,
    aws_sqs_queue: { dlq: { name: 'dlq' }, ...(extra.aws_sqs_queue ?? {}) },
    aws_sqs_queue_policy: { dlq: { queue_url: '${aws_sqs_queue.dlq.url}', policy: dlqPolicy }, ...(extra.aws_sqs_queue_policy ?? {}) },
  };
}

const queuePolicy = (policy: string) => ({ aws_sqs_queue: { q: { name: 'q' } }, aws_sqs_queue_policy: { q: { queue_url: '${aws_sqs_queue.q.url}', policy } } });

describe('EventBridge rule → SQS queue (queue policy)', () => {
  it('admits events.amazonaws.com for this rule', () => {
    const trace = put(model(ruleTo('aws_sqs_queue.q', queuePolicy(doc(allow('events.amazonaws.com', 'sqs:SendMessage', RULE_ARN))))));
    expect(trace).toBeDeliveredTo('q');
    expect(trace.denials).toEqual([]);
  });

  it.each([
    ['a missing statement', doc(), 'queue policy aws_sqs_queue_policy.q has no statement allowing events.amazonaws.com sqs:SendMessage'],
    ['the wrong principal', doc(allow('sns.amazonaws.com', 'sqs:SendMessage', RULE_ARN)), 'queue policy aws_sqs_queue_policy.q has no statement allowing events.amazonaws.com sqs:SendMessage'],
    [
      'the wrong aws:SourceArn',
      doc(allow('events.amazonaws.com', 'sqs:SendMessage', `${RULE_ARN}-other`)),
      `queue policy aws_sqs_queue_policy.q Sid "Grant" would allow events.amazonaws.com sqs:SendMessage, but its condition ArnEquals aws:SourceArn ["${RULE_ARN}-other"] fails: the request's aws:SourceArn is "${RULE_ARN}"`,
    ],
    [
      'a condition on a key the request does not carry',
      doc(allow('events.amazonaws.com', 'sqs:SendMessage', RULE_ARN, { Condition: { StringEquals: { 'aws:SourceOrgID': 'o-abc' } } })),
      'queue policy aws_sqs_queue_policy.q Sid "Grant" would allow events.amazonaws.com sqs:SendMessage, but its condition StringEquals aws:SourceOrgID ["o-abc"] fails: the request carries no aws:SourceOrgID (AWS documents no aws:SourceOrgID in this request, so it is taken as absent)',
    ],
  ])('denies with %s, and EventBridge sends the event to the target DLQ at once', (_case, policy, reason) => {
    const trace = put(model(ruleTo('aws_sqs_queue.q', queuePolicy(policy))));
    expect(trace).not.toBeDeliveredTo('q');
    expect(trace.denials.map((d) => [d.call, d.reason])).toEqual([['events.amazonaws.com sqs:SendMessage on queue q', reason]]);
    expect(trace).toEndInDeadLetterQueue('dlq');
    expect(trace.hops.find((h) => h.kind === 'target')).toMatchObject({ delivered: false, attempts: 1 });
    expect(trace.toString()).toContain(`⛔ denied at target t: events.amazonaws.com sqs:SendMessage on queue q: ${reason}`);
  });

  it('loses the event when the DLQ refuses EventBridge too', () => {
    const trace = put(model(ruleTo('aws_sqs_queue.q', queuePolicy(doc()), doc())));
    expect(trace.deadLetters).toEqual([]);
    expect(trace.denials.map((d) => d.call)).toEqual(['events.amazonaws.com sqs:SendMessage on queue q', 'events.amazonaws.com sqs:SendMessage on queue dlq']);
    expect(trace.hops[trace.hops.length - 1]).toMatchObject({ kind: 'dropped', reason: expect.stringContaining('the dead-letter queue refuses EventBridge too, so the event is lost') });
  });
});

describe('EventBridge rule → encrypted SNS topic (topic policy and key policy)', () => {
  const topicWithKey = (keyStatements: Json[]) => ({
    aws_kms_key: { k: { policy: doc({ Sid: 'Account', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }, ...keyStatements) } },
    aws_sns_topic: { news: { name: 'news', kms_master_key_id: '${aws_kms_key.k.arn}' } },
    aws_sns_topic_policy: { news: { arn: '${aws_sns_topic.news.arn}', policy: doc(allow('events.amazonaws.com', 'sns:Publish', RULE_ARN)) } },
  });
  const keyUse = (condition: Json): Json => ({ Sid: 'EventsUseKey', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*', Condition: condition });

  it('admits EventBridge when the key policy names the topic by its encryption context', () => {
    const trace = put(model(ruleTo('aws_sns_topic.news', topicWithKey([keyUse({ StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': TOPIC_ARN } })]))));
    expect(trace).toBeDeliveredTo('news');
    expect(trace.denials).toEqual([]);
  });

  it('denies when the key policy does not name the service: the account statement alone does not let a service use the key', () => {
    const trace = put(model(ruleTo('aws_sns_topic.news', topicWithKey([]))));
    expect(trace).not.toBeDeliveredTo('news');
    expect(trace.denials.map((d) => [d.call, d.reason])).toEqual([
      ['events.amazonaws.com kms:GenerateDataKey on the key of topic news', 'key policy aws_kms_key.k has no statement allowing events.amazonaws.com kms:GenerateDataKey'],
    ]);
    expect(trace).toEndInDeadLetterQueue('dlq');
  });

  it('denies when the key policy asks for aws:SourceAccount, which SNS does not pass to KMS', () => {
    const trace = put(model(ruleTo('aws_sns_topic.news', topicWithKey([keyUse({ StringEquals: { 'aws:SourceAccount': ACCOUNT } })]))));
    expect(trace.denials[0].reason).toBe(
      `key policy aws_kms_key.k Sid "EventsUseKey" would allow events.amazonaws.com kms:GenerateDataKey, but its condition StringEquals aws:SourceAccount ["${ACCOUNT}"] fails: the request carries no aws:SourceAccount (AWS documents no aws:SourceAccount in this request, so it is taken as absent)`,
    );
  });

  it('denies a topic without a policy of its own: SNS default policy admits only the owner through AWS:SourceOwner', () => {
    const resources = ruleTo('aws_sns_topic.news', { aws_sns_topic: { news: { name: 'news' } } });
    const trace = put(model(resources));
    expect(trace.denials[0]).toMatchObject({ call: 'events.amazonaws.com sns:Publish on topic news', policy: 'default topic policy of aws_sns_topic.news' });
  });

  it('denies an AWS managed key: its policy admits only principals of the account', () => {
    const resources = ruleTo('aws_sns_topic.news', {
      aws_sns_topic: { news: { name: 'news', kms_master_key_id: 'alias/aws/sns' } },
      aws_sns_topic_policy: { news: { arn: '${aws_sns_topic.news.arn}', policy: doc(allow('events.amazonaws.com', 'sns:Publish', RULE_ARN)) } },
    });
    const trace = put(model(resources));
    expect(trace.denials[0].call).toBe('events.amazonaws.com kms:GenerateDataKey on the key of topic news');
    expect(trace.denials[0].reason).toContain('fails: the request carries no kms:CallerAccount');
  });
});

describe('EventBridge rule → Lambda function (permission)', () => {
  const fn = (permission?: Json) => ({
    aws_lambda_function: { f: { function_name: 'f', role: 'arn:aws:iam::123456789012:role/f' } },
    ...(permission ? { aws_lambda_permission: { p: { function_name: '${aws_lambda_function.f.function_name}', action: 'lambda:InvokeFunction', ...permission } } } : {}),
  });
  it('admits the rule its permission names', () => {
    expect(put(model(ruleTo('aws_lambda_function.f', fn({ principal: 'events.amazonaws.com', source_arn: '${aws_cloudwatch_event_rule.r.arn}' }))))).toBeDeliveredTo('f');
  });
  it('denies another rule, and without a permission', () => {
    const other = put(model(ruleTo('aws_lambda_function.f', fn({ principal: 'events.amazonaws.com', source_arn: `${RULE_ARN}-x` }))));
    expect(other.denials[0].reason).toContain(`its condition ArnLike AWS:SourceArn ["${RULE_ARN}-x"] fails: the request's AWS:SourceArn is "${RULE_ARN}"`);
    const none = put(model(ruleTo('aws_lambda_function.f', fn())));
    expect(none.denials[0].reason).toBe('Lambda permissions of aws_lambda_function.f has no statement allowing events.amazonaws.com lambda:InvokeFunction');
    expect(none).toEndInDeadLetterQueue('dlq');
  });
});

describe('SNS → SQS queue, and the subscription DLQ', () => {
  const fanOut = (queuePolicyDoc: string) =>
    model({
      aws_sns_topic: { news: { name: 'news' } },
      aws_sqs_queue: { q: { name: 'q' }, sdlq: { name: 'sdlq' } },
      aws_sqs_queue_policy: {
        q: { queue_url: '${aws_sqs_queue.q.url}', policy: queuePolicyDoc },
        sdlq: { queue_url: '${aws_sqs_queue.sdlq.url}', policy: doc(allow('sns.amazonaws.com', 'sqs:SendMessage', TOPIC_ARN)) },
      },
      aws_sns_topic_subscription: { s: { topic_arn: '${aws_sns_topic.news.arn}', protocol: 'sqs', endpoint: '${aws_sqs_queue.q.arn}', redrive_policy: '{"deadLetterTargetArn":"${aws_sqs_queue.sdlq.arn}"}' } },
    });
  const publish = (m: RoutingModel) => simulate(m, { kind: 'publish', topic: 'news', message: 'hello' });

  it('admits sns.amazonaws.com for this topic', () => {
    expect(publish(fanOut(doc(allow('sns.amazonaws.com', 'sqs:SendMessage', TOPIC_ARN))))).toBeDeliveredTo('q');
  });

  it('denies another topic, and SNS moves the message to the subscription DLQ without retrying', () => {
    const trace = publish(fanOut(doc(allow('sns.amazonaws.com', 'sqs:SendMessage', `${TOPIC_ARN}-other`))));
    expect(trace).not.toBeDeliveredTo('q');
    expect(trace.denials.map((d) => d.call)).toEqual(['sns.amazonaws.com sqs:SendMessage on queue q']);
    expect(trace).toEndInDeadLetterQueue('sdlq');
    expect(trace.hops.find((h) => h.kind === 'deadLetter')).toMatchObject({ reason: 'delivery denied (sns.amazonaws.com sqs:SendMessage on queue q), a client-side error SNS does not retry' });
  });
});

describe('event source mapping and pipe roles', () => {
  const roleWith = (name: string) => ({
    [name]: { name, assume_role_policy: '{}' },
  });
  const readQueue = (actions: string[]) =>
    model({
      aws_sqs_queue: { q: { name: 'q' } },
      aws_iam_role: roleWith('worker'),
      aws_iam_role_policy: { p: { role: '${aws_iam_role.worker.id}', policy: doc({ Effect: 'Allow', Action: actions, Resource: '${aws_sqs_queue.q.arn}' }) } },
      aws_lambda_function: { f: { function_name: 'f', role: '${aws_iam_role.worker.arn}' } },
      aws_lambda_event_source_mapping: { m: { event_source_arn: '${aws_sqs_queue.q.arn}', function_name: '${aws_lambda_function.f.arn}' } },
    });
  const send = (m: RoutingModel) => simulate(m, { kind: 'sendMessage', queue: 'q', body: 'x' });

  it("lets the mapping receive with the function's role", () => {
    expect(send(readQueue(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']))).toBeDeliveredTo('f');
  });

  it('leaves the message in the queue when the role cannot receive', () => {
    const trace = send(readQueue(['sqs:SendMessage']));
    expect(trace).not.toBeDeliveredTo('f');
    expect(trace.denials.map((d) => [d.call, d.reason])).toEqual([
      [
        'role worker sqs:ReceiveMessage on queue q',
        'role policy aws_iam_role_policy.p has no statement allowing role arn:aws:iam::123456789012:role/worker sqs:ReceiveMessage',
      ],
    ]);
    expect(trace.hops[trace.hops.length - 1]).toMatchObject({ kind: 'dropped', reason: expect.stringContaining("the event source mapping cannot receive with the function's role") });
  });

  const piped = (targetActions: string[]) =>
    model({
      aws_cloudwatch_event_bus: { shop: { name: 'shop' } },
      aws_dynamodb_table: { t: { name: 't', hash_key: 'pk', stream_enabled: true, stream_view_type: 'NEW_IMAGE' } },
      aws_sqs_queue: { pdlq: { name: 'pdlq' } },
      aws_iam_role: roleWith('pipe'),
      aws_iam_role_policy: {
        p: {
          role: '${aws_iam_role.pipe.id}',
          policy: doc(
            { Effect: 'Allow', Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], Resource: '${aws_dynamodb_table.t.stream_arn}' },
            { Effect: 'Allow', Action: targetActions, Resource: '${aws_cloudwatch_event_bus.shop.arn}' },
            { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '${aws_sqs_queue.pdlq.arn}' },
          ),
        },
      },
      aws_pipes_pipe: {
        pipe: {
          name: 'pipe',
          role_arn: '${aws_iam_role.pipe.arn}',
          source: '${aws_dynamodb_table.t.stream_arn}',
          target: '${aws_cloudwatch_event_bus.shop.arn}',
          source_parameters: { dynamodb_stream_parameters: { starting_position: 'LATEST', maximum_retry_attempts: 1, dead_letter_config: { arn: '${aws_sqs_queue.pdlq.arn}' } } },
        },
      },
    });
  const record = (m: RoutingModel) => simulate(m, { kind: 'streamRecord', table: 't', eventName: 'INSERT', newImage: { pk: 'a' } });

  it('lets the pipe put events on the bus with its role', () => {
    expect(record(piped(['events:PutEvents']))).toBeDeliveredTo('shop');
  });

  it('fails every attempt when the role cannot put events, then sends the record to the pipe DLQ', () => {
    const trace = record(piped(['events:DescribeEventBus']));
    expect(trace).not.toBeDeliveredTo('shop');
    expect(trace.denials.map((d) => d.call)).toEqual(['role pipe events:PutEvents on bus shop', 'role pipe events:PutEvents on bus shop']);
    expect(trace).toEndInDeadLetterQueue('pdlq');
  });
});
