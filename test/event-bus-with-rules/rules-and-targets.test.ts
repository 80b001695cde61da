import { DeadLetterQueue } from '../../modules/dead-letter-queue';
import { EventBusWithRules, RuleTarget } from '../../modules/event-bus-with-rules';
import { QueueWithDlq } from '../../modules/queue-with-dlq';
import { resourceAt, resourcesOf } from '../helpers/synth';
import { ACCOUNT, busStack, FakeTopic, FUNCTION_ARN, ORDER_PLACED, OTHER_BUS_ARN, policyOf, ref, STATE_MACHINE_ARN, statement, synthJson } from './helpers';
import { document } from '../../modules/core/values';
import { statementWith } from '../helpers/policy';

const RULE = 'orders/placed/Rule';
const THIS_ACCOUNT = '${data.aws_caller_identity.AwsContext.account_id}';

describe('addRule', () => {
  it('makes a rule on the bus with its name, description, pattern and state', () => {
    const { stack, bus } = busStack({ tags: { team: 'orders' } });
    const rule = bus.addRule('placed', {
      name: 'order-placed',
      description: 'Orders placed',
      eventPattern: { source: ['orders.service'], detail: { total: [{ numeric: ['>=', 100] }] } },
      enabled: false,
      tags: { flow: 'placement' },
    });
    const json = synthJson(stack);
    const resource = resourceAt(json, 'aws_cloudwatch_event_rule', RULE);
    expect(resource).toMatchObject({
      name: 'order-placed',
      description: 'Orders placed',
      event_bus_name: ref(json, 'aws_cloudwatch_event_bus', 'orders/EventBus', 'name'),
      state: 'DISABLED',
      tags: { team: 'orders', flow: 'placement' },
    });
    expect(resource.schedule_expression).toBeUndefined();
    expect(document<any>(resource.event_pattern)).toEqual({ source: ['orders.service'], detail: { total: [{ numeric: ['>=', 100] }] } });
    expect(bus.rules).toEqual([rule]);
    expect(bus.rule('placed')).toBe(rule);
  });

  it('names the rule after its construct ID and enables it by default, with no DLQ until a target needs one', () => {
    const { stack, bus } = busStack();
    const rule = bus.addRule('placed', { eventPattern: ORDER_PLACED });
    const json = synthJson(stack);
    expect(resourceAt(json, 'aws_cloudwatch_event_rule', RULE)).toMatchObject({ name: 'placed', state: 'ENABLED' });
    expect(rule.deadLetterQueue).toBeUndefined();
    expect(resourcesOf(json, 'aws_sqs_queue')).toHaveLength(0);
  });
});

