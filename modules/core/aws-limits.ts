/**
 * AWS limits, one table for the whole library: the construct props are
 * validated against them at synth (PropsValidator), and the checks hold any
 * synthesized stack to the same numbers.
 */

/** SQS limits, from the SQS developer guide (quotas). */
export const SQS = {
  nameMaxLength: 80,
  maxRetentionSeconds: 1_209_600,
  minRetentionSeconds: 60,
  defaultRetentionSeconds: 345_600,
  /** AWS raised the maximum message size from 256 KiB to 1 MiB in August 2025. */
  maxMessageSizeBytes: 1_048_576,
  minMessageSizeBytes: 1_024,
  /** `DelaySeconds`: 0–900. */
  maxDelaySeconds: 900,
  /** `VisibilityTimeout`: 0–43,200 seconds (12 hours). */
  maxVisibilityTimeoutSeconds: 43_200,
  /** `ReceiveMessageWaitTimeSeconds`: 0–20. */
  maxReceiveWaitTimeSeconds: 20,
  /** `KmsDataKeyReusePeriodSeconds`: 60–86,400. */
  minDataKeyReusePeriodSeconds: 60,
  maxDataKeyReusePeriodSeconds: 86_400,
  /** Redrive policy `maxReceiveCount`: 1–1,000. */
  maxReceiveCountMin: 1,
  maxReceiveCountMax: 1_000,
} as const;

/** EventBridge limits, from the EventBridge API reference and quotas page. */
export const EVENTBRIDGE = {
  /** CreateEventBus: 1–256 characters. */
  busNameMaxLength: 256,
  /** PutRule `Name`: 1–64 characters. */
  ruleNameMaxLength: 64,
  /** PutTargets `Id`: 1–64 characters, unique within the rule. */
  targetIdMaxLength: 64,
  /** CreateArchive `ArchiveName`: 1–48 characters. */
  archiveNameMaxLength: 48,
  /** Descriptions of buses, rules and archives: at most 512 characters. */
  descriptionMaxLength: 512,
  /** Targets per rule (a hard quota). */
  maxTargetsPerRule: 5,
  /** RetryPolicy `MaximumRetryAttempts`: at least 0 (no retries). */
  minRetryAttempts: 0,
  /** RetryPolicy `MaximumRetryAttempts`: at most 185, which is also AWS's default. */
  maxRetryAttempts: 185,
  /**
   * RetryPolicy `MaximumEventAgeInSeconds`: at least 60. The API refuses a
   * smaller age, though the provider would let 0–59 through to apply.
   */
  minEventAgeSeconds: 60,
  /** RetryPolicy `MaximumEventAgeInSeconds`: at most 86,400 (24 hours), which is also AWS's default. */
  maxEventAgeSeconds: 86_400,
  /** Target `Input`: valid JSON, at most 8,192 characters. */
  inputMaxLength: 8_192,
  /** Target `InputPath`, and each path of an InputTransformer's `InputPathsMap`: at most 256 characters. */
  inputPathMaxLength: 256,
  /** InputTransformer `InputPathsMap`: at most 100 input paths. */
  maxInputPaths: 100,
  /** InputTransformer `InputTemplate`: 1–8,192 characters. */
  inputTemplateMaxLength: 8_192,
  /** SqsParameters `MessageGroupId`: at most 100 characters (EventBridge's limit, below SQS's 128). */
  messageGroupIdMaxLength: 100,
} as const;

/** CloudWatch Logs limits, for every log group the modules make. */
export const CLOUDWATCH_LOGS = {
  /** PutRetentionPolicy `retentionInDays` accepts only these; 0 here means no policy (kept forever). */
  retentionDays: [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as readonly number[],
} as const;
