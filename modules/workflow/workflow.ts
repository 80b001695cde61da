import { Aspects } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { awsContext } from '../core/aws-context';
import { ValidationError } from '../core/errors';
import { requireOwnFramework } from '../core/framework';
import { GrantedStatements, grantTo, IGrantee } from '../core/grants';
import { jsonDocument, lazyJsonDocument } from '../core/json-document';
import { addMetricAlarm, AlarmActions } from '../core/metric-alarm';
import { PolicyDocument, policyDocument, PolicyStatement } from '../core/policy';
import { checkArguments, checkProps, shape, validScope } from '../core/shape';
import { IQueueTarget, IStateMachineTarget } from '../core/contracts';
import { PropsValidator } from '../core/validation';
import { CLOUDWATCH_LOGS } from '../core/aws-limits';
import { validateLogGroupName } from '../core/log-group';
import { taskStates } from '../core/states-language';
import { StateMachineDefinition, validateDefinition } from './definition';
import { derivePermissions, UnderivedTask } from './integrations';
import { createQueuePipe, QueuePipe, StartFromQueueOptions, validateQueuePipe } from './queue-pipe';
import { START_FROM_QUEUE_OPTIONS, WORKFLOW_PROPS } from './props-shape';

/** The execution log of a {@link Workflow} in CloudWatch Logs. */
export interface WorkflowLoggingOptions {
  /**
   * Which execution history events are logged: `ALL`, `ERROR` (failures),
   * `FATAL` (executions that fail, time out or are aborted) or `OFF`.
   * @default 'ALL' for a Standard workflow, 'ERROR' for an Express one (they run at high rates, and the log is billed per byte)
   */
  readonly level?: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
  /**
   * Whether the log holds each state's input and output. They may carry
   * personal data, which the log's readers then see. @default false
   */
  readonly includeExecutionData?: boolean;
  /** Days the log group keeps records (a CloudWatch Logs retention value, e.g. 7, 30, 90, 365). @default 365 */
  readonly retentionDays?: number;
  /**
   * Log group name. AWS limit: 1–512 letters, digits, `.`, `-`, `_`, `/`, `#`.
   * Under `/aws/vendedlogs/`, CloudWatch Logs needs no resource policy entry per group
   * (its resource policy is limited to 5,120 characters). @default `/aws/vendedlogs/states/<name>`
   */
  readonly logGroupName?: string;
}

/** Alarms of a {@link Workflow}: sums over one minute of AWS/States metrics, by state machine ARN. */
export interface WorkflowAlarmsProps extends AlarmActions {
  /** Alarm when more than this many executions fail in a minute (`ExecutionsFailed`). @default 0 */
  readonly failedThreshold?: number;
  /** Alarm when more than this many executions time out in a minute (`ExecutionsTimedOut`). @default 0 */
  readonly timedOutThreshold?: number;
  /** Alarm when more than this many executions are throttled in a minute (`ExecutionThrottled`). @default 0 */
  readonly throttledThreshold?: number;
}

/** Props of a {@link Workflow}. */
export interface WorkflowProps {
  /** State machine name. AWS limit: 1–80 characters; this library takes letters, digits, `-` and `_` (others break CloudWatch logging). */
  readonly name: string;
  /**
   * `STANDARD` (exactly-once, up to a year, execution history kept by Step
   * Functions) or `EXPRESS` (at-least-once, up to 5 minutes, high rates).
   * @default 'STANDARD'
   */
  readonly type?: 'STANDARD' | 'EXPRESS';
  /**
   * The Amazon States Language definition. Checked at synth: StartAt and every
   * Next, Default and Catch target name a state, state names are 1–80
   * characters, types are known, a state ends the execution; at most 1 MB.
   */
  readonly definition: StateMachineDefinition;
  /** The execution log; `false` for none (an Express workflow then keeps no history at all). @default a log group made here, see {@link WorkflowLoggingOptions} */
  readonly logging?: WorkflowLoggingOptions | false;
  /** X-Ray tracing of executions. @default true */
  readonly tracing?: boolean;
  /**
   * What the role may do besides what is derived from the definition and
   * granted (`queue.grantSendMessages(workflow)`): needed for a Task whose
   * permissions cannot be derived (another integration, or a target known
   * only at run time). @default none
   */
  readonly statements?: PolicyStatement[];
  /** Alarms on failed, timed-out and throttled executions; `false` turns them off. @default each above 0, no actions */
  readonly alarms?: WorkflowAlarmsProps | false;
  /** Tags of every resource made here. @default none */
  readonly tags?: Record<string, string>;
}

const NAME = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * A Step Functions state machine, safe by default: its own role allowed only
 * what the definition's Task states call (derived from their integrations,
 * or given), the execution log in a log group made here, X-Ray tracing, and
 * alarms on failed, timed-out and throttled executions.
 */
