import { TerraformOutput } from 'cdktf';
import { QueueWithDlq, RoleGrantee, TableWithStream, EventBusWithRules, TopicWithFilteredSubscriptions } from '../../modules';
import { StateMachineDefinition, Workflow } from '../../modules/workflow';
import { refTo, resourceAt, resourcesOf, synthJson, testStack } from '../helpers/synth';
import { BASE, build, doc, errorOf, FUNCTION_ARN, ONE_TASK, QUEUE_URL, TOPIC_ARN } from './fixtures';

type Statement = { Sid?: string; Action: string | string[]; Resource: string | string[] };
const statements = (json: any): Statement[] => doc(resourceAt(json, 'aws_iam_role_policy', 'fulfil/RolePolicy').policy).Statement;
const bySid = (json: any, sid: string) => statements(json).find((s) => s.Sid === sid);

/** One Task state per resource, chained, ending the execution. */
function tasks(...states: Array<{ Resource: string; Parameters?: Record<string, unknown> }>): StateMachineDefinition {
  const names = states.map((_, i) => `Step${i + 1}`);
  return {
    StartAt: names[0],
    States: Object.fromEntries(states.map((s, i) => [names[i], { Type: 'Task', ...s, ...(i + 1 < names.length ? { Next: names[i + 1] } : { End: true }) }])),
  };
}

describe('Workflow defaults', () => {
  const { json, workflow } = build();
  const sm = resourceAt(json, 'aws_sfn_state_machine', 'fulfil/StateMachine');

  it('makes a Standard state machine from the definition, run by its own role', () => {
    expect(sm).toMatchObject({ name: 'fulfil', type: 'STANDARD', role_arn: refTo(json, 'aws_iam_role', 'fulfil/Role', 'arn') });
    expect(doc(sm.definition)).toEqual(ONE_TASK);
    expect(sm.depends_on).toEqual([`aws_iam_role_policy.${resourceAt(json, 'aws_iam_role_policy', 'fulfil/RolePolicy')['//'].metadata.uniqueId}`]);
    expect(workflow.stateMachineName).toBe('fulfil');
  });

  it('logs every event, without execution data, to a log group kept 365 days under /aws/vendedlogs/states/', () => {
    expect(resourceAt(json, 'aws_cloudwatch_log_group', 'fulfil/Logs')).toMatchObject({ name: '/aws/vendedlogs/states/fulfil', retention_in_days: 365 });
    expect(sm.logging_configuration).toEqual({
      level: 'ALL',
      include_execution_data: false,
      log_destination: `${refTo(json, 'aws_cloudwatch_log_group', 'fulfil/Logs', 'arn')}:*`,
    });
  });

  it('traces executions with X-Ray', () => {
    expect(sm.tracing_configuration).toEqual({ enabled: true });
    expect(bySid(json, 'WriteTraces')).toMatchObject({
      Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
      Resource: '*',
    });
  });

  it('lets the role set up log delivery, as Step Functions needs to write the execution log', () => {
    expect(bySid(json, 'DeliverExecutionLog')).toEqual({
      Sid: 'DeliverExecutionLog',
      Effect: 'Allow',
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
    });
  });

  it('derives lambda:InvokeFunction on the function and its versions from a lambda:invoke task', () => {
    expect(bySid(json, 'InvokeFunctions')).toEqual({ Sid: 'InvokeFunctions', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [FUNCTION_ARN, `${FUNCTION_ARN}:*`] });
    expect(statements(json).map((s) => s.Sid)).toEqual(['InvokeFunctions', 'DeliverExecutionLog', 'WriteTraces']);
  });

  it('lets only states.amazonaws.com, for this state machine in this account, assume the role', () => {
    const role = resourceAt(json, 'aws_iam_role', 'fulfil/Role');
    expect(role.name).toBe('fulfil-role');
    const trust = doc(role.assume_role_policy).Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0]).toMatchObject({ Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' });
    expect(trust[0].Condition.ArnLike['aws:SourceArn']).toMatch(/:states:.*:stateMachine:fulfil$/);
    expect(trust[0].Condition.StringEquals['aws:SourceAccount']).toContain('account_id');
  });

  it('alarms on failed, timed-out and throttled executions (AWS/States by state machine ARN)', () => {
    const arn = refTo(json, 'aws_sfn_state_machine', 'fulfil/StateMachine', 'arn');
    for (const [id, metric, name] of [
      ['ExecutionsFailedAlarm', 'ExecutionsFailed', 'fulfil-executions-failed'],
      ['ExecutionsTimedOutAlarm', 'ExecutionsTimedOut', 'fulfil-executions-timed-out'],
      ['ExecutionThrottledAlarm', 'ExecutionThrottled', 'fulfil-execution-throttled'],
    ]) {
      expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', `fulfil/${id}`)).toMatchObject({
        alarm_name: name,
        namespace: 'AWS/States',
        metric_name: metric,
        dimensions: { StateMachineArn: arn },
        statistic: 'Sum',
        threshold: 0,
        comparison_operator: 'GreaterThanThreshold',
      });
    }
  });
});

