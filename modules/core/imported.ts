import { Annotations, Fn } from 'cdktf';
import { Construct } from 'constructs';
import { IQueueTarget, ITopicTarget } from './contracts';
import { statementForDisplay, shown } from './display';
import { QUEUE_ARN, TOPIC_ARN } from './endpoints';
import { keyUseStatement, PolicyStatement, serviceName, snsTopicEncryptionContext } from './policy';
import { isToken, PropsValidator } from './validation';

/** A statement that a policy outside the stack must contain. */
export interface RequiredStatement {
  /** Which policy: `queue policy of <queue ARN>`, `topic policy of <topic ARN>` or `key policy of <key>`. */
  readonly policyOf: string;
  /** The statement that policy must contain, in the JSON form AWS reads. */
  readonly statement: PolicyStatement;
}

/** Who sends, by service principal, for readable statement IDs. */
const SOURCE_NAMES: Record<string, string> = {
  'sns.amazonaws.com': 'SnsTopic',
  'events.amazonaws.com': 'EventBridgeRule',
  's3.amazonaws.com': 'S3Bucket',
  'pipes.amazonaws.com': 'Pipe',
};

/**
 * Grants recorded for a resource this stack does not manage: each statement
 * its owner must add, kept once, and reported as a construct warning.
 */
class RequiredStatements {
  private readonly list: RequiredStatement[] = [];
  private readonly keys = new Set<string>();

  constructor(private readonly scope: Construct) {}

  get current(): readonly RequiredStatement[] {
    return [...this.list];
  }

  require(policyOf: string, statement: PolicyStatement, consequence: string): void {
    const key = JSON.stringify([policyOf, statement]);
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.list.push({ policyOf, statement });
    Annotations.of(this.scope).addWarning(
      `The ${policyOf} (made outside this stack) must hold this statement, or ${consequence}: ${JSON.stringify(statementForDisplay(statement))}`,
    );
  }
}

function sourceCondition(sourceArn: string, sourceAccount?: string): PolicyStatement['Condition'] {
  return {
    ArnEquals: { 'aws:SourceArn': sourceArn },
    ...(sourceAccount === undefined ? {} : { StringEquals: { 'aws:SourceAccount': sourceAccount } }),
  };
}

function sourceName(servicePrincipal: string): string {
  return SOURCE_NAMES[servicePrincipal] ?? serviceName(servicePrincipal);
}

/** The part of an ARN at `index` (`arn:partition:service:region:account:resource`), also when the ARN is a token. */
function arnPart(arn: string, index: number): string {
  return isToken(arn) ? Fn.element(Fn.split(':', arn), index) : arn.split(':')[index];
}

/** Optional settings of an imported queue. */
export interface ImportedQueueProps {
  /**
   * The customer managed KMS key that encrypts the queue, when one does:
   * senders granted on the queue then also need that key's policy to let them
   * use it (the callers report that statement). @default none (SSE-SQS or unencrypted)
   */
  readonly kmsKeyArn?: string;
}

/**
 * An SQS queue made outside this stack, by its ARN (in the spirit of the
 * CDK's `Queue.fromQueueArn`). It can be given wherever a queue construct can
 * (rule targets, subscriptions, dead-letter queues). Its policy is its
 * owner's: `allowSendFrom` records the statement the owner must add, reports
 * it as a warning at synth with the statement's JSON, and keeps it in
 * `requiredStatements`. Queue ARNs given as strings become imported queues.
 */
export class ImportedQueue extends Construct implements IQueueTarget {
  /**
   * The queue with this ARN: `arn:<partition>:sqs:<region>:<account>:<name>`,
   * the name 1–80 letters, digits, `-` and `_`, `.fifo` included (an
   * unresolved token is taken as it is). Throws a ValidationError on
   * `<scope>/<id>` for anything else.
   */
  static fromQueueArn(scope: Construct, id: string, queueArn: string, props: ImportedQueueProps = {}): ImportedQueue {
    return new ImportedQueue(scope, id, queueArn, props);
  }

  readonly queueArn: string;
  /** Name of the queue (from its ARN; a token when the ARN is one). */
  readonly queueName: string;
  /** URL of the queue, built from its ARN (`https://sqs.<region>.amazonaws.com/<account>/<name>`; `.amazonaws.com.cn` in China). */
  readonly queueUrl: string;
  /** True when the ARN visibly ends in `.fifo` (false for a token ARN). */
  readonly fifo: boolean;
  readonly kmsKeyArn?: string;
  private readonly required: RequiredStatements;

  private constructor(scope: Construct, id: string, queueArn: string, props: ImportedQueueProps) {
    super(scope, id);
    const v = new PropsValidator(this);
    v.check(typeof queueArn === 'string', 'queueArn', queueArn, 'must be an SQS queue ARN');
    v.matches('queueArn', queueArn, QUEUE_ARN, 'must be an SQS queue ARN (arn:<partition>:sqs:<region>:<account>:<name>, the name 1–80 letters, digits, "-" and "_", ".fifo" included)');
    v.arn('kmsKeyArn', props.kmsKeyArn, 'kms');
    v.throwIfInvalid();
    this.queueArn = queueArn;
    this.queueName = arnPart(queueArn, 5);
    const partition = arnPart(queueArn, 1);
    const domain = !isToken(partition) && partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    this.queueUrl = `https://sqs.${arnPart(queueArn, 3)}.${domain}/${arnPart(queueArn, 4)}/${this.queueName}`;
    this.fifo = !isToken(queueArn) && queueArn.endsWith('.fifo');
    this.kmsKeyArn = props.kmsKeyArn;
    this.required = new RequiredStatements(this);
  }

