import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { ACCOUNT, buildOrders, newStack, policy, serviceKey } from './fixtures';
import { expectFinding, expectNoFinding, findings } from './helpers';

describe('EDA-KMS-001 rotation', () => {
  it('passes with rotation, and for asymmetric keys', () => {
    const { stack } = newStack();
    serviceKey(stack, 'k');
    new KmsKey(stack, 'sign', { customerMasterKeySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' });
    expectNoFinding(stack, 'EDA-KMS-001');
  });
  it('fails without', () => {
    const { stack } = newStack();
    const k = new KmsKey(stack, 'k', {});
    expectFinding(stack, 'EDA-KMS-001', k, 'key does not rotate its key material');
  });
});

describe('EDA-KMS-002 key policy not public', () => {
  it('passes for the account root and conditioned grants', () => {
    const { stack } = newStack();
    new KmsKey(stack, 'k', { policy: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT } } }) });
    expectNoFinding(stack, 'EDA-KMS-002');
  });
  it('fails for an unconditioned grant to *', () => {
    const { stack } = newStack();
    const k = new KmsKey(stack, 'k', { policy: policy({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }) });
    expectFinding(stack, 'EDA-KMS-002', k, 'key policy allows any principal (*) to use the key with no condition');
  });
});

describe('EDA-KMS-003 key enabled', () => {
  it('passes by default', () => {
    const { stack } = newStack();
    new KmsKey(stack, 'k', {});
    expectNoFinding(stack, 'EDA-KMS-003');
  });
  it('fails when disabled', () => {
    const { stack } = newStack();
    const k = new KmsKey(stack, 'k', { isEnabled: false });
    expectFinding(stack, 'EDA-KMS-003', k, 'key is disabled (is_enabled = false)');
  });
});

describe('EDA-KMS-004 key policy defined', () => {
  it('passes with a policy', () => {
    const { stack } = newStack();
    serviceKey(stack, 'k');
    expectNoFinding(stack, 'EDA-KMS-004');
  });
  it('fails with the default policy', () => {
    const { stack } = newStack();
    const k = new KmsKey(stack, 'k', {});
    expectFinding(stack, 'EDA-KMS-004', k, 'key has the default key policy');
  });
});

describe('EDA-KMS-005 key limits', () => {
  it('passes for valid values', () => {
    const { stack } = newStack();
    new KmsKey(stack, 'k', { deletionWindowInDays: 7, enableKeyRotation: true, rotationPeriodInDays: 90 });
    expectNoFinding(stack, 'EDA-KMS-005');
  });
  it('fails for a 3-day window, a rotation period without rotation, and rotation on an asymmetric key', () => {
    const { stack } = newStack();
    const k = new KmsKey(stack, 'k', { deletionWindowInDays: 3, rotationPeriodInDays: 365 });
    const rsa = new KmsKey(stack, 'rsa', { customerMasterKeySpec: 'RSA_2048', enableKeyRotation: true });
    expectFinding(stack, 'EDA-KMS-005', k, 'deletion_window_in_days = 3 is outside 7..30 days');
    expectFinding(stack, 'EDA-KMS-005', k, 'rotation_period_in_days is set without enable_key_rotation = true');
    expectFinding(stack, 'EDA-KMS-005', rsa, 'enable_key_rotation = true on a RSA_2048 key');
  });
});

describe('EDA-KMS-006 keys of encrypted destinations admit the service', () => {
  it('passes for the orders topic and queues (key policy admits events and sns)', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-KMS-006');
  });
  it('fails for alias/aws/sqs, and for a key (through an alias) that does not admit EventBridge', () => {
    const { stack } = newStack();
    const rule = new CloudwatchEventRule(stack, 'r', { eventPattern: '{"source":["a"]}' });
    const managed = new SqsQueue(stack, 'managed', { kmsMasterKeyId: 'alias/aws/sqs' });
    const key = serviceKey(stack, 'k', ['sns.amazonaws.com']);
    const alias = new KmsAlias(stack, 'alias', { name: 'alias/orders', targetKeyId: key.keyId });
    const topic = new SnsTopic(stack, 'topic', { kmsMasterKeyId: alias.arn });
    new CloudwatchEventTarget(stack, 't1', { rule: rule.name, arn: managed.arn });
    new CloudwatchEventTarget(stack, 't2', { rule: rule.name, arn: topic.arn });
    expectFinding(stack, 'EDA-KMS-006', managed, 'queue is encrypted with the AWS managed key alias/aws/sqs, which events.amazonaws.com cannot use, so its deliveries fail');
    expectFinding(stack, 'EDA-KMS-006', topic, "topic's key x/k does not let events.amazonaws.com use it");
  });
  it('fails when the key admits EventBridge only under aws:SourceArn, which the KMS request SNS makes for it does not carry', () => {
    const { stack } = newStack();
    const rule = new CloudwatchEventRule(stack, 'r', { eventPattern: '{"source":["a"]}' });
    const statement = (condition: object): object => ({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*', Condition: condition });
    const bySource = new KmsKey(stack, 'bySource', { enableKeyRotation: true, policy: policy(statement({ ArnEquals: { 'aws:SourceArn': rule.arn } })) });
    const byContext = new KmsKey(stack, 'byContext', { enableKeyRotation: true, policy: policy(statement({ StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': 'arn:aws:sns:eu-west-1:123456789012:ok' } })) });
    const broken = new SnsTopic(stack, 'broken', { kmsMasterKeyId: bySource.arn });
    const ok = new SnsTopic(stack, 'ok', { name: 'ok', kmsMasterKeyId: byContext.arn });
    new CloudwatchEventTarget(stack, 't1', { rule: rule.name, arn: broken.arn });
    new CloudwatchEventTarget(stack, 't2', { rule: rule.name, arn: ok.arn });
    const finding = expectFinding(
      stack,
      'EDA-KMS-006',
      broken,
      "topic's key x/bySource lets events.amazonaws.com use it only under aws:SourceArn, which the KMS request made for it does not carry (AWS documents only kms:EncryptionContext:aws:sns:topicArn and kms:ViaService there), so its deliveries fail",
    );
    expect(finding.message).toContain('conditioned on StringEquals kms:EncryptionContext:aws:sns:topicArn');
    expect(findings(stack, 'EDA-KMS-006').filter((f) => f.path === ok.node.path)).toEqual([]);
  });
});
