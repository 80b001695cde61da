import { PropsValidator, reservedDomain } from '../modules/core/validation';
import { CLOUDWATCH_LOGS } from '../modules/core/aws-limits';

/** Settings of one environment: environments differ in these data, never in code. */
export interface EnvironmentSettings {
  /** `dev`, `staging` or `prod`; the stack is `orders-<name>`. */
  readonly name: string;
  /** AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * The 12-digit AWS account the stack deploys to, when known: the provider then
   * refuses any other (`allowed_account_ids`). @default `ORDERS_<NAME>_ACCOUNT_ID`
   * from the environment, else none (a production-like stack then gets a checks warning)
   */
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
    /** Failed invocations of a function per minute (AWS/Lambda `Errors`) above which its alarm fires. */
    readonly functionErrorsThreshold: number;
    /** Throttled invocations of a function per minute (AWS/Lambda `Throttles`) above which its alarm fires. */
    readonly functionThrottlesThreshold: number;
    /** Failed deliveries of an event bus rule per minute (AWS/Events `FailedInvocations`) above which its alarm fires. */
    readonly ruleFailedInvocationsThreshold: number;
    /** Failed executions of the table-to-bus pipe per minute (AWS/EventBridge/Pipes `ExecutionFailed`) above which its alarm fires. */
    readonly pipeFailedExecutionsThreshold: number;
    /** Server errors of the orders API per minute (AWS/ApiGateway `5xx`) above which its alarm fires. */
    readonly apiServerErrorsThreshold: number;
    /**
     * E-mail address subscribed to the alarm topic (the recipient confirms it
     * once). Not in a domain reserved by RFC 2606 (example.com, .test, …): mail
     * there is never delivered. @default `ORDERS_<NAME>_ALARM_EMAIL` from the
     * environment, else none (alarms reach no one, and synth warns)
     */
    readonly email?: string;
  };
  /** Deletion protection on the table. */
  readonly deletionProtection: boolean;
  /** Set to a reason to run prod without deletion protection on purpose. */
  readonly deletionProtectionWaiver?: string;
  /** Table capacity: on-demand, optionally capped, in every environment here. */
  readonly maxReadRequestUnits?: number;
  readonly maxWriteRequestUnits?: number;
  /** Throttling of the orders API stage: steady requests per second and burst. */
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
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
    alarms: { dlqDepthThreshold: 10, oldestMessageAgeSeconds: 3_600, functionErrorsThreshold: 5, functionThrottlesThreshold: 5, apiServerErrorsThreshold: 10, ruleFailedInvocationsThreshold: 0, pipeFailedExecutionsThreshold: 0 },
    deletionProtection: false,
    maxReadRequestUnits: 100,
    maxWriteRequestUnits: 100,
    apiThrottle: { rateLimit: 10, burstLimit: 20 },
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
    alarms: { dlqDepthThreshold: 0, oldestMessageAgeSeconds: 1_800, functionErrorsThreshold: 0, functionThrottlesThreshold: 0, apiServerErrorsThreshold: 5, ruleFailedInvocationsThreshold: 0, pipeFailedExecutionsThreshold: 0 },
    deletionProtection: true,
    maxReadRequestUnits: 1_000,
    maxWriteRequestUnits: 1_000,
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
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
    alarms: { dlqDepthThreshold: 0, oldestMessageAgeSeconds: 900, functionErrorsThreshold: 0, functionThrottlesThreshold: 0, apiServerErrorsThreshold: 0, ruleFailedInvocationsThreshold: 0, pipeFailedExecutionsThreshold: 0 },
    deletionProtection: true,
    apiThrottle: { rateLimit: 500, burstLimit: 1_000 },
    highValueThreshold: 5_000,
  },
];

/** Retention values CloudWatch Logs accepts, in days. */
// The functions' log groups always expire: every retention CloudWatch Logs accepts except 0 (never).
const LOG_RETENTION_DAYS = CLOUDWATCH_LOGS.retentionDays.filter((d) => d > 0);

/**
 * Checks one environment's settings; throws a {@link ValidationError} listing
 * every problem, named `environments/<name>`.
 */
