import { FUNCTION_ARN, parseFunctionArn, QUEUE_ARN, STANDARD_QUEUE_ARN, TOPIC_ARN } from '../../modules/core/endpoints';
import { BucketWithNotifications, EventBusWithRules, RuleTarget, TopicWithFilteredSubscriptions, ValidationError } from '../../modules';
import { testStack } from '../helpers/synth';

const A = '123456789012';

describe('one pattern per endpoint ARN', () => {
  it.each([
    [`arn:aws:sqs:eu-west-1:${A}:orders`],
    [`arn:aws:sqs:us-gov-west-1:${A}:orders`],
    [`arn:aws-cn:sqs:cn-north-1:${A}:orders`],
    [`arn:aws-iso-b:sqs:us-isob-east-1:${A}:orders`],
    [`arn:aws:sqs:eu-west-1:${A}:${'q'.repeat(80)}`],
    [`arn:aws:sqs:eu-west-1:${A}:${'q'.repeat(75)}.fifo`],
  ])('takes the queue ARN %s', (arn) => expect(QUEUE_ARN.test(arn)).toBe(true));

  it.each([
    [`arn:aws:sqs:eu-west-1:${A}:${'q'.repeat(81)}`, 'an 81-character name'],
    [`arn:aws:sqs:eu-west-1:${A}:${'q'.repeat(76)}.fifo`, 'an 81-character FIFO name'],
    [`arn:aws:sqs:eu-west-1:${A}:orders.v2`, 'a "." outside ".fifo"'],
    [`arn:aws:sqs:eu-west-1:12345678901:orders`, 'an 11-digit account'],
    [`arn:aws:sqs:local:${A}:orders`, 'a Region that is not one'],
    [`arn:aws:sns:eu-west-1:${A}:orders`, 'another service'],
  ])('refuses the queue ARN %s (%s)', (arn) => expect(QUEUE_ARN.test(arn)).toBe(false));

  it('tells standard queues from FIFO ones', () => {
    expect(STANDARD_QUEUE_ARN.test(`arn:aws:sqs:eu-west-1:${A}:orders`)).toBe(true);
    expect(STANDARD_QUEUE_ARN.test(`arn:aws:sqs:eu-west-1:${A}:orders.fifo`)).toBe(false);
  });

  it('takes topic names up to 256 characters, .fifo included', () => {
    expect(TOPIC_ARN.test(`arn:aws:sns:eu-west-1:${A}:${'t'.repeat(256)}`)).toBe(true);
    expect(TOPIC_ARN.test(`arn:aws:sns:eu-west-1:${A}:${'t'.repeat(252)}.fifo`)).toBe(false);
  });

  it.each([
    [`arn:aws:lambda:eu-west-1:${A}:function:fulfil-order`],
    [`arn:aws:lambda:eu-west-1:${A}:function:${'f'.repeat(64)}`],
    [`arn:aws:lambda:eu-west-1:${A}:function:fulfil-order:$LATEST`],
    [`arn:aws:lambda:eu-west-1:${A}:function:fulfil-order:7`],
    [`arn:aws:lambda:eu-west-1:${A}:function:fulfil-order:${'a'.repeat(128)}`],
  ])('takes the function ARN %s', (arn) => expect(FUNCTION_ARN.test(arn)).toBe(true));

  it.each([
    [`arn:aws:lambda:eu-west-1:${A}:function:${'f'.repeat(65)}`, 'a 65-character name'],
    [`arn:aws:lambda:eu-west-1:${A}:function:fulfil-order:${'a'.repeat(129)}`, 'a 129-character alias'],
    [`arn:aws:lambda:eu-west-1:${A}:function:fulfil-order:live$`, 'a "$" in an alias'],
    [`arn:aws:lambda:eu-west-1:${A}:function:fulfil-order:`, 'an empty qualifier'],
    [`arn:aws:lambda:eu-west-1:${A}:function:fulfil.order`, 'a "." in the name'],
  ])('refuses the function ARN %s (%s)', (arn) => expect(FUNCTION_ARN.test(arn)).toBe(false));

  it('splits a qualified function ARN for aws_lambda_permission', () => {
    expect(parseFunctionArn(`arn:aws:lambda:eu-west-1:${A}:function:fulfil-order:live`)).toEqual({
      functionArn: `arn:aws:lambda:eu-west-1:${A}:function:fulfil-order`,
      functionName: 'fulfil-order',
      qualifier: 'live',
    });
    expect(parseFunctionArn(`arn:aws:lambda:eu-west-1:${A}:function:fulfil-order`)?.qualifier).toBeUndefined();
    expect(parseFunctionArn('fulfil-order')).toBeUndefined();
  });
});

