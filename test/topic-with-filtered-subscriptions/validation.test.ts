import { TerraformVariable } from 'cdktf';
import {
  HttpsDeliveryPolicy,
  TopicWithFilteredSubscriptions,
  TopicWithFilteredSubscriptionsProps,
} from '../../modules/topic-with-filtered-subscriptions';
import { FilterPolicy } from '../../modules/patterns';
import { QueueWithDlq } from '../../modules/queue-with-dlq';
import { DeadLetterQueue } from '../../modules/dead-letter-queue';
import { resourcesOf, synthJson, testStack } from '../helpers/synth';
import { build, errorOf, RULE_ARN } from './helpers';

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:order-notifier';

/** The error of building a topic with these props. */
function topicError(props: Partial<TopicWithFilteredSubscriptionsProps>): string {
  return errorOf(() => build(props));
}

/** `<path>: <field> = <value> is invalid: <allowed>`, the one-issue form of a ValidationError (long values cut at 200 characters). */
function issue(path: string, field: string, value: unknown, allowed: string): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return `${path}: ${field} = ${text.length > 200 ? `${text.slice(0, 197)}...` : text} is invalid: ${allowed}`;
}

const NAME_RULE = 'SNS topic names are 1–256 letters, digits, hyphens and underscores';
const FIFO_ONLY = 'applies to FIFO topics only: set fifo: true or leave it unset';

