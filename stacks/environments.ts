/** Settings of one environment: environments differ in these data, never in code. */
export interface EnvironmentSettings {
  /** `dev`, `staging` or `prod`; the stack is `orders-<name>`. */
  readonly name: string;
  /** AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /** The 12-digit AWS account the stack deploys to, when known (the provider refuses any other). */
  readonly accountId?: string;
  /** Prefix of every resource name, e.g. `orders-dev`. */
  readonly namePrefix: string;
  /** Who owns the resources (a team), for the `owner` tag. */
  readonly owner: string;
  /** Cost centre, for the `cost-centre` tag. */
  readonly costCentre: string;
  /** Seconds a work queue keeps a message (SQS: 60–1,209,600). */
  readonly queueRetentionSeconds: number;
  /** Days the event bus archive keeps events (0 = forever). */
  readonly archiveRetentionDays: number;
  /** Days Lambda log groups keep logs (a CloudWatch Logs retention value). */
  readonly logRetentionDays: number;
  /** Log level of the functions. */
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Alarm thresholds and where alarms go. */
  readonly alarms: {
    /** Messages in a DLQ above which its alarm fires. */
    readonly dlqDepthThreshold: number;
    /** Seconds the oldest message may wait before its queue alarms. */
    readonly oldestMessageAgeSeconds: number;
    /** E-mail address subscribed to the alarm topic, if any (needs confirmation). */
    readonly email?: string;
  };
  /** Deletion protection on the table. */
  readonly deletionProtection: boolean;
  /** Set to a reason to run prod without deletion protection on purpose. */
  readonly deletionProtectionWaiver?: string;
  /** Table capacity: on-demand, optionally capped, in every environment here. */
  readonly maxReadRequestUnits?: number;
  readonly maxWriteRequestUnits?: number;
  /** Orders whose total is at least this go to fraud review. */
  readonly highValueThreshold: number;
  /** Remote state: an S3 bucket (with a lock file); local state when absent. */
  readonly stateBucket?: string;
  /** Extra tags. */
  readonly tags?: Record<string, string>;
}

/** The environments of the orders architecture, in one table. */
export const ENVIRONMENTS: readonly EnvironmentSettings[] = [
  {
    name: 'dev',
    region: 'eu-west-1',
    namePrefix: 'orders-dev',
    owner: 'orders-team',
    costCentre: 'cc-1001',
    queueRetentionSeconds: 345_600,
    archiveRetentionDays: 7,
    logRetentionDays: 7,
    logLevel: 'DEBUG',
    alarms: { dlqDepthThreshold: 10, oldestMessageAgeSeconds: 3_600 },
    deletionProtection: false,
    maxReadRequestUnits: 100,
    maxWriteRequestUnits: 100,
    highValueThreshold: 1_000,
  },
  {
    name: 'staging',
    region: 'eu-west-1',
    namePrefix: 'orders-staging',
    owner: 'orders-team',
    costCentre: 'cc-1001',
    queueRetentionSeconds: 345_600,
    archiveRetentionDays: 30,
    logRetentionDays: 30,
    logLevel: 'INFO',
    alarms: { dlqDepthThreshold: 0, oldestMessageAgeSeconds: 1_800 },
    deletionProtection: true,
    maxReadRequestUnits: 1_000,
    maxWriteRequestUnits: 1_000,
    highValueThreshold: 1_000,
  },
  {
    name: 'prod',
    region: 'eu-central-1',
    namePrefix: 'orders-prod',
    owner: 'orders-team',
    costCentre: 'cc-1001',
    queueRetentionSeconds: 604_800,
    archiveRetentionDays: 365,
    logRetentionDays: 90,
    logLevel: 'INFO',
    alarms: { dlqDepthThreshold: 0, oldestMessageAgeSeconds: 900, email: 'orders-oncall@example.com' },
    deletionProtection: true,
    highValueThreshold: 5_000,
  },
];
