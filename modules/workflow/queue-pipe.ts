import { Construct } from 'constructs';
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { PipesPipe } from '@cdktf/provider-aws/lib/pipes-pipe';
import { IQueueTarget } from '../core/contracts';
import { FailureCountAlarmProps } from '../core/metric-alarm';
import { PolicyDocument, policyDocument } from '../core/policy';
import { isToken, PropsValidator } from '../core/validation';
import { CLOUDWATCH_LOGS, PIPES } from '../core/aws-limits';
import { validateLogGroupName } from '../core/log-group';
import { PipeLoggingOptions, pipeExecutionLog, pipeExecutionRole, pipeFailureAlarm } from '../core/pipe-execution';

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
export interface QueuePipe {
  /** The pipe resource (`aws_pipes_pipe`). */
  readonly pipe: PipesPipe;
  /** The pipe name. */
  readonly pipeName: string;
  /** The pipe's execution role (trusts `pipes.amazonaws.com` for this pipe only). */
  readonly role: IamRole;
  /** The role's one inline policy. */
  readonly rolePolicy: IamRolePolicy;
  /** What `rolePolicy` allows. */
  readonly policyDocument: PolicyDocument;
  /** The log group of the pipe's execution log, unless logging is off. */
  readonly logGroup?: CloudwatchLogGroup;
  /** The alarm on failed executions, unless turned off. */
  readonly failureAlarm?: CloudwatchMetricAlarm;
}

/** What the pipe needs of the workflow it starts. */
interface StartedWorkflow {
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly type: 'STANDARD' | 'EXPRESS';
}

const PIPE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

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
  v.check(
    options.description === undefined || isToken(options.description) || options.description.length <= PIPES.descriptionMaxLength,
    `${id}.description`,
    options.description,
    `pipe descriptions are at most ${PIPES.descriptionMaxLength} characters`,
  );
  v.integer(`${id}.batchSize`, options.batchSize, 1, queue.fifo ? PIPES.maxFifoBatchSize : PIPES.maxBatchSize);
  v.integer(`${id}.maximumBatchingWindowSeconds`, options.maximumBatchingWindowSeconds, 0, PIPES.maxBatchingWindowSeconds, 'seconds');
  v.check(
    (options.batchSize ?? 1) <= PIPES.maxBatchSizeWithoutWindow || (options.maximumBatchingWindowSeconds ?? 0) >= 1,
    `${id}.maximumBatchingWindowSeconds`,
    options.maximumBatchingWindowSeconds ?? 0,
    `must be at least 1 second when batchSize is above ${PIPES.maxBatchSizeWithoutWindow}`,
  );
  if (options.inputTemplate !== undefined && !isToken(options.inputTemplate)) {
    v.check(options.inputTemplate.length <= 8_192, `${id}.inputTemplate`, options.inputTemplate, `input templates are at most 8,192 characters (this one is ${options.inputTemplate.length})`);
  }
  v.oneOf(`${id}.invocationType`, options.invocationType, ['FIRE_AND_FORGET', 'REQUEST_RESPONSE']);
  v.check(
    options.invocationType !== 'REQUEST_RESPONSE' || workflow.type === 'EXPRESS',
    `${id}.invocationType`,
    options.invocationType,
    'a Standard workflow can only be started FIRE_AND_FORGET by a pipe (REQUEST_RESPONSE, StartSyncExecution, is for Express workflows)',
  );
  v.oneOf(`${id}.desiredState`, options.desiredState, ['RUNNING', 'STOPPED']);
  if (options.logging) {
    v.oneOf(`${id}.logging.level`, options.logging.level, ['OFF', 'ERROR', 'INFO', 'TRACE']);
    v.oneOf(`${id}.logging.retentionDays`, options.logging.retentionDays, CLOUDWATCH_LOGS.retentionDays);
    validateLogGroupName(v, `${id}.logging.logGroupName`, options.logging.logGroupName);
  }
  if (options.failureAlarm) v.number(`${id}.failureAlarm.threshold`, options.failureAlarm.threshold, 0, Number.MAX_SAFE_INTEGER);
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