describe('TopicWithFilteredSubscriptions: validation of the topic props', () => {
  it('name: letters, digits, hyphens and underscores only', () => {
    expect(topicError({ name: 'order events' })).toBe(issue('test/events', 'name', 'order events', NAME_RULE));
  });

  it('name: at most 256 characters', () => {
    const name = 'a'.repeat(257);
    expect(topicError({ name, encryption: { kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k' } })).toBe(issue('test/events', 'name', name, NAME_RULE));
  });

  it('name: at most 251 characters before the .fifo suffix of a FIFO topic', () => {
    const name = 'a'.repeat(252);
    expect(topicError({ name, fifo: true, encryption: { kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k' } })).toBe(
      issue('test/events', 'name', name, `${NAME_RULE}, counting the ".fifo" suffix added here (so at most 251 before it)`),
    );
  });

  it('name: ending in .fifo needs fifo: true', () => {
    expect(topicError({ name: 'orders.fifo' })).toBe(issue('test/events', 'name', 'orders.fifo', 'a name ending in ".fifo" needs fifo: true'));
  });

  it('name: must leave room for the alias of the key made for the topic', () => {
    const name = 'a'.repeat(247);
    expect(topicError({ name })).toBe(
      issue(
        'test/events',
        'name',
        name,
        'is too long for the alias of the KMS key made for the topic ("alias/sns/<name>", at most 256 characters): shorten it or give encryption: { kmsKeyArn }',
      ),
    );
  });

  it('contentBasedDeduplication: FIFO topics only', () => {
    expect(topicError({ contentBasedDeduplication: true })).toBe(issue('test/events', 'contentBasedDeduplication', true, FIFO_ONLY));
  });

  it('fifoThroughputScope: FIFO topics only', () => {
    expect(topicError({ fifoThroughputScope: 'Topic' })).toBe(issue('test/events', 'fifoThroughputScope', 'Topic', FIFO_ONLY));
  });

  it('fifoThroughputScope: Topic or MessageGroup', () => {
    expect(topicError({ fifo: true, fifoThroughputScope: 'PerGroup' as never })).toBe(
      issue('test/events', 'fifoThroughputScope', 'PerGroup', 'must be one of "Topic", "MessageGroup"'),
    );
  });

  it('encryption: "customer-managed" or { kmsKeyArn }', () => {
    expect(topicError({ encryption: 'aws-managed' as never })).toBe(issue('test/events', 'encryption', 'aws-managed', 'must be "customer-managed" or { kmsKeyArn }'));
  });

  it('encryption.kmsKeyArn: a KMS ARN', () => {
    expect(topicError({ encryption: { kmsKeyArn: 'alias/orders' } })).toBe(
      issue('test/events', 'encryption.kmsKeyArn', 'alias/orders', 'must be an ARN of kms (arn:<partition>:kms:...)'),
    );
  });

  it('encryption.kmsKeyArn: not the AWS managed alias/aws/sns, which publishing services cannot use', () => {
    const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:alias/aws/sns';
    expect(topicError({ encryption: { kmsKeyArn } })).toBe(
      issue(
        'test/events',
        'encryption.kmsKeyArn',
        kmsKeyArn,
        'the AWS managed key alias/aws/sns cannot be used by EventBridge or other AWS services that publish to the topic (its key policy cannot be changed): give a customer managed key',
      ),
    );
  });

  it('deliveryStatusLogging.protocols: at least one', () => {
    expect(topicError({ deliveryStatusLogging: { protocols: [] } })).toBe(
      issue('test/events', 'deliveryStatusLogging.protocols', [], 'must list at least one of "sqs", "lambda", "http"'),
    );
  });

  it('deliveryStatusLogging.protocols: sqs, lambda or http', () => {
    expect(topicError({ deliveryStatusLogging: { protocols: ['sqs', 'email' as never] } })).toBe(
      issue('test/events', 'deliveryStatusLogging.protocols[1]', 'email', 'must be one of "sqs", "lambda", "http"'),
    );
  });

  it('deliveryStatusLogging.successSampleRate: 0–100', () => {
    expect(topicError({ deliveryStatusLogging: { successSampleRate: 101 } })).toBe(
      issue('test/events', 'deliveryStatusLogging.successSampleRate', 101, 'must be a whole number from 0 to 100 percent'),
    );
  });

  it('deliveryStatusLogging.roleArn: an IAM ARN', () => {
    expect(topicError({ deliveryStatusLogging: { roleArn: 'sns-logs' } })).toBe(
      issue('test/events', 'deliveryStatusLogging.roleArn', 'sns-logs', 'must be an ARN of iam (arn:<partition>:iam:...)'),
    );
  });

  it('publishers: at least one, when given', () => {
    expect(topicError({ publishers: [] })).toBe(issue('test/events', 'publishers', [], 'must list at least one service principal, or be left unset'));
  });

  it('publishers: AWS service principals', () => {
    expect(topicError({ publishers: ['events.amazonaws.com', 'arn:aws:iam::123456789012:root'] })).toBe(
      issue('test/events', 'publishers[1]', 'arn:aws:iam::123456789012:root', 'must be an AWS service principal such as "events.amazonaws.com"'),
    );
  });

  it('reports every problem at once, and makes nothing', () => {
    const stack = testStack();
    let message = '';
    try {
      new TopicWithFilteredSubscriptions(stack, 'events', { name: 'bad name', contentBasedDeduplication: true });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      `test/events: 2 invalid props:\n  - name = "bad name" is invalid: ${NAME_RULE}\n  - contentBasedDeduplication = true is invalid: ${FIFO_ONLY}`,
    );
    expect(synthJson(stack).resource).toBeUndefined();
  });
});

describe('TopicWithFilteredSubscriptions: validation of grants', () => {
  it('allowPublishFrom: a service principal', () => {
    expect(errorOf(() => build({}, (t) => t.allowPublishFrom('123456789012', RULE_ARN)))).toBe(
      issue('test/events', 'allowPublishFrom.servicePrincipal', '123456789012', 'must be an AWS service principal such as "events.amazonaws.com"'),
    );
  });

  it('allowPublishFrom: a declared publisher, when publishers are declared', () => {
    expect(errorOf(() => build({ publishers: ['events.amazonaws.com'] }, (t) => t.allowPublishFrom('s3.amazonaws.com', 'arn:aws:s3:::exports')))).toBe(
      issue('test/events', 'allowPublishFrom.servicePrincipal', 's3.amazonaws.com', 'is not among the topic\'s declared publishers ("events.amazonaws.com"): add it to publishers'),
    );
  });

  it('allowPublishFrom: a source ARN', () => {
    expect(errorOf(() => build({}, (t) => t.allowPublishFrom('events.amazonaws.com', 'order-lifecycle')))).toBe(
      issue('test/events', 'allowPublishFrom.sourceArn', 'order-lifecycle', 'must be an ARN (arn:<partition>:<service>:...)'),
    );
  });
});

describe('TopicWithFilteredSubscriptions: validation of subscriptions', () => {
  const SUB = 'test/events/s';

  it('ids are unique within the topic', () => {
    expect(
      errorOf(() =>
        build({}, (t) => {
          t.addLambdaSubscription('notifier', FUNCTION_ARN);
          t.addLambdaSubscription('notifier', FUNCTION_ARN);
        }),
      ),
    ).toBe(
      issue(
        'test/events',
        'id',
        'notifier',
        'must be unique within the topic: "notifier" is already a subscription or a part of the topic (Key, Topic, Policy, notifier)',
      ),
    );
  });

  it('a failed subscription leaves nothing behind, so the id can be used again', () => {
    const { json, topic } = build({}, (t) => {
      expect(() => t.addLambdaSubscription('notifier', 'not-an-arn')).toThrow(/functionArn = "not-an-arn" is invalid/);
      t.addLambdaSubscription('notifier', FUNCTION_ARN);
    });
    expect(resourcesOf(json, 'aws_sns_topic_subscription')).toHaveLength(1);
    expect(topic.subscriptions).toHaveLength(1);
  });

  describe('FIFO pairing', () => {
    const FIFO_SQS_ONLY =
      'FIFO topics deliver only to SQS queues (FIFO queues for strict ordering, standard queues for best-effort ordering); subscribe a queue, and let it trigger the consumer';

    it('a FIFO topic refuses Lambda functions', () => {
      expect(errorOf(() => build({ fifo: true }, (t) => t.addLambdaSubscription('s', FUNCTION_ARN)))).toBe(issue(SUB, 'protocol', 'lambda', FIFO_SQS_ONLY));
    });

    it('a FIFO topic refuses HTTPS endpoints', () => {
      expect(errorOf(() => build({ fifo: true }, (t) => t.addHttpsSubscription('s', 'https://example.com')))).toBe(issue(SUB, 'protocol', 'https', FIFO_SQS_ONLY));
    });

    it('a FIFO topic refuses e-mail', () => {
      expect(errorOf(() => build({ fifo: true }, (t) => t.addEmailSubscription('s', 'ops@acme-corp.io', { format: 'json' })))).toBe(
        issue(SUB, 'protocol', 'email-json', FIFO_SQS_ONLY),
      );
    });

    it('a standard topic refuses a FIFO queue', () => {
      const message = errorOf(() => build({}, (t, stack) => t.addQueueSubscription('s', new QueueWithDlq(stack, 'ledger', { name: 'ledger', fifo: true }))));
      expect(message).toBe(
        issue(SUB, 'queue', 'test/ledger', 'is a FIFO queue, and a standard topic cannot deliver to FIFO queues: subscribe a standard queue, or make the topic FIFO'),
      );
    });

    it('a standard topic refuses a FIFO queue given by ARN', () => {
      const arn = 'arn:aws:sqs:eu-west-1:123456789012:ledger.fifo';
      expect(errorOf(() => build({}, (t) => t.addQueueSubscription('s', arn)))).toMatch(
        new RegExp(`^${SUB}: queue = "${arn.replace(/\./g, '\\.')}" is invalid: is a FIFO queue, and a standard topic cannot deliver to FIFO queues`),
      );
    });

    it("a FIFO topic's DLQ is FIFO", () => {
      expect(
        errorOf(() =>
          build({ fifo: true }, (t, stack) =>
            t.addQueueSubscription('s', new QueueWithDlq(stack, 'ledger', { name: 'ledger', fifo: true }), {
              deadLetterQueue: new DeadLetterQueue(stack, 'dlq', { name: 'dlq' }),
            }),
          ),
        ),
      ).toBe(
        issue(
          SUB,
          'deadLetterQueue',
          'test/dlq',
          "a FIFO topic's subscriptions need a FIFO dead-letter queue (AWS: FIFO topic subscriptions use FIFO queues, standard topic subscriptions standard queues)",
        ),
      );
    });

    it("a standard topic's DLQ given by ARN is standard", () => {
      const arn = 'arn:aws:sqs:eu-west-1:123456789012:dlq.fifo';
      expect(errorOf(() => build({}, (t) => t.addLambdaSubscription('s', FUNCTION_ARN, { deadLetterQueue: arn })))).toBe(
        issue(
          SUB,
          'deadLetterQueue',
          arn,
          "a standard topic's subscriptions need a standard dead-letter queue (AWS: FIFO topic subscriptions use FIFO queues, standard topic subscriptions standard queues)",
        ),
      );
    });
  });

  describe('endpoints', () => {
    it('queue: an SQS ARN', () => {
      expect(errorOf(() => build({}, (t) => t.addQueueSubscription('s', 'arn:aws:sns:eu-west-1:123456789012:other')))).toBe(
        issue(SUB, 'queue', 'arn:aws:sns:eu-west-1:123456789012:other', 'must be an ARN of sqs (arn:<partition>:sqs:...)'),
      );
    });

    it('queue: an IQueueTarget', () => {
      expect(errorOf(() => build({}, (t) => t.addQueueSubscription('s', { queueName: 'billing' } as never)))).toBe(
        issue(SUB, 'queue', 'billing', 'must be an IQueueTarget (e.g. a QueueWithDlq) or an SQS queue ARN'),
      );
    });

    it('functionArn: a Lambda function ARN', () => {
      const arn = 'arn:aws:lambda:eu-west-1:123456789012:layer:x';
      expect(errorOf(() => build({}, (t) => t.addLambdaSubscription('s', arn)))).toBe(
        issue(SUB, 'functionArn', arn, 'must be a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>])'),
      );
    });

    it('url: https only', () => {
      expect(errorOf(() => build({}, (t) => t.addHttpsSubscription('s', 'http://partner.example.com/sns')))).toBe(
        issue(
          SUB,
          'url',
          'http://partner.example.com/sns',
          'must be an https:// URL with a host (SNS also speaks plain HTTP, which this construct refuses: messages would travel unencrypted)',
        ),
      );
    });

    it('url: a URL', () => {
      expect(errorOf(() => build({}, (t) => t.addHttpsSubscription('s', 'partner.example.com')))).toMatch(/^test\/events\/s: url = "partner.example.com" is invalid: must be an https:\/\/ URL/);
    });

    it('address: an e-mail address', () => {
      expect(errorOf(() => build({}, (t) => t.addEmailSubscription('s', 'ops@localhost')))).toBe(issue(SUB, 'address', 'ops@localhost', 'must be an e-mail address (name@domain)'));
    });

    it.each(['oncall@example.com', 'oncall@alerts.example.net', 'oncall@example.org', 'ops@pager.test', 'ops@host.invalid', 'ops@corp.example', 'root@box.localhost'])(
      'address: refuses %s, in a domain reserved by RFC 2606',
      (address) => {
        const domain = /example\.(com|net|org)$/.exec(address)?.[0] ?? `.${address.split('.').pop()}`;
        expect(errorOf(() => build({}, (t) => t.addEmailSubscription('s', address)))).toBe(
          issue(SUB, 'address', address, `is in ${domain}, a domain reserved by RFC 2606 that never receives mail: SNS could never get the subscription confirmed`),
        );
      },
    );

    it('address: takes a real domain that merely contains a reserved name', () => {
      expect(() => build({}, (t) => t.addEmailSubscription('s', 'ops@notexample.com'))).not.toThrow();
      expect(() => build({}, (t) => t.addEmailSubscription('s', 'ops@example.com.acme-corp.io', { format: 'json' }))).not.toThrow();
    });

    it('format: text or json', () => {
      expect(errorOf(() => build({}, (t) => t.addEmailSubscription('s', 'ops@acme-corp.io', { format: 'html' as never })))).toBe(
        issue(SUB, 'format', 'html', 'must be one of "text", "json"'),
      );
    });

    it('confirmationTimeoutMinutes: only with endpointAutoConfirms', () => {
      expect(errorOf(() => build({}, (t) => t.addHttpsSubscription('s', 'https://example.com', { confirmationTimeoutMinutes: 5 })))).toBe(
        issue(SUB, 'confirmationTimeoutMinutes', 5, 'applies only with endpointAutoConfirms: true (Terraform waits for confirmation only then)'),
      );
    });

    it('confirmationTimeoutMinutes: a whole number of minutes, at least 1', () => {
      expect(
        errorOf(() => build({}, (t) => t.addHttpsSubscription('s', 'https://example.com', { endpointAutoConfirms: true, confirmationTimeoutMinutes: 0 }))),
      ).toBe(issue(SUB, 'confirmationTimeoutMinutes', 0, 'must be a whole number from 1 to 9,007,199,254,740,991 minutes'));
    });
  });

  describe('HTTPS delivery policy', () => {
    const policyError = (deliveryPolicy: HttpsDeliveryPolicy) => errorOf(() => build({}, (t) => t.addHttpsSubscription('s', 'https://example.com', { deliveryPolicy })));
    const RETRY = 'deliveryPolicy.healthyRetryPolicy';

    it('minDelayTarget: 1–3,600 seconds', () => {
      expect(policyError({ healthyRetryPolicy: { minDelayTarget: 0 } })).toBe(issue(SUB, `${RETRY}.minDelayTarget`, 0, 'must be a whole number from 1 to 3,600 seconds'));
    });

    it('maxDelayTarget: 1–3,600 seconds', () => {
      expect(policyError({ healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 3_601, numRetries: 1 } })).toBe(
        issue(SUB, `${RETRY}.maxDelayTarget`, 3_601, 'must be a whole number from 1 to 3,600 seconds'),
      );
    });

    it('minDelayTarget: not above maxDelayTarget', () => {
      expect(policyError({ healthyRetryPolicy: { minDelayTarget: 30 } })).toBe(issue(SUB, `${RETRY}.minDelayTarget`, 30, 'must not exceed maxDelayTarget (20 seconds)'));
    });

    it('numRetries: 0–100', () => {
      expect(policyError({ healthyRetryPolicy: { numRetries: 101, minDelayTarget: 1, maxDelayTarget: 1 } })).toBe(
        issue(SUB, `${RETRY}.numRetries`, 101, 'must be a whole number from 0 to 100'),
      );
    });

    it('numNoDelayRetries, numMinDelayRetries, numMaxDelayRetries: 0 or more', () => {
      expect(policyError({ healthyRetryPolicy: { numMinDelayRetries: -1 } })).toBe(
        issue(SUB, `${RETRY}.numMinDelayRetries`, -1, 'must be a whole number from 0 to 9,007,199,254,740,991'),
      );
    });

    it('numRetries: counts the retries of every phase', () => {
      expect(policyError({ healthyRetryPolicy: { numRetries: 3, numNoDelayRetries: 2, numMaxDelayRetries: 2 } })).toBe(
        issue(SUB, `${RETRY}.numRetries`, 3, 'counts every retry, so it must be at least numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries (4)'),
      );
    });

    it('the whole policy: at most 3,600 seconds of retries', () => {
      const healthyRetryPolicy = { numRetries: 100, minDelayTarget: 60, maxDelayTarget: 60 };
      expect(policyError({ healthyRetryPolicy })).toBe(
        issue(SUB, RETRY, healthyRetryPolicy, 'takes at least 6000 seconds of retries; AWS allows at most 3,600 seconds in total for an HTTP/S delivery policy'),
      );
    });

    it('backoffFunction: linear, arithmetic, geometric or exponential', () => {
      expect(policyError({ healthyRetryPolicy: { backoffFunction: 'LINEAR' as never } })).toBe(
        issue(SUB, `${RETRY}.backoffFunction`, 'LINEAR', 'must be one of "linear", "arithmetic", "geometric", "exponential"'),
      );
    });

    it('maxReceivesPerSecond: 1 or more', () => {
      expect(policyError({ maxReceivesPerSecond: 0 })).toBe(
        issue(SUB, 'deliveryPolicy.maxReceivesPerSecond', 0, 'must be a whole number from 1 to 9,007,199,254,740,991'),
      );
    });

    it('headerContentType: text/plain, application/json or application/xml', () => {
      expect(policyError({ headerContentType: 'text/html' })).toBe(
        issue(SUB, 'deliveryPolicy.headerContentType', 'text/html', 'must be text/plain, application/json or application/xml, optionally with "; charset=<charset>"'),
      );
    });
  });

  describe('filter policies', () => {
    const filterError = (filterPolicy: FilterPolicy | undefined, filterPolicyScope?: 'MessageAttributes' | 'MessageBody', publishers?: string[]) =>
      errorOf(() => build({ publishers }, (t) => t.addLambdaSubscription('s', FUNCTION_ARN, { filterPolicy, filterPolicyScope })));

    it('filterPolicyScope: MessageAttributes or MessageBody', () => {
      expect(filterError({ a: ['x'] }, 'Body' as never)).toBe(issue(SUB, 'filterPolicyScope', 'Body', 'must be one of "MessageAttributes", "MessageBody"'));
    });

    it('filterPolicyScope: needs a filter policy', () => {
      expect(filterError(undefined, 'MessageBody')).toBe(
        issue(SUB, 'filterPolicyScope', 'MessageBody', 'needs a filterPolicy to apply to (AWS ignores a scope without a policy, and the provider refuses it)'),
      );
    });

    it('filterPolicy: each problem SNS would report, at its path, with the value there', () => {
      expect(filterError({ price: [{ numeric: ['>', 'x' as never] }] })).toBe(issue(SUB, 'filterPolicy.price[0].numeric', ['>', 'x'], 'Value of > must be numeric'));
    });

    it('filterPolicy: nested policies need scope MessageBody', () => {
      const policy = { detail: { status: ['PLACED'] } };
      expect(filterError(policy)).toBe(
        issue(SUB, 'filterPolicy', policy, 'Filter policy scope MessageAttributes does not support nested filter policy; use scope MessageBody or flat attribute names'),
      );
    });

    it('filterPolicy: at most 5 keys', () => {
      const policy = { a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] };
      expect(filterError(policy)).toBe(issue(SUB, 'filterPolicy', policy, 'Filter policy can not have more than 5 keys (found 6: a, b, c, d, e, f)'));
    });

    it('filterPolicyScope: not MessageAttributes on a topic declared to be fed by EventBridge only', () => {
      expect(filterError({ eventType: ['OrderPlaced'] }, undefined, ['events.amazonaws.com'])).toBe(
        issue(
          SUB,
          'filterPolicyScope',
          'MessageAttributes',
          'never matches here: the topic\'s only publishers (events.amazonaws.com) deliver events as the message body, without message attributes; set filterPolicyScope: "MessageBody" and filter on the event\'s fields',
        ),
      );
    });
  });

  describe('dead-letter queues', () => {
    const dlqError = (deadLetterQueue: unknown, name = 'order-events', id = 's') =>
      errorOf(() => build({ name }, (t) => t.addLambdaSubscription(id, FUNCTION_ARN, { deadLetterQueue: deadLetterQueue as never })));

    it('deadLetterQueue: an SQS ARN', () => {
      expect(dlqError('arn:aws:sns:eu-west-1:123456789012:dlq')).toBe(
        issue(SUB, 'deadLetterQueue', 'arn:aws:sns:eu-west-1:123456789012:dlq', 'must be an ARN of sqs (arn:<partition>:sqs:...)'),
      );
    });

    it('deadLetterQueue: a queue, an ARN, props or false', () => {
      expect(dlqError(true)).toBe(issue(SUB, 'deadLetterQueue', true, 'must be an IQueueTarget, an SQS queue ARN, the props of the queue to make, or false'));
    });

    it('deadLetterQueue.name: the default name must fit SQS naming', () => {
      const name = 'a'.repeat(75);
      expect(dlqError(undefined, name, 'subscriber')).toBe(
        issue(
          'test/events/subscriber',
          'deadLetterQueue.name',
          `${name}-subscriber-dlq`,
          'the default name "<topic>-<id>-dlq" breaks the SQS rule (1–80 letters, digits, hyphens and underscores, ".fifo" included): give deadLetterQueue: { name }',
        ),
      );
    });

    it('deadLetterQueue.name: required when the topic name is known only at apply', () => {
      const stack = testStack();
      const name = new TerraformVariable(stack, 'topicName', { type: 'string' }).stringValue;
      const topic = new TopicWithFilteredSubscriptions(stack, 'events', { name });
      expect(errorOf(() => topic.addLambdaSubscription('s', FUNCTION_ARN))).toBe(
        issue(
          SUB,
          'deadLetterQueue.name',
          undefined,
          'is required when the topic name is known only at apply: the default "<topic>-<id>-dlq" cannot be checked against SQS naming',
        ),
      );
      topic.addLambdaSubscription('s', FUNCTION_ARN, { deadLetterQueue: { name: 'notifier-dlq' } });
      expect(resourcesOf(synthJson(stack), 'aws_sqs_queue')).toHaveLength(1);
    });

    it('deadLetterQueue.name: SQS naming', () => {
      expect(dlqError({ name: 'my dlq' })).toBe(
        issue(SUB, 'deadLetterQueue.name', 'my dlq', 'SQS queue names are 1–80 letters, digits, hyphens and underscores, counting everything'),
      );
    });

    it('deadLetterQueue.retentionSeconds: 60–1,209,600', () => {
      expect(dlqError({ retentionSeconds: 30 })).toBe(issue(SUB, 'deadLetterQueue.retentionSeconds', 30, 'must be a whole number from 60 to 1,209,600 seconds'));
    });

    it('deadLetterQueue.alarm.threshold: 0 or more', () => {
      expect(dlqError({ alarm: { threshold: -1 } })).toBe(issue(SUB, 'deadLetterQueue.alarm.threshold', -1, 'must be from 0 to 9,007,199,254,740,991'));
    });
  });
});

describe('TopicWithFilteredSubscriptions: nothing half-made', () => {
  it('a rejected topic adds no resources to the stack', () => {
    const stack = testStack();
    expect(() => new TopicWithFilteredSubscriptions(stack, 'events', { name: 'x'.repeat(300) })).toThrow(/^test\/events: name = "x+\.\.\. is invalid: SNS topic names/);
    expect(synthJson(stack).resource).toBeUndefined();
  });
});
