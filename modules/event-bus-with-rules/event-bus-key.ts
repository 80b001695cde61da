import { Construct } from 'constructs';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { awsContext } from '../core/aws-context';
import { ResourcePolicy } from '../core/policy';

/** Props of an {@link EventBusKey}. */
export interface EventBusKeyProps {
  /** Name of the bus the key encrypts. */
  readonly eventBusName: string;
  /** ARN of the bus the key encrypts, built from its name (the bus itself refers to the key, so the key cannot refer to the bus). */
  readonly eventBusArn: string;
  /** Alias name, without `alias/`. */
  readonly aliasName: string;
  /** Days before a deleted key is destroyed. AWS allows 7–30; not checked at synth. @default 30 */
  readonly deletionWindowInDays?: number;
  /** Tags of the key (the alias takes none). @default none */
  readonly tags?: Record<string, string>;
}

/**
 * The customer-managed KMS key of an encrypted event bus and its archive.
 *
 * Core's `ServiceKey` grants only `kms:Decrypt` and `kms:GenerateDataKey*` on
 * `aws:SourceArn`; EventBridge also needs `kms:DescribeKey` (to check the key
 * is symmetric when the bus is created) and, for archives, `kms:ReEncrypt*`,
 * and it identifies the bus through the encryption context
 * `aws:events:event-bus:arn`, which covers the bus, its rules' target data
 * and its archives alike. So this key writes its own policy, in the same
 * shape as `ServiceKey` (account administration, rotation on).
 */
export class EventBusKey extends Construct {
  /** The KMS key resource. */
  readonly key: KmsKey;
  /** The key's ARN, which the bus and its archive take as their KMS key identifier. */
  readonly keyArn: string;
  private readonly policy: ResourcePolicy;
  private logGroupGrants = 0;

  constructor(scope: Construct, id: string, props: EventBusKeyProps) {
    super(scope, id);
    const ctx = awsContext(this);
    this.policy = new ResourcePolicy([
      {
        Sid: 'AllowAccountAdministration',
        Effect: 'Allow',
        Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        // Only key metadata; AWS's own example policy grants it without conditions.
        Sid: 'AllowEventBridgeDescribeKey',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'kms:DescribeKey',
        Resource: '*',
      },
      {
        Sid: 'AllowEventBridgeUseForThisBus',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:ReEncrypt*'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:EncryptionContext:aws:events:event-bus:arn': props.eventBusArn } },
      },
    ]);
    this.key = new KmsKey(this, 'Key', {
      description: `Encrypts events on EventBridge bus ${props.eventBusName} and its archive`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
      policy: this.policy.render(),
      tags: props.tags,
    });
    new KmsAlias(this, 'Alias', { name: `alias/${props.aliasName}`, targetKeyId: this.key.keyId });
    this.keyArn = this.key.arn;
  }

  /**
   * Lets CloudWatch Logs encrypt one log group with this key (the key policy
   * statement from the CloudWatch Logs guide, "Encrypt log data in CloudWatch
   * Logs using AWS KMS"), conditioned on that log group's ARN.
   */
  allowLogGroup(logGroupArn: string): void {
    const ctx = awsContext(this);
    this.logGroupGrants += 1;
    this.policy.add({
      Sid: `AllowCloudWatchLogsForLogGroup${this.logGroupGrants}`,
      Effect: 'Allow',
      Principal: { Service: `logs.${ctx.region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
    });
  }
}
