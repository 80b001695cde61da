import { Construct } from 'constructs';
import { IQueueTarget, isQueueTarget } from './contracts';
import { validateEndpointArn } from './endpoints';
import { ImportedQueue } from './imported';
import { isToken, PropsValidator } from './validation';

/**
 * What a dead-letter (or failure-destination) setting is, decided once for
 * every module that takes one (topic subscriptions, rule targets, stream
 * readers): nothing, a queue construct, an ARN, or settings of a queue to make.
 */
export type DeadLetterPlan<P> =
  | { readonly kind: 'none' }
  | { readonly kind: 'queue'; readonly queue: IQueueTarget }
  | { readonly kind: 'arn'; readonly arn: string }
  | { readonly kind: 'make'; readonly props: P };

/** The services whose ARNs a dead-letter setting may name. */
export type DeadLetterService = 'sqs' | 'sns' | 's3';

/** What a module allows as its dead-letter setting, and how it says so. */
export interface DeadLetterRules {
  /** FIFO queues only (a FIFO topic's subscriptions), or standard only (everything else). */
  readonly fifo: boolean;
  /** Why the FIFO-ness is wrong: one text, or one for constructs and one for ARNs. */
  readonly pairing: string | { readonly queue: string; readonly arn: string };
  /** The services whose ARNs are taken (SQS alone: the ARN must follow SQS naming); none: strings are refused. */
  readonly arns: readonly DeadLetterService[];
  /** What is allowed, for a value of another kind. */
  readonly allowed: string;
  /** How a queue construct reads in an error. @default its construct path, else its name */
  readonly describe?: (queue: IQueueTarget) => unknown;
}

const SERVICE_WORDS: Record<DeadLetterService, string> = { sqs: 'a standard SQS queue', sns: 'a standard SNS topic', s3: 'an S3 bucket' };

/** Decides what a dead-letter setting is, recording what is wrong with it; settings of a queue to make are the module's to check. */
export function planDeadLetter<P extends object>(
  v: PropsValidator,
  field: string,
  option: IQueueTarget | string | P | false | undefined,
  rules: DeadLetterRules,
): DeadLetterPlan<P> {
  const pairing = typeof rules.pairing === 'string' ? { queue: rules.pairing, arn: rules.pairing } : rules.pairing;
  if (option === false) return { kind: 'none' };
  if (typeof option === 'string') {
    if (rules.arns.length === 0) {
      v.check(false, field, option, rules.allowed);
      return { kind: 'none' };
    }
    if (isToken(option)) return { kind: 'arn', arn: option };
    if (rules.arns.length === 1 && rules.arns[0] === 'sqs') {
      validateEndpointArn(v, field, option, 'queue');
      v.check(option.endsWith('.fifo') === rules.fifo, field, option, pairing.arn);
    } else {
      const service = /^arn:aws[a-z-]*:([a-z0-9]+):/.exec(option)?.[1];
      const words = rules.arns.map((s) => SERVICE_WORDS[s]);
      v.check(
        service !== undefined && (rules.arns as readonly string[]).includes(service),
        field,
        option,
        `must be the ARN of ${words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`}`,
      );
      v.check(option.endsWith('.fifo') === rules.fifo, field, option, pairing.arn);
      if (service === 'sqs') validateEndpointArn(v, field, option, 'queue');
      if (service === 'sns') validateEndpointArn(v, field, option, 'topic');
    }
    return { kind: 'arn', arn: option };
  }
  if (isQueueTarget(option)) {
    v.check(option.fifo === rules.fifo, field, (rules.describe ?? describeQueue)(option), pairing.queue);
    return { kind: 'queue', queue: option };
  }
  if (option !== undefined && (typeof option !== 'object' || option === null)) {
    v.check(false, field, option, rules.allowed);
    return { kind: 'none' };
  }
  return { kind: 'make', props: (option ?? {}) as P };
}

/** A dead-letter queue once resolved: its ARN, the queue construct (given, imported or made), and the one made here. */
export interface ResolvedDeadLetter<Q extends IQueueTarget> {
  /** ARN of the queue (or of the topic or bucket an ARN names). */
  readonly arn: string;
  /** The queue construct, unless the ARN names a topic or bucket or is not imported. */
  readonly queue?: IQueueTarget;
  /** The queue made here from settings. */
  readonly made?: Q;
}

/**
 * Resolves a plan: makes the queue from its settings (`make`, in `scope`),
 * and, with `importArns`, takes an SQS queue ARN as an {@link ImportedQueue}
 * at `<scope>/<id>`, so that granting it reports what its owner must add.
 */
export function resolveDeadLetter<P, Q extends IQueueTarget>(
  scope: Construct,
  id: string,
  plan: DeadLetterPlan<P>,
  make: (props: P) => Q,
  importArns: boolean,
): ResolvedDeadLetter<Q> | undefined {
  switch (plan.kind) {
    case 'none':
      return undefined;
    case 'queue':
      return { arn: plan.queue.queueArn, queue: plan.queue };
    case 'arn': {
      const isQueue = isToken(plan.arn) || /^arn:aws[a-z-]*:sqs:/.test(plan.arn);
      if (!importArns || !isQueue) return { arn: plan.arn };
      return { arn: plan.arn, queue: ImportedQueue.fromQueueArn(scope, id, plan.arn) };
    }
    case 'make': {
      const made = make(plan.props);
      return { arn: made.queueArn, queue: made, made };
    }
  }
}

/** A queue construct in messages: its construct path, else its name. */
function describeQueue(queue: IQueueTarget): unknown {
  if (Construct.isConstruct(queue)) return `construct ${queue.node.path}`;
  return queue.queueName;
}
