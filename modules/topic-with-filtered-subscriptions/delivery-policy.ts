import { PropsValidator } from '../core/validation';
import { SNS } from '../core/aws-limits';
import { fmt } from '../core/values';

/** How SNS spaces the retries of the backoff phase, between `minDelayTarget` and `maxDelayTarget`. */
export type BackoffFunction = 'linear' | 'arithmetic' | 'geometric' | 'exponential';

/**
 * When SNS retries a delivery to an HTTP/S endpoint that failed with a
 * server-side error. Retries happen in four phases: immediate (no delay),
 * pre-backoff (`minDelayTarget` apart), backoff (from `minDelayTarget` up to
 * `maxDelayTarget`) and post-backoff (`maxDelayTarget` apart).
 */
export interface HealthyRetryPolicy {
  /** Shortest delay between retries, in seconds. @default 20 (AWS allows 1 up to `maxDelayTarget`) */
  readonly minDelayTarget?: number;
  /** Longest delay between retries, in seconds. @default 20 (AWS allows `minDelayTarget` up to 3,600) */
  readonly maxDelayTarget?: number;
  /** Total retries, all phases included. @default 3 (AWS allows 0–100) */
  readonly numRetries?: number;
  /** Retries made at once, with no delay. @default 0 (AWS allows 0 or more) */
  readonly numNoDelayRetries?: number;
  /** Retries of the pre-backoff phase, `minDelayTarget` apart. @default 0 (AWS allows 0 or more) */
  readonly numMinDelayRetries?: number;
  /** Retries of the post-backoff phase, `maxDelayTarget` apart. @default 0 (AWS allows 0 or more) */
  readonly numMaxDelayRetries?: number;
  /** Backoff model between the shortest and longest delay. @default 'linear' */
  readonly backoffFunction?: BackoffFunction;
}

/** The `delivery_policy` of an HTTPS subscription (only HTTP/S subscriptions accept one). */
export interface HttpsDeliveryPolicy {
  /** Retries after server-side errors. @default AWS's: 3 retries, 20 seconds apart */
  readonly healthyRetryPolicy?: HealthyRetryPolicy;
  /** Most deliveries per second to this subscription. @default no throttling (AWS allows 1 or more) */
  readonly maxReceivesPerSecond?: number;
  /**
   * `Content-Type` of the notification requests.
   * @default 'text/plain; charset=UTF-8' (AWS accepts text/plain, application/json or application/xml, with an optional charset)
   */
  readonly headerContentType?: string;
}

const BACKOFF_FUNCTIONS: readonly BackoffFunction[] = ['linear', 'arithmetic', 'geometric', 'exponential'];
const CONTENT_TYPE = /^(text\/plain|application\/json|application\/xml)(; ?charset=[A-Za-z0-9._-]+)?$/;
const MAX_TOTAL_RETRY_SECONDS = SNS.maxDeliveryRetrySeconds;
const MAX_DELAY_SECONDS = SNS.maxDeliveryDelaySeconds;
const MAX_RETRIES = SNS.maxDeliveryRetries;
/** SNS's own values when a retry policy leaves them out (they are required once the policy is given). */
const DEFAULTS = { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3 } as const;

/** Checks a delivery policy against SNS's limits for HTTP/S endpoints. */
export function validateDeliveryPolicy(v: PropsValidator, field: string, policy: HttpsDeliveryPolicy | undefined): void {
  if (policy === undefined) return;
  const retry = policy.healthyRetryPolicy;
  if (retry) {
    const f = `${field}.healthyRetryPolicy`;
    const min = retry.minDelayTarget ?? DEFAULTS.minDelayTarget;
    const max = retry.maxDelayTarget ?? DEFAULTS.maxDelayTarget;
    const total = retry.numRetries ?? DEFAULTS.numRetries;
    v.integer(`${f}.minDelayTarget`, retry.minDelayTarget, 1, MAX_DELAY_SECONDS, 'seconds');
    v.integer(`${f}.maxDelayTarget`, retry.maxDelayTarget, 1, MAX_DELAY_SECONDS, 'seconds');
    v.check(!(min > max), `${f}.minDelayTarget`, min, `must not exceed maxDelayTarget (${max} seconds)`);
    v.integer(`${f}.numRetries`, retry.numRetries, 0, MAX_RETRIES);
    for (const phase of ['numNoDelayRetries', 'numMinDelayRetries', 'numMaxDelayRetries'] as const) {
      v.integer(`${f}.${phase}`, retry[phase], 0, Number.MAX_SAFE_INTEGER);
    }
    v.oneOf(`${f}.backoffFunction`, retry.backoffFunction, BACKOFF_FUNCTIONS);

    const noDelay = retry.numNoDelayRetries ?? 0;
    const minDelay = retry.numMinDelayRetries ?? 0;
    const maxDelay = retry.numMaxDelayRetries ?? 0;
    const phases = noDelay + minDelay + maxDelay;
    v.check(
      phases <= total,
      `${f}.numRetries`,
      total,
      `counts every retry, so it must be at least numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries (${phases})`,
    );
    // Every backoff-phase delay is at least minDelayTarget, so this is the
    // least time the policy can take; AWS caps the whole policy at 3,600 s.
    const backoff = Math.max(0, total - phases);
    const leastSeconds = (minDelay + backoff) * min + maxDelay * max;
    v.check(
      !(leastSeconds > MAX_TOTAL_RETRY_SECONDS),
      f,
      retry,
      `takes at least ${leastSeconds} seconds of retries; AWS allows at most ${fmt(MAX_TOTAL_RETRY_SECONDS)} seconds in total for an HTTP/S delivery policy`,
    );
  }
  v.integer(`${field}.maxReceivesPerSecond`, policy.maxReceivesPerSecond, 1, Number.MAX_SAFE_INTEGER);
  v.matches(
    `${field}.headerContentType`,
    policy.headerContentType,
    CONTENT_TYPE,
    'must be text/plain, application/json or application/xml, optionally with "; charset=<charset>"',
  );
}

/** The `delivery_policy` JSON SNS reads for a subscription. */
export function renderDeliveryPolicy(policy: HttpsDeliveryPolicy): string {
  const retry = policy.healthyRetryPolicy;
  return JSON.stringify({
    healthyRetryPolicy: retry
      ? {
          // SNS rejects a retry policy without these three; AWS's defaults fill them in.
          minDelayTarget: retry.minDelayTarget ?? DEFAULTS.minDelayTarget,
          maxDelayTarget: retry.maxDelayTarget ?? DEFAULTS.maxDelayTarget,
          numRetries: retry.numRetries ?? DEFAULTS.numRetries,
          numNoDelayRetries: retry.numNoDelayRetries,
          numMinDelayRetries: retry.numMinDelayRetries,
          numMaxDelayRetries: retry.numMaxDelayRetries,
          backoffFunction: retry.backoffFunction,
        }
      : undefined,
    throttlePolicy: policy.maxReceivesPerSecond !== undefined ? { maxReceivesPerSecond: policy.maxReceivesPerSecond } : undefined,
    requestPolicy: policy.headerContentType !== undefined ? { headerContentType: policy.headerContentType } : undefined,
  });
}
