import { TerraformOutput } from 'cdktf';
import { refTo, resourceAt, resourcesOf } from '../helpers/synth';
import { ACCOUNT_ID, ACCOUNT_ROOT, build, RULE_ARN, statementsOf, warningsOf } from './helpers';
import { document } from '../../modules/core/values';
import { statementsWith, statementWith } from '../helpers/policy';

const TOPIC = 'events/Topic';

describe('TopicWithFilteredSubscriptions: the topic', () => {
  describe('defaults', () => {
    const { json, topic } = build();
    const topicResource = resourceAt(json, 'aws_sns_topic', TOPIC);

    it('makes a standard topic encrypted with a KMS key made for it', () => {
      expect(topicResource).toEqual(
        expect.objectContaining({
          name: 'order-events',
          kms_master_key_id: refTo(json, 'aws_kms_key', 'events/Key/Key', 'arn'),
        }),
      );
      expect(topicResource.fifo_topic).toBeUndefined();
      expect(topicResource.content_based_deduplication).toBeUndefined();
      expect(topicResource.fifo_throughput_scope).toBeUndefined();
      expect(topic.key).toBeDefined();
      expect(topic.kmsKeyArn).toBe(topic.key!.keyArn);
      // The name the construct reports is the one it synthesizes.
      expect(topic.topicName).toBe(topicResource.name);
      expect(topic.fifo).toBe(false);
    });

    it('rotates the key and names it after the topic', () => {
      expect(resourceAt(json, 'aws_kms_key', 'events/Key/Key')).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
      expect(resourceAt(json, 'aws_kms_alias', 'events/Key/Alias')).toMatchObject({ name: 'alias/sns/order-events' });
    });

    it('keeps the key in the account only until a publisher is granted', () => {
      expect(statementsOf(resourceAt(json, 'aws_kms_key', 'events/Key/Key').policy)).toEqual([
        { Sid: 'AllowAccountAdministration', Effect: 'Allow', Principal: { AWS: ACCOUNT_ROOT }, Action: 'kms:*', Resource: '*' },
      ]);
    });

    it('has exactly one topic policy: deny publishing without TLS, and the owner account', () => {
      const policies = resourcesOf(json, 'aws_sns_topic_policy');
      expect(policies).toHaveLength(1);
      const topicArn = refTo(json, 'aws_sns_topic', TOPIC, 'arn');
      expect(policies[0].arn).toBe(topicArn);
      expect(statementsOf(policies[0].policy)).toEqual([
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: topicArn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'AllowOwnerAccount',
          Effect: 'Allow',
          Principal: { AWS: ACCOUNT_ROOT },
          Action: [
            'sns:GetTopicAttributes',
            'sns:SetTopicAttributes',
            'sns:AddPermission',
            'sns:RemovePermission',
            'sns:DeleteTopic',
            'sns:Subscribe',
            'sns:ListSubscriptionsByTopic',
            'sns:Publish',
          ],
          Resource: topicArn,
          Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT_ID } },
        },
      ]);
    });

    it('logs no delivery status and makes no role unless asked', () => {
      expect(Object.keys(topicResource).filter((k) => k.includes('feedback'))).toEqual([]);
      expect(resourcesOf(json, 'aws_iam_role')).toEqual([]);
    });

    it('exposes the topic ARN and name', () => {
      const built = build({}, (t, stack) => {
        new TerraformOutput(stack, 'arn', { value: t.topicArn });
        new TerraformOutput(stack, 'name', { value: t.topicName });
        new TerraformOutput(stack, 'key', { value: t.kmsKeyArn });
      });
      expect(built.json.output).toEqual({
        arn: { value: refTo(built.json, 'aws_sns_topic', TOPIC, 'arn') },
        name: { value: 'order-events' },
        key: { value: refTo(built.json, 'aws_kms_key', 'events/Key/Key', 'arn') },
      });
    });
  });

  describe('grants to publishers', () => {
    const bus2Rule = 'arn:aws:events:eu-west-1:123456789012:rule/orders/high-value';
    const alarm = 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:dlq-depth';
    const { json, topic } = build({}, (t) => {
      t.allowPublishFrom('events.amazonaws.com', RULE_ARN);
      t.allowPublishFrom('events.amazonaws.com', bus2Rule);
      t.allowPublishFrom('cloudwatch.amazonaws.com', alarm);
      t.allowPublishFrom('events.amazonaws.com', RULE_ARN); // same grant twice: one statement
    });
    const topicArn = refTo(json, 'aws_sns_topic', TOPIC, 'arn');

    it('gathers every grant in the one topic policy, each conditioned on its source ARN', () => {
      const policies = resourcesOf(json, 'aws_sns_topic_policy');
      expect(policies).toHaveLength(1);
      const statements = statementsOf(policies[0].policy);
      expect(statements).toHaveLength(5);
      expect(statementsWith(statements, { Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })).toHaveLength(1);
      expect(statementsWith(statements, { Sid: 'AllowOwnerAccount' })).toHaveLength(1);
      const grants = [
        ['events.amazonaws.com', RULE_ARN],
        ['events.amazonaws.com', bus2Rule],
        ['cloudwatch.amazonaws.com', alarm],
      ];
      expect(grants.map(([service, source]) => statementWith(statements, { Principal: { Service: service }, Condition: { ArnEquals: { 'aws:SourceArn': source } } }))).toEqual(
        grants.map(([service, source]) => ({
          Sid: expect.any(String),
          Effect: 'Allow',
          Principal: { Service: service },
          Action: 'sns:Publish',
          Resource: topicArn,
          Condition: { ArnEquals: { 'aws:SourceArn': source } },
        })),
      );
      expect(topic.policyStatements).toHaveLength(5);
    });

    it('lets each granted publisher service use the key for this topic only, by its encryption context, not by aws:SourceArn', () => {
      const statements = statementsOf(resourceAt(json, 'aws_kms_key', 'events/Key/Key').policy);
      // Two rules of one service share a statement: SNS's KMS request names the topic, not the rule.
      // The topic's ARN is built from its name: a reference to the topic would be a Terraform cycle (topic → key → topic).
      const builtTopicArn = expect.stringMatching(/^arn:\$\{data\.aws_partition\.[^}]+\}:sns:\$\{data\.aws_region\.[^}]+\}:\$\{data\.aws_caller_identity\.[^}]+\}:order-events$/);
      expect(statements).toHaveLength(3);
      const services = ['events.amazonaws.com', 'cloudwatch.amazonaws.com'];
      expect(services.map((service) => statementWith(statements, { Principal: { Service: service } }))).toEqual(
        services.map((service) => ({
          Sid: expect.any(String),
          Effect: 'Allow',
          Principal: { Service: service },
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          Resource: '*',
          Condition: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': builtTopicArn } },
        })),
      );
    });
  });

  describe('with a KMS key of the caller', () => {
    const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { json, topic } = build({ encryption: { kmsKeyArn } }, (t) => t.allowPublishFrom('events.amazonaws.com', RULE_ARN));

    it('encrypts with that key and makes none', () => {
      expect(resourceAt(json, 'aws_sns_topic', TOPIC).kms_master_key_id).toBe(kmsKeyArn);
      expect(resourcesOf(json, 'aws_kms_key')).toEqual([]);
      expect(topic.key).toBeUndefined();
      expect(topic.kmsKeyArn).toBe(kmsKeyArn);
    });

    it('still grants the publisher in the topic policy', () => {
      const statements = statementsOf(resourceAt(json, 'aws_sns_topic_policy', 'events/Policy').policy);
      expect(statements[2]).toMatchObject({ Principal: { Service: 'events.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': RULE_ARN } } });
    });

    it('warns with the exact statement the key policy needs', () => {
      const warnings = warningsOf(topic);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`encrypted with ${kmsKeyArn}`);
      const statement = JSON.parse(warnings[0].slice(warnings[0].indexOf('{')));
      expect(statement).toEqual({
        Sid: 'AllowEventsToUseKey',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': 'arn:<partition>:sns:<region>:<account-id>:order-events' } },
      });
    });
  });

  describe('FIFO', () => {
    const { json, topic } = build({ fifo: true, contentBasedDeduplication: true, fifoThroughputScope: 'MessageGroup', tags: { team: 'orders' } });

    it('appends .fifo and passes the FIFO settings through', () => {
      expect(resourceAt(json, 'aws_sns_topic', TOPIC)).toMatchObject({
        name: 'order-events.fifo',
        fifo_topic: true,
        content_based_deduplication: true,
        fifo_throughput_scope: 'MessageGroup',
        tags: { team: 'orders' },
      });
      expect(topic.topicName).toBe('order-events.fifo');
      expect(topic.fifo).toBe(true);
    });

    it('names the key alias without the dot KMS refuses', () => {
      expect(resourceAt(json, 'aws_kms_alias', 'events/Key/Alias').name).toBe('alias/sns/fifo/order-events');
      expect(resourceAt(json, 'aws_kms_key', 'events/Key/Key').tags).toEqual({ team: 'orders' });
    });

    it('accepts a name already ending in .fifo without doubling it', () => {
      const built = build({ name: 'order-events.fifo', fifo: true });
      expect(resourceAt(built.json, 'aws_sns_topic', TOPIC).name).toBe('order-events.fifo');
    });
  });

  describe('delivery-status logging', () => {
    it('makes a role limited to the topic log groups and sets it for SQS, Lambda and HTTP', () => {
      const { json, topic } = build({ deliveryStatusLogging: { successSampleRate: 25 } });
      const roleArn = refTo(json, 'aws_iam_role', 'events/DeliveryStatusRole', 'arn');
      const topicResource = resourceAt(json, 'aws_sns_topic', TOPIC);
      for (const p of ['sqs', 'lambda', 'http']) {
        expect(topicResource[`${p}_success_feedback_role_arn`]).toBe(roleArn);
        expect(topicResource[`${p}_failure_feedback_role_arn`]).toBe(roleArn);
        expect(topicResource[`${p}_success_feedback_sample_rate`]).toBe(25);
      }
      expect(Object.keys(topicResource).filter((k) => k.startsWith('application_') || k.startsWith('firehose_'))).toEqual([]);
      const role = resourceAt(json, 'aws_iam_role', 'events/DeliveryStatusRole');
      expect(document<any>(role.assume_role_policy)).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      });
      const rolePolicy = resourceAt(json, 'aws_iam_role_policy', 'events/DeliveryStatusRolePolicy');
      expect(rolePolicy.role).toBe(refTo(json, 'aws_iam_role', 'events/DeliveryStatusRole', 'id'));
      const group =
        'arn:${data.aws_partition.AwsContextPartition.partition}:logs:${data.aws_region.AwsContextRegion.region}:${data.aws_caller_identity.AwsContext.account_id}:log-group:sns/${data.aws_region.AwsContextRegion.region}/${data.aws_caller_identity.AwsContext.account_id}/order-events';
      expect(statementsOf(rolePolicy.policy)).toEqual([
        {
          Sid: 'WriteDeliveryStatusLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [group, `${group}:*`, `${group}/Failure`, `${group}/Failure:*`],
        },
      ]);
      expect(topic.deliveryStatusRole).toBeDefined();
    });

    it('uses the role given, for the protocols given only, failures only by default', () => {
      const roleArn = 'arn:aws:iam::123456789012:role/sns-delivery-status';
      const { json, topic } = build({ deliveryStatusLogging: { roleArn, protocols: ['sqs'] } });
      expect(resourceAt(json, 'aws_sns_topic', TOPIC)).toMatchObject({
        sqs_success_feedback_role_arn: roleArn,
        sqs_failure_feedback_role_arn: roleArn,
        sqs_success_feedback_sample_rate: 0,
      });
      expect(resourceAt(json, 'aws_sns_topic', TOPIC).lambda_failure_feedback_role_arn).toBeUndefined();
      expect(resourcesOf(json, 'aws_iam_role')).toEqual([]);
      expect(topic.deliveryStatusRole).toBeUndefined();
    });
  });

  it('synthesizes byte-identical JSON for the same input', () => {
    const make = () =>
      JSON.stringify(
        build({}, (t) => {
          t.allowPublishFrom('events.amazonaws.com', RULE_ARN);
          t.addEmailSubscription('ops', 'ops@acme-corp.io');
        }).json,
      );
    expect(make()).toBe(make());
  });
});