describe('queue targets', () => {
  function build(queueProps: { fifo?: boolean; contentBasedDeduplication?: boolean } = {}, options: { messageGroupId?: string } = {}) {
    const { stack, bus } = busStack();
    const queue = new QueueWithDlq(stack, 'fraud', { name: 'fraud-review', ...queueProps });
    const rule = bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.queue(queue, options)] });
    return { stack, bus, queue, rule, json: synthJson(stack) };
  }

  it('sends to the queue, which lets events.amazonaws.com send only for this rule (ArnEquals aws:SourceArn = rule ARN)', () => {
    const { json } = build();
    const target = resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-queue-1');
    expect(target).toMatchObject({
      arn: ref(json, 'aws_sqs_queue', 'fraud/Resource/Queue', 'arn'),
      rule: ref(json, 'aws_cloudwatch_event_rule', RULE, 'name'),
      event_bus_name: ref(json, 'aws_cloudwatch_event_bus', 'orders/EventBus', 'name'),
      target_id: 'queue-1',
    });
    expect(target.role_arn).toBeUndefined();
    expect(target.sqs_target).toBeUndefined();

    const policies = resourcesOf(json, 'aws_sqs_queue_policy').filter((p) => p.queue_url === ref(json, 'aws_sqs_queue', 'fraud/Resource/Queue', 'url'));
    expect(policies).toHaveLength(1);
    const policy = policyOf(policies[0]);
    expect(statementWith(policy.Statement, { Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage' })).toEqual({
      Sid: expect.any(String),
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: ref(json, 'aws_sqs_queue', 'fraud/Resource/Queue', 'arn'),
      Condition: { ArnEquals: { 'aws:SourceArn': ref(json, 'aws_cloudwatch_event_rule', RULE, 'arn') } },
    });
    expect(statement(policy, 'DenyInsecureTransport')).toBeDefined();
  });

  it('gives the target 185 retries over 24 hours and the rule\'s standard DLQ, which only this rule may write to', () => {
    const { json, rule } = build();
    const target = resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-queue-1');
    expect(target.retry_policy).toEqual({ maximum_retry_attempts: 185, maximum_event_age_in_seconds: 86_400 });
    const dlqPath = 'orders/placed/DeadLetterQueue/Resource/Queue';
    expect(target.dead_letter_config).toEqual({ arn: ref(json, 'aws_sqs_queue', dlqPath, 'arn') });
    const dlq = resourceAt(json, 'aws_sqs_queue', dlqPath);
    expect(dlq).toMatchObject({ name: 'orders-placed-dlq', sqs_managed_sse_enabled: true, message_retention_seconds: 1_209_600 });
    expect(dlq.fifo_queue).toBeUndefined();
    expect(rule.deadLetterQueue).toBeInstanceOf(DeadLetterQueue);
    const grant = statementWith(policyOf(resourceAt(json, 'aws_sqs_queue_policy', 'orders/placed/DeadLetterQueue/Resource/Policy')).Statement, { Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage' });
    expect(grant).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Condition: { ArnEquals: { 'aws:SourceArn': ref(json, 'aws_cloudwatch_event_rule', RULE, 'arn') } },
    });
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'orders/placed/DeadLetterQueue/Resource/DepthAlarm').threshold).toBe(0);
  });

  it('refuses a FIFO queue without content-based deduplication, which EventBridge requires', () => {
    expect(() => build({ fifo: true }, { messageGroupId: 'orders' })).toThrow(
      'test/orders/placed: targets[0].queue = "construct test/fraud" is invalid: is a FIFO queue without content-based deduplication, which EventBridge requires of a FIFO queue target (it sends no deduplication ID): make the queue with contentBasedDeduplication: true',
    );
  });

  it('sends to a FIFO queue with the message group ID', () => {
    const { json } = build({ fifo: true, contentBasedDeduplication: true }, { messageGroupId: 'orders' });
    const target = resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-queue-1');
    expect(target.sqs_target).toEqual({ message_group_id: 'orders' });
    // The rule's DLQ stays standard: EventBridge does not support FIFO DLQs.
    expect(resourceAt(json, 'aws_sqs_queue', 'orders/placed/DeadLetterQueue/Resource/Queue').fifo_queue).toBeUndefined();
  });

  it('takes a queue ARN made elsewhere (no grant can be made there)', () => {
    const { stack, bus } = busStack();
    const arn = `arn:aws:sqs:eu-west-1:${ACCOUNT}:audit.fifo`;
    bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.queue(arn, { messageGroupId: 'audit' })] });
    const json = synthJson(stack);
    expect(resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-queue-1')).toMatchObject({ arn, sqs_target: { message_group_id: 'audit' } });
  });
});

describe('topic targets', () => {
  it('publishes to the topic, which is asked to let events.amazonaws.com publish for this rule only', () => {
    const { stack, bus } = busStack();
    const topic = new FakeTopic();
    const rule = bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.topic(topic)] });
    const json = synthJson(stack);
    const target = resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-topic-1');
    expect(target.arn).toBe(topic.topicArn);
    expect(target.role_arn).toBeUndefined();
    expect(target.dead_letter_config.arn).toBe(ref(json, 'aws_sqs_queue', 'orders/placed/DeadLetterQueue/Resource/Queue', 'arn'));
    expect(topic.grants).toEqual([{ principal: 'events.amazonaws.com', sourceArn: rule.ruleArn }]);
  });
});