describe('Workflow settings', () => {
  it('logs errors only by default for an Express workflow', () => {
    const { json } = build({ type: 'EXPRESS' });
    const sm = resourceAt(json, 'aws_sfn_state_machine', 'fulfil/StateMachine');
    expect(sm.type).toBe('EXPRESS');
    expect(sm.logging_configuration.level).toBe('ERROR');
  });

  it('takes the logging level, execution data, retention and log group name given', () => {
    const { json } = build({ logging: { level: 'FATAL', includeExecutionData: true, retentionDays: 30, logGroupName: '/orders/fulfil' } });
    expect(resourceAt(json, 'aws_cloudwatch_log_group', 'fulfil/Logs')).toMatchObject({ name: '/orders/fulfil', retention_in_days: 30 });
    expect(resourceAt(json, 'aws_sfn_state_machine', 'fulfil/StateMachine').logging_configuration).toMatchObject({ level: 'FATAL', include_execution_data: true });
  });

  it('turns logging off with false (or level OFF): no log group, no log-delivery permissions', () => {
    for (const logging of [false as const, { level: 'OFF' as const }]) {
      const { json } = build({ logging });
      expect(resourcesOf(json, 'aws_cloudwatch_log_group')).toHaveLength(0);
      expect(resourceAt(json, 'aws_sfn_state_machine', 'fulfil/StateMachine').logging_configuration).toEqual({ level: 'OFF' });
      expect(bySid(json, 'DeliverExecutionLog')).toBeUndefined();
    }
  });

  it('turns tracing off with tracing: false, and its permissions with it', () => {
    const { json } = build({ tracing: false });
    expect(resourceAt(json, 'aws_sfn_state_machine', 'fulfil/StateMachine').tracing_configuration).toEqual({ enabled: false });
    expect(bySid(json, 'WriteTraces')).toBeUndefined();
  });

  it('takes alarm thresholds and actions, or no alarms', () => {
    const topic = 'arn:aws:sns:eu-west-1:123456789012:alarms';
    const { json } = build({ alarms: { failedThreshold: 2, timedOutThreshold: 3, throttledThreshold: 4, alarmActions: [topic], okActions: [topic] } });
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'fulfil/ExecutionsFailedAlarm')).toMatchObject({ threshold: 2, alarm_actions: [topic], ok_actions: [topic] });
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'fulfil/ExecutionsTimedOutAlarm').threshold).toBe(3);
    expect(resourceAt(json, 'aws_cloudwatch_metric_alarm', 'fulfil/ExecutionThrottledAlarm').threshold).toBe(4);
    expect(resourcesOf(build({ alarms: false }).json, 'aws_cloudwatch_metric_alarm')).toHaveLength(0);
  });

  it('tags every resource it makes', () => {
    const { json } = build({ tags: { team: 'orders' } });
    for (const type of ['aws_sfn_state_machine', 'aws_iam_role', 'aws_cloudwatch_log_group', 'aws_cloudwatch_metric_alarm']) {
      expect(resourcesOf(json, type).length).toBeGreaterThan(0);
      for (const r of resourcesOf(json, type)) expect(r.tags).toEqual({ team: 'orders' });
    }
  });
});

