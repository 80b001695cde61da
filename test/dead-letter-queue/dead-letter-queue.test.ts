import { DeadLetterQueue, DeadLetterQueueProps } from '../../modules';
import { refTo, resourceAt, resourcesOf, synthJson, testStack } from '../helpers/synth';
import { document } from '../../modules/core/values';
import { statementsWith, statementWith } from '../helpers/policy';

function build(props: Partial<DeadLetterQueueProps> = {}, extra?: (q: DeadLetterQueue) => void) {
  const stack = testStack();
  const dlq = new DeadLetterQueue(stack, 'rule-dlq', { name: 'rule-dlq', ...props });
  extra?.(dlq);
  return { dlq, json: synthJson(stack) };
}

describe('DeadLetterQueue', () => {
  it('is an encrypted standard queue keeping messages 14 days, with a depth alarm', () => {
    const { json } = build();
    expect(resourceAt(json, 'aws_sqs_queue', 'rule-dlq/Resource/Queue')).toEqual(
      expect.objectContaining({ name: 'rule-dlq', sqs_managed_sse_enabled: true, message_retention_seconds: 1_209_600 }),
    );
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'DepthAlarm')).toMatchObject({
      alarm_name: 'rule-dlq-depth',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      threshold: 0,
    });
  });

  it('lets a service send on behalf of one source only, in its one policy', () => {
    const ruleArn = 'arn:aws:events:eu-west-1:123456789012:rule/bus/r';
    const { json } = build({}, (q) => q.allowSendFrom('events.amazonaws.com', ruleArn));
    const policies = resourcesOf(json, 'aws_sqs_queue_policy');
    expect(policies).toHaveLength(1);
    const statements = document<any>(policies[0].policy).Statement;
    expect(statements).toHaveLength(2);
    expect(statementsWith(statements, { Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })).toHaveLength(1);
    expect(statementWith(statements, { Principal: { Service: 'events.amazonaws.com' } })).toEqual({
      Sid: expect.any(String),
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: refTo(json, 'aws_sqs_queue', 'rule-dlq/Resource/Queue', 'arn'),
      Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
    });
  });

  it('can be FIFO, KMS-encrypted, shorter-lived and alarm to an action', () => {
    const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:key/k';
    const { json, dlq } = build({
      fifo: true,
      retentionSeconds: 86_400,
      encryption: { kmsKeyArn },
      alarm: { threshold: 3, alarmActions: ['arn:aws:sns:eu-west-1:123456789012:a'] },
      tags: { team: 'x' },
    });
    expect(resourceAt(json, 'aws_sqs_queue', 'rule-dlq/Resource/Queue')).toMatchObject({
      name: 'rule-dlq.fifo',
      fifo_queue: true,
      message_retention_seconds: 86_400,
      kms_master_key_id: kmsKeyArn,
      tags: { team: 'x' },
    });
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'DepthAlarm')).toMatchObject({ threshold: 3, alarm_actions: ['arn:aws:sns:eu-west-1:123456789012:a'] });
    expect(dlq.kmsKeyArn).toBe(kmsKeyArn);
  });

  it('turns its alarm off only when told to', () => {
    const { json, dlq } = build({ alarm: false });
    expect(json.resource.aws_cloudwatch_metric_alarm).toBeUndefined();
    expect(dlq.depthAlarm).toBeUndefined();
  });

  it.each([
    [{ name: 'a/b' }, /rule-dlq: name = "a\/b" is invalid: SQS queue names are 1–80 letters, digits, hyphens and underscores/],
    [{ name: 'a'.repeat(76), fifo: true }, /the "\.fifo" suffix added here \(so at most 75 before it\)/],
    [{ retentionSeconds: 1_209_601 }, /retentionSeconds = 1209601 is invalid: must be a whole number from 60 to 1,209,600 seconds/],
    [{ alarm: { threshold: -2 } }, /alarm.threshold = -2 is invalid/],
    [{ encryption: 'none' as never }, /encryption = "none" is invalid: must be "sqs-managed" or \{ kmsKeyArn \}/],
  ])('refuses %j', (props, message) => {
    expect(() => build(props as Partial<DeadLetterQueueProps>)).toThrow(message);
  });
});