export class Workflow extends Construct implements IGrantee, IStateMachineTarget {
  /** The state machine resource (`aws_sfn_state_machine`). */
  readonly stateMachine: SfnStateMachine;
  /** ARN of the state machine. */
  readonly stateMachineArn: string;
  /** Name of the state machine. */
  readonly stateMachineName: string;
  /** `STANDARD` or `EXPRESS`. */
  readonly type: 'STANDARD' | 'EXPRESS';
  /** The definition as given. */
  readonly definition: StateMachineDefinition;
  /** The role the state machine runs with (trusts `states.amazonaws.com` for this state machine only). */
  readonly role: IamRole;
  /** The role's one inline policy: derived, logging, tracing, granted and given statements. */
  readonly rolePolicy: IamRolePolicy;
  /** The statements derived from the definition's Task states. */
  readonly derivedStatements: readonly PolicyStatement[];
  /** Tasks whose permissions are not derived: `statements` or grants must cover them. */
  readonly underivedTasks: readonly UnderivedTask[];
  /** The log group of the execution log, unless logging is off. */
  readonly logGroup?: CloudwatchLogGroup;
  /** The alarm on `ExecutionsFailed`, unless alarms are off. */
  readonly failedAlarm?: CloudwatchMetricAlarm;
  /** The alarm on `ExecutionsTimedOut`, unless alarms are off. */
  readonly timedOutAlarm?: CloudwatchMetricAlarm;
  /** The alarm on `ExecutionThrottled`, unless alarms are off. */
  readonly throttledAlarm?: CloudwatchMetricAlarm;
  private readonly granted = new GrantedStatements();
  private readonly given: readonly PolicyStatement[];
  private readonly fixedStatements: PolicyStatement[];
  private readonly tags?: Record<string, string>;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(validScope(scope, id, 'Workflow'), id);
    requireOwnFramework(this);
    checkProps(this, props, WORKFLOW_PROPS);
    const type = props.type ?? 'STANDARD';
    const logging = props.logging === false ? undefined : (props.logging ?? {});
    const level = logging?.level ?? (type === 'EXPRESS' ? 'ERROR' : 'ALL');
    const alarms = props.alarms === false ? undefined : (props.alarms ?? {});

    const v = new PropsValidator(this);
    v.matches('name', props.name, NAME, 'state machine names are 1–80 letters, digits, hyphens and underscores');
    v.oneOf('type', props.type, ['STANDARD', 'EXPRESS']);
    validateDefinition(v, 'definition', props.definition);
    if (props.definition?.TimeoutSeconds !== undefined) {
      // Express executions run at most 5 minutes; Standard ones a year.
      v.integer('definition.TimeoutSeconds', props.definition.TimeoutSeconds, 1, type === 'EXPRESS' ? 300 : 31_536_000, 'seconds');
    }
    if (logging) {
      v.oneOf('logging.level', logging.level, ['ALL', 'ERROR', 'FATAL', 'OFF']);
      v.oneOf('logging.retentionDays', logging.retentionDays, CLOUDWATCH_LOGS.retentionDays);
      validateLogGroupName(v, 'logging.logGroupName', logging.logGroupName);
    }
    if (alarms) {
      for (const key of ['failedThreshold', 'timedOutThreshold', 'throttledThreshold'] as const) v.number(`alarms.${key}`, alarms[key], 0, Number.MAX_SAFE_INTEGER);
    }
    v.throwIfInvalid();

    this.type = type;
    this.definition = props.definition;
    this.tags = props.tags;
    this.given = props.statements ?? [];
    const tags = props.tags;
    const ctx = awsContext(this);
    // Built from its parts: the role's trust policy naming the state machine's own ARN would be a cycle.
    const arn = `arn:${ctx.partition}:states:${ctx.region}:${ctx.accountId}:stateMachine:${props.name}`;

    const derived = derivePermissions(taskStates(props.definition), ctx);
    this.derivedStatements = derived.statements;
    this.underivedTasks = derived.underived;

