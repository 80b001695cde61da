import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  DeadLetterQueue,
  EventBusWithRules,
  QueueWithDlq,
  RuleTarget,
  ServiceKey,
  TableWithStream,
  TopicWithFilteredSubscriptions,
  ValidationError,
} from '../../modules';
import { testStack } from '../helpers/synth';

/**
 * Plain JavaScript can pass anything. Each public entry point gets its valid
 * input with one part replaced by a value of the wrong shape (or removed);
 * whatever it does, it either accepts the input or throws a ValidationError
 * that names a construct path: never a TypeError from deep inside.
 */

function cyclic(): Record<string, unknown> {
  const o: Record<string, unknown> = { name: 'loop' };
  o.self = o;
  return o;
}

/** Values of every shape: each is wrong somewhere. */
function wrongValues(scope: Construct): unknown[] {
  return [undefined, null, 0, NaN, '', 'text', true, [], [{}], {}, () => 1, BigInt(10), Symbol('s'), cyclic(), new Construct(scope, `c${counter++}`)];
}
let counter = 0;

type Path = (string | number)[];

const MAX_CASES = 300;

/** Every path to a value inside `value` (objects and arrays, not constructs). */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object' || Construct.isConstruct(value)) return [];
  const out: Path[] = [];
  for (const [k, v] of Object.entries(value)) {
    const key = Array.isArray(value) ? Number(k) : k;
    out.push([...prefix, key], ...paths(v, [...prefix, key]));
  }
  return out;
}

/** A copy of `value` with the value at `path` replaced (or deleted, for `undefined`). */
function replaced(value: unknown, path: Path, by: unknown): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  if (rest.length === 0 && by === undefined && !Array.isArray(copy)) delete copy[head];
  else copy[head] = replaced(copy[head], rest, by);
  return copy;
}

interface EntryPoint {
  /** Makes what the entry point needs, once per input. */
  readonly setup: (stack: TerraformStack) => Record<string, any>;
  /** A valid input, built from what setup made. */
  readonly valid: (made: Record<string, any>) => unknown[];
  /** Calls the entry point with the arguments. */
  readonly call: (made: Record<string, any>, args: unknown[]) => unknown;
}

function outcome(entry: EntryPoint, mutate: (args: unknown[], scope: Construct) => unknown[]): unknown {
  const stack = testStack('fuzz');
  const made = entry.setup(stack);
  const args = mutate(entry.valid(made), stack);
  try {
    entry.call(made, args);
    return 'accepted';
  } catch (e) {
    return e;
  }
}

function fuzz(name: string, entry: EntryPoint): void {
  describe(name, () => {
    const sample = entry.valid(entry.setup(testStack('sample')));
    const cases: Array<[string, (args: unknown[], scope: Construct) => unknown[]]> = [];
    sample.forEach((arg, i) => {
      for (const path of [[], ...paths(arg)] as Path[]) {
        wrongValues(new Construct(testStack('n'), 'n')).forEach((_, w) => {
          cases.push([`argument ${i} at ${path.join('.') || '(whole)'} = wrong value #${w}`, (args, scope) => args.map((a, j) => (j === i ? replaced(a, path, wrongValues(scope)[w]) : a))]);
        });
      }
    });

    // At most MAX_CASES, spread evenly over every part and every wrong value.
    const step = Math.max(1, cases.length / MAX_CASES);
    const chosen = cases.filter((_, i) => Math.floor(i / step) !== Math.floor((i - 1) / step) || i === 0);
    cases.length = 0;
    cases.push(...chosen);

    it(`answers ${cases.length} wrong-shape inputs with a ValidationError naming a construct path, or accepts them`, () => {
      const failures: string[] = [];
      let refused = 0;
      for (const [label, mutate] of cases) {
        const result = outcome(entry, mutate);
        if (result === 'accepted') continue;
        refused++;
        if (!(result instanceof ValidationError) || !/^(fuzz|<no scope>)\//.test(result.constructPath) || /\[object Object\]/.test(result.message)) {
          failures.push(`${label}: ${result instanceof Error ? `${result.name}: ${result.message.split('\n')[0]}` : String(result)}`);
        }
      }
      expect(failures).toEqual([]);
      // Most wrong shapes must be refused, not silently taken.
      expect(refused).toBeGreaterThan(cases.length / 2);
    });
  });
}

