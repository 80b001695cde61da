import { Construct } from 'constructs';
import { AssetType, TerraformAsset } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { GrantedStatements, IGrantee, jsonDocument, lazyJsonDocument, PolicyStatement } from '../modules';
import { addMetricAlarm, AlarmActions } from '../modules/core/metric-alarm';
import { PropsValidator } from '../modules/core/validation';
import { BUNDLE_HANDLER, bundleFunction } from './bundle';

/** Alarms of an {@link OrdersFunction}: sums over one minute of AWS/Lambda metrics. */
export interface FunctionAlarmsProps extends AlarmActions {
  /** Alarm when more than this many invocations fail in a minute (`Errors`). */
  readonly errorsThreshold: number;
  /** Alarm when more than this many invocations are throttled in a minute (`Throttles`). */
  readonly throttlesThreshold: number;
}

/** Props of an {@link OrdersFunction}. */
export interface OrdersFunctionProps {
  /** Function name (Lambda: 1–64 letters, digits, hyphens, underscores). */
  readonly functionName: string;
  /** Handler source, relative to the repository root (`functions/<name>/handler.ts`). */
  readonly entry: string;
  /** Seconds before Lambda stops an invocation (1–900). */
  readonly timeoutSeconds: number;
  /** Memory in MB (128–10,240). @default 256 */
  readonly memorySize?: number;
  /**
   * Concurrent executions reserved (and capped) for the function. Left unset by
   * default: reserving fails at apply on accounts still at the default quota of
   * 10 concurrent executions, since AWS keeps 100 unreserved; queue consumers are
   * capped by their event source mapping's maximum concurrency instead.
   * @default none
   */
  readonly reservedConcurrency?: number;
  /** Days the log group keeps logs. */
  readonly logRetentionDays: number;
  /** `LOG_LEVEL` of the handler. */
  readonly logLevel: string;
  /** Further environment variables. */
  readonly environment?: Record<string, string>;
  /** Alarms on errors and throttles; `false` turns them off (only on purpose: there is no default). */
  readonly alarms: FunctionAlarmsProps | false;
  /** What the function may do besides writing its logs and traces and what is granted to it (see `grant…` on the queue, topic, bus and table); listed after the grants. @default none */
  readonly statements?: PolicyStatement[];
}

/**
 * A Lambda function of the orders architecture: the handler bundled into a
 * deterministic zip, Node.js 22, its own role with only what it uses, its own
 * log group with the environment's retention, X-Ray tracing.
 */
export class OrdersFunction extends Construct implements IGrantee {
  readonly function: LambdaFunction;
  readonly functionArn: string;
  readonly functionName: string;
  readonly role: IamRole;
  /** The role's one inline policy: logs, traces and `statements`. */
  readonly rolePolicy: IamRolePolicy;
  readonly timeoutSeconds: number;
  /** The alarm on `Errors`, unless alarms are off. */
  readonly errorsAlarm?: CloudwatchMetricAlarm;
  /** The alarm on `Throttles`, unless alarms are off. */
  readonly throttlesAlarm?: CloudwatchMetricAlarm;
  private readonly granted = new GrantedStatements();

  constructor(scope: Construct, id: string, props: OrdersFunctionProps) {
    super(scope, id);
    new PropsValidator(this)
      .matches('functionName', props.functionName, /^[A-Za-z0-9_-]{1,64}$/, 'Lambda function names are 1–64 letters, digits, hyphens and underscores')
      .check(props.alarms === false || (Number.isInteger(props.alarms?.errorsThreshold) && props.alarms.errorsThreshold >= 0), 'alarms.errorsThreshold', props.alarms ? props.alarms.errorsThreshold : undefined, 'a whole number of errors, 0 or more')
      .check(props.alarms === false || (Number.isInteger(props.alarms?.throttlesThreshold) && props.alarms.throttlesThreshold >= 0), 'alarms.throttlesThreshold', props.alarms ? props.alarms.throttlesThreshold : undefined, 'a whole number of throttles, 0 or more')
      .throwIfInvalid();
    this.timeoutSeconds = props.timeoutSeconds;
    const bundle = bundleFunction(props.entry);
    const code = new TerraformAsset(this, 'Code', { path: bundle.zipPath, type: AssetType.FILE });

    const logGroup = new CloudwatchLogGroup(this, 'Logs', {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
    });
    this.role = new IamRole(this, 'Role', {
      name: `${props.functionName}-role`,
      assumeRolePolicy: jsonDocument({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });
    this.rolePolicy = new IamRolePolicy(this, 'Policy', {
      role: this.role.name,
      name: 'least-privilege',
      policy: lazyJsonDocument(() => ({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'WriteLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroup.arn}:*` },
          // X-Ray's trace APIs take no resource: "*" is the only form AWS accepts.
          { Sid: 'WriteTraces', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
          ...this.granted.statements,
          ...(props.statements ?? []),
        ],
      })),
    });

    this.function = new LambdaFunction(this, 'Function', {
      functionName: props.functionName,
      role: this.role.arn,
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: BUNDLE_HANDLER,
      filename: code.path,
      sourceCodeHash: bundle.sha256Base64,
      timeout: props.timeoutSeconds,
      memorySize: props.memorySize ?? 256,
      reservedConcurrentExecutions: props.reservedConcurrency,
      tracingConfig: { mode: 'Active' },
      loggingConfig: { logFormat: 'Text', logGroup: logGroup.name },
      environment: { variables: { LOG_LEVEL: props.logLevel, ...props.environment } },
      // Lambda checks the role when it creates the function (X-Ray tracing needs its
      // permissions then), and the provider retries only for a while: the policy goes first.
      dependsOn: [logGroup, this.rolePolicy],
    });
    this.functionArn = this.function.arn;
    this.functionName = this.function.functionName;

    if (props.alarms) {
      const alarm = (metricName: 'Errors' | 'Throttles', threshold: number, description: string) =>
        addMetricAlarm(this, `${metricName}Alarm`, {
          alarmName: `${props.functionName}-${metricName.toLowerCase()}`,
          description,
          namespace: 'AWS/Lambda',
          metricName,
          dimensions: { FunctionName: this.functionName },
          statistic: 'Sum',
          threshold,
          alarmActions: props.alarms ? props.alarms.alarmActions : undefined,
          okActions: props.alarms ? props.alarms.okActions : undefined,
        });
      this.errorsAlarm = alarm('Errors', props.alarms.errorsThreshold, `Invocations of ${props.functionName} fail`);
      this.throttlesAlarm = alarm('Throttles', props.alarms.throttlesThreshold, `Invocations of ${props.functionName} are throttled`);
    }
  }

  /** Adds a statement granted to the function (its role's least-privilege policy). */
  addToPrincipalPolicy(statement: PolicyStatement): void {
    this.granted.add(statement);
  }
}
