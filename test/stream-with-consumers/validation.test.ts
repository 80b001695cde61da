import { StreamLambdaConsumerProps, StreamWithConsumersProps } from '../../modules/stream-with-consumers';
import { build, errorOf, FUNCTION_ARN, oneIssue } from './fixtures';

const P = 'test/orders';

describe('StreamWithConsumers validation: each invalid prop names the path, the field, the value and the rule', () => {
  const cases: [string, Partial<StreamWithConsumersProps>, string, unknown, string][] = [
    ['a name with a space', { name: 'order events' }, 'name', 'order events', 'stream names are 1–128 letters, digits, underscores, dots and hyphens'],
    ['a name over 128 characters', { name: 's'.repeat(129) }, 'name', 's'.repeat(129), 'stream names are 1–128'],
    ['no name', { name: undefined }, 'name', undefined, 'is required: the stream name'],
    ['an unknown capacity mode', { capacity: { mode: 'serverless' as 'on-demand' } }, 'capacity.mode', 'serverless', 'must be one of "on-demand", "provisioned"'],
    ['provisioned without a shard count', { capacity: { mode: 'provisioned' } as never }, 'capacity.shardCount', undefined, 'is required with mode "provisioned": the number of shards'],
    ['provisioned with 0 shards', { capacity: { mode: 'provisioned', shardCount: 0 } }, 'capacity.shardCount', 0, 'must be a whole number from 1 to'],
    ['a shard count on an on-demand stream', { capacity: { mode: 'on-demand', shardCount: 2 } as never }, 'capacity.shardCount', 2, 'applies to mode "provisioned" only: on-demand streams scale their shards themselves'],
    ['retention under 24 hours', { retentionPeriodHours: 12 }, 'retentionPeriodHours', 12, 'must be a whole number from 24 to 8,760 hours'],
    ['retention over a year', { retentionPeriodHours: 8_761 }, 'retentionPeriodHours', 8_761, 'must be a whole number from 24 to 8,760 hours'],
    ['an encryption word other than aws-managed', { encryption: 'none' as 'aws-managed' }, 'encryption', 'none', 'must be "aws-managed" or { kmsKeyArn }'],
    ['a key that is not a KMS ARN', { encryption: { kmsKeyArn: 'alias/mine' } }, 'encryption.kmsKeyArn', 'alias/mine', 'must be an ARN of kms (arn:<partition>:kms:...)'],
    ['an unknown shard-level metric', { shardLevelMetrics: ['IncomingBytes', 'Latency' as 'ALL'] }, 'shardLevelMetrics[1]', 'Latency', 'must be one of "IncomingBytes"'],
    ['a negative alarm threshold', { writeThrottleAlarm: { threshold: -1 } }, 'writeThrottleAlarm.threshold', -1, 'must be from 0 to'],
  ];
  it.each(cases)('%s', (_what, props, field, value, allowed) => {
    expect(errorOf(() => build(props))).toMatch(oneIssue(P, field, value, allowed));
  });

  it('a wrongly shaped prop is refused before its value is read', () => {
    expect(errorOf(() => build({ retentionPeriodHours: '48' as unknown as number }))).toMatch(/^test\/orders: retentionPeriodHours = "48" is invalid: must be a number/);
  });
});