describe('Lambda targets', () => {
  it('invokes the function, with a permission for events.amazonaws.com whose source is the rule', () => {
    const { stack, bus } = busStack();
    bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.lambda(FUNCTION_ARN), RuleTarget.lambda(`${FUNCTION_ARN}:live`)] });
    const json = synthJson(stack);
    expect(resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-lambda-1').arn).toBe(FUNCTION_ARN);
    expect(resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-lambda-2').arn).toBe(`${FUNCTION_ARN}:live`);
    const ruleArn = ref(json, 'aws_cloudwatch_event_rule', RULE, 'arn');
    const unqualified = resourceAt(json, 'aws_lambda_permission', 'orders/placed/Target-lambda-1-Permission');
    expect(unqualified).toEqual(
      expect.objectContaining({ action: 'lambda:InvokeFunction', function_name: FUNCTION_ARN, principal: 'events.amazonaws.com', source_arn: ruleArn }),
    );
    expect(unqualified.qualifier).toBeUndefined();
    expect(resourceAt(json, 'aws_lambda_permission', 'orders/placed/Target-lambda-2-Permission')).toMatchObject({
      function_name: FUNCTION_ARN,
      qualifier: 'live',
      source_arn: ruleArn,
    });
  });
});

describe('role-based targets', () => {
  function trustOf(role: Record<string, any>) {
    return document<any>(role.assume_role_policy);
  }

  it('puts events on another bus through a role only this rule can assume, allowed events:PutEvents on that bus only', () => {
    const { stack, bus } = busStack();
    const central = new EventBusWithRules(stack, 'central', { name: 'central' });
    bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.eventBus(OTHER_BUS_ARN), RuleTarget.eventBus(central)] });
    const json = synthJson(stack);
    const ruleArn = ref(json, 'aws_cloudwatch_event_rule', RULE, 'arn');
    const cases: Array<[string, string]> = [
      ['event-bus-1', OTHER_BUS_ARN],
      ['event-bus-2', ref(json, 'aws_cloudwatch_event_bus', 'central/EventBus', 'arn')],
    ];
    for (const [id, busArn] of cases) {
      const target = resourceAt(json, 'aws_cloudwatch_event_target', `orders/placed/Target-${id}`);
      expect(target.arn).toBe(busArn);
      expect(target.role_arn).toBe(ref(json, 'aws_iam_role', `orders/placed/Target-${id}-Role`, 'arn'));
      expect(trustOf(resourceAt(json, 'aws_iam_role', `orders/placed/Target-${id}-Role`)).Statement).toEqual([
        {
          Sid: 'AllowEventBridgeForThisRuleOnly',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': THIS_ACCOUNT }, ArnEquals: { 'aws:SourceArn': ruleArn } },
        },
      ]);
      const rolePolicy = resourceAt(json, 'aws_iam_role_policy', `orders/placed/Target-${id}-RolePolicy`);
      expect(rolePolicy.role).toBe(ref(json, 'aws_iam_role', `orders/placed/Target-${id}-Role`, 'id'));
      expect(policyOf(rolePolicy).Statement).toEqual([{ Sid: 'AllowTargetActionOnly', Effect: 'Allow', Action: 'events:PutEvents', Resource: busArn }]);
    }
  });

  it('starts state machine executions through a role allowed states:StartExecution on that state machine only', () => {
    const { stack, bus } = busStack();
    bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.stateMachine(STATE_MACHINE_ARN)] });
    const json = synthJson(stack);
    const target = resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-state-machine-1');
    expect(target).toMatchObject({ arn: STATE_MACHINE_ARN, role_arn: ref(json, 'aws_iam_role', 'orders/placed/Target-state-machine-1-Role', 'arn') });
    expect(trustOf(resourceAt(json, 'aws_iam_role', 'orders/placed/Target-state-machine-1-Role')).Statement[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': THIS_ACCOUNT },
      ArnEquals: { 'aws:SourceArn': ref(json, 'aws_cloudwatch_event_rule', RULE, 'arn') },
    });
    expect(policyOf(resourceAt(json, 'aws_iam_role_policy', 'orders/placed/Target-state-machine-1-RolePolicy')).Statement).toEqual([
      { Sid: 'AllowTargetActionOnly', Effect: 'Allow', Action: 'states:StartExecution', Resource: STATE_MACHINE_ARN },
    ]);
  });
});

