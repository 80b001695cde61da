import { ValidationError } from '../../modules/core/errors';
import { DeadLetterQueue } from '../../modules/dead-letter-queue';
import { EventBusRuleProps, EventBusWithRules, EventBusWithRulesProps, RuleTarget } from '../../modules/event-bus-with-rules';
import { QueueWithDlq } from '../../modules/queue-with-dlq';
import { resourcesOf } from '../helpers/synth';
import { testStack } from '../helpers/synth';
import { ACCOUNT, busStack, expectInvalid, FakeTopic, FUNCTION_ARN, ORDER_PLACED, OTHER_BUS_ARN, STATE_MACHINE_ARN, synthJson } from './helpers';

const BUS = 'test/orders';
const RULE = 'test/orders/placed';

function bus(props: Partial<EventBusWithRulesProps>) {
  return () => busStack(props);
}

function rule(props: Partial<EventBusRuleProps>) {
  return () => busStack().bus.addRule('placed', { eventPattern: ORDER_PLACED, ...props });
}

function target(t: unknown) {
  return rule({ targets: [t as RuleTarget] });
}

describe('bus validation', () => {
  it('refuses a bus name with "/" (partner buses only)', () => {
    expectInvalid(bus({ name: 'aws.partner/orders' }), {
      path: BUS,
      field: 'name',
      value: 'aws.partner/orders',
      allowed: 'custom event bus names must be 1–256 characters of letters, digits, ".", "-" and "_" ("/" is for partner event buses only)',
    });
  });

  it('refuses a bus name longer than 256 characters', () => {
    const name = 'o'.repeat(257);
    expectInvalid(bus({ name }), { path: BUS, field: 'name', value: name, allowed: 'must be 1–256 characters' });
  });

  it('refuses an empty bus name', () => {
    expectInvalid(bus({ name: '' }), { path: BUS, field: 'name', value: '', allowed: 'must be 1–256 characters' });
  });

  it('refuses the name "default"', () => {
    expectInvalid(bus({ name: 'default' }), {
      path: BUS,
      field: 'name',
      value: 'default',
      allowed: 'the name "default" belongs to the default event bus',
    });
  });

  it('refuses a description over 512 characters', () => {
    const description = 'd'.repeat(513);
    expectInvalid(bus({ description }), { path: BUS, field: 'description', value: description, allowed: 'must be at most 512 characters' });
  });

  it('refuses an unknown encryption', () => {
    expectInvalid(bus({ encryption: 'kms' as never }), {
      path: BUS,
      field: 'encryption',
      value: 'kms',
      allowed: 'must be one of "aws-owned", "customer-managed"',
    });
  });

  it('refuses an encryption key that is not a KMS ARN', () => {
    expectInvalid(bus({ encryption: { kmsKeyArn: 'alias/orders' } }), {
      path: BUS,
      field: 'encryption.kmsKeyArn',
      value: 'alias/orders',
      allowed: 'must be an ARN of kms',
    });
  });

  it('refuses a FIFO dead-letter queue for the bus', () => {
    expectInvalid(
      () => {
        const stack = testStack();
        const dlq = new DeadLetterQueue(stack, 'dlq', { name: 'bus-dlq', fifo: true });
        new EventBusWithRules(stack, 'orders', { name: 'orders', encryption: 'customer-managed', deadLetterQueue: dlq });
      },
      { path: BUS, field: 'deadLetterQueue', value: 'construct test/dlq', allowed: 'EventBridge dead-letter queues must be standard SQS queues' },
    );
  });

  it('refuses an archive name with characters EventBridge does not allow', () => {
    expectInvalid(bus({ archive: { name: 'orders archive' } }), {
      path: BUS,
      field: 'archive.name',
      value: 'orders archive',
      allowed: 'archive names must be 1–48 characters of letters, digits, ".", "-" and "_"',
    });
  });

  it('refuses an archive name longer than 48 characters', () => {
    const name = 'a'.repeat(49);
    expectInvalid(bus({ archive: { name } }), { path: BUS, field: 'archive.name', value: name, allowed: 'archive names must be 1–48 characters' });
  });

  it('refuses a negative archive retention', () => {
    expectInvalid(bus({ archive: { retentionDays: -1 } }), {
      path: BUS,
      field: 'archive.retentionDays',
      value: -1,
      allowed: 'must be a whole number from 0 to',
    });
  });

  it('refuses an invalid archive pattern, naming the path inside it', () => {
    expectInvalid(bus({ archive: { eventPattern: { source: [] } } }), {
      path: BUS,
      field: 'archive.eventPattern.source',
      value: [],
      allowed: 'Empty arrays are not allowed',
    });
  });

  it('refuses an archive description over 512 characters', () => {
    const description = 'd'.repeat(513);
    expectInvalid(bus({ archive: { description } }), { path: BUS, field: 'archive.description', value: description, allowed: 'at most 512 characters' });
  });

  it('refuses a principal that is neither an account ID nor an organization ID', () => {
    expectInvalid(bus({ allowPutEventsFrom: [ACCOUNT, 'arn:aws:iam::444455556666:root'] }), {
      path: BUS,
      field: 'allowPutEventsFrom[1]',
      value: 'arn:aws:iam::444455556666:root',
      allowed: 'must be a 12-digit AWS account ID or an AWS Organizations ID (o- followed by 10–32 lowercase letters or digits)',
    });
  });

  it('refuses a bad principal given to allowPutEventsFrom later', () => {
    expectInvalid(() => busStack().bus.allowPutEventsFrom('o-short'), {
      path: BUS,
      field: 'allowPutEventsFrom',
      value: 'o-short',
      allowed: 'must be a 12-digit AWS account ID or an AWS Organizations ID',
    });
  });

  it('refuses a log group name CloudWatch Logs reserves', () => {
    expectInvalid(bus({ logAllEvents: { logGroupName: 'aws/events/orders' } }), {
      path: BUS,
      field: 'logAllEvents.logGroupName',
      value: 'aws/events/orders',
      allowed: 'must not start with "aws/"',
    });
  });

  it('refuses a log group name with characters CloudWatch Logs does not allow', () => {
    expectInvalid(bus({ logAllEvents: { logGroupName: '/orders/events:all' } }), {
      path: BUS,
      field: 'logAllEvents.logGroupName',
      value: '/orders/events:all',
      allowed: 'log group names must be 1–512 characters of letters, digits, ".", "-", "_", "/" and "#"',
    });
  });

  it('refuses a log retention CloudWatch Logs does not offer', () => {
    expectInvalid(bus({ logAllEvents: { retentionDays: 10 } }), {
      path: BUS,
      field: 'logAllEvents.retentionDays',
      value: 10,
      allowed: 'must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365',
    });
  });

  it('refuses a log group key that is not a KMS ARN', () => {
    expectInvalid(bus({ logAllEvents: { kmsKeyArn: 'orders-key' } }), {
      path: BUS,
      field: 'logAllEvents.kmsKeyArn',
      value: 'orders-key',
      allowed: 'must be an ARN of kms',
    });
  });

  it('refuses an invalid logging rule name, on the logging rule', () => {
    expectInvalid(bus({ logAllEvents: { ruleName: 'log all' } }), {
      path: 'test/orders/LogAllEvents',
      field: 'name',
      value: 'log all',
      allowed: 'rule names must be 1–64 characters',
    });
  });

  it('refuses a dead-letter retention outside SQS\'s range', () => {
    expectInvalid(bus({ deadLetterQueues: { retentionSeconds: 30 } }), {
      path: BUS,
      field: 'deadLetterQueues.retentionSeconds',
      value: 30,
      allowed: 'must be a whole number from 60 to 1,209,600 seconds',
    });
  });

  it('refuses a negative dead-letter alarm threshold', () => {
    expectInvalid(bus({ deadLetterQueues: { alarm: { threshold: -1 } } }), {
      path: BUS,
      field: 'deadLetterQueues.alarm.threshold',
      value: -1,
      allowed: 'must be from 0',
    });
  });

  it('reports every problem at once and makes nothing', () => {
    const stack = testStack();
    let error: unknown;
    try {
      new EventBusWithRules(stack, 'orders', { name: 'default', description: 'd'.repeat(600), archive: { retentionDays: 1.5 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.field)).toEqual(['name', 'description', 'archive.retentionDays']);
    expect((error as Error).message).toMatch(/^test\/orders: 3 invalid props:\n  - name = "default" is invalid: /);
    expect(synthJson(stack).resource ?? {}).toEqual({});
  });
});

describe('rule validation', () => {
  it('refuses a rule name with characters EventBridge does not allow', () => {
    expectInvalid(rule({ name: 'order placed' }), {
      path: RULE,
      field: 'name',
      value: 'order placed',
      allowed: 'rule names must be 1–64 characters of letters, digits, ".", "-" and "_"',
    });
  });

  it('refuses a rule name over 64 characters', () => {
    const name = 'r'.repeat(65);
    expectInvalid(rule({ name }), { path: RULE, field: 'name', value: name, allowed: 'rule names must be 1–64 characters' });
  });

  it('says so when the construct ID it names the rule after is invalid', () => {
    expectInvalid(() => busStack().bus.addRule('order placed', { eventPattern: ORDER_PLACED }), {
      path: 'test/orders/order placed',
      field: 'name',
      value: 'order placed',
      allowed: '(the construct ID is the name when name is unset)',
    });
  });

  it('refuses a second rule with the same name on the bus', () => {
    expectInvalid(
      () => {
        const { bus } = busStack();
        bus.addRule('first', { name: 'placed', eventPattern: ORDER_PLACED });
        bus.addRule('second', { name: 'placed', eventPattern: ORDER_PLACED });
      },
      { path: 'test/orders/second', field: 'name', value: 'placed', allowed: 'rule names must be unique on their event bus' },
    );
  });

  it('refuses a construct ID the bus already uses', () => {
    expectInvalid(() => busStack().bus.addRule('Archive', { name: 'archive-rule', eventPattern: ORDER_PLACED }), {
      path: BUS,
      field: 'addRule.id',
      value: 'Archive',
      allowed: 'is already used by another rule or resource of this bus',
    });
  });

  it('refuses a description over 512 characters', () => {
    const description = 'd'.repeat(513);
    expectInvalid(rule({ description }), { path: RULE, field: 'description', value: description, allowed: 'must be at most 512 characters' });
  });

  it('refuses a schedule expression on a custom bus', () => {
    expectInvalid(rule({ scheduleExpression: 'rate(5 minutes)' }), {
      path: RULE,
      field: 'scheduleExpression',
      value: 'rate(5 minutes)',
      allowed: 'EventBridge allows schedule expressions only on the default event bus, not on a custom bus',
    });
  });

  it('requires an event pattern', () => {
    expectInvalid(rule({ eventPattern: undefined }), {
      path: RULE,
      field: 'eventPattern',
      value: undefined,
      allowed: 'is required: a rule on a custom bus matches events by pattern',
    });
  });

  it('refuses an invalid event pattern, naming the path and value inside it', () => {
    expectInvalid(rule({ eventPattern: { source: ['orders.service'], detail: { total: [{ numeric: ['<', 5, '>', 1] }] } } as never }), {
      path: RULE,
      field: 'eventPattern.detail.total[0].numeric',
      value: ['<', 5, '>', 1],
      allowed: 'a range starts with > or >= (lower bound first)',
    });
  });

  it('refuses an event pattern that is not an object', () => {
    expectInvalid(rule({ eventPattern: 'source=orders' as never }), {
      path: RULE,
      field: 'eventPattern',
      value: 'source=orders',
      allowed: 'Event pattern must be a JSON object',
    });
  });

  it('refuses enabled that is not a boolean', () => {
    expectInvalid(rule({ enabled: 'yes' as never }), { path: RULE, field: 'enabled', value: 'yes', allowed: 'must be true or false' });
  });

  it('refuses more than 5 targets', () => {
    const targets = Array.from({ length: 6 }, () => RuleTarget.lambda(FUNCTION_ARN));
    expectInvalid(rule({ targets }), {
      path: RULE,
      field: 'targets',
      value: targets,
      allowed: 'EventBridge allows at most 5 targets per rule (6 given)',
    });
  });

  it('refuses a sixth target added later, and adds nothing', () => {
    const { stack, bus } = busStack();
    const placed = bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: Array.from({ length: 5 }, () => RuleTarget.lambda(FUNCTION_ARN)) });
    const sixth = RuleTarget.stateMachine(STATE_MACHINE_ARN);
    expectInvalid(() => placed.addTarget(sixth), {
      path: RULE,
      field: 'targets[5]',
      value: sixth,
      allowed: 'EventBridge allows at most 5 targets per rule, and this rule has 5 already',
    });
    expect(resourcesOf(synthJson(stack), 'aws_cloudwatch_event_target')).toHaveLength(5);
  });

  it('refuses a FIFO queue as the rule\'s dead-letter queue', () => {
    expectInvalid(
      () => {
        const { stack, bus } = busStack();
        const dlq = new DeadLetterQueue(stack, 'dlq', { name: 'placed-dlq', fifo: true });
        bus.addRule('placed', { eventPattern: ORDER_PLACED, deadLetterQueue: dlq });
      },
      { path: RULE, field: 'deadLetterQueue', value: 'construct test/dlq', allowed: 'FIFO queues are not supported' },
    );
  });

  it('refuses an invalid name for the rule\'s dead-letter queue', () => {
    expectInvalid(rule({ deadLetterQueue: { name: 'placed.dlq' } }), {
      path: RULE,
      field: 'deadLetterQueue.name',
      value: 'placed.dlq',
      allowed: 'SQS queue names are 1–80 letters, digits, hyphens and underscores',
    });
  });

  it('refuses a dead-letter retention outside SQS\'s range', () => {
    expectInvalid(rule({ deadLetterQueue: { retentionSeconds: 2_000_000 } }), {
      path: RULE,
      field: 'deadLetterQueue.retentionSeconds',
      value: 2_000_000,
      allowed: 'must be a whole number from 60 to 1,209,600 seconds',
    });
  });

  it('refuses a negative dead-letter alarm threshold', () => {
    expectInvalid(rule({ deadLetterQueue: { alarm: { threshold: -5 } } }), {
      path: RULE,
      field: 'deadLetterQueue.alarm.threshold',
      value: -5,
      allowed: 'must be from 0',
    });
  });

  it('refuses a dead-letter queue setting of the wrong type', () => {
    expectInvalid(rule({ deadLetterQueue: 'placed-dlq' as never }), {
      path: RULE,
      field: 'deadLetterQueue',
      value: 'placed-dlq',
      allowed: 'must be false, a standard queue construct (IQueueTarget), or { name, retentionSeconds, alarm }',
    });
  });
});

