import { TerraformOutput } from 'cdktf';
import { DeadLetterQueue } from '../../modules/dead-letter-queue';
import { EventBusWithRules, RuleTarget } from '../../modules/event-bus-with-rules';
import { resourceAt, resourcesOf } from '../helpers/synth';
import { ACCOUNT, busStack, policyOf, ref, statement, synthJson } from './helpers';
import { statementWith } from '../helpers/policy';

const ROOT = (account: string) => `arn:\${data.aws_partition.AwsContextPartition.partition}:iam::${account}:root`;
const THIS_ACCOUNT = '${data.aws_caller_identity.AwsContext.account_id}';
const BUILT_BUS_ARN =
  'arn:${data.aws_partition.AwsContextPartition.partition}:events:${data.aws_region.AwsContextRegion.region}:${data.aws_caller_identity.AwsContext.account_id}:event-bus/orders';

describe('EventBusWithRules defaults', () => {
  const { stack, bus } = busStack({ tags: { team: 'orders' } });
  new TerraformOutput(stack, 'bus-name', { value: bus.eventBusName });
  new TerraformOutput(stack, 'bus-arn', { value: bus.eventBusArn });
  const json = synthJson(stack);

  it('makes a custom bus with the given name and tags, encrypted with an AWS owned key', () => {
    const eventBus = resourceAt(json, 'aws_cloudwatch_event_bus', 'orders/EventBus');
    expect(eventBus.name).toBe('orders');
    expect(eventBus.tags).toEqual({ team: 'orders' });
    expect(eventBus.kms_key_identifier).toBeUndefined();
    expect(eventBus.dead_letter_config).toBeUndefined();
    expect(resourcesOf(json, 'aws_kms_key')).toHaveLength(0);
  });

  it('exposes the bus name and ARN as references (IEventBusTarget)', () => {
    expect(json.output['bus-name'].value).toBe(ref(json, 'aws_cloudwatch_event_bus', 'orders/EventBus', 'name'));
    expect(json.output['bus-arn'].value).toBe(ref(json, 'aws_cloudwatch_event_bus', 'orders/EventBus', 'arn'));
    expect(bus.kmsKeyArn).toBeUndefined();
  });

  it('archives every event of the bus, indefinitely', () => {
    const archives = resourcesOf(json, 'aws_cloudwatch_event_archive');
    expect(archives).toHaveLength(1);
    expect(archives[0]).toMatchObject({
      name: 'orders-archive',
      event_source_arn: ref(json, 'aws_cloudwatch_event_bus', 'orders/EventBus', 'arn'),
      retention_days: 0,
    });
    expect(archives[0].event_pattern).toBeUndefined();
    expect(archives[0].kms_key_identifier).toBeUndefined();
  });

  it('always has one bus policy (Security Hub EventBridge.3), allowing only this account', () => {
    const policies = resourcesOf(json, 'aws_cloudwatch_event_bus_policy');
    expect(policies).toHaveLength(1);
    expect(policies[0].event_bus_name).toBe(ref(json, 'aws_cloudwatch_event_bus', 'orders/EventBus', 'name'));
    expect(policyOf(policies[0]).Statement).toEqual([
      {
        Sid: 'AllowThisAccountToPutEvents',
        Effect: 'Allow',
        Principal: { AWS: ROOT(THIS_ACCOUNT) },
        Action: 'events:PutEvents',
        Resource: ref(json, 'aws_cloudwatch_event_bus', 'orders/EventBus', 'arn'),
      },
    ]);
  });

  it('makes no log group, logging rule or log resource policy unless asked', () => {
    expect(resourcesOf(json, 'aws_cloudwatch_log_group')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_cloudwatch_event_rule')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_cloudwatch_log_resource_policy')).toHaveLength(0);
  });
});

