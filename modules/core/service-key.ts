import { Construct } from 'constructs';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { awsContext } from './aws-context';
import { EncryptionContext, PolicyStatement, ResourcePolicy } from './policy';
import { checkArguments, checkProps, shape, SHAPES, validScope } from './shape';
import { PropsValidator } from './validation';
import { requireOwnFramework } from './framework';
import { KMS } from './aws-limits';

/** The alias name after its `alias/` prefix. */
const ALIAS_NAME_MAX = KMS.aliasNameMaxLength - 'alias/'.length;
const ALIAS_NAME = new RegExp(`^(?!aws/)[A-Za-z0-9/_-]{1,${ALIAS_NAME_MAX}}$`);

/** Props of a {@link ServiceKey}. */
export interface ServiceKeyProps {
  /** What the key encrypts, for its description and alias (`alias/<aliasName>`). */
  readonly aliasName: string;
  /** The key's description. @default `Encrypts <aliasName>` */
  readonly description?: string;
  /** Key policy statements beyond the account's administration, e.g. a service's use of the key. @default none */
  readonly statements?: PolicyStatement[];
  /** Days before a deleted key is destroyed. @default 30 (AWS allows 7–30) */
  readonly deletionWindowDays?: number;
  /** Tags of the key (the alias takes none). @default none */
  readonly tags?: Record<string, string>;
}

const STATEMENT = shape.record(shape.json);
const SERVICE_KEY_PROPS = shape.object(
  { aliasName: shape.string, description: shape.string, statements: shape.array(STATEMENT), deletionWindowDays: shape.number, tags: SHAPES.tags },
  ['aliasName'],
);

/**
 * A customer-managed KMS key with rotation on, whose key policy keeps the
 * account in control and admits AWS services one grant at a time, each
 * scoped by the encryption context of the resource it encrypts (the only
 * request context the service's KMS calls are documented to carry). AWS-managed keys (`alias/aws/sns`, …)
 * cannot be shared with other services, so encrypted resources that AWS
 * services write to need a key like this one.
 */
export class ServiceKey extends Construct {
  /** The KMS key resource. */
  readonly key: KmsKey;
  /** The key's ARN. */
  readonly keyArn: string;
  private readonly policy: ResourcePolicy;

  constructor(scope: Construct, id: string, props: ServiceKeyProps) {
    super(validScope(scope, id, 'ServiceKey'), id);
    requireOwnFramework(this);
    checkProps(this, props, SERVICE_KEY_PROPS);
    new PropsValidator(this)
      // KMS alias names: letters, digits, "/", "_" and "-"; "alias/aws/" is reserved for AWS managed keys.
      .matches('aliasName', props.aliasName, ALIAS_NAME, `KMS alias names are 1–${ALIAS_NAME_MAX} letters, digits, "/", "_" and "-", not starting with "aws/"`)
      .integer('deletionWindowDays', props.deletionWindowDays, KMS.minDeletionWindowDays, KMS.maxDeletionWindowDays, 'days')
      .throwIfInvalid();
    const ctx = awsContext(this);
    this.policy = new ResourcePolicy([
      {
        Sid: 'AllowAccountAdministration',
        Effect: 'Allow',
        Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      ...(props.statements ?? []),
    ]);
    this.key = new KmsKey(this, 'Key', {
      description: props.description ?? `Encrypts ${props.aliasName}`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowDays ?? 30,
      policy: this.policy.render(),
      tags: props.tags,
    });
    new KmsAlias(this, 'Alias', { name: `alias/${props.aliasName}`, targetKeyId: this.key.keyId });
    this.keyArn = this.key.arn;
  }

  /** Adds a statement to the key policy, which is rendered once at synth. */
  addStatement(statement: PolicyStatement): void {
    checkArguments(this, [['statement', statement, STATEMENT]]);
    this.policy.add(statement);
  }

  /**
   * Lets a service use the key to encrypt for (and decrypt from) one resource,
   * named by the encryption context its service sets on KMS calls, e.g.
   * `snsTopicEncryptionContext(topicArn)` for a topic's publishers.
   */
  allowServiceUse(servicePrincipal: string, encryptionContext: EncryptionContext): void {
    checkArguments(this, [
      ['servicePrincipal', servicePrincipal, shape.string],
      ['encryptionContext', encryptionContext, shape.record(shape.string)],
    ]);
    this.policy.allowServiceKeyUse(servicePrincipal, encryptionContext);
  }
}
