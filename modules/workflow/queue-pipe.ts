import { Construct } from 'constructs';
import { PipesPipe } from '@cdktf/provider-aws/lib/pipes-pipe';
import { IQueueTarget } from '../core/contracts';
import { FailureCountAlarmProps } from '../core/metric-alarm';
import { policyDocument } from '../core/policy';
import { isToken, PropsValidator } from '../core/validation';
import { PIPES } from '../core/aws-limits';
import { validateQueueBatching } from '../core/queue-limits';
import {
  PIPE_NAME,
  PipeLoggingOptions,
  pipeExecutionLog,
  pipeExecutionRole,
  pipeFailureAlarm,
  PipeResources,
  validatePipeDescription,
  validatePipeExecution,
  validatePipeInputTemplate,
} from '../core/pipe-execution';

/** Options of {@link Workflow.startFromQueue}. */
export interface StartFromQueueOptions {
  /** Pipe name. AWS limit: 1–64 letters, digits, `.`, `-`, `_`. @default `<state machine name>-<id>` */
  readonly name?: string;
  /** Pipe description. AWS limit: 512 characters. @default says which queue starts which state machine */
  readonly description?: string;
  /**
   * Messages per execution: the execution input is a JSON array of this many
   * SQS records at most (an array even of one). AWS limit: 1–10,000 for a
   * standard queue, 1–10 for a FIFO queue; the whole batch at most 262,144 characters. @default 1
   */
  readonly batchSize?: number;
  /** Seconds to gather a batch; at least 1 when batchSize is above 10. AWS limit: 0–300. @default 0 */
  readonly maximumBatchingWindowSeconds?: number;
  /** Input template applied to each record of the batch, with `<$.path>` placeholders. AWS limit: 8,192 characters. @default the record as it is */
  readonly inputTemplate?: string;
  /**
   * `FIRE_AND_FORGET` (StartExecution: the message is deleted once the
   * execution starts) or, for an Express workflow only, `REQUEST_RESPONSE`
   * (StartSyncExecution: a failed execution returns the batch to the queue).
   * Standard workflows support only `FIRE_AND_FORGET` as a pipe target.
   * @default 'FIRE_AND_FORGET'
   */
  readonly invocationType?: 'FIRE_AND_FORGET' | 'REQUEST_RESPONSE';
  /** Whether the pipe runs. @default 'RUNNING' */
  readonly desiredState?: 'RUNNING' | 'STOPPED';
  /** The pipe's execution log (a log group made here); `false` for none. @default level ERROR, kept 365 days */
  readonly logging?: PipeLoggingOptions | false;
  /** Alarm on the pipe's failed executions (AWS/EventBridge/Pipes `ExecutionFailed`); `false` turns it off. @default alarm on any failure, no actions */
  readonly failureAlarm?: FailureCountAlarmProps | false;
  /** Tags of the pipe and its role. @default the workflow's tags */
  readonly tags?: Record<string, string>;
}

/** A pipe from a queue to a workflow, and what it needs. */
export type QueuePipe = PipeResources;

/** What the pipe needs of the workflow it starts. */
interface StartedWorkflow {
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly type: 'STANDARD' | 'EXPRESS';
}

function pipeNameOf(workflow: StartedWorkflow, id: string, options: StartFromQueueOptions): string {
  return options.name ?? `${workflow.stateMachineName}-${id.replace(/[^.\-_A-Za-z0-9]/g, '-')}`;
}

/** Checks the options of a pipe from a queue to a workflow. */
export function validateQueuePipe(v: PropsValidator, id: string, workflow: StartedWorkflow, queue: IQueueTarget, options: StartFromQueueOptions): void {
  const name = pipeNameOf(workflow, id, options);
  v.check(
    isToken(name) || PIPE_NAME.test(name),
    `${id}.name`,
    name,
    options.name === undefined
      ? 'the default pipe name "<state machine name>-<id>" is longer than 64 characters: set name (1–64 letters, digits, dots, hyphens, underscores)'
      : 'pipe names are 1–64 letters, digits, dots, hyphens and underscores',
  );
  validatePipeDescription(v, `${id}.description`, options.description);
  validateQueueBatching(v, id, { ...options, fifo: queue.fifo, defaultBatchSize: 1 }, PIPES);
  validatePipeInputTemplate(v, `${id}.inputTemplate`, options.inputTemplate);
  v.oneOf(`${id}.invocationType`, options.invocationType, ['FIRE_AND_FORGET', 'REQUEST_RESPONSE']);
  v.check(
    options.invocationType !== 'REQUEST_RESPONSE' || workflow.type === 'EXPRESS',
    `${id}.invocationType`,
    options.invocationType,
    'a Standard workflow can only be started FIRE_AND_FORGET by a pipe (REQUEST_RESPONSE, StartSyncExecution, is for Express workflows)',
  );
  validatePipeExecution(v, id, options);
}

/** Makes a validated pipe from `queue` to `workflow`: its role, role policy, log group, the pipe and its alarm. */
export function createQueuePipe(
  scope: Construct,
  id: string,
  workflow: StartedWorkflow,
  queue: IQueueTarget,
  options: StartFromQueueOptions,
  workflowTags?: Record<string, string>,
): QueuePipe {
  const name = pipeNameOf(workflow, id, options);
  const tags = options.tags ?? workflowTags;
  const invocationType = options.invocationType ?? 'FIRE_AND_FORGET';
  const log = pipeExecutionLog(scope, `${id}-Logs`, name, options.logging, tags);

  const document = policyDocument([
    { Sid: 'ReadQueue', Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: queue.queueArn },
    ...(queue.kmsKeyArn ? [{ Sid: 'DecryptQueue', Effect: 'Allow' as const, Action: 'kms:Decrypt', Resource: queue.kmsKeyArn }] : []),
    {
      Sid: 'StartExecution',
      Effect: 'Allow',
      Action: invocationType === 'REQUEST_RESPONSE' ? 'states:StartSyncExecution' : 'states:StartExecution',
      Resource: workflow.stateMachineArn,
    },
    ...log.statements,
  ]);

  const { role, rolePolicy } = pipeExecutionRole(scope, { role: `${id}-Role`, policy: `${id}-RolePolicy` }, name, document, tags);

  const pipe = new PipesPipe(scope, `${id}-Pipe`, {
    name,
    description: options.description ?? `Messages of SQS queue ${queue.queueName} start executions of state machine ${workflow.stateMachineName}`,
    desiredState: options.desiredState ?? 'RUNNING',
    roleArn: role.arn,
    source: queue.queueArn,
    target: workflow.stateMachineArn,
    sourceParameters: {
      sqsQueueParameters: { batchSize: options.batchSize ?? 1, maximumBatchingWindowInSeconds: options.maximumBatchingWindowSeconds },
    },
    targetParameters: {
      inputTemplate: options.inputTemplate,
      stepFunctionStateMachineParameters: { invocationType },
    },
    logConfiguration: log.logConfiguration,
    tags,
    // The pipe starts reading as soon as it exists: its permissions must be in place first.
    dependsOn: [rolePolicy],
  });

  const failureAlarm = pipeFailureAlarm(
    scope,
    `${id}-FailureAlarm`,
    pipe,
    name,
    `Executions of pipe ${name} fail: messages of ${queue.queueName} do not start ${workflow.stateMachineName}, and go back to the queue`,
    options.failureAlarm,
    {},
    tags,
  );
  return { pipe, pipeName: name, role, rolePolicy, policyDocument: document, logGroup: log.logGroup, failureAlarm };
}
