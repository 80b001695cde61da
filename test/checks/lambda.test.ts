import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { buildOrders, goodFunction, goodQueue, newStack } from './fixtures';
import { expectFinding, expectNoFinding } from './helpers';

const ROLE = 'arn:aws:iam::123456789012:role/fn';
const fnProps = { role: ROLE, runtime: 'nodejs22.x', handler: 'index.handler', filename: 'fn.zip', memorySize: 256, timeout: 10 };

describe('EDA-LAMBDA-001 tracing', () => {
  it('passes with Active', () => {
    const { stack } = newStack();
    goodFunction(stack, 'f');
    expectNoFinding(stack, 'EDA-LAMBDA-001');
  });
  it('fails without, or with PassThrough', () => {
    const { stack } = newStack();
    const f = new LambdaFunction(stack, 'f', { functionName: 'f', ...fnProps });
    const p = new LambdaFunction(stack, 'p', { functionName: 'p', ...fnProps, tracingConfig: { mode: 'PassThrough' } });
    expectFinding(stack, 'EDA-LAMBDA-001', f, 'function has no X-Ray tracing');
    expectFinding(stack, 'EDA-LAMBDA-001', p, 'function has tracing_config.mode = PassThrough');
  });
});

describe('EDA-LAMBDA-002 async failure destination', () => {
  it('passes for synchronous functions, and async ones with an on-failure destination', () => {
    const { stack } = newStack();
    buildOrders(stack);
    const f = goodFunction(stack, 'async');
    new LambdaPermission(stack, 'invoke', { functionName: f.functionName, action: 'lambda:InvokeFunction', principal: 'events.amazonaws.com', sourceArn: 'arn:aws:events:eu-west-1:1:rule/r' });
    new LambdaFunctionEventInvokeConfig(stack, 'cfg', { functionName: f.functionName, destinationConfig: { onFailure: { destination: 'arn:aws:sqs:eu-west-1:1:failures' } } });
    expectNoFinding(stack, 'EDA-LAMBDA-002');
  });
  it('fails for a function EventBridge invokes without DLQ or destination', () => {
    const { stack } = newStack();
    const f = goodFunction(stack, 'async');
    new LambdaPermission(stack, 'invoke', { functionName: f.functionName, action: 'lambda:InvokeFunction', principal: 'events.amazonaws.com', sourceArn: 'arn:aws:events:eu-west-1:1:rule/r' });
    expectFinding(stack, 'EDA-LAMBDA-002', f, 'function is invoked asynchronously by events.amazonaws.com but has no dead-letter queue or on-failure destination');
  });
});

describe('EDA-LAMBDA-003 reserved concurrency (optional)', () => {
  it('passes when set', () => {
    const { stack } = newStack();
    new LambdaFunction(stack, 'f', { functionName: 'f', ...fnProps, reservedConcurrentExecutions: 10 });
    expectNoFinding(stack, 'EDA-LAMBDA-003');
  });
  it('fails when unset', () => {
    const { stack } = newStack();
    const f = new LambdaFunction(stack, 'f', { functionName: 'f', ...fnProps });
    expectFinding(stack, 'EDA-LAMBDA-003', f, 'function has no reserved concurrency');
  });
});

