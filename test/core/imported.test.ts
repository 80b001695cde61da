import { IConstruct } from 'constructs';
import { EventBusWithRules, ImportedQueue, ImportedTopic, RuleTarget, TopicWithFilteredSubscriptions, ValidationError } from '../../modules';
import { resourceAt, synthJson, testStack } from '../helpers/synth';

const A = '123456789012';
const QUEUE = `arn:aws:sqs:eu-west-1:${A}:audit`;
const TOPIC = `arn:aws:sns:eu-west-1:${A}:partner-events`;
const KEY = `arn:aws:kms:eu-west-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const RULE_SHOWN = 'arn:<partition>:events:<region>:<account-id>:rule/orders/placed';

function warningsOf(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
}

/** The statement JSON a warning ends with. */
function statementIn(warning: string): unknown {
  return JSON.parse(warning.slice(warning.indexOf('{')));
}

describe('ImportedQueue', () => {
  it('reads the name, URL and FIFO-ness from the ARN', () => {
    const stack = testStack();
    const queue = ImportedQueue.fromQueueArn(stack, 'audit', QUEUE);
    expect([queue.queueArn, queue.queueName, queue.queueUrl, queue.fifo]).toEqual([QUEUE, 'audit', `https://sqs.eu-west-1.amazonaws.com/${A}/audit`, false]);
    const fifo = ImportedQueue.fromQueueArn(stack, 'ledger', `arn:aws-cn:sqs:cn-north-1:${A}:ledger.fifo`);
    expect([fifo.queueName, fifo.queueUrl, fifo.fifo]).toEqual(['ledger.fifo', `https://sqs.cn-north-1.amazonaws.com.cn/${A}/ledger.fifo`, true]);
  });

  it('refuses an ARN that is not a queue\'s, naming its path, field, value and what is allowed', () => {
    const stack = testStack();
    let error: unknown;
    try {
      ImportedQueue.fromQueueArn(stack, 'audit', TOPIC);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(
      `test/audit: queueArn = "${TOPIC}" is invalid: must be an SQS queue ARN (arn:<partition>:sqs:<region>:<account>:<name>, the name 1–80 letters, digits, "-" and "_", ".fifo" included)`,
    );
  });

  it('records the statement its owner must add, once, and warns with its JSON', () => {
    const stack = testStack();
    const queue = ImportedQueue.fromQueueArn(stack, 'audit', QUEUE);
    const bucket = `arn:aws:s3:::orders-documents`;
    queue.allowSendFrom('s3.amazonaws.com', bucket, A);
    queue.allowSendFrom('s3.amazonaws.com', bucket, A);
    const statement = {
      Sid: 'AllowS3BucketToSend',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: QUEUE,
      Condition: { ArnEquals: { 'aws:SourceArn': bucket }, StringEquals: { 'aws:SourceAccount': A } },
    };
    expect(queue.requiredStatements).toEqual([{ policyOf: `queue policy of ${QUEUE}`, statement }]);
    const warnings = warningsOf(queue);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`The queue policy of ${QUEUE} (made outside this stack) must hold this statement, or s3.amazonaws.com cannot send to it`);
    expect(statementIn(warnings[0])).toEqual(statement);
  });
});

describe('queues and topics given by ARN become imported ones', () => {
  it('a rule target queue ARN: the statement for the rule is reported, with the rule ARN readable', () => {
    const stack = testStack();
    const bus = new EventBusWithRules(stack, 'orders', { name: 'orders' });
    const rule = bus.addRule('placed', { eventPattern: { source: ['orders'] }, targets: [RuleTarget.queue(QUEUE, { deadLetterQueue: false })] });
    const imported = rule.node.findChild('Target-queue-1-Queue') as ImportedQueue;
    expect(imported).toBeInstanceOf(ImportedQueue);
    expect(imported.requiredStatements.map((r) => r.statement)).toEqual([
      {
        Sid: 'AllowEventBridgeRuleToSend',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: QUEUE,
        Condition: { ArnEquals: { 'aws:SourceArn': rule.ruleArn } },
      },
    ]);
    const warnings = warningsOf(rule);
    expect(warnings).toHaveLength(1);
    expect((statementIn(warnings[0]) as any).Condition.ArnEquals['aws:SourceArn']).toBe(RULE_SHOWN);
    expect(resourceAt(synthJson(stack), 'aws_cloudwatch_event_target', 'orders/placed/Target-queue-1').arn).toBe(QUEUE);
  });

  it('a rule target topic ARN with its key: the topic and key policy statements are reported', () => {
    const stack = testStack();
    const bus = new EventBusWithRules(stack, 'orders', { name: 'orders' });
    const topic = ImportedTopic.fromTopicArn(stack, 'partner', TOPIC, { kmsKeyArn: KEY });
    bus.addRule('placed', { eventPattern: { source: ['orders'] }, targets: [RuleTarget.topic(topic, { deadLetterQueue: false })] });
    expect(topic.requiredStatements.map((r) => [r.policyOf, r.statement.Sid, r.statement.Action])).toEqual([
      [`topic policy of ${TOPIC}`, 'AllowEventBridgeRuleToPublish', 'sns:Publish'],
      [`key policy of ${KEY}`, 'AllowEventsToUseKey', ['kms:GenerateDataKey*', 'kms:Decrypt']],
    ]);
    expect(topic.requiredStatements[1].statement.Condition).toEqual({ StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': TOPIC } });
    expect(warningsOf(topic)).toHaveLength(2);
  });

  it('an imported queue as a target\'s dead-letter queue: written, and its statement reported', () => {
    const stack = testStack();
    const bus = new EventBusWithRules(stack, 'orders', { name: 'orders' });
    const dlq = ImportedQueue.fromQueueArn(stack, 'shared-dlq', `arn:aws:sqs:eu-west-1:${A}:shared-dlq`);
    bus.addRule('placed', { eventPattern: { source: ['orders'] }, targets: [RuleTarget.lambda(`arn:aws:lambda:eu-west-1:${A}:function:f`, { deadLetterQueue: dlq })] });
    expect(resourceAt(synthJson(stack), 'aws_cloudwatch_event_target', 'orders/placed/Target-lambda-1').dead_letter_config).toEqual({ arn: dlq.queueArn });
    expect(dlq.requiredStatements.map((r) => r.statement.Sid)).toEqual(['AllowEventBridgeRuleToSend']);
  });

  it('an imported queue subscribed to a topic: reported once, by the queue, and listed with the subscription', () => {
    const stack = testStack();
    const topic = new TopicWithFilteredSubscriptions(stack, 'events', { name: 'order-events' });
    const queue = ImportedQueue.fromQueueArn(stack, 'audit', QUEUE);
    const subscription = topic.addQueueSubscription('audit', queue, { deadLetterQueue: false });
    expect(warningsOf(stack)).toHaveLength(1);
    expect(warningsOf(queue)).toHaveLength(1);
    expect(subscription.requiredStatements).toEqual(queue.requiredStatements);
    expect((statementIn(warningsOf(queue)[0]) as any).Condition.ArnEquals['aws:SourceArn']).toBe('arn:<partition>:sns:<region>:<account-id>:order-events');
  });
});