describe('every module takes the same function ARNs', () => {
  /** Whether each module accepts the ARN: a rule target, a topic subscription, a bucket notification. */
  function accepted(arn: string): boolean[] {
    const attempt = (fn: () => unknown): boolean => {
      try {
        fn();
        return true;
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as ValidationError).issues.map((i) => i.field)).toEqual([expect.stringMatching(/functionArn$/)]);
        return false;
      }
    };
    const stack = testStack();
    return [
      attempt(() => new EventBusWithRules(stack, 'bus', { name: 'orders' }).addRule('placed', { eventPattern: { source: ['orders'] }, targets: [RuleTarget.lambda(arn)] })),
      attempt(() => new TopicWithFilteredSubscriptions(stack, 'topic', { name: 'orders' }).addLambdaSubscription('fn', arn)),
      attempt(() => new BucketWithNotifications(stack, 'bucket', { name: 'orders-documents' }).addLambdaNotification('fn', arn)),
    ];
  }

  it.each([
    [`arn:aws:lambda:eu-west-1:${A}:function:fulfil-order:live`, true],
    [`arn:aws:lambda:eu-west-1:${A}:function:fulfil-order:$LATEST`, true],
    // Each of these was taken by one module and refused by another.
    [`arn:aws:lambda:eu-west-1:${A}:function:fulfil-order:${'a'.repeat(129)}`, false],
    [`arn:aws:lambda:eu-west-1:${A}:function:fulfil-order:li$ve`, false],
    [`arn:aws:lambda:local:${A}:function:fulfil-order`, false],
  ])('%s: %s everywhere', (arn, ok) => {
    expect(accepted(arn)).toEqual([ok, ok, ok]);
  });
});

describe('queue ARNs given to a topic follow SQS naming, not only the service', () => {
  const refusal = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).message;
    }
    throw new Error('expected a ValidationError');
  };
  const SQS_NAMING = 'must be an SQS queue ARN (arn:<partition>:sqs:<region>:<account>:<name>, the name 1–80 letters, digits, "-" and "_", ".fifo" included)';

  it('as the subscribed queue', () => {
    const topic = new TopicWithFilteredSubscriptions(testStack(), 'topic', { name: 'orders' });
    expect(refusal(() => topic.addQueueSubscription('billing', `arn:aws:sqs:eu-west-1:${A}:billing.v2`))).toBe(`test/topic/billing: queue = "arn:aws:sqs:eu-west-1:${A}:billing.v2" is invalid: ${SQS_NAMING}`);
  });

  it('as the dead-letter queue', () => {
    const topic = new TopicWithFilteredSubscriptions(testStack(), 'topic', { name: 'orders' });
    const dlq = `arn:aws:sqs:eu-west-1:${A}:${'d'.repeat(81)}`;
    expect(refusal(() => topic.addLambdaSubscription('fn', `arn:aws:lambda:eu-west-1:${A}:function:f`, { deadLetterQueue: dlq }))).toBe(`test/topic/fn: deadLetterQueue = "${dlq}" is invalid: ${SQS_NAMING}`);
  });
});