describe('EDA-LAMBDA-004 VPC across zones (optional)', () => {
  it('passes with subnets in two zones', () => {
    const { stack } = newStack();
    const a = new Subnet(stack, 'a', { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24', availabilityZone: 'eu-west-1a' });
    const b = new Subnet(stack, 'b', { vpcId: 'vpc-1', cidrBlock: '10.0.1.0/24', availabilityZone: 'eu-west-1b' });
    new LambdaFunction(stack, 'f', { functionName: 'f', ...fnProps, vpcConfig: { subnetIds: [a.id, b.id], securityGroupIds: ['sg-1'] } });
    expectNoFinding(stack, 'EDA-LAMBDA-004');
  });
  it('fails outside a VPC and in one zone', () => {
    const { stack } = newStack();
    const out = new LambdaFunction(stack, 'out', { functionName: 'out', ...fnProps });
    const one = new LambdaFunction(stack, 'one', { functionName: 'one', ...fnProps, vpcConfig: { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] } });
    expectFinding(stack, 'EDA-LAMBDA-004', out, 'function does not run in a VPC');
    expectFinding(stack, 'EDA-LAMBDA-004', one, 'function runs in a single subnet or Availability Zone');
  });
});

describe('EDA-LAMBDA-005 environment key (optional)', () => {
  it('passes with kms_key_arn', () => {
    const { stack } = newStack();
    new LambdaFunction(stack, 'f', { functionName: 'f', ...fnProps, environment: { variables: { A: 'b' } }, kmsKeyArn: 'arn:aws:kms:eu-west-1:1:key/k' });
    expectNoFinding(stack, 'EDA-LAMBDA-005');
  });
  it('fails without', () => {
    const { stack } = newStack();
    const f = new LambdaFunction(stack, 'f', { functionName: 'f', ...fnProps, environment: { variables: { A: 'b' } } });
    expectFinding(stack, 'EDA-LAMBDA-005', f, 'function has environment variables but no kms_key_arn');
  });
});

describe('EDA-LAMBDA-006 no secrets in the environment', () => {
  it('passes for names and ARNs of secrets', () => {
    const { stack } = newStack();
    new LambdaFunction(stack, 'f', {
      functionName: 'f',
      ...fnProps,
      environment: { variables: { DB_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:db', API_TOKEN_PARAMETER: '/orders/token', TABLE: 'orders' } },
    });
    expectNoFinding(stack, 'EDA-LAMBDA-006');
  });
  it('fails for an access key and a password', () => {
    const { stack } = newStack();
    const f = new LambdaFunction(stack, 'f', {
      functionName: 'f',
      ...fnProps,
      environment: { variables: { KEY: 'AKIAIOSFODNN7EXAMPLE', DB_PASSWORD: 'correct-horse-battery' } },
    });
    expectFinding(stack, 'EDA-LAMBDA-006', f, "function's environment holds what looks like a secret: KEY (an AWS access key ID), DB_PASSWORD");
  });
});

describe('EDA-LAMBDA-007 code signing (optional)', () => {
  it('passes with a code signing config', () => {
    const { stack } = newStack();
    new LambdaFunction(stack, 'f', { functionName: 'f', ...fnProps, codeSigningConfigArn: 'arn:aws:lambda:eu-west-1:1:code-signing-config:csc-1' });
    expectNoFinding(stack, 'EDA-LAMBDA-007');
  });
  it('fails without', () => {
    const { stack } = newStack();
    const f = new LambdaFunction(stack, 'f', { functionName: 'f', ...fnProps });
    expectFinding(stack, 'EDA-LAMBDA-007', f, 'function has no code signing configuration');
  });
});

describe('EDA-LAMBDA-008 deprecated runtime', () => {
  it('passes for a supported runtime', () => {
    const { stack } = newStack();
    new LambdaFunction(stack, 'f', { functionName: 'f', ...fnProps, runtime: 'nodejs22.x' });
    expectNoFinding(stack, 'EDA-LAMBDA-008');
  });
  it('fails for a deprecated one', () => {
    const { stack } = newStack();
    const f = new LambdaFunction(stack, 'f', { functionName: 'f', ...fnProps, runtime: 'nodejs16.x' });
    expectFinding(stack, 'EDA-LAMBDA-008', f, 'function uses nodejs16.x, deprecated by Lambda since 2024-06-12');
  });
});

describe('EDA-LAMBDA-009 newest runtime (optional)', () => {
  it('passes for the newest runtime and for OS-only runtimes', () => {
    const { stack } = newStack();
    new LambdaFunction(stack, 'f', { functionName: 'f', ...fnProps, runtime: 'python3.14' });
    new LambdaFunction(stack, 'g', { functionName: 'g', ...fnProps, runtime: 'provided.al2023' });
    expectNoFinding(stack, 'EDA-LAMBDA-009');
  });
  it('fails for an older one', () => {
    const { stack } = newStack();
    const f = new LambdaFunction(stack, 'f', { functionName: 'f', ...fnProps, runtime: 'python3.12' });
    expectFinding(stack, 'EDA-LAMBDA-009', f, 'function uses python3.12, not the newest python runtime python3.14');
  });
});

describe('EDA-LAMBDA-010 permission not public', () => {
  it('passes for * scoped to an account', () => {
    const { stack } = newStack();
    new LambdaPermission(stack, 'p', { functionName: 'f', action: 'lambda:InvokeFunction', principal: '*', sourceAccount: '123456789012' });
    expectNoFinding(stack, 'EDA-LAMBDA-010');
  });
  it('fails for * alone', () => {
    const { stack } = newStack();
    const p = new LambdaPermission(stack, 'p', { functionName: 'f', action: 'lambda:InvokeFunction', principal: '*' });
    expectFinding(stack, 'EDA-LAMBDA-010', p, 'permission lets any principal (*) invoke the function');
  });
});

describe('EDA-LAMBDA-011 service permissions carry source_arn', () => {
  it('passes with source_arn', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-LAMBDA-011');
  });
  it('fails without', () => {
    const { stack } = newStack();
    const p = new LambdaPermission(stack, 'p', { functionName: 'f', action: 'lambda:InvokeFunction', principal: 's3.amazonaws.com' });
    expectFinding(stack, 'EDA-LAMBDA-011', p, 'permission lets s3.amazonaws.com invoke the function on behalf of any resource (no source_arn)');
  });
});

describe('EDA-LAMBDA-012 memory and timeout set', () => {
  it('passes when both are set', () => {
    const { stack } = newStack();
    goodFunction(stack, 'f');
    expectNoFinding(stack, 'EDA-LAMBDA-012');
  });
  it('fails on defaults', () => {
    const { stack } = newStack();
    const f = new LambdaFunction(stack, 'f', { functionName: 'f', role: ROLE, runtime: 'nodejs22.x', handler: 'index.handler' });
    expectFinding(stack, 'EDA-LAMBDA-012', f, 'function does not set memory_size or timeout (defaults: 128 MB, 3 s)');
  });
});

describe('EDA-LAMBDA-013 function limits', () => {
  it('passes for a valid function', () => {
    const { stack } = newStack();
    goodFunction(stack, 'f');
    expectNoFinding(stack, 'EDA-LAMBDA-013');
  });
  it('fails for a 901 s timeout, too little memory and no handler', () => {
    const { stack } = newStack();
    const f = new LambdaFunction(stack, 'f', { functionName: 'f', role: ROLE, runtime: 'nodejs22.x', timeout: 901, memorySize: 64 });
    expectFinding(stack, 'EDA-LAMBDA-013', f, 'timeout = 901 is outside 1..900 seconds');
    expectFinding(stack, 'EDA-LAMBDA-013', f, 'memory_size = 64 is outside 128..10,240 MB');
    expectFinding(stack, 'EDA-LAMBDA-013', f, 'function (package_type Zip) has no handler');
  });
});

describe('EDA-LAMBDA-014 event source mapping limits', () => {
  it('passes for the orders mapping and a stream mapping', () => {
    const { stack } = newStack();
    const o = buildOrders(stack);
    new LambdaEventSourceMapping(stack, 'm', { eventSourceArn: o.table.streamArn, functionName: o.consumer.arn, startingPosition: 'LATEST', batchSize: 100, maximumRetryAttempts: 3 });
    expectNoFinding(stack, 'EDA-LAMBDA-014');
  });
  it('fails for stream settings on SQS, a large FIFO batch and a stream without starting position', () => {
    const { stack } = newStack();
    const o = buildOrders(stack);
    const fifo = goodQueue(stack, 'f', { fifo: true }).queue;
    const sqs = new LambdaEventSourceMapping(stack, 'sqs', { eventSourceArn: o.fulfillment.queue.arn, functionName: 'f', startingPosition: 'LATEST', maximumRetryAttempts: 3 });
    const big = new LambdaEventSourceMapping(stack, 'big', { eventSourceArn: fifo.arn, functionName: 'f', batchSize: 100, maximumBatchingWindowInSeconds: 5 });
    const nowin = new LambdaEventSourceMapping(stack, 'nowin', { eventSourceArn: o.fulfillment.queue.arn, functionName: 'f', batchSize: 100 });
    const stream = new LambdaEventSourceMapping(stack, 'stream', { eventSourceArn: o.table.streamArn, functionName: 'f', parallelizationFactor: 11 });
    expectFinding(stack, 'EDA-LAMBDA-014', sqs, 'starting_position, maximum_retry_attempts are set on an SQS mapping');
    expectFinding(stack, 'EDA-LAMBDA-014', big, 'batch_size = 100 on a FIFO queue, where at most 10 is allowed');
    expectFinding(stack, 'EDA-LAMBDA-014', big, 'maximum_batching_window_in_seconds = 5 on a FIFO queue, which takes no batching window');
    expectFinding(stack, 'EDA-LAMBDA-014', nowin, 'batch_size = 100 without maximum_batching_window_in_seconds >= 1');
    expectFinding(stack, 'EDA-LAMBDA-014', stream, 'mapping of a dynamodb stream has no starting_position');
    expectFinding(stack, 'EDA-LAMBDA-014', stream, 'parallelization_factor = 11 is outside 1..10');
  });
});

describe('EDA-LAMBDA-015 / 016 SQS visibility timeout', () => {
  function consumer(visibility: number | undefined, timeout: number) {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', { visibilityTimeoutSeconds: visibility });
    const f = goodFunction(stack, 'f', [], timeout);
    const m = new LambdaEventSourceMapping(stack, 'm', { eventSourceArn: q.arn, functionName: f.functionName, maximumBatchingWindowInSeconds: 2 });
    return { stack, m };
  }
  it('pass at 6 × timeout + batching window', () => {
    const { stack } = consumer(62, 10);
    expectNoFinding(stack, 'EDA-LAMBDA-015');
    expectNoFinding(stack, 'EDA-LAMBDA-016');
  });
  it('EDA-LAMBDA-015 fails below the function timeout (the default 30 s against 60 s)', () => {
    const { stack, m } = consumer(undefined, 60);
    expectFinding(stack, 'EDA-LAMBDA-015', m, 'queue x/q has visibility_timeout_seconds = 30, less than the timeout 60 s of x/f; Lambda refuses the mapping');
    expectNoFinding(stack, 'EDA-LAMBDA-016');
  });
  it('EDA-LAMBDA-016 fails between 1 × and 6 ×', () => {
    const { stack, m } = consumer(30, 10);
    expectNoFinding(stack, 'EDA-LAMBDA-015');
    expectFinding(stack, 'EDA-LAMBDA-016', m, 'under 6 × the 10 s timeout of x/f plus the batching window (62 s)');
  });
});

describe('EDA-LAMBDA-017 stream failure handling', () => {
  it('passes with bounded retries and a destination', () => {
    const { stack } = newStack();
    const o = buildOrders(stack);
    new LambdaEventSourceMapping(stack, 'm', {
      eventSourceArn: o.table.streamArn,
      functionName: o.consumer.arn,
      startingPosition: 'LATEST',
      maximumRetryAttempts: 3,
      destinationConfig: { onFailure: { destinationArn: o.ruleDlq.arn } },
    });
    expectNoFinding(stack, 'EDA-LAMBDA-017');
  });
  it('fails with the defaults', () => {
    const { stack } = newStack();
    const o = buildOrders(stack);
    const m = new LambdaEventSourceMapping(stack, 'm', { eventSourceArn: o.table.streamArn, functionName: o.consumer.arn, startingPosition: 'LATEST', maximumRetryAttempts: -1 });
    expectFinding(stack, 'EDA-LAMBDA-017', m, 'retries a failing batch until the records expire (maximum_retry_attempts unset or -1)');
    expectFinding(stack, 'EDA-LAMBDA-017', m, 'has no on-failure destination');
  });
});

describe('EDA-LAMBDA-018 batch item failures', () => {
  it('passes with ReportBatchItemFailures', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-LAMBDA-018');
  });
  it('fails without', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    const m = new LambdaEventSourceMapping(stack, 'm', { eventSourceArn: q.arn, functionName: 'f' });
    expectFinding(stack, 'EDA-LAMBDA-018', m, 'mapping of an SQS queue does not report batch item failures');
  });
});

