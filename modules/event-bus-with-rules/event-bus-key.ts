import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { ServiceKey } from '../core/service-key';

/** Props of an {@link EventBusKey}. */
export interface EventBusKeyProps {
  /** Name of the bus the key encrypts. */
  readonly eventBusName: string;
  /** ARN of the bus the key encrypts, built from its name (the bus itself refers to the key, so the key cannot refer to the bus). */
  readonly eventBusArn: string;
  /** Alias name, without `alias/`. */
  readonly aliasName: string;
  /** Days before a deleted key is destroyed. AWS allows 7–30. @default 30 */
  readonly deletionWindowDays?: number;
  /** Tags of the key (the alias takes none). @default none */
  readonly tags?: Record<string, string>;
}

/**
 * The customer-managed KMS key of an encrypted event bus and its archive: a
 * {@link ServiceKey} whose policy also gives EventBridge `kms:DescribeKey` (to
 * check the key is symmetric when the bus is created) and, for this bus only
 * (encryption context `aws:events:event-bus:arn`, which covers the bus, its
 * rules' target data and its archives), `kms:ReEncrypt*` besides encrypting
 * and decrypting.
 */
export class EventBusKey extends ServiceKey {
  private logGroupGrants = 0;

  constructor(scope: Construct, id: string, props: EventBusKeyProps) {
    super(scope, id, {
      aliasName: props.aliasName,
      description: `Encrypts events on EventBridge bus ${props.eventBusName} and its archive`,
      deletionWindowDays: props.deletionWindowDays,
      tags: props.tags,
      statements: [
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
      ],
    });
  }

  /**
   * Lets CloudWatch Logs encrypt one log group with this key (the key policy
   * statement from the CloudWatch Logs guide, "Encrypt log data in CloudWatch
   * Logs using AWS KMS"), conditioned on that log group's ARN.
   */
  allowLogGroup(logGroupArn: string): void {
    const ctx = awsContext(this);
    this.logGroupGrants += 1;
    this.addStatement({
      Sid: `AllowCloudWatchLogsForLogGroup${this.logGroupGrants}`,
      Effect: 'Allow',
      Principal: { Service: `logs.${ctx.region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
    });
  }
}