describe('addLambdaConsumer validation', () => {
  const consumerError = (props: Partial<StreamLambdaConsumerProps>, streamProps: Partial<StreamWithConsumersProps> = {}) =>
    errorOf(() => build(streamProps, (s) => s.addLambdaConsumer('Analytics', { functionArn: FUNCTION_ARN, ...props })));

  const cases: [string, Partial<StreamLambdaConsumerProps>, string, unknown, string][] = [
    ['a function name instead of an ARN', { functionArn: 'order-analytics' }, 'Analytics.functionArn', 'order-analytics', 'must be a Lambda function ARN'],
    ['a role ARN instead of a role name', { functionRoleName: 'arn:aws:iam::123456789012:role/r' }, 'Analytics.functionRoleName', 'arn:aws:iam::123456789012:role/r', 'IAM role names are 1–64'],
    ['AT_TIMESTAMP, which needs a timestamp this construct does not take', { startingPosition: 'AT_TIMESTAMP' as 'LATEST' }, 'Analytics.startingPosition', 'AT_TIMESTAMP', 'must be one of "TRIM_HORIZON", "LATEST"'],
    ['a batch over 10,000 records', { batchSize: 10_001 }, 'Analytics.batchSize', 10_001, 'must be a whole number from 1 to 10,000 records'],
    ['a batching window over 300 seconds', { maximumBatchingWindowSeconds: 301 }, 'Analytics.maximumBatchingWindowSeconds', 301, 'must be a whole number from 0 to 300 seconds'],
    ['a record age under 60 seconds', { maximumRecordAgeSeconds: 30 }, 'Analytics.maximumRecordAgeSeconds', 30, 'must be -1 (no limit) or a whole number from 60 to 604,800 seconds'],
    ['more than 10,000 retries', { maximumRetryAttempts: 10_001 }, 'Analytics.maximumRetryAttempts', 10_001, 'must be a whole number from -1 to 10,000'],
    ['a parallelization factor over 10', { parallelizationFactor: 11 }, 'Analytics.parallelizationFactor', 11, 'must be a whole number from 1 to 10 batches per shard'],
    ['a tumbling window over 900 seconds', { tumblingWindowSeconds: 901 }, 'Analytics.tumblingWindowSeconds', 901, 'must be a whole number from 0 to 900 seconds'],
    ['a consumer name with a slash', { enhancedFanOut: { consumerName: 'a/b' } }, 'Analytics.enhancedFanOut.consumerName', 'a/b', 'stream consumer names are 1–128 letters, digits, underscores, dots and hyphens'],
    ['a FIFO queue as failure destination', { onFailureDestination: 'arn:aws:sqs:eu-west-1:123456789012:failures.fifo' }, 'Analytics.onFailureDestination', 'arn:aws:sqs:eu-west-1:123456789012:failures.fifo', 'must be a standard queue or topic'],
    ['a Lambda ARN as failure destination', { onFailureDestination: FUNCTION_ARN }, 'Analytics.onFailureDestination', FUNCTION_ARN, 'must be the ARN of a standard SQS queue, a standard SNS topic or an S3 bucket'],
    ['six filters', { filters: Array.from({ length: 6 }, () => ({ partitionKey: ['a'] })) }, 'Analytics.filters', Array.from({ length: 6 }, () => ({ partitionKey: ['a'] })), 'at most 5 filters per event source mapping (6 given)'],
  ];
  it.each(cases)('%s', (_what, props, field, value, allowed) => {
    expect(consumerError(props)).toMatch(oneIssue(P, field, value, allowed));
  });

  it('filters are validated in the Lambda dialect: an EventBridge-only operator is refused', () => {
    // Lambda filters do not take wildcard (EventBridge rules do).
    expect(consumerError({ filters: [{ data: { status: [{ wildcard: 'pa*' }] } }] })).toMatch(/^test\/orders: Analytics\.filters\[0\]\.data\.status\[0\]\.wildcard = "pa\*" is invalid: .*Lambda event source mapping filter/);
  });

  it('two fan-out consumers may not share a name', () => {
    const message = errorOf(() =>
      build({}, (s) => {
        s.addLambdaConsumer('Analytics', { functionArn: FUNCTION_ARN, enhancedFanOut: { consumerName: 'reader' } });
        s.addLambdaConsumer('Audit', { functionArn: FUNCTION_ARN, enhancedFanOut: { consumerName: 'reader' } });
      }),
    );
    expect(message).toMatch(oneIssue(P, 'Audit.enhancedFanOut', 'reader', 'stream consumer names are unique per stream: Analytics already registers "reader"'));
  });

  it('props without functionArn are refused by shape, naming the field', () => {
    expect(errorOf(() => build({}, (s) => s.addLambdaConsumer('Analytics', {} as StreamLambdaConsumerProps)))).toMatch(/^test\/orders: Analytics\.functionArn = undefined is invalid: /);
  });
});
