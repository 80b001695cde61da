/**
 * AWS limits, one table for the whole library: the construct props are
 * validated against them at synth (PropsValidator), and the checks hold any
 * synthesized stack to the same numbers.
 */

/** SQS limits: queue quotas and the queue attributes SQS accepts. */
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

/** EventBridge limits: CreateEventBus, PutRule, PutTargets, CreateArchive and the EventBridge quotas. */
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

/** SNS limits: CreateTopic, the topic attributes and HTTP/S delivery policies. */
export const SNS = {
  /** CreateTopic `Name`: 1–256 letters, digits, hyphens and underscores. */
  topicNameMaxLength: 256,
  /** A FIFO topic's name ends in `.fifo`, counted in the 256: at most 251 characters before it. */
  fifoTopicBaseNameMaxLength: 251,
  /** `SignatureVersion`: 1 (SHA1) or 2 (SHA256). */
  signatureVersions: [1, 2] as readonly number[],
  /** Delivery status logging `<protocol>SuccessFeedbackSampleRate`: 0–100 percent. */
  maxSuccessSampleRatePercent: 100,
  /** HTTP/S delivery policy: the retries of one message take at most 3,600 seconds in all (a hard limit). */
  maxDeliveryRetrySeconds: 3_600,
  /** HTTP/S delivery policy `minDelayTarget` / `maxDelayTarget`: at most 3,600 seconds. */
  maxDeliveryDelaySeconds: 3_600,
  /** HTTP/S delivery policy `numRetries`: at most 100. */
  maxDeliveryRetries: 100,
} as const;

/** DynamoDB limits: CreateTable, point-in-time recovery, auto scaling and stream reads. */
export const DYNAMODB = {
  /** Table and index names: 3–255 characters of `[a-zA-Z0-9_.-]`. */
  nameMinLength: 3,
  nameMaxLength: 255,
  /** Key attribute names: 1–255 bytes (UTF-8). */
  maxKeyAttributeNameBytes: 255,
  /** TimeToLiveSpecification `AttributeName`: 1–255 characters. */
  ttlAttributeNameMaxLength: 255,
  /** Global secondary indexes per table: 20 (default quota, adjustable through Service Quotas). */
  maxGlobalSecondaryIndexes: 20,
  /** Local secondary indexes per table: 5 (a hard limit). */
  maxLocalSecondaryIndexes: 5,
  /** Projected non-key attributes, summed over every index of a table: 100. */
  maxProjectedNonKeyAttributes: 100,
  /** PointInTimeRecoverySpecification `RecoveryPeriodInDays`: 1–35. */
  minRecoveryPeriodDays: 1,
  maxRecoveryPeriodDays: 35,
  /** Application Auto Scaling target utilisation of a table or index: 20–90 percent. */
  minTargetUtilizationPercent: 20,
  maxTargetUtilizationPercent: 90,
  /** Concurrent readers per stream shard before reads are throttled: 2. */
  maxStreamReadersPerShard: 2,
} as const;

/** Lambda limits: CreateFunction and CreateEventSourceMapping. */
export const LAMBDA = {
  /** Function name: 1–64 letters, digits, hyphens and underscores. */
  functionNameMaxLength: 64,
  /** Function `Timeout`: 1–900 seconds (15 minutes). */
  maxTimeoutSeconds: 900,
  /** Function `MemorySize`: 128–10,240 MB. */
  minMemoryMb: 128,
  maxMemoryMb: 10_240,
  /** `EphemeralStorage.Size`: 512–10,240 MB. */
  minEphemeralStorageMb: 512,
  maxEphemeralStorageMb: 10_240,
  /** `ReservedConcurrentExecutions`: at most 1,000,000 (the largest account quota). */
  maxReservedConcurrency: 1_000_000,
  /** Event source mapping `BatchSize`: 1–10,000 (streams and standard queues). */
  maxBatchSize: 10_000,
  /** `BatchSize` of a mapping on a FIFO queue: 1–10. */
  maxFifoBatchSize: 10,
  /** On an SQS queue, a `BatchSize` above 10 needs `MaximumBatchingWindowInSeconds` of at least 1. */
  maxBatchSizeWithoutWindow: 10,
  /** `MaximumBatchingWindowInSeconds`: 0–300. */
  maxBatchingWindowSeconds: 300,
  /** `MaximumRecordAgeInSeconds`: -1 (no limit) or 60–604,800 (7 days). */
  minRecordAgeSeconds: 60,
  maxRecordAgeSeconds: 604_800,
  /** `MaximumRetryAttempts`: -1 (until the record expires) or 0–10,000. */
  maxRetryAttempts: 10_000,
  /** `ParallelizationFactor`: 1–10 batches per shard. */
  maxParallelizationFactor: 10,
  /** `TumblingWindowInSeconds`: 0–900. */
  maxTumblingWindowSeconds: 900,
  /** ScalingConfig `MaximumConcurrency`: 2–1,000. */
  minMaximumConcurrency: 2,
  maxMaximumConcurrency: 1_000,
  /** `FilterCriteria`: 5 filters per mapping by default, at most 10 with a quota increase. */
  defaultMaxFilters: 5,
  maxFilters: 10,
  /** Each filter `Pattern`: at most 4,096 characters. */
  filterPatternMaxLength: 4_096,
} as const;