describe('EventBusWithRules archive', () => {
  it('takes a name, a retention per environment, a description and a pattern', () => {
    const { stack } = busStack({
      archive: { name: 'orders-replay', retentionDays: 30, description: 'replay source', eventPattern: { source: ['orders.service'] } },
    });
    const archive = resourcesOf(synthJson(stack), 'aws_cloudwatch_event_archive')[0];
    expect(archive).toMatchObject({ name: 'orders-replay', retention_days: 30, description: 'replay source' });
    expect(JSON.parse(archive.event_pattern)).toEqual({ source: ['orders.service'] });
  });

  it('can be turned off', () => {
    const { stack } = busStack({ archive: false });
    expect(resourcesOf(synthJson(stack), 'aws_cloudwatch_event_archive')).toHaveLength(0);
  });

  it('shortens a default name past 48 characters with a stable hash', () => {
    const name = 'a'.repeat(60);
    const first = resourcesOf(synthJson(busStack({ name }).stack), 'aws_cloudwatch_event_archive')[0].name;
    const again = resourcesOf(synthJson(busStack({ name }).stack), 'aws_cloudwatch_event_archive')[0].name;
    expect(first).toHaveLength(48);
    expect(first).toMatch(/^a+-[0-9a-f]{8}-archive$/);
    expect(again).toBe(first);
  });
});

describe('EventBusWithRules bus policy', () => {
  it('lets the named accounts and organizations put events, in one policy, adding later grants to it', () => {
    const { stack, bus } = busStack({ allowPutEventsFrom: ['444455556666', 'o-a1b2c3d4e5'] });
    bus.allowPutEventsFrom('777788889999');
    bus.allowPutEventsFrom('444455556666');
    const json = synthJson(stack);
    const policies = resourcesOf(json, 'aws_cloudwatch_event_bus_policy');
    expect(policies).toHaveLength(1);
    const policy = policyOf(policies[0]);
    const busArn = ref(json, 'aws_cloudwatch_event_bus', 'orders/EventBus', 'arn');
    expect(statement(policy, 'AllowAccountsToPutEvents')).toEqual({
      Sid: 'AllowAccountsToPutEvents',
      Effect: 'Allow',
      Principal: { AWS: [ROOT('444455556666'), ROOT('777788889999')] },
      Action: 'events:PutEvents',
      Resource: busArn,
    });
    expect(statementWith(policy.Statement, { Principal: '*', Action: 'events:PutEvents' })).toEqual({
      Sid: expect.any(String),
      Effect: 'Allow',
      Principal: '*',
      Action: 'events:PutEvents',
      Resource: busArn,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    });
    expect(policy.Statement).toHaveLength(3);
  });
});

describe('EventBusWithRules customer-managed encryption', () => {
  const { stack, bus } = busStack({ encryption: 'customer-managed', tags: { team: 'orders' } });
  new TerraformOutput(stack, 'key-arn', { value: bus.kmsKeyArn });
  const json = synthJson(stack);
  const keyArn = ref(json, 'aws_kms_key', 'orders/Key/Key', 'arn');

  it('makes a rotating key and encrypts the bus and its archive with it', () => {
    const key = resourceAt(json, 'aws_kms_key', 'orders/Key/Key');
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, tags: { team: 'orders' } });
    expect(resourceAt(json, 'aws_kms_alias', 'orders/Key/Alias').name).toBe('alias/eventbridge/orders');
    expect(resourceAt(json, 'aws_cloudwatch_event_bus', 'orders/EventBus').kms_key_identifier).toBe(keyArn);
    expect(resourcesOf(json, 'aws_cloudwatch_event_archive')[0].kms_key_identifier).toBe(keyArn);
    expect(json.output['key-arn'].value).toBe(keyArn);
  });

  it('lets EventBridge describe the key and use it only for this bus (encryption context), as AWS documents', () => {
    const policy = policyOf(resourceAt(json, 'aws_kms_key', 'orders/Key/Key'));
    expect(statement(policy, 'AllowEventBridgeDescribeKey')).toEqual({
      Sid: 'AllowEventBridgeDescribeKey',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
    });
    expect(statement(policy, 'AllowEventBridgeUseForThisBus')).toEqual({
      Sid: 'AllowEventBridgeUseForThisBus',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:ReEncrypt*'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:EncryptionContext:aws:events:event-bus:arn': BUILT_BUS_ARN } },
    });
    expect(statement(policy, 'AllowAccountAdministration').Principal).toEqual({ AWS: ROOT(THIS_ACCOUNT) });
  });

  it('builds the bus ARN in the key policy instead of referring to the bus (which refers to the key)', () => {
    expect(resourceAt(json, 'aws_kms_key', 'orders/Key/Key').policy).not.toContain('aws_cloudwatch_event_bus');
  });

  it('gives the bus a standard dead-letter queue for events that fail encryption, writable only by this bus', () => {
    const dlq = resourceAt(json, 'aws_sqs_queue', 'orders/DeadLetterQueue/Resource/Queue');
    expect(dlq.name).toBe('orders-bus-dlq');
    expect(dlq.fifo_queue).toBeUndefined();
    const busArn = ref(json, 'aws_cloudwatch_event_bus', 'orders/EventBus', 'arn');
    expect(resourceAt(json, 'aws_cloudwatch_event_bus', 'orders/EventBus').dead_letter_config).toEqual({
      arn: ref(json, 'aws_sqs_queue', 'orders/DeadLetterQueue/Resource/Queue', 'arn'),
    });
    const queuePolicy = policyOf(resourceAt(json, 'aws_sqs_queue_policy', 'orders/DeadLetterQueue/Resource/Policy'));
    expect(statementWith(queuePolicy.Statement, { Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage' })).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Condition: { ArnEquals: { 'aws:SourceArn': busArn } },
    });
  });
});