  /**
   * Records that the queue's owner must let `servicePrincipal` send on behalf
   * of `sourceArn` (and `sourceAccount`, when given) only, and warns with
   * that statement. The same grant twice is recorded once.
   */
  allowSendFrom(servicePrincipal: string, sourceArn: string, sourceAccount?: string): void {
    this.required.require(
      `queue policy of ${shown(this.queueArn, `the queue ${this.node.path}`)}`,
      {
        Sid: `Allow${sourceName(servicePrincipal)}ToSend`,
        Effect: 'Allow',
        Principal: { Service: servicePrincipal },
        Action: 'sqs:SendMessage',
        Resource: this.queueArn,
        Condition: sourceCondition(sourceArn, sourceAccount),
      },
      `${servicePrincipal} cannot send to it`,
    );
  }

  /** The statements the queue's owner must add, in the order granted. */
  get requiredStatements(): readonly RequiredStatement[] {
    return this.required.current;
  }
}

/** Optional settings of an imported topic. */
export interface ImportedTopicProps {
  /**
   * The customer managed KMS key that encrypts the topic, when one does:
   * a publishing service then also needs that key's policy to let it use the
   * key, which `allowPublishFrom` records too. @default none
   */
  readonly kmsKeyArn?: string;
}

/**
 * An SNS topic made outside this stack, by its ARN. Its policy (and key
 * policy) are its owner's: `allowPublishFrom` records the statements the
 * owner must add, reports them as warnings at synth, and keeps them in
 * `requiredStatements`. Topic ARNs given as strings become imported topics.
 */
export class ImportedTopic extends Construct implements ITopicTarget {
  /**
   * The topic with this ARN: `arn:<partition>:sns:<region>:<account>:<name>`,
   * the name 1–256 letters, digits, `-` and `_`, `.fifo` included (an
   * unresolved token is taken as it is). Throws a ValidationError on
   * `<scope>/<id>` for anything else.
   */
  static fromTopicArn(scope: Construct, id: string, topicArn: string, props: ImportedTopicProps = {}): ImportedTopic {
    return new ImportedTopic(scope, id, topicArn, props);
  }

  readonly topicArn: string;
  /** Name of the topic (from its ARN; a token when the ARN is one). */
  readonly topicName: string;
  /** True when the ARN visibly ends in `.fifo` (false for a token ARN). */
  readonly fifo: boolean;
  readonly kmsKeyArn?: string;
  private readonly required: RequiredStatements;

  private constructor(scope: Construct, id: string, topicArn: string, props: ImportedTopicProps) {
    super(scope, id);
    const v = new PropsValidator(this);
    v.check(typeof topicArn === 'string', 'topicArn', topicArn, 'must be an SNS topic ARN');
    v.matches('topicArn', topicArn, TOPIC_ARN, 'must be an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>, the name 1–256 letters, digits, "-" and "_", ".fifo" included)');
    v.arn('kmsKeyArn', props.kmsKeyArn, 'kms');
    v.throwIfInvalid();
    this.topicArn = topicArn;
    this.topicName = arnPart(topicArn, 5);
    this.fifo = !isToken(topicArn) && topicArn.endsWith('.fifo');
    this.kmsKeyArn = props.kmsKeyArn;
    this.required = new RequiredStatements(this);
  }

  /**
   * Records that the topic's owner must let `servicePrincipal` publish on
   * behalf of `sourceArn` (and `sourceAccount`) only, and, when the topic is
   * encrypted with a customer managed key, let it use that key for this
   * topic; warns with each statement. The same grant twice is recorded once.
   */
  allowPublishFrom(servicePrincipal: string, sourceArn: string, sourceAccount?: string): void {
    const topic = shown(this.topicArn, `the topic ${this.node.path}`);
    this.required.require(
      `topic policy of ${topic}`,
      {
        Sid: `Allow${sourceName(servicePrincipal)}ToPublish`,
        Effect: 'Allow',
        Principal: { Service: servicePrincipal },
        Action: 'sns:Publish',
        Resource: this.topicArn,
        Condition: sourceCondition(sourceArn, sourceAccount),
      },
      `${servicePrincipal} cannot publish to it`,
    );
    if (this.kmsKeyArn) {
      this.required.require(
        `key policy of ${shown(this.kmsKeyArn, `the KMS key of ${topic}`)}`,
        keyUseStatement(servicePrincipal, snsTopicEncryptionContext(this.topicArn)),
        `${servicePrincipal} cannot publish to the encrypted topic`,
      );
    }
  }

  /** The statements the topic's owner must add, in the order granted. */
  get requiredStatements(): readonly RequiredStatement[] {
    return this.required.current;
  }
}

/** A queue given as a construct or by ARN, as a queue construct: an ARN becomes an {@link ImportedQueue} at `<scope>/<id>`. */
export function queueOf(scope: Construct, id: string, queue: IQueueTarget | string): IQueueTarget {
  return typeof queue === 'string' ? ImportedQueue.fromQueueArn(scope, id, queue) : queue;
}

/** A topic given as a construct or by ARN, as a topic construct: an ARN becomes an {@link ImportedTopic} at `<scope>/<id>`. */
export function topicOf(scope: Construct, id: string, topic: ITopicTarget | string): ITopicTarget {
  return typeof topic === 'string' ? ImportedTopic.fromTopicArn(scope, id, topic) : topic;
}