describe('permissions derived from the definition', () => {
  it('sqs:sendMessage → sqs:SendMessage on the queue of a written QueueUrl', () => {
    const { json } = build({ definition: tasks({ Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: QUEUE_URL, 'MessageBody.$': '$' } }) });
    expect(bySid(json, 'SendMessages')).toMatchObject({ Action: 'sqs:SendMessage', Resource: expect.stringMatching(/^arn:\$\{.*\}:sqs:eu-west-1:123456789012:orders-dlq$/) });
  });

  it('sqs:sendMessage with a queue construct\'s URL → its ARN, built from the URL at apply', () => {
    const stack = testStack();
    const queue = new QueueWithDlq(stack, 'queue', { name: 'orders' });
    new Workflow(stack, 'fulfil', { ...BASE, definition: tasks({ Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: queue.dlqUrl, MessageBody: 'x' } }) });
    const json = synthJson(stack);
    const resource = bySid(json, 'SendMessages')!.Resource as string;
    expect(resource).toContain('element(split("/", aws_sqs_queue.');
    expect(resource).toContain('.url), 4)');
  });

  it('sns:publish → sns:Publish on TopicArn; a topic construct\'s ARN as a reference', () => {
    const stack = testStack();
    const topic = new TopicWithFilteredSubscriptions(stack, 'topic', { name: 'shipments' });
    new Workflow(stack, 'fulfil', {
      ...BASE,
      definition: tasks(
        { Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: TOPIC_ARN, 'Message.$': '$' } },
        { Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: topic.topicArn, Message: 'x' } },
      ),
    });
    const json = synthJson(stack);
    expect(bySid(json, 'PublishMessages')).toMatchObject({ Action: 'sns:Publish', Resource: [TOPIC_ARN, refTo(json, 'aws_sns_topic', 'topic/Topic', 'arn')] });
  });

  it('dynamodb item calls → exactly those actions on the table of TableName (a name, an ARN or a reference)', () => {
    const stack = testStack();
    const table = new TableWithStream(stack, 'orders', { name: 'orders', partitionKey: { name: 'pk', type: 'S' } });
    new Workflow(stack, 'fulfil', {
      ...BASE,
      definition: tasks(
        { Resource: 'arn:aws:states:::dynamodb:updateItem', Parameters: { TableName: table.tableName, Key: {} } },
        { Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 'arn:aws:dynamodb:eu-west-1:123456789012:table/other', Key: {} } },
        { Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'audit', Item: {} } },
        { Resource: 'arn:aws:states:::dynamodb:deleteItem', Parameters: { TableName: 'audit', Key: {} } },
      ),
    });
    const json = synthJson(stack);
    expect(statements(json).map((s) => [s.Sid, s.Action])).toEqual([
      ['UpdateTableItems', 'dynamodb:UpdateItem'],
      ['GetTableItems', 'dynamodb:GetItem'],
      ['PutTableItems', 'dynamodb:PutItem'],
      ['DeleteTableItems', 'dynamodb:DeleteItem'],
      ['DeliverExecutionLog', expect.anything()],
      ['WriteTraces', expect.anything()],
    ]);
    expect(bySid(json, 'UpdateTableItems')!.Resource).toMatch(/^\$\{startswith\(aws_dynamodb_table\.\w+\.name, "arn:"\) \? aws_dynamodb_table\.\w+\.name : join\("", \["arn:", data\.aws_partition\.\w+\.partition, ":dynamodb:", .*":table\/", aws_dynamodb_table\.\w+\.name\]\)\}$/);
    expect(bySid(json, 'GetTableItems')!.Resource).toBe('arn:aws:dynamodb:eu-west-1:123456789012:table/other');
    expect(bySid(json, 'PutTableItems')!.Resource).toMatch(/:dynamodb:.*:table\/audit$/);
  });

  it('events:putEvents → events:PutEvents on each entry\'s bus (the default bus when none is named)', () => {
    const stack = testStack();
    const bus = new EventBusWithRules(stack, 'bus', { name: 'orders' });
    new Workflow(stack, 'fulfil', {
      ...BASE,
      definition: tasks({ Resource: 'arn:aws:states:::events:putEvents', Parameters: { Entries: [{ EventBusName: bus.eventBusArn, Detail: {} }, { Detail: {} }] } }),
    });
    const json = synthJson(stack);
    const resources = bySid(json, 'PutEvents')!.Resource as string[];
    expect(resources).toHaveLength(2);
    expect(resources[0]).toContain('startswith(aws_cloudwatch_event_bus.');
    expect(resources[1]).toMatch(/:events:.*:event-bus\/default$/);
  });

  it('a Lambda ARN as the Resource → lambda:InvokeFunction on it; tasks in Map and Parallel states count', () => {
    const other = 'arn:aws:lambda:eu-west-1:123456789012:function:ship:live';
    const { json } = build({
      definition: {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemProcessor: { StartAt: 'Direct', States: { Direct: { Type: 'Task', Resource: FUNCTION_ARN, End: true } } },
            Next: 'Both',
          },
          Both: {
            Type: 'Parallel',
            Branches: [{ StartAt: 'Ship', States: { Ship: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: other }, End: true } } }],
            End: true,
          },
        },
      },
    });
    // A qualified ARN is granted as it is: the grant covers that alias only.
    expect(bySid(json, 'InvokeFunctions')!.Resource).toEqual([FUNCTION_ARN, other]);
  });

  it('refuses at synth a Task whose permission it cannot derive, naming each', () => {
    const definition = tasks(
      { Resource: 'arn:aws:states:::ecs:runTask.sync', Parameters: {} },
      { Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'FunctionName.$': '$.fn' } },
    );
    const stack = testStack();
    new Workflow(stack, 'fulfil', { ...BASE, definition });
    const message = errorOf(() => synthJson(stack));
    expect(message).toContain('test/fulfil: 2 invalid props');
    expect(message).toContain(
      'definition.States.Step1.Resource = "arn:aws:states:::ecs:runTask.sync" is invalid: no permission is derived for ecs:runTask.sync, so the role\'s permission for it cannot be derived',
    );
    expect(message).toContain('definition.States.Step2.Resource = "arn:aws:states:::lambda:invoke" is invalid: the function is not a static FunctionName');
    expect(message).toContain('give it in statements, or grant it (e.g. queue.grantSendMessages(workflow))');
  });

  it('accepts such a Task when statements are given or a grant is made, after construction too', () => {
    const definition = tasks({ Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { 'QueueUrl.$': '$.replyTo', MessageBody: 'x' } });
    const statement = { Sid: 'SendReplies', Effect: 'Allow' as const, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:123456789012:replies-*' };
    expect(bySid(build({ definition, statements: [statement] }).json, 'SendReplies')).toEqual(statement);
    const { json } = build({ definition }, (workflow) => {
      const stack = workflow.node.scope!;
      new QueueWithDlq(stack, 'replies', { name: 'replies' }).grantSendMessages(workflow);
    });
    expect(statements(json).some((s) => ([] as string[]).concat(s.Action).includes('sqs:SendMessage'))).toBe(true);
  });
});

