import { SQS } from './aws-limits';
import { PropsValidator } from './validation';

/** Server-side encryption of an SQS queue. */
export type QueueEncryption =
  /** SSE-SQS: keys owned and managed by SQS, at no cost. */
  | 'sqs-managed'
  /** SSE-KMS with a customer-managed key, needed when AWS services (SNS, EventBridge) must send to an encrypted queue. */
  | {
      /** ARN of the KMS key (or of its alias). */
      readonly kmsKeyArn: string;
      /** Seconds SQS reuses a data key before asking KMS again. @default 300 (AWS allows 60–86,400) */
      readonly dataKeyReusePeriodSeconds?: number;
    };

/** The batching limits of a queue reader: a Lambda event source mapping (`LAMBDA`) or a pipe (`PIPES`). */
interface QueueBatchingLimits {
  readonly maxBatchSize: number;
  readonly maxFifoBatchSize: number;
  readonly maxBatchingWindowSeconds: number;
  readonly maxBatchSizeWithoutWindow: number;
}

/**
 * Checks how a reader batches a queue's messages: `batchSize` within the
 * limit of a standard or FIFO queue, the window within its limit, and a
 * window of at least 1 second when the batch (or the reader's default) is
 * above what a batch without one may hold.
 */
export function validateQueueBatching(
  v: PropsValidator,
  id: string,
  reader: { readonly fifo: boolean; readonly batchSize?: number; readonly maximumBatchingWindowSeconds?: number; readonly defaultBatchSize: number },
  limits: QueueBatchingLimits,
): void {
  v.integer(`${id}.batchSize`, reader.batchSize, 1, reader.fifo ? limits.maxFifoBatchSize : limits.maxBatchSize);
  v.integer(`${id}.maximumBatchingWindowSeconds`, reader.maximumBatchingWindowSeconds, 0, limits.maxBatchingWindowSeconds, 'seconds');
  v.check(
    (reader.batchSize ?? reader.defaultBatchSize) <= limits.maxBatchSizeWithoutWindow || (reader.maximumBatchingWindowSeconds ?? 0) >= 1,
    `${id}.maximumBatchingWindowSeconds`,
    reader.maximumBatchingWindowSeconds ?? 0,
    `must be at least 1 second when batchSize is above ${limits.maxBatchSizeWithoutWindow}`,
  );
}

const NAME = /^[A-Za-z0-9_-]+$/;

/** The queue name AWS sees: FIFO queue names must end in `.fifo`. */
export function sqsQueueName(base: string, fifo: boolean): string {
  return fifo ? `${base}.fifo` : base;
}

/** Strips a `.fifo` suffix the caller may have written. */
export function baseQueueName(name: string): string {
  return name.endsWith('.fifo') ? name.slice(0, -'.fifo'.length) : name;
}

/** Checks a queue name (base, without `.fifo`) and how long it gets once `suffix` and `.fifo` are added. */
export function validateQueueName(v: PropsValidator, field: string, name: string, fifo: boolean, extra = ''): void {
  if (typeof name !== 'string') {
    v.check(false, field, name, 'must be a string: SQS queue names are 1–80 letters, digits, hyphens and underscores');
    return;
  }
  const base = baseQueueName(name);
  const full = sqsQueueName(base + extra, fifo);
  const reserved = extra.length + (fifo ? '.fifo'.length : 0);
  v.check(
    typeof name === 'string' && base.length > 0 && NAME.test(base) && full.length <= SQS.nameMaxLength,
    field,
    name,
    `SQS queue names are 1–80 letters, digits, hyphens and underscores, counting ${
      reserved ? `the "${extra}${fifo ? '.fifo' : ''}" suffix added here (so at most ${SQS.nameMaxLength - reserved} before it)` : 'everything'
    }`,
  );
  v.check(!name.endsWith('.fifo') || fifo, field, name, 'a name ending in ".fifo" needs fifo: true');
}

/** Checks a {@link QueueEncryption}. */
export function validateQueueEncryption(v: PropsValidator, field: string, encryption: QueueEncryption | undefined): void {
  if (encryption === undefined || encryption === 'sqs-managed') return;
  if (typeof encryption !== 'object' || encryption === null) {
    v.check(false, field, encryption, `must be "sqs-managed" or { kmsKeyArn }`);
    return;
  }
  v.arn(`${field}.kmsKeyArn`, encryption.kmsKeyArn, 'kms');
  v.integer(`${field}.dataKeyReusePeriodSeconds`, encryption.dataKeyReusePeriodSeconds, SQS.minDataKeyReusePeriodSeconds, SQS.maxDataKeyReusePeriodSeconds, 'seconds');
}

/** The KMS key ARN of an encryption setting, if it uses one. */
export function queueKmsKeyArn(encryption: QueueEncryption | undefined): string | undefined {
  return typeof encryption === 'object' && encryption !== null ? encryption.kmsKeyArn : undefined;
}