describe('target validation', () => {
  it('refuses something that is not a RuleTarget (e.g. a queue passed without RuleTarget.queue)', () => {
    expectInvalid(
      () => {
        const { stack, bus } = busStack();
        const queue = new QueueWithDlq(stack, 'fraud', { name: 'fraud' });
        bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [queue as never] });
      },
      { path: RULE, field: 'targets[0]', value: 'construct test/fraud', allowed: 'must be made with RuleTarget.queue, .topic, .lambda, .eventBus, .stateMachine or .logGroup' },
    );
  });

  it('refuses a target ID with characters EventBridge does not allow', () => {
    expectInvalid(target(RuleTarget.lambda(FUNCTION_ARN, { targetId: 'fulfil order' })), {
      path: RULE,
      field: 'targets[0].targetId',
      value: 'fulfil order',
      allowed: 'target IDs must be 1–64 characters of letters, digits, ".", "-" and "_"',
    });
  });

  it('refuses two targets with the same ID', () => {
    expectInvalid(rule({ targets: [RuleTarget.lambda(FUNCTION_ARN, { targetId: 'fulfil' }), RuleTarget.stateMachine(STATE_MACHINE_ARN, { targetId: 'fulfil' })] }), {
      path: RULE,
      field: 'targets[1].targetId',
      value: 'fulfil',
      allowed: 'target IDs must be unique within a rule',
    });
  });

  it('refuses an added target whose ID is taken', () => {
    const { bus } = busStack();
    const placed = bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.lambda(FUNCTION_ARN)] });
    expectInvalid(() => placed.addTarget(RuleTarget.stateMachine(STATE_MACHINE_ARN, { targetId: 'lambda-1' })), {
      path: RULE,
      field: 'targets[1].targetId',
      value: 'lambda-1',
      allowed: 'target IDs must be unique within a rule',
    });
  });

  it('refuses more than 185 retry attempts', () => {
    expectInvalid(target(RuleTarget.lambda(FUNCTION_ARN, { retryPolicy: { maximumRetryAttempts: 186 } })), {
      path: RULE,
      field: 'targets[0].retryPolicy.maximumRetryAttempts',
      value: 186,
      allowed: 'must be a whole number from 0 to 185',
    });
  });

  it('refuses a maximum event age under 60 seconds (the API refuses what the provider lets through)', () => {
    expectInvalid(target(RuleTarget.lambda(FUNCTION_ARN, { retryPolicy: { maximumEventAgeSeconds: 59 } })), {
      path: RULE,
      field: 'targets[0].retryPolicy.maximumEventAgeSeconds',
      value: 59,
      allowed: 'must be a whole number from 60 to 86,400 seconds',
    });
  });

  it('refuses a maximum event age over 24 hours', () => {
    expectInvalid(target(RuleTarget.lambda(FUNCTION_ARN, { retryPolicy: { maximumEventAgeSeconds: 86_401 } })), {
      path: RULE,
      field: 'targets[0].retryPolicy.maximumEventAgeSeconds',
      value: 86_401,
      allowed: 'must be a whole number from 60 to 86,400 seconds',
    });
  });

  it('refuses input together with inputPath or inputTransformer', () => {
    expectInvalid(target(RuleTarget.lambda(FUNCTION_ARN, { input: { a: 1 }, inputPath: '$.detail' })), {
      path: RULE,
      field: 'targets[0].input/inputPath',
      value: ['input', 'inputPath'],
      allowed: 'input, inputPath and inputTransformer are mutually exclusive: set at most one',
    });
  });

  it('refuses an input string that is not JSON', () => {
    expectInvalid(target(RuleTarget.lambda(FUNCTION_ARN, { input: 'refresh' })), {
      path: RULE,
      field: 'targets[0].input',
      value: 'refresh',
      allowed: 'must be valid JSON text',
    });
  });

  it('refuses an input longer than 8,192 characters', () => {
    const input = { text: 'x'.repeat(8_200) };
    let error: ValidationError | undefined;
    try {
      target(RuleTarget.lambda(FUNCTION_ARN, { input }))();
    } catch (e) {
      error = e as ValidationError;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.issues).toEqual([{ field: 'targets[0].input', value: input, allowed: 'must be at most 8,192 characters of JSON' }]);
    expect(error!.message).toMatch(/^test\/orders\/placed: targets\[0\]\.input = \{"text":"x+\.\.\. is invalid: must be at most 8,192 characters of JSON$/);
  });

  it('refuses an input path that is not a JSON path', () => {
    expectInvalid(target(RuleTarget.lambda(FUNCTION_ARN, { inputPath: 'detail' })), {
      path: RULE,
      field: 'targets[0].inputPath',
      value: 'detail',
      allowed: 'must be a JSON path starting with "$"',
    });
  });

  it('refuses more than 100 input paths', () => {
    const inputPaths = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, `$.detail.v${i}`]));
    expectInvalid(target(RuleTarget.lambda(FUNCTION_ARN, { inputTransformer: { inputPaths, inputTemplate: '<v0>' } })), {
      path: RULE,
      field: 'targets[0].inputTransformer.inputPaths',
      value: inputPaths,
      allowed: 'EventBridge allows at most 100 input paths per target (101 given)',
    });
  });

  it('refuses an input path variable starting with "AWS"', () => {
    expectInvalid(target(RuleTarget.lambda(FUNCTION_ARN, { inputTransformer: { inputPaths: { AWSRegion: '$.region' }, inputTemplate: '<AWSRegion>' } })), {
      path: RULE,
      field: 'targets[0].inputTransformer.inputPaths',
      value: 'AWSRegion',
      allowed: 'must not start with "AWS"',
    });
  });

  it('refuses an input path variable with characters EventBridge does not allow', () => {
    expectInvalid(target(RuleTarget.lambda(FUNCTION_ARN, { inputTransformer: { inputPaths: { 'order.id': '$.detail.orderId' }, inputTemplate: '<x>' } })), {
      path: RULE,
      field: 'targets[0].inputTransformer.inputPaths',
      value: 'order.id',
      allowed: 'variable names must be letters, digits, "_" and "-"',
    });
  });

  it('refuses an input path variable whose path is not a JSON path', () => {
    expectInvalid(target(RuleTarget.lambda(FUNCTION_ARN, { inputTransformer: { inputPaths: { orderId: 'detail.orderId' }, inputTemplate: '<orderId>' } })), {
      path: RULE,
      field: 'targets[0].inputTransformer.inputPaths.orderId',
      value: 'detail.orderId',
      allowed: 'must be a JSON path starting with "$"',
    });
  });

  it('refuses an empty input template', () => {
    expectInvalid(target(RuleTarget.lambda(FUNCTION_ARN, { inputTransformer: { inputTemplate: '' } })), {
      path: RULE,
      field: 'targets[0].inputTransformer.inputTemplate',
      value: '',
      allowed: 'is required and must be 1–8,192 characters',
    });
  });

  it('refuses a queue ARN that is not an SQS ARN', () => {
    expectInvalid(target(RuleTarget.queue(`arn:aws:sns:eu-west-1:${ACCOUNT}:orders`)), {
      path: RULE,
      field: 'targets[0].queue',
      value: `arn:aws:sns:eu-west-1:${ACCOUNT}:orders`,
      allowed: 'must be an SQS queue ARN (arn:<partition>:sqs:<region>:<account>:<name>)',
    });
  });

  it('requires a message group ID for a FIFO queue construct', () => {
    expectInvalid(
      () => {
        const { stack, bus } = busStack();
        const queue = new QueueWithDlq(stack, 'audit', { name: 'audit', fifo: true });
        bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.queue(queue)] });
      },
      { path: RULE, field: 'targets[0].messageGroupId', value: undefined, allowed: 'is required for a FIFO queue: EventBridge refuses to send to one without a message group ID' },
    );
  });

  it('requires a message group ID for a FIFO queue ARN', () => {
    expectInvalid(target(RuleTarget.queue(`arn:aws:sqs:eu-west-1:${ACCOUNT}:audit.fifo`)), {
      path: RULE,
      field: 'targets[0].messageGroupId',
      value: undefined,
      allowed: 'is required for a FIFO queue',
    });
  });

  it('refuses a message group ID over 100 characters', () => {
    const messageGroupId = 'g'.repeat(101);
    expectInvalid(target(RuleTarget.queue(`arn:aws:sqs:eu-west-1:${ACCOUNT}:audit.fifo`, { messageGroupId })), {
      path: RULE,
      field: 'targets[0].messageGroupId',
      value: messageGroupId,
      allowed: 'must be 1–100 characters of letters, digits and punctuation',
    });
  });

  it('refuses a message group ID with a space', () => {
    expectInvalid(target(RuleTarget.queue(`arn:aws:sqs:eu-west-1:${ACCOUNT}:audit.fifo`, { messageGroupId: 'all orders' })), {
      path: RULE,
      field: 'targets[0].messageGroupId',
      value: 'all orders',
      allowed: 'letters, digits and punctuation',
    });
  });

  it('refuses a topic ARN that is not an SNS ARN', () => {
    expectInvalid(target(RuleTarget.topic('order-events')), {
      path: RULE,
      field: 'targets[0].topic',
      value: 'order-events',
      allowed: 'must be an SNS topic ARN',
    });
  });

  it('refuses a topic object without a topic ARN', () => {
    expectInvalid(target(RuleTarget.topic({ topicName: 'x' } as never)), {
      path: RULE,
      field: 'targets[0].topic',
      value: { topicName: 'x' },
      allowed: 'must be a construct with topicArn',
    });
  });

  it('refuses a FIFO topic (the provider cannot set its message group ID)', () => {
    const topic = new FakeTopic('order-events.fifo', true);
    expectInvalid(target(RuleTarget.topic(topic)), {
      path: RULE,
      field: 'targets[0].topic',
      value: topic.topicArn,
      allowed: 'a FIFO topic needs a message group ID in the target\'s SNS parameters, which aws_cloudwatch_event_target (hashicorp/aws 6.x) cannot set',
    });
  });

  it('refuses a Lambda ARN that is not a function ARN', () => {
    const arn = `arn:aws:lambda:eu-west-1:${ACCOUNT}:layer:deps`;
    expectInvalid(target(RuleTarget.lambda(arn)), {
      path: RULE,
      field: 'targets[0].functionArn',
      value: arn,
      allowed: 'must be a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>])',
    });
  });

  it('refuses an event bus ARN that is not one', () => {
    expectInvalid(target(RuleTarget.eventBus('central')), {
      path: RULE,
      field: 'targets[0].eventBus',
      value: 'central',
      allowed: 'must be an event bus ARN (arn:<partition>:events:<region>:<account>:event-bus/<name>)',
    });
  });

  it('refuses the rule\'s own bus as a target', () => {
    expectInvalid(
      () => {
        const { bus } = busStack();
        bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.eventBus(bus)] });
      },
      { path: RULE, field: 'targets[0].eventBus', value: 'construct test/orders', allowed: 'must be another event bus: a rule that sends its own bus\'s events back to it would loop' },
    );
  });

  it('refuses a state machine ARN that is not one', () => {
    const arn = `arn:aws:states:eu-west-1:${ACCOUNT}:execution:order-saga:1`;
    expectInvalid(target(RuleTarget.stateMachine(arn)), {
      path: RULE,
      field: 'targets[0].stateMachineArn',
      value: arn,
      allowed: 'must be a Step Functions state machine ARN',
    });
  });

  it('refuses a log group ARN with the ":*" suffix', () => {
    const arn = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/orders/audit:*`;
    expectInvalid(target(RuleTarget.logGroup(arn)), {
      path: RULE,
      field: 'targets[0].logGroup',
      value: arn,
      allowed: 'must be a log group ARN without the ":*" suffix',
    });
  });

  it('refuses a log group name CloudWatch Logs does not allow', () => {
    expectInvalid(target(RuleTarget.logGroup('orders audit')), {
      path: RULE,
      field: 'targets[0].logGroup',
      value: 'orders audit',
      allowed: 'log group names must be 1–512 characters',
    });
  });

  it('refuses a FIFO dead-letter queue for one target', () => {
    expectInvalid(
      () => {
        const { stack, bus } = busStack();
        const dlq = new DeadLetterQueue(stack, 'dlq', { name: 'fifo-dlq', fifo: true });
        bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.lambda(FUNCTION_ARN, { deadLetterQueue: dlq })] });
      },
      { path: RULE, field: 'targets[0].deadLetterQueue', value: 'construct test/dlq', allowed: 'EventBridge dead-letter queues must be standard SQS queues' },
    );
  });

  it('refuses an invalid target added later, naming its position', () => {
    const { bus } = busStack();
    const placed = bus.addRule('placed', { eventPattern: ORDER_PLACED, targets: [RuleTarget.eventBus(OTHER_BUS_ARN)] });
    expectInvalid(() => placed.addTarget(RuleTarget.lambda('fulfil-order')), {
      path: RULE,
      field: 'targets[1].functionArn',
      value: 'fulfil-order',
      allowed: 'must be a Lambda function ARN',
    });
  });
});

describe('target ARNs at the AWS name limits', () => {
  const arn = (service: string, name: string) => `arn:aws:${service}:eu-west-1:${ACCOUNT}:${name}`;

  it.each([
    ['an 80-character queue name', RuleTarget.queue(arn('sqs', 'q'.repeat(80)))],
    ['an 80-character FIFO queue name', RuleTarget.queue(arn('sqs', `${'q'.repeat(75)}.fifo`), { messageGroupId: 'g' })],
    ['a 256-character topic name', RuleTarget.topic(arn('sns', 't'.repeat(256)))],
  ])('accepts %s', (_what, t) => {
    expect(target(t)).not.toThrow();
  });

  it.each([
    ['an 81-character queue name', RuleTarget.queue(arn('sqs', 'q'.repeat(81)))],
    ['a 257-character topic name', RuleTarget.topic(arn('sns', 't'.repeat(257)))],
  ])('refuses %s', (_what, t) => {
    expect(target(t)).toThrow(ValidationError);
  });
});
