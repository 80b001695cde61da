import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { PipesPipe, PipesPipeLogConfiguration } from '@cdktf/provider-aws/lib/pipes-pipe';
import { addMetricAlarm, FailureCountAlarmProps } from './metric-alarm';
import { awsContext } from './aws-context';
import { CLOUDWATCH_LOGS, PIPES } from './aws-limits';
import { jsonDocument } from './json-document';
import { validateLogGroupName } from './log-group';
import { PolicyDocument, policyDocument, PolicyStatement } from './policy';
import { isToken, PropsValidator } from './validation';
import { fmt } from './values';

/**
 * What every EventBridge pipe made here has, whatever it reads and feeds:
 * an execution log and an execution role trusted for that one pipe.
 */

/** The execution log of a pipe (`log_configuration`). */
export interface PipeLoggingOptions {
  /** What is logged: ERROR (failed executions), INFO (also their steps), TRACE (everything), OFF. @default 'ERROR' */
  readonly level?: 'OFF' | 'ERROR' | 'INFO' | 'TRACE';
  /** Days the log group keeps records (a CloudWatch Logs retention value, e.g. 7, 30, 90, 365). @default 365 */
  readonly retentionDays?: number;
  /** Log group name. AWS limit: 1–512 letters, digits, `.`, `-`, `_`, `/`, `#`. @default `/aws/vendedlogs/pipes/<pipe name>` */
  readonly logGroupName?: string;
}

/** What every pipe made here is made of. */
export interface PipeResources {
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

/** A pipe name: 1–64 letters, digits, dots, hyphens and underscores. */
export const PIPE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

/** Checks a pipe's description against the Pipes limit. */
export function validatePipeDescription(v: PropsValidator, field: string, description: string | undefined): void {
  v.check(
    description === undefined || isToken(description) || description.length <= PIPES.descriptionMaxLength,
    field,
    description,
    `pipe descriptions are at most ${PIPES.descriptionMaxLength} characters`,
  );
}

/** Checks a pipe's input template against the Pipes limit. */
export function validatePipeInputTemplate(v: PropsValidator, field: string, template: string | undefined): void {
  if (template === undefined || isToken(template)) return;
  v.check(template.length <= PIPES.inputTemplateMaxLength, field, template, `input templates are at most ${fmt(PIPES.inputTemplateMaxLength)} characters (this one is ${template.length})`);
}

/** Checks how a pipe runs: its desired state, execution log and failure alarm. */
export function validatePipeExecution(
  v: PropsValidator,
  id: string,
  options: { readonly desiredState?: string; readonly logging?: PipeLoggingOptions | false; readonly failureAlarm?: FailureCountAlarmProps | false },
): void {
  v.oneOf(`${id}.desiredState`, options.desiredState, ['RUNNING', 'STOPPED']);
  if (options.logging) {
    v.oneOf(`${id}.logging.level`, options.logging.level, ['OFF', 'ERROR', 'INFO', 'TRACE']);
    v.oneOf(`${id}.logging.retentionDays`, options.logging.retentionDays, CLOUDWATCH_LOGS.retentionDays);
    validateLogGroupName(v, `${id}.logging.logGroupName`, options.logging.logGroupName);
  }
  if (options.failureAlarm) v.number(`${id}.failureAlarm.threshold`, options.failureAlarm.threshold, 0, Number.MAX_SAFE_INTEGER);
}

/** A pipe's execution log: the log group, the pipe's `log_configuration`, and what the role needs to write it. */
export interface PipeExecutionLog {
  readonly logGroup?: CloudwatchLogGroup;
  readonly logConfiguration?: PipesPipeLogConfiguration;
  readonly statements: PolicyStatement[];
}

/**
 * The ARN of the pipe named `name`, built from its parts rather than read from
 * the pipe: the pipe references its role, so the role's trust policy
 * referencing the pipe would be a cycle.
 */
export function pipeArnOf(scope: Construct, name: string): string {
  const ctx = awsContext(scope);
  return `arn:${ctx.partition}:pipes:${ctx.region}:${ctx.accountId}:pipe/${name}`;
}

/** Makes the pipe's log group (level ERROR, kept 365 days by default), unless `logging` is false. */
export function pipeExecutionLog(
  scope: Construct,
  id: string,
  pipeName: string,
  logging: PipeLoggingOptions | false | undefined,
  tags: Record<string, string> | undefined,
): PipeExecutionLog {
  if (logging === false) return { statements: [] };
  const settings = logging ?? {};
  const logGroup = new CloudwatchLogGroup(scope, id, {
    name: settings.logGroupName ?? `/aws/vendedlogs/pipes/${pipeName}`,
    retentionInDays: settings.retentionDays ?? 365,
    tags,
  });
  return {
    logGroup,
    logConfiguration: { level: settings.level ?? 'ERROR', cloudwatchLogsLogDestination: { logGroupArn: logGroup.arn } },
    // Pipes write their execution log with the execution role.
    statements: [{ Sid: 'WriteExecutionLog', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroup.arn}:*` }],
  };
}

/**
 * Makes a pipe's execution role, which `pipes.amazonaws.com` may assume for
 * this pipe of this account only, and its one inline policy `document`.
 * The role is named `<pipe name>-role` when that fits IAM's 64 characters.
 */
export function pipeExecutionRole(
  scope: Construct,
  ids: { readonly role: string; readonly policy: string },
  pipeName: string,
  document: PolicyDocument,
  tags: Record<string, string> | undefined,
): { role: IamRole; rolePolicy: IamRolePolicy } {
  const roleName = `${pipeName}-role`;
  const role = new IamRole(scope, ids.role, {
    name: !isToken(roleName) && roleName.length <= 64 ? roleName : undefined,
    description: `Execution role of EventBridge pipe ${pipeName}`,
    assumeRolePolicy: jsonDocument(
      policyDocument([
        {
          Effect: 'Allow',
          Principal: { Service: 'pipes.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': awsContext(scope).accountId }, ArnEquals: { 'aws:SourceArn': pipeArnOf(scope, pipeName) } },
        },
      ]),
    ),
    tags,
  });
  const rolePolicy = new IamRolePolicy(scope, ids.policy, { name: 'pipe-permissions', role: role.id, policy: jsonDocument(document) });
  return { role, rolePolicy };
}

/**
 * The alarm `<pipe name>-execution-failed` on a pipe's failed executions
 * (AWS/EventBridge/Pipes `ExecutionFailed` by the pipe's name, summed), unless `settings` is false; actions not set
 * come from `defaults` (the alarm settings of a DLQ made for the pipe).
 */
export function pipeFailureAlarm(
  scope: Construct,
  id: string,
  pipe: PipesPipe,
  pipeName: string,
  description: string,
  settings: FailureCountAlarmProps | false | undefined,
  defaults: Pick<FailureCountAlarmProps, 'alarmActions' | 'okActions'>,
  tags: Record<string, string> | undefined,
): CloudwatchMetricAlarm | undefined {
  if (settings === false) return undefined;
  const alarm = settings ?? {};
  return addMetricAlarm(scope, id, {
    alarmName: `${pipeName}-execution-failed`,
    description,
    namespace: 'AWS/EventBridge/Pipes',
    metricName: 'ExecutionFailed',
    dimensions: { PipeName: pipe.name },
    statistic: 'Sum',
    threshold: alarm.threshold ?? 0,
    alarmActions: alarm.alarmActions ?? defaults.alarmActions,
    okActions: alarm.okActions ?? defaults.okActions,
    tags,
  });
}