describe('EventBusWithRules with a key of yours', () => {
  const keyArn = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

  it('uses it for the bus and archive and makes no key', () => {
    const { stack, bus } = busStack({ encryption: { kmsKeyArn: keyArn } });
    const json = synthJson(stack);
    expect(resourceAt(json, 'aws_cloudwatch_event_bus', 'orders/EventBus').kms_key_identifier).toBe(keyArn);
    expect(resourcesOf(json, 'aws_cloudwatch_event_archive')[0].kms_key_identifier).toBe(keyArn);
    expect(resourcesOf(json, 'aws_kms_key')).toHaveLength(0);
    expect(bus.kmsKeyArn).toBe(keyArn);
  });

  it('takes your standard dead-letter queue for the bus and grants this bus on it, or none when told', () => {
    const { stack } = busStack({ encryption: { kmsKeyArn: keyArn } });
    const dlq = new DeadLetterQueue(stack, 'bus-dlq', { name: 'orders-bus-dead-letters' });
    new EventBusWithRules(stack, 'second', { name: 'second', encryption: { kmsKeyArn: keyArn }, deadLetterQueue: dlq });
    new EventBusWithRules(stack, 'third', { name: 'third', encryption: { kmsKeyArn: keyArn }, deadLetterQueue: false });
    const json = synthJson(stack);
    expect(resourceAt(json, 'aws_cloudwatch_event_bus', 'second/EventBus').dead_letter_config).toEqual({
      arn: ref(json, 'aws_sqs_queue', 'bus-dlq/Resource/Queue', 'arn'),
    });
    expect(resourceAt(json, 'aws_cloudwatch_event_bus', 'third/EventBus').dead_letter_config).toBeUndefined();
    const grant = statementWith(policyOf(resourceAt(json, 'aws_sqs_queue_policy', 'bus-dlq/Resource/Policy')).Statement, { Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage' });
    expect(grant.Condition).toEqual({ ArnEquals: { 'aws:SourceArn': ref(json, 'aws_cloudwatch_event_bus', 'second/EventBus', 'arn') } });
  });
});

describe('EventBusWithRules catch-all logging', () => {
  it('logs every event to /aws/events/<bus> for 365 days through a rule with a DLQ', () => {
    const { stack, bus } = busStack({ logAllEvents: true });
    const json = synthJson(stack);
    const logGroup = resourceAt(json, 'aws_cloudwatch_log_group', 'orders/LogGroup');
    expect(logGroup).toMatchObject({ name: '/aws/events/orders', retention_in_days: 365 });
    expect(logGroup.kms_key_id).toBeUndefined();

    const rule = resourceAt(json, 'aws_cloudwatch_event_rule', 'orders/LogAllEvents/Rule');
    expect(rule).toMatchObject({ name: 'log-all-events', state: 'ENABLED', event_bus_name: ref(json, 'aws_cloudwatch_event_bus', 'orders/EventBus', 'name') });
    expect(JSON.parse(rule.event_pattern)).toEqual({ source: [{ prefix: '' }] });
    const target = resourceAt(json, 'aws_cloudwatch_event_target', 'orders/LogAllEvents/Target-log-group-1');
    expect(target.arn).toBe(ref(json, 'aws_cloudwatch_log_group', 'orders/LogGroup', 'arn'));
    expect(target.role_arn).toBeUndefined();
    expect(target.dead_letter_config.arn).toBe(ref(json, 'aws_sqs_queue', 'orders/LogAllEvents/DeadLetterQueue/Resource/Queue', 'arn'));
    expect(bus.loggingRule).toBe(bus.rule('LogAllEvents'));
  });

  it('lets EventBridge create streams in the log group and put events only on behalf of the logging rule', () => {
    const { stack } = busStack({ logAllEvents: true });
    const json = synthJson(stack);
    const policies = resourcesOf(json, 'aws_cloudwatch_log_resource_policy');
    expect(policies).toHaveLength(1);
    expect(policies[0].policy_name).toBe('eventbridge-orders-to-logs');
    const streams = `${ref(json, 'aws_cloudwatch_log_group', 'orders/LogGroup', 'arn')}:*`;
    expect(policyOf(policies[0], 'policy_document').Statement).toEqual([
      {
        Sid: 'AllowEventBridgeCreateLogStreams',
        Effect: 'Allow',
        Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
        Action: 'logs:CreateLogStream',
        Resource: [streams],
      },
      {
        Sid: expect.any(String),
        Effect: 'Allow',
        Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
        Action: 'logs:PutLogEvents',
        Resource: streams,
        Condition: { ArnEquals: { 'aws:SourceArn': [ref(json, 'aws_cloudwatch_event_rule', 'orders/LogAllEvents/Rule', 'arn')] } },
      },
    ]);
  });

  it('takes a log group name, retention, key and rule name', () => {
    const keyArn = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/abcd`;
    const { stack } = busStack({ logAllEvents: { logGroupName: '/orders/events', retentionDays: 30, kmsKeyArn: keyArn, ruleName: 'audit' } });
    const json = synthJson(stack);
    expect(resourceAt(json, 'aws_cloudwatch_log_group', 'orders/LogGroup')).toMatchObject({ name: '/orders/events', retention_in_days: 30, kms_key_id: keyArn });
    expect(resourceAt(json, 'aws_cloudwatch_event_rule', 'orders/LogAllEvents/Rule').name).toBe('audit');
  });

  it('encrypts the log group with the bus key when the bus has one, admitting CloudWatch Logs for that log group only', () => {
    const { stack } = busStack({ encryption: 'customer-managed', logAllEvents: true });
    const json = synthJson(stack);
    expect(resourceAt(json, 'aws_cloudwatch_log_group', 'orders/LogGroup').kms_key_id).toBe(ref(json, 'aws_kms_key', 'orders/Key/Key', 'arn'));
    const grant = statementWith(policyOf(resourceAt(json, 'aws_kms_key', 'orders/Key/Key')).Statement, { Principal: { Service: 'logs.${data.aws_region.AwsContextRegion.region}.amazonaws.com' } });
    expect(grant).toEqual({
      Sid: expect.any(String),
      Effect: 'Allow',
      Principal: { Service: 'logs.${data.aws_region.AwsContextRegion.region}.amazonaws.com' },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        ArnEquals: {
          'kms:EncryptionContext:aws:logs:arn':
            'arn:${data.aws_partition.AwsContextPartition.partition}:logs:${data.aws_region.AwsContextRegion.region}:${data.aws_caller_identity.AwsContext.account_id}:log-group:/aws/events/orders',
        },
      },
    });
  });
});

describe('EventBusWithRules dead-letter queue settings', () => {
  it('applies the bus-wide retention and alarm settings to the queues it makes', () => {
    const { stack, bus } = busStack({
      encryption: 'customer-managed',
      deadLetterQueues: { retentionSeconds: 604_800, alarm: { threshold: 3, alarmActions: ['arn:aws:sns:eu-west-1:111122223333:ops'] } },
    });
    bus.addRule('placed', { eventPattern: { source: ['orders.service'] }, targets: [] });
    bus.rule('placed')!.addTarget(RuleTarget.lambda(`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:f`));
    const json = synthJson(stack);
    for (const path of ['orders/DeadLetterQueue', 'orders/placed/DeadLetterQueue']) {
      expect(resourceAt(json, 'aws_sqs_queue', `${path}/Resource/Queue`).message_retention_seconds).toBe(604_800);
      expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', `${path}/Resource/DepthAlarm`)).toMatchObject({
        threshold: 3,
        alarm_actions: ['arn:aws:sns:eu-west-1:111122223333:ops'],
      });
    }
  });
});