describe('EDA-LAMBDA-019 SQS consumer concurrency', () => {
  it('passes with 5 or unset', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    const f = new LambdaFunction(stack, 'f', { functionName: 'f', ...fnProps, reservedConcurrentExecutions: 5 });
    new LambdaEventSourceMapping(stack, 'm', { eventSourceArn: q.arn, functionName: f.arn });
    expectNoFinding(stack, 'EDA-LAMBDA-019');
  });
  it('fails under 5', () => {
    const { stack } = newStack();
    const q = new SqsQueue(stack, 'q', {});
    const f = new LambdaFunction(stack, 'f', { functionName: 'f', ...fnProps, reservedConcurrentExecutions: 2 });
    const m = new LambdaEventSourceMapping(stack, 'm', { eventSourceArn: q.arn, functionName: f.arn });
    expectFinding(stack, 'EDA-LAMBDA-019', m, 'whose reserved concurrency 2 is under 5');
  });
});

describe('EDA-LAMBDA-020 role allows destinations', () => {
  it('passes when the role allows sending to the destination', () => {
    const { stack } = newStack();
    const o = buildOrders(stack);
    const dest = o.ruleDlq;
    const f = goodFunction(stack, 'f', [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: dest.arn }]);
    new LambdaEventSourceMapping(stack, 'm', { eventSourceArn: o.table.streamArn, functionName: f.arn, startingPosition: 'LATEST', destinationConfig: { onFailure: { destinationArn: dest.arn } } });
    expectNoFinding(stack, 'EDA-LAMBDA-020');
  });
  it('fails when it does not', () => {
    const { stack } = newStack();
    const o = buildOrders(stack);
    const dest = o.ruleDlq;
    const f = goodFunction(stack, 'f', [{ Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: dest.arn }]);
    const m = new LambdaEventSourceMapping(stack, 'm', { eventSourceArn: o.table.streamArn, functionName: f.arn, startingPosition: 'LATEST', destinationConfig: { onFailure: { destinationArn: dest.arn } } });
    expectFinding(stack, 'EDA-LAMBDA-020', m, 'on-failure destination x/orders-rule-failures is not allowed by the role of x/f (sqs:SendMessage)');
  });
});