    const logged = logging && level !== 'OFF' ? logging : undefined;
    if (logged) {
      this.logGroup = new CloudwatchLogGroup(this, 'Logs', {
        name: logged.logGroupName ?? `/aws/vendedlogs/states/${props.name}`,
        retentionInDays: logged.retentionDays ?? 365,
        tags,
      });
    }
    this.fixedStatements = [
      ...derived.statements,
      // Step Functions sets up log delivery (vended logs) with the role: these log-delivery APIs take no resource ARN ("Logging using CloudWatch Logs").
      ...(logged
        ? [
            {
              Sid: 'DeliverExecutionLog',
              Effect: 'Allow' as const,
              Action: [
                'logs:CreateLogDelivery',
                'logs:GetLogDelivery',
                'logs:UpdateLogDelivery',
                'logs:DeleteLogDelivery',
                'logs:ListLogDeliveries',
                'logs:PutResourcePolicy',
                'logs:DescribeResourcePolicies',
                'logs:DescribeLogGroups',
              ],
              Resource: '*',
            },
          ]
        : []),
      // X-Ray's trace APIs take no resource: "*" is the only form AWS accepts.
      ...(props.tracing !== false
        ? [{ Sid: 'WriteTraces', Effect: 'Allow' as const, Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'], Resource: '*' }]
        : []),
    ];

    this.role = new IamRole(this, 'Role', {
      name: props.name.length <= 59 ? `${props.name}-role` : undefined,
      description: `Execution role of Step Functions state machine ${props.name}`,
      assumeRolePolicy: jsonDocument(
        policyDocument([
          {
            Effect: 'Allow',
            Principal: { Service: 'states.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': ctx.accountId }, ArnLike: { 'aws:SourceArn': arn } },
          },
        ]),
      ),
      tags,
    });
    this.rolePolicy = new IamRolePolicy(this, 'RolePolicy', {
      name: 'state-machine-permissions',
      role: this.role.id,
      policy: lazyJsonDocument(() => this.policyDocument()),
    });

    this.stateMachine = new SfnStateMachine(this, 'StateMachine', {
      name: props.name,
      type,
      roleArn: this.role.arn,
      definition: jsonDocument(props.definition),
      loggingConfiguration: logged
        ? { level, includeExecutionData: logged.includeExecutionData ?? false, logDestination: `${this.logGroup!.arn}:*` }
        : { level: 'OFF' },
      tracingConfiguration: { enabled: props.tracing !== false },
      tags,
      // Step Functions checks the role's logging permissions when it creates the state machine.
      dependsOn: [this.rolePolicy],
    });
    this.stateMachineArn = this.stateMachine.arn;
    this.stateMachineName = props.name;

    if (alarms) {
      const alarm = (metricName: string, threshold: number | undefined, description: string) =>
        addMetricAlarm(this, `${metricName}Alarm`, {
          alarmName: `${props.name}-${metricName.replace(/[A-Z]/g, (c, i) => `${i > 0 ? '-' : ''}${c.toLowerCase()}`)}`,
          description,
          namespace: 'AWS/States',
          metricName,
          dimensions: { StateMachineArn: this.stateMachineArn },
          statistic: 'Sum',
          threshold: threshold ?? 0,
          alarmActions: alarms.alarmActions,
          okActions: alarms.okActions,
          tags,
        });
      this.failedAlarm = alarm('ExecutionsFailed', alarms.failedThreshold, `Executions of ${props.name} fail`);
      this.timedOutAlarm = alarm('ExecutionsTimedOut', alarms.timedOutThreshold, `Executions of ${props.name} time out`);
      this.throttledAlarm = alarm('ExecutionThrottled', alarms.throttledThreshold, `Executions of ${props.name} are throttled`);
    }

    // Grants may come after construction: whether every Task is allowed is known at synth only.
    Aspects.of(this).add({
      visit: (node: IConstruct) => {
        if (node === this) this.requirePermissionsForEveryTask();
      },
    });
  }

  /** Adds a statement to the role's policy (what the `grant…` methods of queues, topics, buses and tables call). */
  addToPrincipalPolicy(statement: PolicyStatement): void {
    this.granted.add(statement);
  }

  /** What the role may do: derived, logging and tracing statements, then what was granted and given. */
  policyDocument(): PolicyDocument {
    return policyDocument([...this.fixedStatements, ...this.granted.statements, ...this.given]);
  }

  /** Lets `grantee` start executions of this state machine (`states:StartExecution`, or `states:StartSyncExecution` too for an Express one). */
  grantStartExecution(grantee: IGrantee): void {
    const actions = this.type === 'EXPRESS' ? ['states:StartExecution', 'states:StartSyncExecution'] : 'states:StartExecution';
    grantTo(grantee, [{ Sid: 'StartExecution', Effect: 'Allow', Action: actions, Resource: this.stateMachineArn }]);
  }

  /**
   * Starts an execution for each batch of messages of `queue`, through an
   * EventBridge pipe: the execution input is the batch as a JSON array of SQS
   * records (even of one). A message whose execution cannot be started goes
   * back to the queue, and after its `maxReceiveCount` to the queue's DLQ by
   * the queue's redrive policy (pipes have no DLQ of their own for an SQS
   * source). Once started, a failing execution is the workflow's to handle
   * (for instance a Catch that sends the record to the DLQ).
   */
  startFromQueue(id: string, queue: IQueueTarget, options: StartFromQueueOptions = {}): QueuePipe {
    checkArguments(this, [
      ['id', id, shape.id],
      ['queue', queue, shape.construct('a queue construct (IQueueTarget)', 'queueArn')],
      ['options', options, START_FROM_QUEUE_OPTIONS],
    ]);
    const v = new PropsValidator(this);
    validateQueuePipe(v, id, this, queue, options);
    v.throwIfInvalid();
    return createQueuePipe(this, id, this, queue, options, this.tags);
  }

  private requirePermissionsForEveryTask(): void {
    if (this.underivedTasks.length === 0 || this.given.length > 0 || this.granted.statements.length > 0) return;
    throw new ValidationError(
      this.node.path,
      this.underivedTasks.map((t) => ({
        field: t.field,
        value: t.resource,
        allowed:
          `${t.reason}, so the role's permission for it cannot be derived (derived: lambda:invoke or a Lambda ARN, sqs:sendMessage, sns:publish, ` +
          'dynamodb:putItem/getItem/updateItem/deleteItem, events:putEvents, each with a static target): give it in statements, or grant it (e.g. queue.grantSendMessages(workflow))',
      })),
    );
  }
}

