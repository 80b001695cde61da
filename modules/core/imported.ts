import { Annotations, Fn } from 'cdktf';
import { Construct } from 'constructs';
import { IQueueTarget, ITopicTarget } from './contracts';
import { statementForDisplay, shown } from './display';
import { ENDPOINT_ARN_NAMED, QUEUE_ARN, TOPIC_ARN } from './endpoints';
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

/** Optional settings of an imported queue or topic. */
export interface ImportedEndpointProps {
  /**
   * The customer managed KMS key that encrypts the queue or topic, when one
   * does: a queue's senders then also need that key's policy to admit them
   * (the callers report that statement); a topic's publishers too, which
   * `allowPublishFrom` records. @default none (SSE-SQS, unencrypted, or an AWS managed key)
   */
  readonly kmsKeyArn?: string;
}

/** Optional settings of an imported queue. */
export type ImportedQueueProps = ImportedEndpointProps;

/** Optional settings of an imported topic. */
export type ImportedTopicProps = ImportedEndpointProps;

/**
 * A queue or topic made outside this stack, known by its ARN: the ARN is
 * checked against the service's naming rules, and the grants given to it are
 * recorded as the statements its owner must add, each reported as a warning
 * at synth with its JSON.
 */
export abstract class ImportedEndpoint extends Construct {
  /** True when the ARN visibly ends in `.fifo` (false for a token ARN). */
  readonly fifo: boolean;
  /** The customer managed KMS key that encrypts it, when given. */
  readonly kmsKeyArn?: string;
  /** The name, from the ARN (a token when the ARN is one). */
  protected readonly nameInArn: string;
  private readonly required: RequiredStatements;

  protected constructor(scope: Construct, id: string, field: string, arn: string, kind: 'queue' | 'topic', props: ImportedEndpointProps) {
    super(scope, id);
    const v = new PropsValidator(this);
    v.check(typeof arn === 'string', field, arn, `must be ${ENDPOINT_ARN_NAMED[kind]}`);
    v.matches(field, arn, kind === 'queue' ? QUEUE_ARN : TOPIC_ARN, `must be ${ENDPOINT_ARN_NAMED[kind]}`);
    v.arn('kmsKeyArn', props.kmsKeyArn, 'kms');
    v.throwIfInvalid();
    this.nameInArn = arnPart(arn, 5);
    this.fifo = !isToken(arn) && arn.endsWith('.fifo');
    this.kmsKeyArn = props.kmsKeyArn;
    this.required = new RequiredStatements(this);
  }

  /** The statements the owner must add, in the order granted. */
  get requiredStatements(): readonly RequiredStatement[] {
    return this.required.current;
  }

  /** Records (once) and reports a statement the owner's `policyOf` must hold, or `consequence`. */
  protected require(policyOf: string, statement: PolicyStatement, consequence: string): void {
    this.required.require(policyOf, statement, consequence);
  }
}

/**
 * An SQS queue made outside this stack, by its ARN (in the spirit of the
 * CDK's `Queue.fromQueueArn`). It can be given wherever a queue construct can
 * (rule targets, subscriptions, dead-letter queues). Its policy is its
 * owner's: `allowSendFrom` records the statement the owner must add, reports
 * it as a warning at synth with the statement's JSON, and keeps it in
 * `requiredStatements`. Queue ARNs given as strings become imported queues.
 */
export class ImportedQueue extends ImportedEndpoint implements IQueueTarget {
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

  private constructor(scope: Construct, id: string, queueArn: string, props: ImportedQueueProps) {
    super(scope, id, 'queueArn', queueArn, 'queue', props);
    this.queueArn = queueArn;
    this.queueName = this.nameInArn;
    const partition = arnPart(queueArn, 1);
    const domain = !isToken(partition) && partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    this.queueUrl = `https://sqs.${arnPart(queueArn, 3)}.${domain}/${arnPart(queueArn, 4)}/${this.queueName}`;
  }

  /**
   * Records that the queue's owner must let `servicePrincipal` send on behalf
   * of `sourceArn` (and `sourceAccount`, when given) only, and warns with
   * that statement. The same grant twice is recorded once.
   */
  allowSendFrom(servicePrincipal: string, sourceArn: string, sourceAccount?: string): void {
    this.require(
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
}

/**
 * An SNS topic made outside this stack, by its ARN. Its policy (and key
 * policy) are its owner's: `allowPublishFrom` records the statements the
 * owner must add, reports them as warnings at synth, and keeps them in
 * `requiredStatements`. Topic ARNs given as strings become imported topics.
 */
export class ImportedTopic extends ImportedEndpoint implements ITopicTarget {
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

  private constructor(scope: Construct, id: string, topicArn: string, props: ImportedTopicProps) {
    super(scope, id, 'topicArn', topicArn, 'topic', props);
    this.topicArn = topicArn;
    this.topicName = this.nameInArn;
  }

  /**
   * Records that the topic's owner must let `servicePrincipal` publish on
   * behalf of `sourceArn` (and `sourceAccount`) only, and, when the topic is
   * encrypted with a customer managed key, let it use that key for this
   * topic; warns with each statement. The same grant twice is recorded once.
   */
  allowPublishFrom(servicePrincipal: string, sourceArn: string, sourceAccount?: string): void {
    const topic = shown(this.topicArn, `the topic ${this.node.path}`);
    this.require(
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
      this.require(
        `key policy of ${shown(this.kmsKeyArn, `the KMS key of ${topic}`)}`,
        keyUseStatement(servicePrincipal, snsTopicEncryptionContext(this.topicArn)),
        `${servicePrincipal} cannot publish to the encrypted topic`,
      );
    }
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

