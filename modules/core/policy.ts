import { lazyJsonDocument } from './json-document';

/** An IAM policy statement, in the JSON form AWS reads. */
export interface PolicyStatement {
  /** Statement ID: letters and digits, unique in its policy. */
  readonly Sid?: string;
  /** Allow or deny. */
  readonly Effect: 'Allow' | 'Deny';
  /** Who the statement applies to (resource policies only). */
  readonly Principal?:
    | '*'
    | {
        /** Service principals, e.g. `events.amazonaws.com`. */
        readonly Service?: string | string[];
        /** Account root ARNs, account IDs, or IAM role or user ARNs. */
        readonly AWS?: string | string[];
      };
  /** Actions, e.g. `sqs:SendMessage`. */
  readonly Action: string | string[];
  /** Resource ARNs, or `*`; absent in trust (assume-role) policies. */
  readonly Resource?: string | string[];
  /** Conditions, e.g. `{ ArnEquals: { 'aws:SourceArn': ruleArn } }`. */
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** An IAM policy document. */
export interface PolicyDocument {
  /** The policy language version. */
  readonly Version: '2012-10-17';
  /** The statements. */
  readonly Statement: PolicyStatement[];
}

/** Wraps statements in a policy document. */
export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** Denies every action on `resource` made without TLS (`aws:SecureTransport` false). */
export function denyInsecureTransport(action: string, resource: string): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: action,
    Resource: resource,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/**
 * The statements of one resource policy, gathered from every grant and
 * rendered once at synth: a queue or topic has exactly one policy resource,
 * because two policy resources on one queue overwrite each other at apply.
 */
export class ResourcePolicy {
  private readonly statements: PolicyStatement[] = [];
  private readonly grantKeys = new Set<string>();

  constructor(base: PolicyStatement[] = []) {
    this.statements.push(...base);
  }

  /** Adds a statement as it is. */
  add(statement: PolicyStatement): void {
    this.statements.push(statement);
  }

  /**
   * Lets an AWS service principal perform `actions` on `resource`, only on
   * behalf of `sourceArn` (`aws:SourceArn`, against the confused-deputy problem)
   * and, when given, of `sourceAccount` (`aws:SourceAccount`: an S3 bucket's ARN
   * names no account, so AWS asks for both when S3 is the source).
   * Granting the same thing twice adds one statement.
   */
  allowService(servicePrincipal: string, actions: string[], resource: string, sourceArn: string, sourceAccount?: string): void {
    const key = JSON.stringify([servicePrincipal, actions, sourceArn, sourceAccount]);
    if (this.grantKeys.has(key)) return;
    this.grantKeys.add(key);
    this.statements.push({
      Sid: `Allow${serviceName(servicePrincipal)}${this.grantKeys.size}`,
      Effect: 'Allow',
      Principal: { Service: servicePrincipal },
      Action: actions.length === 1 ? actions[0] : actions,
      Resource: resource,
      Condition: {
        ArnEquals: { 'aws:SourceArn': sourceArn },
        ...(sourceAccount === undefined ? {} : { StringEquals: { 'aws:SourceAccount': sourceAccount } }),
      },
    });
  }

  /**
   * Lets an AWS service principal use a KMS key (`kms:GenerateDataKey*`,
   * `kms:Decrypt`) only for the resource named by `encryptionContext`, the
   * context its service sets on every KMS call (see {@link keyUseStatement}).
   * Granting the same thing twice adds one statement.
   */
  allowServiceKeyUse(servicePrincipal: string, encryptionContext: EncryptionContext): void {
    const key = JSON.stringify(['key-use', servicePrincipal, encryptionContext]);
    if (this.grantKeys.has(key)) return;
    this.grantKeys.add(key);
    this.statements.push(keyUseStatement(servicePrincipal, encryptionContext, `Allow${serviceName(servicePrincipal)}UseKey${this.grantKeys.size}`));
  }

  /** The statements so far (a copy). */
  get current(): PolicyStatement[] {
    return [...this.statements];
  }

  /** The policy document (`jsonencode`), rendered lazily so grants added after construction are included. */
  render(): string {
    return lazyJsonDocument(() => policyDocument(this.statements));
  }
}

/**
 * The encryption context a service sets when it calls KMS for one of its
 * resources, as `kms:EncryptionContext:<key>` condition keys read it:
 * SNS sets `aws:sns:topicArn` to the topic's ARN (SNS "Key management",
 * GameLift "Set up an SNS topic with server-side encryption"), SQS sets
 * `aws:sqs:arn` to the queue's ARN (SQS "Encryption at rest", key terms).
 */
export type EncryptionContext = Readonly<Record<string, string>>;

/** The encryption context of an SNS topic's messages. */
export function snsTopicEncryptionContext(topicArn: string): EncryptionContext {
  return { 'aws:sns:topicArn': topicArn };
}

/** The encryption context of an SQS queue's messages. */
export function sqsQueueEncryptionContext(queueArn: string): EncryptionContext {
  return { 'aws:sqs:arn': queueArn };
}

/**
 * The key-policy statement letting a service use a key for one resource.
 * It is scoped by the encryption context, not by `aws:SourceArn`: when SNS or
 * SQS calls KMS for a publishing service, the request carries the topic's or
 * queue's encryption context, while AWS documents no `aws:SourceArn` /
 * `aws:SourceAccount` for that call (SNS "Enable compatibility between event
 * sources from AWS services and encrypted topics" grants the service with no
 * source condition), so a source condition there denies every delivery.
 */
export function keyUseStatement(servicePrincipal: string, encryptionContext: EncryptionContext, sid = `Allow${serviceName(servicePrincipal)}ToUseKey`): PolicyStatement {
  const condition: Record<string, string> = {};
  for (const [k, v] of Object.entries(encryptionContext)) condition[`kms:EncryptionContext:${k}`] = v;
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: servicePrincipal },
    Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    Resource: '*',
    Condition: { StringEquals: condition },
  };
}

/** `events.amazonaws.com` → `Events`: a Sid may hold only letters and digits. */
export function serviceName(principal: string): string {
  const head = principal.split('.')[0].replace(/[^A-Za-z0-9]/g, '');
  return head.charAt(0).toUpperCase() + head.slice(1);
}