export function validateEnvironment(settings: EnvironmentSettings): void {
  const v = new PropsValidator(`environments/${settings.name}`);
  const wholeIn = (field: string, value: number | undefined, min: number, max: number, unit: string) =>
    value === undefined || v.check(Number.isInteger(value) && value >= min && value <= max, field, value, `must be a whole number from ${min} to ${max} ${unit}`);

  v.check(/^[a-z][a-z0-9-]{0,20}$/.test(settings.name), 'name', settings.name, 'lower-case letters, digits and hyphens, starting with a letter');
  v.check(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/.test(settings.region), 'region', settings.region, 'an AWS region code such as "eu-west-1"');
  v.check(settings.accountId === undefined || /^\d{12}$/.test(settings.accountId), 'accountId', settings.accountId, `a 12-digit AWS account ID (from accountId, or ${environmentVariable(settings.name, 'ACCOUNT_ID')} when that is unset)`);
  v.check(/^[a-z0-9][a-z0-9-]{0,39}$/.test(settings.namePrefix), 'namePrefix', settings.namePrefix, '1–40 lower-case letters, digits and hyphens (it prefixes every resource name)');
  wholeIn('queueRetentionSeconds', settings.queueRetentionSeconds, 60, 1_209_600, 'seconds (SQS)');
  wholeIn('archiveRetentionDays', settings.archiveRetentionDays, 0, 36_500, 'days (0 keeps events forever)');
  v.check(LOG_RETENTION_DAYS.includes(settings.logRetentionDays), 'logRetentionDays', settings.logRetentionDays, `one of CloudWatch Logs' retention values: ${LOG_RETENTION_DAYS.join(', ')}`);
  v.check(['DEBUG', 'INFO', 'WARN', 'ERROR'].includes(settings.logLevel), 'logLevel', settings.logLevel, 'DEBUG, INFO, WARN or ERROR');
  wholeIn('alarms.dlqDepthThreshold', settings.alarms.dlqDepthThreshold, 0, 1_000_000, 'messages');
  wholeIn('alarms.oldestMessageAgeSeconds', settings.alarms.oldestMessageAgeSeconds, 60, settings.queueRetentionSeconds - 1, 'seconds (below the queue retention)');
  for (const [key, unit] of [['functionErrorsThreshold', 'errors'], ['functionThrottlesThreshold', 'throttles'], ['apiServerErrorsThreshold', 'server errors'], ['ruleFailedInvocationsThreshold', 'failed deliveries'], ['pipeFailedExecutionsThreshold', 'failed executions']] as const) {
    // Required: an alarm is turned off only on purpose, never by leaving its threshold out.
    wholeIn(`alarms.${key}`, settings.alarms[key] ?? Number.NaN, 0, 1_000_000, `${unit} per minute`);
  }
  v.check(settings.alarms.email === undefined || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(settings.alarms.email), 'alarms.email', settings.alarms.email, `an e-mail address (from alarms.email, or ${environmentVariable(settings.name, 'ALARM_EMAIL')} when that is unset)`);
  const reserved = settings.alarms.email === undefined ? undefined : reservedDomain(settings.alarms.email);
  v.check(!reserved, 'alarms.email', settings.alarms.email, `an address that can receive mail: ${reserved} is reserved by RFC 2606, so the subscription could never be confirmed`);
  v.check(
    settings.name !== 'prod' || settings.deletionProtection || Boolean(settings.deletionProtectionWaiver?.trim()),
    'deletionProtection',
    settings.deletionProtection,
    'prod keeps deletion protection on; to turn it off on purpose, set deletionProtectionWaiver to the reason',
  );
  wholeIn('maxReadRequestUnits', settings.maxReadRequestUnits, 1, 40_000, 'request units per second');
  wholeIn('maxWriteRequestUnits', settings.maxWriteRequestUnits, 1, 40_000, 'request units per second');
  v.check(Number.isFinite(settings.highValueThreshold) && settings.highValueThreshold > 0 && settings.highValueThreshold <= 1e9, 'highValueThreshold', settings.highValueThreshold, 'a positive number up to 1,000,000,000 (EventBridge numeric matching range)');
  wholeIn('apiThrottle.rateLimit', settings.apiThrottle.rateLimit, 1, 10_000, 'requests per second (the account quota)');
  wholeIn('apiThrottle.burstLimit', settings.apiThrottle.burstLimit, 1, 5_000, 'requests (the account quota)');
  v.check(settings.stateBucket === undefined || /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(settings.stateBucket), 'stateBucket', settings.stateBucket, 'an S3 bucket name (3–63 lower-case letters, digits, dots and hyphens)');
  v.throwIfInvalid();
}

/** The environment variable that supplies a setting of one environment: `ORDERS_<NAME>_<SETTING>`. */
export function environmentVariable(environment: string, setting: 'ACCOUNT_ID' | 'ALARM_EMAIL'): string {
  return `ORDERS_${environment.toUpperCase().replace(/-/g, '_')}_${setting}`;
}

/**
 * The settings with what the process environment supplies where the table
 * leaves a setting unset: the account (`ORDERS_<NAME>_ACCOUNT_ID`) and the
 * alarm e-mail (`ORDERS_<NAME>_ALARM_EMAIL`). An empty variable means unset,
 * as in a shell. The table wins over the environment.
 */
export function withEnvironmentVariables(settings: EnvironmentSettings, env: NodeJS.ProcessEnv = process.env): EnvironmentSettings {
  const accountId = settings.accountId ?? (env[environmentVariable(settings.name, 'ACCOUNT_ID')] || undefined);
  const email = settings.alarms.email ?? (env[environmentVariable(settings.name, 'ALARM_EMAIL')] || undefined);
  return { ...settings, accountId, alarms: { ...settings.alarms, email } };
}
