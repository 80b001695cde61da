import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Fn, Token } from 'cdktf';

/** Where an alarm's state changes go: ARNs such as an SNS topic. */
export interface AlarmActions {
  /** ARNs notified when the alarm fires. @default none */
  readonly alarmActions?: string[];
  /** ARNs notified when the alarm clears. @default none */
  readonly okActions?: string[];
}

/** An alarm on a count of failures, summed over a minute. */
export interface FailureCountAlarmProps extends AlarmActions {
  /** The alarm fires when more than this many failures happen in a minute. @default 0 (any failure) */
  readonly threshold?: number;
}

/** One CloudWatch alarm on one AWS metric: fires when the statistic over one minute exceeds the threshold. */
export interface MetricAlarmProps extends AlarmActions {
  /** Alarm name (CloudWatch: unique per account and Region, 1–255 characters). */
  readonly alarmName: string;
  /** Why the alarm exists, shown with every notification. */
  readonly description: string;
  /** The metric's namespace, e.g. `AWS/SQS`. */
  readonly namespace: string;
  /** The metric's name, e.g. `ApproximateNumberOfMessagesVisible`. */
  readonly metricName: string;
  /** The dimensions that pick the one resource's metric (CloudWatch: at most 30). */
  readonly dimensions: Record<string, string>;
  /** `Maximum` for levels and ages, `Sum` for counts of failures. */
  readonly statistic: 'Maximum' | 'Sum';
  /** The alarm fires when the statistic is greater than this. */
  readonly threshold: number;
  /** Tags of the alarm. @default none */
  readonly tags?: Record<string, string>;
}

/**
 * Adds the one shape of alarm every module uses: one data point of one minute,
 * greater than the threshold. Metrics of idle resources publish no data points,
 * and idleness is not an alarm, so missing data does not breach.
 */
export function addMetricAlarm(scope: Construct, id: string, props: MetricAlarmProps): CloudwatchMetricAlarm {
  return new CloudwatchMetricAlarm(scope, id, {
    alarmName: props.alarmName,
    alarmDescription: props.description,
    namespace: props.namespace,
    metricName: props.metricName,
    dimensions: props.dimensions,
    statistic: props.statistic,
    period: 60,
    evaluationPeriods: 1,
    threshold: props.threshold,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    alarmActions: props.alarmActions,
    okActions: props.okActions,
    tags: props.tags,
  });
}

/** An alarm on how far behind the stream a consumer reads (AWS/Lambda `IteratorAge`, maximum over a minute). */
export interface IteratorAgeAlarmProps extends AlarmActions {
  /**
   * The alarm fires when the newest record read is older than this many milliseconds.
   * @default half of `maximumRecordAgeSeconds`, at most one hour (records older than that age are discarded)
   */
  readonly thresholdMilliseconds?: number;
}

/** What {@link addIteratorAgeAlarm} needs of a Lambda stream consumer. */
export interface IteratorAgeAlarmSettings extends AlarmActions {
  /** Alarm name. */
  readonly alarmName: string;
  /** Why the alarm exists. */
  readonly description: string;
  /** ARN of the consuming function (a token is split at apply). */
  readonly functionArn: string;
  /** The mapping's `maximum_record_age_in_seconds` (-1: records are kept until they expire). */
  readonly maximumRecordAgeSeconds: number;
  /** The threshold in milliseconds, when one was given. */
  readonly thresholdMilliseconds?: number;
  /** Tags of the alarm. */
  readonly tags?: Record<string, string>;
}

/**
 * An alarm on a Lambda stream consumer's `IteratorAge` (AWS/Lambda, maximum
 * over a minute): by default at half the maximum record age, at most one
 * hour, so it fires before records age out to the failure destination.
 */
export function addIteratorAgeAlarm(scope: Construct, id: string, settings: IteratorAgeAlarmSettings): CloudwatchMetricAlarm {
  const maxAge = settings.maximumRecordAgeSeconds;
  // -1 keeps records until they expire from the stream.
  const halfMaxAgeMs = maxAge === -1 ? Infinity : (maxAge * 1000) / 2;
  const arn = settings.functionArn;
  // Lambda publishes IteratorAge by function name (the ARN's seventh field), not by ARN.
  const functionName = Token.isUnresolved(arn) ? Fn.element(Fn.split(':', arn), 6) : arn.split(':')[6];
  return addMetricAlarm(scope, id, {
    alarmName: settings.alarmName,
    description: settings.description,
    namespace: 'AWS/Lambda',
    metricName: 'IteratorAge',
    dimensions: { FunctionName: functionName },
    statistic: 'Maximum',
    threshold: settings.thresholdMilliseconds ?? Math.min(3_600_000, halfMaxAgeMs),
    alarmActions: settings.alarmActions,
    okActions: settings.okActions,
    tags: settings.tags,
  });
}
