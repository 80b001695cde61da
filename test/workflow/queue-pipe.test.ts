import { QueueWithDlq } from '../../modules';
import { QueuePipe, StartFromQueueOptions, Workflow } from '../../modules/workflow';
import { refTo, resourceAt, resourcesOf, synthJson, testStack } from '../helpers/synth';
import { BASE, build, doc, errorOf, fakeQueue, oneIssue } from './fixtures';

function withPipe(options: StartFromQueueOptions = {}, queue = fakeQueue(), type: 'STANDARD' | 'EXPRESS' = 'STANDARD') {
  let pipe!: QueuePipe;
  const built = build({ type }, (workflow) => {
    pipe = workflow.startFromQueue('FromQueue', queue, options);
  });
  return { ...built, pipe, p: resourceAt(built.json, 'aws_pipes_pipe', 'fulfil/FromQueue-Pipe') };
}

describe('startFromQueue', () => {
  const { json, p, pipe } = withPipe();
  const smArn = refTo(json, 'aws_sfn_state_machine', 'fulfil/StateMachine', 'arn');

  it('makes a running pipe from the queue to the state machine, one message per execution, started FIRE_AND_FORGET', () => {
    expect(p).toMatchObject({
      name: 'fulfil-FromQueue',
      description: 'Messages of SQS queue fulfillment start executions of state machine fulfil',
      desired_state: 'RUNNING',
      source: 'arn:aws:sqs:eu-west-1:123456789012:fulfillment',
      target: smArn,
      role_arn: refTo(json, 'aws_iam_role', 'fulfil/FromQueue-Role', 'arn'),
      source_parameters: { sqs_queue_parameters: { batch_size: 1 } },
      target_parameters: { step_function_state_machine_parameters: { invocation_type: 'FIRE_AND_FORGET' } },
    });
    expect(p.depends_on).toEqual([`aws_iam_role_policy.${resourceAt(json, 'aws_iam_role_policy', 'fulfil/FromQueue-RolePolicy')['//'].metadata.uniqueId}`]);
    expect(pipe.pipeName).toBe('fulfil-FromQueue');
  });

  it('lets the pipe read and delete the queue\'s messages and start this state machine, nothing more', () => {
    const statements = doc(resourceAt(json, 'aws_iam_role_policy', 'fulfil/FromQueue-RolePolicy').policy).Statement;
    expect(statements).toEqual([
      { Sid: 'ReadQueue', Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: 'arn:aws:sqs:eu-west-1:123456789012:fulfillment' },
      { Sid: 'StartExecution', Effect: 'Allow', Action: 'states:StartExecution', Resource: smArn },
      { Sid: 'WriteExecutionLog', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${refTo(json, 'aws_cloudwatch_log_group', 'fulfil/FromQueue-Logs', 'arn')}:*` },
    ]);
    const trust = doc(resourceAt(json, 'aws_iam_role', 'fulfil/FromQueue-Role').assume_role_policy).Statement[0];
    expect(trust).toMatchObject({ Principal: { Service: 'pipes.amazonaws.com' }, Action: 'sts:AssumeRole' });
    expect(trust.Condition.ArnEquals['aws:SourceArn']).toMatch(/:pipes:.*:pipe\/fulfil-FromQueue$/);
  });

  it('logs errors and alarms on failed pipe executions', () => {
    expect(p.log_configuration).toEqual({ level: 'ERROR', cloudwatch_logs_log_destination: { log_group_arn: refTo(json, 'aws_cloudwatch_log_group', 'fulfil/FromQueue-Logs', 'arn') } });
    expect(resourceAt(json, 'aws_cloudwatch_log_group', 'fulfil/FromQueue-Logs')).toMatchObject({ name: '/aws/vendedlogs/pipes/fulfil-FromQueue', retention_in_days: 365 });
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'fulfil/FromQueue-FailureAlarm')).toMatchObject({
      namespace: 'AWS/EventBridge/Pipes',
      metric_name: 'ExecutionFailed',
      dimensions: { PipeName: refTo(json, 'aws_pipes_pipe', 'fulfil/FromQueue-Pipe', 'name') },
      threshold: 0,
    });
  });
});

describe('startFromQueue options', () => {
  it('takes name, batch, window, template, state, logging and alarm settings', () => {
    const { json, p } = withPipe({
      name: 'orders-to-fulfil',
      description: 'd',
      batchSize: 50,
      maximumBatchingWindowSeconds: 5,
      inputTemplate: '{"order": <$.body>}',
      desiredState: 'STOPPED',
      logging: false,
      failureAlarm: false,
      tags: { team: 'orders' },
    });
    expect(p).toMatchObject({
      name: 'orders-to-fulfil',
      description: 'd',
      desired_state: 'STOPPED',
      source_parameters: { sqs_queue_parameters: { batch_size: 50, maximum_batching_window_in_seconds: 5 } },
      target_parameters: { input_template: '{"order": <$.body>}' },
      tags: { team: 'orders' },
    });
    expect(p.log_configuration).toBeUndefined();
    expect(resourcesOf(json, 'aws_cloudwatch_metric_alarm').filter((a) => a.namespace === 'AWS/EventBridge/Pipes')).toHaveLength(0);
  });

  it('decrypts a queue encrypted with a customer managed key', () => {
    const stack = testStack();
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/queue-key';
    const queue = new QueueWithDlq(stack, 'queue', { name: 'orders', encryption: { kmsKeyArn: key } });
    new Workflow(stack, 'fulfil', BASE).startFromQueue('FromQueue', queue);
    const statements = doc(resourceAt(synthJson(stack), 'aws_iam_role_policy', 'fulfil/FromQueue-RolePolicy').policy).Statement;
    expect(statements).toContainEqual({ Sid: 'DecryptQueue', Effect: 'Allow', Action: 'kms:Decrypt', Resource: key });
  });

  it('starts an Express workflow synchronously when asked, with StartSyncExecution', () => {
    const { json, p } = withPipe({ invocationType: 'REQUEST_RESPONSE' }, fakeQueue(), 'EXPRESS');
    expect(p.target_parameters.step_function_state_machine_parameters).toEqual({ invocation_type: 'REQUEST_RESPONSE' });
    const statements = doc(resourceAt(json, 'aws_iam_role_policy', 'fulfil/FromQueue-RolePolicy').policy).Statement;
    expect(statements.find((s: { Sid: string }) => s.Sid === 'StartExecution').Action).toBe('states:StartSyncExecution');
  });
});

describe('startFromQueue checks', () => {
  it('refuses REQUEST_RESPONSE for a Standard workflow, as Pipes does', () => {
    expect(errorOf(() => withPipe({ invocationType: 'REQUEST_RESPONSE' }))).toMatch(
      oneIssue('test/fulfil', 'FromQueue.invocationType', 'REQUEST_RESPONSE', 'a Standard workflow can only be started FIRE_AND_FORGET by a pipe'),
    );
  });

  it('batch sizes: 1–10 for a FIFO queue, a window above 10, the pipe name', () => {
    expect(errorOf(() => withPipe({ batchSize: 11, maximumBatchingWindowSeconds: 1 }, fakeQueue({ fifo: true })))).toMatch(
      oneIssue('test/fulfil', 'FromQueue.batchSize', 11, 'must be a whole number from 1 to 10'),
    );
    expect(errorOf(() => withPipe({ batchSize: 20 }))).toMatch(oneIssue('test/fulfil', 'FromQueue.maximumBatchingWindowSeconds', 0, 'must be at least 1 second when batchSize is above 10'));
    expect(errorOf(() => withPipe({ name: 'a b' }))).toMatch(oneIssue('test/fulfil', 'FromQueue.name', 'a b', 'pipe names are 1–64 letters, digits, dots, hyphens and underscores'));
  });

  it('refuses a queue that is not a queue, and options of the wrong shape', () => {
    const message = errorOf(() => build({}, (w) => w.startFromQueue('FromQueue', 'arn:aws:sqs:eu-west-1:123456789012:q' as never, { batchSize: '5' } as never)));
    expect(message).toContain('queue = "arn:aws:sqs:eu-west-1:123456789012:q" is invalid: must be a queue construct (IQueueTarget) (an object with queueArn)');
    expect(message).toContain('options.batchSize = "5" is invalid: must be a number');
  });
});