describe('EDA-LAMBDA-021 invoke permissions', () => {
  it('passes when a permission names the rule', () => {
    const { stack } = newStack();
    const rule = new CloudwatchEventRule(stack, 'r', { eventPattern: '{"source":["a"]}' });
    const f = goodFunction(stack, 'f');
    new CloudwatchEventTarget(stack, 't', { rule: rule.name, arn: f.arn });
    new LambdaPermission(stack, 'p', { functionName: f.functionName, action: 'lambda:InvokeFunction', principal: 'events.amazonaws.com', sourceArn: rule.arn });
    expectNoFinding(stack, 'EDA-LAMBDA-021');
  });
  it('fails for an SNS subscription without permission, and a permission for another rule', () => {
    const { stack } = newStack();
    const topic = new SnsTopic(stack, 'topic', {});
    const f = goodFunction(stack, 'f');
    const s = new SnsTopicSubscription(stack, 's', { topicArn: topic.arn, protocol: 'lambda', endpoint: f.arn });
    const rule = new CloudwatchEventRule(stack, 'r', { eventPattern: '{"source":["a"]}' });
    const other = new CloudwatchEventRule(stack, 'other', { eventPattern: '{"source":["b"]}' });
    const t = new CloudwatchEventTarget(stack, 't', { rule: rule.name, arn: f.arn });
    new LambdaPermission(stack, 'p', { functionName: f.functionName, action: 'lambda:InvokeFunction', principal: 'events.amazonaws.com', sourceArn: other.arn });
    expectFinding(stack, 'EDA-LAMBDA-021', s, 'sns.amazonaws.com invokes x/f for x/topic, but no aws_lambda_permission allows it');
    expectFinding(stack, 'EDA-LAMBDA-021', t, 'events.amazonaws.com invokes x/f for x/r, but no aws_lambda_permission allows it for that source');
  });
});