fuzz('QueueWithDlq', {
  setup: (stack) => ({ stack }),
  valid: ({ stack }) => [
    stack,
    'q',
    {
      name: 'orders',
      fifo: false,
      visibilityTimeoutSeconds: 60,
      messageRetentionSeconds: 3_600,
      delaySeconds: 0,
      maxMessageSizeBytes: 2_048,
      receiveWaitTimeSeconds: 10,
      deadLetter: { maxReceiveCount: 3, retentionSeconds: 7_200 },
      encryption: { kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1', dataKeyReusePeriodSeconds: 300 },
      alarms: { dlqDepthThreshold: 1, oldestMessageAgeSeconds: 600, alarmActions: ['arn:aws:sns:eu-west-1:111122223333:a'], okActions: [] },
      tags: { team: 'a' },
    },
  ],
  call: (_, [scope, id, props]) => new QueueWithDlq(scope as Construct, id as string, props as any),
});

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:consumer';
const ACTIONS = { alarmActions: ['arn:aws:sns:eu-west-1:111122223333:alarms'], okActions: [] };

fuzz('QueueWithDlq.addLambdaConsumer', {
  setup: (stack) => ({ queue: new QueueWithDlq(stack, 'q', { name: 'q', visibilityTimeoutSeconds: 180 }) }),
  valid: () => ['consumer', { functionArn: FUNCTION_ARN, functionTimeoutSeconds: 30, batchSize: 5, maximumBatchingWindowSeconds: 1, maximumConcurrency: 5 }],
  call: ({ queue }, [id, props]) => queue.addLambdaConsumer(id, props),
});

fuzz('DeadLetterQueue', {
  setup: (stack) => ({ stack }),
  valid: ({ stack }) => [stack, 'dlq', { name: 'dlq', fifo: false, retentionSeconds: 3_600, encryption: 'sqs-managed', alarm: { threshold: 1, ...ACTIONS }, tags: { a: 'b' } }],
  call: (_, [scope, id, props]) => new DeadLetterQueue(scope as Construct, id as string, props as any),
});

fuzz('TopicWithFilteredSubscriptions', {
  setup: (stack) => ({ stack }),
  valid: ({ stack }) => [
    stack,
    'topic',
    {
      name: 'orders',
      encryption: { kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1' },
      deliveryStatusLogging: { protocols: ['sqs'], successSampleRate: 10, roleArn: 'arn:aws:iam::111122223333:role/r' },
      publishers: ['events.amazonaws.com'],
      tags: { a: 'b' },
    },
  ],
  call: (_, [scope, id, props]) => new TopicWithFilteredSubscriptions(scope as Construct, id as string, props as any),
});

const topicSetup = (stack: TerraformStack) => ({
  topic: new TopicWithFilteredSubscriptions(stack, 'topic', { name: 'orders', encryption: { kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1' } }),
  queue: new QueueWithDlq(stack, 'q', { name: 'q' }),
});
const subscription = { filterPolicy: { kind: ['a'] }, filterPolicyScope: 'MessageAttributes', deadLetterQueue: { name: 'sub-dlq', retentionSeconds: 3_600, alarm: false } };

fuzz('TopicWithFilteredSubscriptions.addQueueSubscription', {
  setup: topicSetup,
  valid: ({ queue }) => ['queue', queue, { ...subscription, rawMessageDelivery: true }],
  call: ({ topic }, [id, queue, options]) => topic.addQueueSubscription(id, queue, options),
});

fuzz('TopicWithFilteredSubscriptions.addLambdaSubscription', {
  setup: topicSetup,
  valid: () => ['fn', FUNCTION_ARN, subscription],
  call: ({ topic }, [id, arn, options]) => topic.addLambdaSubscription(id, arn, options),
});

fuzz('TopicWithFilteredSubscriptions.addHttpsSubscription', {
  setup: topicSetup,
  valid: () => ['hook', 'https://hooks.orders.internal.acme-corp.io/sns', { ...subscription, rawMessageDelivery: false, deliveryPolicy: { healthyRetryPolicy: { numRetries: 3 } }, endpointAutoConfirms: true, confirmationTimeoutMinutes: 2 }],
  call: ({ topic }, [id, url, options]) => topic.addHttpsSubscription(id, url, options),
});

fuzz('TopicWithFilteredSubscriptions.addEmailSubscription', {
  setup: topicSetup,
  valid: () => ['oncall', 'oncall@acme-corp.io', { ...subscription, format: 'json' }],
  call: ({ topic }, [id, address, options]) => topic.addEmailSubscription(id, address, options),
});

fuzz('TopicWithFilteredSubscriptions.allowPublishFrom', {
  setup: topicSetup,
  valid: () => ['events.amazonaws.com', 'arn:aws:events:eu-west-1:111122223333:rule/orders/r'],
  call: ({ topic }, [principal, source]) => topic.allowPublishFrom(principal, source),
});

fuzz('EventBusWithRules', {
  setup: (stack) => ({ stack }),
  valid: ({ stack }) => [
    stack,
    'bus',
    {
      name: 'orders',
      description: 'orders',
      encryption: 'customer-managed',
      archive: { name: 'orders-archive', retentionDays: 7, eventPattern: { source: ['a'] }, description: 'd' },
      allowPutEventsFrom: ['111122223333'],
      logAllEvents: { logGroupName: '/aws/events/orders', retentionDays: 7, ruleName: 'log' },
      deadLetterQueues: { retentionSeconds: 3_600, alarm: { threshold: 1, ...ACTIONS } },
      tags: { a: 'b' },
    },
  ],
  call: (_, [scope, id, props]) => new EventBusWithRules(scope as Construct, id as string, props as any),
});

const busSetup = (stack: TerraformStack) => ({
  bus: new EventBusWithRules(stack, 'bus', { name: 'orders' }),
  queue: new QueueWithDlq(stack, 'q', { name: 'q' }),
  topic: new TopicWithFilteredSubscriptions(stack, 'topic', { name: 't', encryption: { kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1' } }),
});

fuzz('EventBusWithRules.addRule', {
  setup: busSetup,
  valid: ({ queue, topic }) => [
    'rule',
    {
      name: 'rule',
      description: 'd',
      eventPattern: { source: ['orders'] },
      enabled: true,
      targets: [
        RuleTarget.queue(queue, { targetId: 'q', retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 600 }, inputPath: '$.detail' }),
        RuleTarget.topic(topic, { input: { a: 1 } }),
        RuleTarget.lambda(FUNCTION_ARN, { inputTransformer: { inputPaths: { id: '$.id' }, inputTemplate: '{"id": <id>}' } }),
      ],
      deadLetterQueue: { name: 'rule-dlq', retentionSeconds: 3_600, alarm: { threshold: 2 } },
      tags: { a: 'b' },
    },
  ],
  call: ({ bus }, [id, props]) => bus.addRule(id, props),
});

fuzz('EventBusRule.addTarget', {
  setup: (stack) => {
    const made = busSetup(stack);
    return { ...made, rule: made.bus.addRule('rule', { eventPattern: { source: ['orders'] } }) };
  },
  valid: ({ queue }) => [RuleTarget.queue(queue, { targetId: 'q', deadLetterQueue: false })],
  call: ({ rule }, [target]) => rule.addTarget(target),
});

fuzz('EventBusWithRules.allowPutEventsFrom', {
  setup: busSetup,
  valid: () => ['111122223333'],
  call: ({ bus }, [account]) => bus.allowPutEventsFrom(account),
});

fuzz('TableWithStream', {
  setup: (stack) => ({ stack }),
  valid: ({ stack }) => [
    stack,
    'table',
    {
      name: 'orders',
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      globalSecondaryIndexes: [{ name: 'by-customer', partitionKey: { name: 'customer', type: 'S' }, projectionType: 'INCLUDE', nonKeyAttributes: ['total'] }],
      localSecondaryIndexes: [{ name: 'by-date', sortKey: { name: 'date', type: 'S' }, projectionType: 'KEYS_ONLY' }],
      capacity: { mode: 'on-demand', maxReadRequestUnits: 10, maxWriteRequestUnits: 10 },
      stream: { viewType: 'NEW_IMAGE' },
      pointInTimeRecovery: true,
      pointInTimeRecoveryPeriodDays: 7,
      encryption: { kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1' },
      deletionProtection: true,
      timeToLiveAttribute: 'expires',
      tableClass: 'STANDARD',
      tags: { a: 'b' },
    },
  ],
  call: (_, [scope, id, props]) => new TableWithStream(scope as Construct, id as string, props as any),
});

fuzz('TableWithStream (provisioned)', {
  setup: (stack) => ({ stack }),
  valid: ({ stack }) => [
    stack,
    'table',
    {
      name: 'orders',
      partitionKey: { name: 'pk', type: 'S' },
      globalSecondaryIndexes: [{ name: 'by-customer', partitionKey: { name: 'customer', type: 'S' } }],
      capacity: {
        mode: 'provisioned',
        readCapacity: { minCapacity: 1, maxCapacity: 10, targetUtilizationPercent: 70 },
        writeCapacity: { minCapacity: 1, maxCapacity: 10 },
        globalSecondaryIndexes: { 'by-customer': { readCapacity: { minCapacity: 1, maxCapacity: 5 }, writeCapacity: { minCapacity: 1, maxCapacity: 5 } } },
      },
    },
  ],
  call: (_, [scope, id, props]) => new TableWithStream(scope as Construct, id as string, props as any),
});

const tableSetup = (stack: TerraformStack) => ({
  table: new TableWithStream(stack, 'table', { name: 'orders', partitionKey: { name: 'pk', type: 'S' } }),
});
const reading = { startingPosition: 'LATEST', batchSize: 10, maximumBatchingWindowSeconds: 1, maximumRecordAgeSeconds: 600, maximumRetryAttempts: 3, parallelizationFactor: 2, filters: [{ eventName: ['INSERT'] }] };

fuzz('TableWithStream.addPipeToEventBus', {
  setup: tableSetup,
  valid: () => [
    'pipe',
    'arn:aws:events:eu-west-1:111122223333:event-bus/orders',
    { ...reading, name: 'orders-pipe', description: 'd', source: 'orders', detailType: 'OrderPlaced', inputTemplate: '<$.dynamodb.NewImage>', enrichmentFunctionArn: FUNCTION_ARN, onPartialBatchItemFailure: 'AUTOMATIC_BISECT', deadLetterQueue: 'arn:aws:sqs:eu-west-1:111122223333:pipe-dlq', desiredState: 'RUNNING', tags: { a: 'b' } },
  ],
  call: ({ table }, [id, bus, options]) => table.addPipeToEventBus(id, bus, options),
});

fuzz('TableWithStream.addLambdaConsumer', {
  setup: tableSetup,
  valid: () => [
    'reader',
    { functionArn: FUNCTION_ARN, ...reading, bisectBatchOnFunctionError: true, reportBatchItemFailures: true, onFailureDestination: { name: 'reader-dlq', retentionSeconds: 3_600, encryption: 'sqs-managed', alarm: false }, functionRoleName: 'reader-role', enabled: true, tags: { a: 'b' } },
  ],
  call: ({ table }, [id, props]) => table.addLambdaConsumer(id, props),
});

fuzz('ServiceKey', {
  setup: (stack) => ({ stack }),
  valid: ({ stack }) => [
    stack,
    'key',
    { aliasName: 'orders/key', description: 'd', deletionWindowDays: 7, statements: [{ Sid: 'S', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: ['kms:Decrypt'], Resource: '*' }], tags: { a: 'b' } },
  ],
  call: (_, [scope, id, props]) => new ServiceKey(scope as Construct, id as string, props as any),
});

fuzz('ServiceKey.allowServiceUse', {
  setup: (stack) => ({ key: new ServiceKey(stack, 'key', { aliasName: 'orders/key' }) }),
  valid: () => ['sns.amazonaws.com', { 'aws:sns:topicArn': 'arn:aws:sns:eu-west-1:111122223333:t' }],
  call: ({ key }, [principal, source]) => key.allowServiceUse(principal, source),
});