describe('grantStartExecution', () => {
  it('lets a grantee start executions of this state machine only (and synchronously for Express)', () => {
    const check = (type: 'STANDARD' | 'EXPRESS', actions: unknown) => {
      const stack = testStack();
      const workflow = new Workflow(stack, 'fulfil', { ...BASE, type });
      const grantee = new RoleGrantee(stack, 'caller', { roleName: 'caller' });
      workflow.grantStartExecution(grantee);
      const json = synthJson(stack);
      expect(doc(resourceAt(json, 'aws_iam_role_policy', 'caller/Policy').policy).Statement).toEqual([
        { Sid: 'StartExecution', Effect: 'Allow', Action: actions, Resource: refTo(json, 'aws_sfn_state_machine', 'fulfil/StateMachine', 'arn') },
      ]);
    };
    check('STANDARD', 'states:StartExecution');
    check('EXPRESS', ['states:StartExecution', 'states:StartSyncExecution']);
  });
});

it('writes the policy document it holds', () => {
  const { json } = build({}, (workflow) => new TerraformOutput(workflow, 'doc', { value: JSON.stringify(workflow.policyDocument()) }));
  expect(statements(json).map((s) => s.Sid)).toEqual(['InvokeFunctions', 'DeliverExecutionLog', 'WriteTraces']);
});