describe('log group targets', () => {
  it('delivers to log groups given by name or ARN, through the bus\'s one log resource policy shared with the logging rule', () => {
    const { stack, bus } = busStack({ logAllEvents: true });
    const auditArn = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/orders/audit`;
    bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.logGroup('/orders/placed'), RuleTarget.logGroup(auditArn)] });
    bus.addRule('cancelled', { eventPattern: { source: ['orders.service'], 'detail-type': ['OrderCancelled'] }, targets: [RuleTarget.logGroup(auditArn)] });
    const json = synthJson(stack);
    const builtArn =
      'arn:${data.aws_partition.AwsContextPartition.partition}:logs:${data.aws_region.AwsContextRegion.region}:${data.aws_caller_identity.AwsContext.account_id}:log-group:/orders/placed';
    expect(resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-log-group-1').arn).toBe(builtArn);
    expect(resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-log-group-2').arn).toBe(auditArn);

    const policies = resourcesOf(json, 'aws_cloudwatch_log_resource_policy');
    expect(policies).toHaveLength(1);
    const policy = policyOf(policies[0], 'policy_document');
    const logging = ref(json, 'aws_cloudwatch_log_group', 'orders/LogGroup', 'arn');
    expect(statement(policy, 'AllowEventBridgeCreateLogStreams').Resource).toEqual([`${logging}:*`, `${builtArn}:*`, `${auditArn}:*`]);
    expect(statementWith(policy.Statement, { Action: 'logs:PutLogEvents', Resource: `${builtArn}:*` })).toMatchObject({
      Resource: `${builtArn}:*`,
      Condition: { ArnEquals: { 'aws:SourceArn': [ref(json, 'aws_cloudwatch_event_rule', RULE, 'arn')] } },
    });
    expect(statementWith(policy.Statement, { Action: 'logs:PutLogEvents', Resource: `${auditArn}:*` })).toMatchObject({
      Action: 'logs:PutLogEvents',
      Resource: `${auditArn}:*`,
      Condition: {
        ArnEquals: {
          'aws:SourceArn': [ref(json, 'aws_cloudwatch_event_rule', RULE, 'arn'), ref(json, 'aws_cloudwatch_event_rule', 'orders/cancelled/Rule', 'arn')],
        },
      },
    });
  });
});

describe('retry policy, input and dead-letter queue choices', () => {
  it('writes the retry policy and input transformer given', () => {
    const { stack, bus } = busStack();
    bus.addRule('placed', {
      eventPattern: ORDER_PLACED,
      targets: [
        RuleTarget.lambda(FUNCTION_ARN, {
          targetId: 'fulfil',
          retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 3_600 },
          inputTransformer: { inputPaths: { orderId: '$.detail.orderId', total: '$.detail.total' }, inputTemplate: '{"order": <orderId>, "total": <total>}' },
        }),
      ],
    });
    const target = resourceAt(synthJson(stack), 'aws_cloudwatch_event_target', 'orders/placed/Target-fulfil');
    expect(target.target_id).toBe('fulfil');
    expect(target.retry_policy).toEqual({ maximum_retry_attempts: 3, maximum_event_age_in_seconds: 3_600 });
    expect(target.input_transformer).toEqual({
      input_paths: { orderId: '$.detail.orderId', total: '$.detail.total' },
      input_template: '{"order": <orderId>, "total": <total>}',
    });
    expect(target.input).toBeUndefined();
    expect(target.input_path).toBeUndefined();
  });

  it('writes a constant input as JSON, and an input path as given', () => {
    const { stack, bus } = busStack();
    bus.addRule('placed', {
      eventPattern: ORDER_PLACED,
      targets: [RuleTarget.lambda(FUNCTION_ARN, { input: { action: 'refresh' } }), RuleTarget.stateMachine(STATE_MACHINE_ARN, { inputPath: '$.detail' })],
    });
    const json = synthJson(stack);
    expect(resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-lambda-1').input).toBe('{"action":"refresh"}');
    expect(resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-state-machine-2').input_path).toBe('$.detail');
  });

  it('shares one DLQ per rule among its targets', () => {
    const { stack, bus } = busStack();
    bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.lambda(FUNCTION_ARN), RuleTarget.stateMachine(STATE_MACHINE_ARN)] });
    const json = synthJson(stack);
    expect(resourcesOf(json, 'aws_sqs_queue')).toHaveLength(1);
    const dlqArn = ref(json, 'aws_sqs_queue', 'orders/placed/DeadLetterQueue/Resource/Queue', 'arn');
    expect(resourceAt(json, 'aws_cloudwatch_event_target', 'Target-lambda-1').dead_letter_config.arn).toBe(dlqArn);
    expect(resourceAt(json, 'aws_cloudwatch_event_target', 'Target-state-machine-2').dead_letter_config.arn).toBe(dlqArn);
    const grants = policyOf(resourceAt(json, 'aws_sqs_queue_policy', 'orders/placed/DeadLetterQueue/Resource/Policy')).Statement.filter((s) => s.Effect === 'Allow');
    expect(grants).toHaveLength(1);
  });

  it('takes settings for the rule DLQ, your own standard DLQ, or none, per rule and per target', () => {
    const { stack, bus } = busStack();
    const shared = new DeadLetterQueue(stack, 'shared-dlq', { name: 'shared-dead-letters' });
    bus.addRule('placed', {
      eventPattern: ORDER_PLACED,
      deadLetterQueue: { name: 'placed-dead-letters', retentionSeconds: 86_400, alarm: false },
      targets: [RuleTarget.lambda(FUNCTION_ARN), RuleTarget.stateMachine(STATE_MACHINE_ARN, { deadLetterQueue: false })],
    });
    bus.addRule('cancelled', { eventPattern: ORDER_PLACED, deadLetterQueue: shared, targets: [RuleTarget.lambda(FUNCTION_ARN)] });
    bus.addRule('changed', { eventPattern: ORDER_PLACED, deadLetterQueue: false, targets: [RuleTarget.lambda(FUNCTION_ARN, { deadLetterQueue: shared })] });
    const json = synthJson(stack);
    expect(resourceAt(json, 'aws_sqs_queue', 'orders/placed/DeadLetterQueue/Resource/Queue')).toMatchObject({ name: 'placed-dead-letters', message_retention_seconds: 86_400 });
    // The queue's depth alarm is off; the rule's own alarm on failed deliveries stays.
    expect(resourcesOf(json, 'aws_cloudwatch_metric_alarm').filter((a) => a['//'].metadata.path.includes('orders/placed')).map((a) => a.metric_name)).toEqual(['FailedInvocations']);
    expect(resourceAt(json, 'aws_cloudwatch_event_target', 'orders/placed/Target-state-machine-2').dead_letter_config).toBeUndefined();
    const sharedArn = ref(json, 'aws_sqs_queue', 'shared-dlq/Resource/Queue', 'arn');
    expect(resourceAt(json, 'aws_cloudwatch_event_target', 'orders/cancelled/Target-lambda-1').dead_letter_config.arn).toBe(sharedArn);
    expect(resourceAt(json, 'aws_cloudwatch_event_target', 'orders/changed/Target-lambda-1').dead_letter_config.arn).toBe(sharedArn);
    expect(resourcesOf(json, 'aws_sqs_queue').map((q) => q.name).sort()).toEqual(['placed-dead-letters', 'shared-dead-letters']);
    const sources = policyOf(resourceAt(json, 'aws_sqs_queue_policy', 'shared-dlq/Resource/Policy'))
      .Statement.filter((s) => s.Effect === 'Allow')
      .map((s) => s.Condition.ArnEquals['aws:SourceArn']);
    expect(sources).toEqual([ref(json, 'aws_cloudwatch_event_rule', 'orders/cancelled/Rule', 'arn'), ref(json, 'aws_cloudwatch_event_rule', 'orders/changed/Rule', 'arn')]);
  });

  it('shortens a long default DLQ name to SQS\'s 80 characters and replaces "." (not allowed in queue names)', () => {
    const { stack, bus } = busStack({ name: 'orders.v2.eu.west' });
    bus.addRule('placed', { name: `order.placed.${'x'.repeat(50)}`, eventPattern: ORDER_PLACED, targets: [RuleTarget.lambda(FUNCTION_ARN)] });
    const name = resourceAt(synthJson(stack), 'aws_sqs_queue', 'orders/placed/DeadLetterQueue/Resource/Queue').name as string;
    expect(name).toHaveLength(80);
    expect(name).toMatch(/^orders-v2-eu-west-order-placed-x+-[0-9a-f]{8}-dlq$/);
  });
});

describe('the 5-target limit', () => {
  it('allows 5 targets, counting those added with addTarget', () => {
    const { stack, bus } = busStack();
    const rule = bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.lambda(FUNCTION_ARN), RuleTarget.lambda(FUNCTION_ARN)] });
    rule.addTarget(RuleTarget.stateMachine(STATE_MACHINE_ARN));
    rule.addTarget(RuleTarget.eventBus(OTHER_BUS_ARN));
    rule.addTarget(RuleTarget.topic(new FakeTopic()));
    expect(rule.targets).toHaveLength(5);
    expect(resourcesOf(synthJson(stack), 'aws_cloudwatch_event_target').map((t) => t.target_id)).toEqual([
      'lambda-1',
      'lambda-2',
      'state-machine-3',
      'event-bus-4',
      'topic-5',
    ]);
  });
});

describe('alarm on failed deliveries', () => {
  it('alarms per rule on AWS/Events FailedInvocations by rule and bus name, with the bus DLQ alarm actions by default', () => {
    const { stack, bus } = busStack();
    const rule = bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.lambda(FUNCTION_ARN)] });
    const json = synthJson(stack);
    const alarm = resourceAt(json, 'aws_cloudwatch_metric_alarm', 'orders/placed/FailedInvocationsAlarm');
    expect(alarm).toMatchObject({
      alarm_name: 'orders-placed-failed-invocations',
      namespace: 'AWS/Events',
      metric_name: 'FailedInvocations',
      statistic: 'Sum',
      threshold: 0,
      comparison_operator: 'GreaterThanThreshold',
      dimensions: { RuleName: ref(json, 'aws_cloudwatch_event_rule', 'orders/placed/Rule', 'name'), EventBusName: ref(json, 'aws_cloudwatch_event_bus', 'orders/EventBus', 'name') },
    });
    expect(rule.failedInvocationsAlarm).toBeDefined();
  });

  it('takes a threshold and actions, falls back to the bus DLQ alarm actions, and is off only when set to false', () => {
    const topic = 'arn:aws:sns:eu-west-1:111122223333:alarms';
    const { stack, bus } = busStack({ deadLetterQueues: { alarm: { alarmActions: [topic], okActions: [topic] } } });
    bus.addRule('defaulted', { eventPattern: ORDER_PLACED, targets: [RuleTarget.lambda(FUNCTION_ARN)] });
    bus.addRule('tuned', { eventPattern: ORDER_PLACED, failedInvocationsAlarm: { threshold: 4, alarmActions: ['arn:aws:sns:eu-west-1:111122223333:other'] } });
    const off = bus.addRule('quiet', { eventPattern: ORDER_PLACED, failedInvocationsAlarm: false });
    const json = synthJson(stack);
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'orders/defaulted/FailedInvocationsAlarm')).toMatchObject({ threshold: 0, alarm_actions: [topic], ok_actions: [topic] });
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'orders/tuned/FailedInvocationsAlarm')).toMatchObject({ threshold: 4, alarm_actions: ['arn:aws:sns:eu-west-1:111122223333:other'], ok_actions: [topic] });
    expect(off.failedInvocationsAlarm).toBeUndefined();
    expect(resourcesOf(json, 'aws_cloudwatch_metric_alarm').filter((a) => a['//'].metadata.path.includes('orders/quiet'))).toEqual([]);
    expect(() => bus.addRule('bad', { eventPattern: ORDER_PLACED, failedInvocationsAlarm: { threshold: -1 } })).toThrow(/orders\/bad: failedInvocationsAlarm.threshold = -1 is invalid/);
  });
});