/** KMS limits: CreateKey, CreateAlias, EnableKeyRotation and ScheduleKeyDeletion. */
export const KMS = {
  /** ScheduleKeyDeletion `PendingWindowInDays`: 7–30. */
  minDeletionWindowDays: 7,
  maxDeletionWindowDays: 30,
  /** EnableKeyRotation `RotationPeriodInDays`: 90–2,560. */
  minRotationPeriodDays: 90,
  maxRotationPeriodDays: 2_560,
  /** CreateKey `Description`: at most 8,192 characters. */
  descriptionMaxLength: 8_192,
  /** Key policy: at most 32,768 bytes. */
  policyMaxLength: 32_768,
  /** CreateAlias `AliasName`: at most 256 characters, counting its `alias/` prefix. */
  aliasNameMaxLength: 256,
} as const;

/** EventBridge Pipes limits: CreatePipe's source parameters (DynamoDB stream, Kinesis stream, SQS queue) and names. */
export const PIPES = {
  /** Pipe `Name`: 1–64 letters, digits, dots, hyphens and underscores. */
  nameMaxLength: 64,
  /** Pipe `Description`: at most 512 characters. */
  descriptionMaxLength: 512,
  /** Target `InputTemplate`: at most 8,192 characters. */
  inputTemplateMaxLength: 8_192,
  /** Source `BatchSize`: 1–10,000 (streams and standard queues). */
  maxBatchSize: 10_000,
  /** `BatchSize` of a FIFO queue source: 1–10. */
  maxFifoBatchSize: 10,
  /** On a queue source, a `BatchSize` above 10 needs `MaximumBatchingWindowInSeconds` of at least 1. */
  maxBatchSizeWithoutWindow: 10,
  /** `MaximumBatchingWindowInSeconds`: 0–300. */
  maxBatchingWindowSeconds: 300,
  /** Stream `MaximumRecordAgeInSeconds`: -1 (no limit) or 60–604,800 (7 days). */
  minRecordAgeSeconds: 60,
  maxRecordAgeSeconds: 604_800,
  /** Stream `MaximumRetryAttempts`: -1 (until the record expires) or 0–10,000. */
  maxRetryAttempts: 10_000,
  /** Stream `ParallelizationFactor`: 1–10 batches per shard. */
  maxParallelizationFactor: 10,
} as const;

/** S3 limits: general purpose bucket names, notification key filters, object keys. */
export const S3 = {
  /** General purpose bucket names: at least 3 characters. */
  bucketNameMinLength: 3,
  /** General purpose bucket names: at most 63 characters. */
  bucketNameMaxLength: 63,
  /** `FilterRule.Value`: at most 1,024 characters. */
  filterValueMaxLength: 1_024,
  /** Object keys: at most 1,024 bytes of UTF-8. */
  keyMaxBytes: 1_024,
} as const;

/** Kinesis Data Streams limits. */
export const KINESIS = {
  /** CreateStream and RegisterStreamConsumer names: 1–128 letters, digits, `_`, `.`, `-`. */
  name: /^[a-zA-Z0-9_.-]{1,128}$/,
  /** IncreaseStreamRetentionPeriod: at least 24 hours, the default. */
  minRetentionHours: 24,
  /** IncreaseStreamRetentionPeriod: at most 8,760 hours (one year). */
  maxRetentionHours: 8_760,
  /** CreateStream `MaxRecordSizeInKiB`: at least 1,024 KiB (1 MiB, the default). */
  minRecordSizeKiB: 1_024,
  /** CreateStream `MaxRecordSizeInKiB`: at most 10,240 KiB (10 MiB). */
  maxRecordSizeKiB: 10_240,
  /** EnableEnhancedMonitoring `ShardLevelMetrics`: these names only. */
  shardLevelMetrics: [
    'IncomingBytes',
    'IncomingRecords',
    'OutgoingBytes',
    'OutgoingRecords',
    'WriteProvisionedThroughputExceeded',
    'ReadProvisionedThroughputExceeded',
    'IteratorAgeMilliseconds',
    'ALL',
  ] as readonly string[],
} as const;

/** Step Functions limits. */
export const STEP_FUNCTIONS = {
  /** State names: at most 80 Unicode characters. */
  stateNameMaxLength: 80,
  /** State machine names: 1–80 characters. */
  nameMaxLength: 80,
  /** CreateStateMachine: the definition is at most 1 MB. */
  definitionMaxBytes: 1_048_576,
} as const;
