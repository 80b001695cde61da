import { TerraformStack, Testing } from 'cdktf';
import { OrdersFunction } from '../../stacks/orders-function';
import { EnvironmentSettings, ENVIRONMENTS, validateEnvironment } from '../../stacks/environments';
import { OrdersStack } from '../../stacks/orders-stack';
import { checkStack } from '../../modules/checks';
import { bundleFunction } from '../../stacks/bundle';
import { AWS_PROVIDER_VERSION, neutralSnapshot, resourcesOf, SynthesizedStack, synthJson } from '../helpers/synth';
import { document } from '../../modules/core/values';

const byName = (name: string) => ENVIRONMENTS.find((e) => e.name === name)!;
const synthOf = (settings: EnvironmentSettings, env: NodeJS.ProcessEnv = {}) => synthJson(new OrdersStack(Testing.app(), settings, env));

/** Leaf paths whose values differ between two JSON values. */
function differingPaths(a: unknown, b: unknown, path = ''): string[] {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differingPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
}

/** Every statement of every resource policy and key policy in the stack, with where it came from. */
function resourcePolicyStatements(json: SynthesizedStack) {
  const sources: [string, string][] = [
    ['aws_sqs_queue_policy', 'policy'],
    ['aws_sns_topic_policy', 'policy'],
    ['aws_kms_key', 'policy'],
    ['aws_cloudwatch_event_bus_policy', 'policy'],
  ];
  return sources.flatMap(([type, attr]) =>
    resourcesOf(json, type).flatMap((r) => document<any>(r[attr]).Statement.map((s: Record<string, any>) => ({ type, path: r['//'].metadata.path, ...s }))),
  );
}

describe.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('orders-%s stack', (name, settings) => {
  const stack = new OrdersStack(Testing.app(), settings, {});
  const json = synthJson(stack);

  it("deploys each function's own bundle: its source_code_hash is the hash of the zip built from its entry", () => {
    const functions = resourcesOf(json, 'aws_lambda_function');
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      const handler = String(fn.function_name).replace(`orders-${name}-`, '');
      expect(fn.source_code_hash).toBe(bundleFunction(`functions/${handler}/handler.ts`).sha256Base64);
    }
  });
  it('configures the AWS provider with the region and the default tags', () => {
    expect(json.provider.aws).toEqual([
      {
        region: settings.region,
        ...(settings.accountId ? { allowed_account_ids: [settings.accountId] } : {}),
        default_tags: [{ tags: { project: 'orders', environment: name, owner: settings.owner, 'cost-centre': settings.costCentre, ...settings.tags } }],
      },
    ]);
  });

  it('gives every work queue a DLQ after maxReceiveCount, and alarms on every queue', () => {
    const queues = resourcesOf(json, 'aws_sqs_queue');
    const redrives = resourcesOf(json, 'aws_sqs_queue_redrive_policy');
    const workQueues = queues.filter((q) => !q.name.includes('-dlq') && !q.name.endsWith('dlq'));
    expect(workQueues.map((q) => q.name).sort()).toEqual(
      ['billing', 'fraud-review', 'fulfillment', 'notifications'].map((n) => `${settings.namePrefix}-${n}`),
    );
    const alarmed = new Set(resourcesOf(json, 'aws_cloudwatch_metric_alarm').map((a) => a.dimensions.QueueName));
    for (const queue of queues) {
      const ref = `\${aws_sqs_queue.${queue['//'].metadata.uniqueId}`;
      expect(alarmed).toContain(`${ref}.name}`);
      if (workQueues.includes(queue)) {
        const redrive = redrives.find((r) => r.queue_url === `${ref}.url}`);
        expect(document<any>(redrive!.redrive_policy)).toEqual({ deadLetterTargetArn: expect.stringMatching(/^\$\{aws_sqs_queue\./), maxReceiveCount: 5 });
      }
    }
  });

  it('gives every asynchronous hop a dead-letter queue', () => {
    expect(resourcesOf(json, 'aws_cloudwatch_event_target').length).toBeGreaterThan(0);
    for (const target of resourcesOf(json, 'aws_cloudwatch_event_target')) expect(target.dead_letter_config.arn).toMatch(/^\$\{aws_sqs_queue\./);
    expect(resourcesOf(json, 'aws_sns_topic_subscription').length).toBeGreaterThan(0);
    for (const sub of resourcesOf(json, 'aws_sns_topic_subscription')) expect(document<any>(sub.redrive_policy).deadLetterTargetArn).toMatch(/^\$\{aws_sqs_queue\./);
    const redrives = resourcesOf(json, 'aws_sqs_queue_redrive_policy');
    const pipes = resourcesOf(json, 'aws_pipes_pipe');
    expect(pipes.map((p) => Object.keys(p.source_parameters)[0]).sort()).toEqual(['dynamodb_stream_parameters', 'sqs_queue_parameters']);
    for (const pipe of pipes) {
      if (pipe.source_parameters.dynamodb_stream_parameters) {
        expect(pipe.source_parameters.dynamodb_stream_parameters.dead_letter_config.arn).toMatch(/^\$\{aws_sqs_queue\./);
      } else {
        // An SQS source has no pipe DLQ: what fails goes back to the queue, then to its DLQ by the queue's redrive policy.
        const queueUrl = String(pipe.source).replace(/\.arn\}$/, '.url}');
        expect(document<any>(redrives.find((r) => r.queue_url === queueUrl)!.redrive_policy).deadLetterTargetArn).toMatch(/^\$\{aws_sqs_queue\./);
      }
    }
  });

  it('scopes every grant to an AWS service: resource policies by aws:SourceArn, key policies by the encryption context the service sends to KMS', () => {
    const serviceGrants = resourcePolicyStatements(json).filter((s) => s.Effect === 'Allow' && s.Principal?.Service);
    expect(serviceGrants.length).toBeGreaterThanOrEqual(8);
    expect(serviceGrants.filter((g) => g.type === 'aws_kms_key').length).toBeGreaterThanOrEqual(2);
    for (const grant of serviceGrants) {
      const keys = (Object.values(grant.Condition ?? {}) as Record<string, unknown>[]).flatMap((c) => Object.keys(c));
      const scope = grant.type === 'aws_kms_key' ? keys.filter((k) => k.startsWith('kms:EncryptionContext:')) : keys.filter((k) => k === 'aws:SourceArn');
      // A KMS request made for a delivering service carries no aws:SourceArn, so a key policy must not ask for it.
      const unsupplied = grant.type === 'aws_kms_key' ? keys.filter((k) => k.startsWith('aws:Source')) : [];
      expect({ path: grant.path, sid: grant.Sid, scoped: scope.length > 0, unsupplied }).toEqual({ path: grant.path, sid: grant.Sid, scoped: true, unsupplied: [] });
    }
    expect(resourcesOf(json, 'aws_lambda_permission').length).toBeGreaterThan(0);
    for (const permission of resourcesOf(json, 'aws_lambda_permission')) expect(permission.source_arn).toBeTruthy();
  });

  it('routes with the environment threshold and filters on the message body', () => {
    const rule = resourcesOf(json, 'aws_cloudwatch_event_rule').find((r) => r.name === 'high-value-orders')!;
    expect(document<any>(rule.event_pattern)).toEqual({
      source: ['orders.service'],
      'detail-type': ['OrderPlaced'],
      detail: { total: [{ numeric: ['>=', settings.highValueThreshold] }] },
    });
    const fanOut = resourcesOf(json, 'aws_sns_topic_subscription').filter((s) => s.topic_arn.includes('order-events'));
    expect(fanOut).toHaveLength(3);
    for (const sub of fanOut) expect(sub.filter_policy_scope).toBe('MessageBody');
  });

  it('keeps every queue visibility timeout at least 6 × its consumer timeout', () => {
    const functions = resourcesOf(json, 'aws_lambda_function');
    const queues = resourcesOf(json, 'aws_sqs_queue');
    const mappings = resourcesOf(json, 'aws_lambda_event_source_mapping').filter((m) => m.event_source_arn.includes('aws_sqs_queue'));
    // The fulfillment queue starts a workflow through a pipe instead.
    expect(mappings).toHaveLength(3);
    for (const mapping of mappings) {
      const queue = queues.find((q) => mapping.event_source_arn === `\${aws_sqs_queue.${q['//'].metadata.uniqueId}.arn}`)!;
      const fn = functions.find((f) => mapping.function_name === `\${aws_lambda_function.${f['//'].metadata.uniqueId}.arn}`)!;
      expect(queue.visibility_timeout_seconds).toBeGreaterThanOrEqual(6 * fn.timeout);
      expect(mapping.function_response_types).toEqual(['ReportBatchItemFailures']);
    }
  });

  it('passes every check, listing each suppression with its reason', () => {
    const result = checkStack(stack);
    expect(result.errors.map((f) => f.message)).toEqual([]);
    const expected = [
      `EDA-DDB-002 orders-${name}/orders-table/Table`,
      ...(settings.deletionProtection ? [] : [`EDA-DDB-004 orders-${name}/orders-table/Table`]),
      `EDA-DDB-002 orders-${name}/processed-events-table/Table`,
      ...(settings.deletionProtection ? [] : [`EDA-DDB-004 orders-${name}/processed-events-table/Table`]),
    ];
    expect(result.suppressed.map((f) => `${f.ruleId} ${f.path}`).sort()).toEqual(expected.sort());
    for (const f of result.suppressed) expect(f.suppression?.reason.length).toBeGreaterThan(20);
  });

  it('requires hashicorp/aws at the version its provider package was generated for', () => {
    // cdktf's provider writes the short source `aws`, cdktn's `hashicorp/aws`: the same registry address.
    expect(json.terraform.required_providers).toEqual({ aws: { source: expect.stringMatching(/^(hashicorp\/)?aws$/), version: AWS_PROVIDER_VERSION } });
    expect(AWS_PROVIDER_VERSION).toMatch(/^6\.\d+\.\d+$/);
  });

  it('warns, with no account, bucket or alarm e-mail at hand, exactly where a deployment would need them', () => {
    // Production-like (deletion protection on): no account named, local state. Every environment: alarms reach no one.
    const expected = [
      `EDA-ROUTING-001 orders-${name}/alarms/Topic`,
      ...(settings.deletionProtection ? [`EDA-TF-005 orders-${name}/orders-table/Table`, `EDA-TF-006 orders-${name}/orders-table/Table`] : []),
    ];
    expect(checkStack(stack).warnings.map((f) => `${f.ruleId} ${f.path}`).sort()).toEqual(expected.sort());
  });

  it('passes every check without a warning once the account, state bucket and alarm e-mail are given', () => {
    const upper = name.toUpperCase();
    const deployable = new OrdersStack(Testing.app(), settings, {
      [`ORDERS_${upper}_ACCOUNT_ID`]: '111122223333',
      [`ORDERS_${upper}_ALARM_EMAIL`]: 'orders-oncall@acme-corp.io',
      ORDERS_STATE_BUCKET: 'orders-state',
    });
    const result = checkStack(deployable);
    expect(result.errors.map((f) => f.message)).toEqual([]);
    expect(result.warnings.map((f) => f.message)).toEqual([]);
  });

  it('creates every function and event source mapping after the role policy it needs (and deletes them before it)', () => {
    const policies = resourcesOf(json, 'aws_iam_role_policy');
    const functions = resourcesOf(json, 'aws_lambda_function');
    const policyOfRole = (roleArn: string) => {
      const role = roleArn.match(/^\$\{aws_iam_role\.([^.]+)\.arn\}$/)![1];
      const found = policies.filter((p) => p.role === `\${aws_iam_role.${role}.name}` || p.role === `\${aws_iam_role.${role}.id}`);
      expect(found.length).toBeGreaterThan(0);
      return found.map((p) => `aws_iam_role_policy.${p['//'].metadata.uniqueId}`);
    };
    expect(functions).toHaveLength(7);
    for (const fn of functions) {
      expect({ fn: fn.function_name, dependsOn: fn.depends_on }).toEqual({ fn: fn.function_name, dependsOn: expect.arrayContaining(policyOfRole(fn.role)) });
    }
    const mappings = resourcesOf(json, 'aws_lambda_event_source_mapping');
    expect(mappings).toHaveLength(3);
    for (const mapping of mappings) {
      const fn = functions.find((f) => mapping.function_name === `\${aws_lambda_function.${f['//'].metadata.uniqueId}.arn}`)!;
      expect({ mapping: fn.function_name, dependsOn: mapping.depends_on }).toEqual({ mapping: fn.function_name, dependsOn: expect.arrayContaining(policyOfRole(fn.role)) });
    }
    expect(resourcesOf(json, 'aws_pipes_pipe').length).toBeGreaterThan(0);
    for (const pipe of resourcesOf(json, 'aws_pipes_pipe')) expect(pipe.depends_on).toEqual(expect.arrayContaining(policyOfRole(pipe.role_arn)));
  });

  it('lets each consumer touch only its own claims in the processed-events table, and never scan it', () => {
    const table = resourcesOf(json, 'aws_dynamodb_table').find((t) => String(t.name).endsWith('-processed-events'))!;
    const tableArn = `\${aws_dynamodb_table.${table['//'].metadata.uniqueId}.arn}`;
    const claims = resourcesOf(json, 'aws_iam_role_policy').flatMap((p) =>
      document<any>(p.policy).Statement.filter((s: Record<string, any>) => s.Resource === tableArn).map((s: Record<string, any>) => ({ role: p.role, ...s })),
    );
    expect(claims.length).toBeGreaterThan(0);
    const functions = resourcesOf(json, 'aws_lambda_function');
    for (const claim of claims) {
      const role = String(claim.role).match(/^\$\{aws_iam_role\.([^.]+)\.(name|id)\}$/)![1];
      const fn = functions.find((f) => f.role === `\${aws_iam_role.${role}.arn}`)!;
      const consumer = String(fn.function_name).replace(/^orders-[a-z]+-/, '');
      expect({ consumer, Action: claim.Action, Condition: claim.Condition }).toEqual({
        consumer,
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${consumer}#*`] } },
      });
    }
  });

  it("logs the pipe's failed executions to a log group kept as long as the environment's logs", () => {
    const [pipe] = resourcesOf(json, 'aws_pipes_pipe');
    expect(pipe.log_configuration.level).toBe('ERROR');
    const group = resourcesOf(json, 'aws_cloudwatch_log_group').find((g) => pipe.log_configuration.cloudwatch_logs_log_destination.log_group_arn === `\${aws_cloudwatch_log_group.${g['//'].metadata.uniqueId}.arn}`)!;
    expect(group).toMatchObject({ name: `/aws/vendedlogs/pipes/${settings.namePrefix}-orders-stream`, retention_in_days: settings.logRetentionDays });
  });

  it('requires Terraform 1.10 or later (the S3 backend lock file needs it)', () => {
    expect(json.terraform.required_version).toBe('>= 1.10.0');
  });

  it('matches its snapshot', () => {
    expect(neutralSnapshot(stack)).toMatchSnapshot();
  });
});

describe('environments differ in data, not code', () => {
  const dev = byName('dev');
  const base = synthOf(dev);

  it('only renames resources when only the name changes', () => {
    const renamed = synthOf({ ...dev, name: 'qa', namePrefix: 'orders-qa' });
    const text = JSON.stringify(base).replace(/orders-dev/g, 'orders-qa').replace(/"environment":"dev"/g, '"environment":"qa"');
    expect(JSON.parse(text)).toEqual(renamed);
  });

  it.each<[string, Partial<EnvironmentSettings>, RegExp]>([
    ['highValueThreshold', { highValueThreshold: 2_500 }, /^resource\.aws_cloudwatch_event_rule\.[^.]+\.(event_pattern|description)$/],
    ['archiveRetentionDays', { archiveRetentionDays: 90 }, /^resource\.aws_cloudwatch_event_archive\.[^.]+\.retention_days$/],
    // Turning protection on also drops the suppression of the missing-protection check.
    // It also keeps the documents bucket from being destroyed while it holds objects.
    ['deletionProtection', { deletionProtection: true }, /^resource\.(aws_dynamodb_table\.[^.]+\.deletion_protection_enabled|aws_s3_bucket\.[^.]+\.force_destroy|[a-z_]+\.[^.]+\.\/\/\.checks\.suppressions\.1)$/],
    ['logRetentionDays', { logRetentionDays: 30 }, /^resource\.aws_cloudwatch_log_group\.[^.]+\.retention_in_days$/],
    ['logLevel', { logLevel: 'WARN' }, /^resource\.aws_lambda_function\.[^.]+\.environment\.variables\.LOG_LEVEL$/],
    ['queueRetentionSeconds', { queueRetentionSeconds: 86_400 }, /^resource\.aws_sqs_queue\.[^.]+\.message_retention_seconds$/],
    ['alarms.dlqDepthThreshold', { alarms: { ...byName('dev').alarms, dlqDepthThreshold: 3 } }, /^resource\.aws_cloudwatch_metric_alarm\.[^.]+\.threshold$/],
    ['alarms.functionErrorsThreshold', { alarms: { ...byName('dev').alarms, functionErrorsThreshold: 3 } }, /^resource\.aws_cloudwatch_metric_alarm\.[^.]+\.threshold$/],
    ['alarms.functionThrottlesThreshold', { alarms: { ...byName('dev').alarms, functionThrottlesThreshold: 3 } }, /^resource\.aws_cloudwatch_metric_alarm\.[^.]+\.threshold$/],
    ['alarms.apiServerErrorsThreshold', { alarms: { ...byName('dev').alarms, apiServerErrorsThreshold: 3 } }, /^resource\.aws_cloudwatch_metric_alarm\.[^.]+\.threshold$/],
    ['alarms.pipeFailedExecutionsThreshold', { alarms: { ...byName('dev').alarms, pipeFailedExecutionsThreshold: 3 } }, /^resource\.aws_cloudwatch_metric_alarm\.[^.]+\.threshold$/],
    ['alarms.ruleFailedInvocationsThreshold', { alarms: { ...byName('dev').alarms, ruleFailedInvocationsThreshold: 3 } }, /^resource\.aws_cloudwatch_metric_alarm\.[^.]+\.threshold$/],
    ['region', { region: 'us-east-2' }, /^provider\.aws\.0\.region$/],
    ['apiThrottle', { apiThrottle: { rateLimit: 1, burstLimit: 2 } }, /^resource\.aws_apigatewayv2_stage\.[^.]+\.default_route_settings\.throttling_(rate|burst)_limit$/],
  ])('%s reaches only its resources', (_field, change, allowed) => {
    const paths = differingPaths(base, synthOf({ ...dev, ...change }));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((p) => !allowed.test(p))).toEqual([]);
  });
});

describe('state backend', () => {
  it('is local by default, one state file per stack', () => {
    expect(synthOf(byName('dev')).terraform.backend).toEqual({ local: { path: 'terraform.orders-dev.tfstate' } });
  });

  it('is S3 with a lock file when the environment names a bucket', () => {
    const json = synthOf({ ...byName('prod'), stateBucket: 'orders-state-prod' });
    expect(json.terraform.backend).toEqual({
      s3: { bucket: 'orders-state-prod', key: 'orders/prod/terraform.tfstate', region: 'eu-central-1', encrypt: true, use_lockfile: true },
    });
  });

  it('is S3 with a lock file when ORDERS_STATE_BUCKET is set', () => {
    const json = synthOf(byName('dev'), { ORDERS_STATE_BUCKET: 'team-state' });
    expect(json.terraform.backend.s3).toMatchObject({ bucket: 'team-state', key: 'orders/dev/terraform.tfstate', use_lockfile: true });
  });
});

describe('account and alarm e-mail from the environment', () => {
  const prod = byName('prod');

  it('names no account and subscribes no one when neither the table nor the environment does', () => {
    const json = synthOf(prod);
    expect(json.provider.aws[0].allowed_account_ids).toBeUndefined();
    expect(resourcesOf(json, 'aws_sns_topic_subscription').filter((s) => s.protocol === 'email')).toEqual([]);
  });

  it('takes the account from ORDERS_<NAME>_ACCOUNT_ID into allowed_account_ids', () => {
    expect(synthOf(prod, { ORDERS_PROD_ACCOUNT_ID: '111122223333' }).provider.aws[0].allowed_account_ids).toEqual(['111122223333']);
    expect(synthOf(byName('dev'), { ORDERS_PROD_ACCOUNT_ID: '111122223333' }).provider.aws[0].allowed_account_ids).toBeUndefined();
  });

  it('prefers the account in the table to the environment', () => {
    expect(synthOf({ ...prod, accountId: '444455556666' }, { ORDERS_PROD_ACCOUNT_ID: '111122223333' }).provider.aws[0].allowed_account_ids).toEqual(['444455556666']);
  });

  it('subscribes ORDERS_<NAME>_ALARM_EMAIL to the alarm topic', () => {
    const subs = resourcesOf(synthOf(prod, { ORDERS_PROD_ALARM_EMAIL: 'oncall@acme-corp.io' }), 'aws_sns_topic_subscription').filter((s) => s.protocol === 'email');
    expect(subs.map((s) => s.endpoint)).toEqual(['oncall@acme-corp.io']);
  });

  it('warns at synth that alarms reach no one when no e-mail is given', () => {
    const stack = new OrdersStack(Testing.app(), prod, {});
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === '@cdktf/warn');
    expect(warnings.map((w) => w.data)).toContain('alarms of orders-prod reach no one: set alarms.email in stacks/environments.ts or ORDERS_PROD_ALARM_EMAIL');
  });

  it.each([
    ['ORDERS_PROD_ACCOUNT_ID', '12345', /environments\/prod: accountId = "12345" is invalid: a 12-digit AWS account ID \(from accountId, or ORDERS_PROD_ACCOUNT_ID when that is unset\)/],
    ['ORDERS_PROD_ALARM_EMAIL', 'oncall@example.com', /alarms.email = "oncall@example.com" is invalid: an address that can receive mail: example.com is reserved by RFC 2606/],
    ['ORDERS_PROD_ALARM_EMAIL', 'oncall@alerts.example.org', /alarms.email = "oncall@alerts.example.org" is invalid: .*example.org is reserved by RFC 2606/],
    ['ORDERS_PROD_ALARM_EMAIL', 'oncall@pager.test', /alarms.email = "oncall@pager.test" is invalid: .*\.test is reserved by RFC 2606/],
  ])('refuses %s=%s', (variable, value, message) => {
    expect(() => new OrdersStack(Testing.app(), prod, { [variable]: value })).toThrow(message);
  });

  it('treats empty variables as unset', () => {
    const json = synthOf(prod, { ORDERS_PROD_ACCOUNT_ID: '', ORDERS_PROD_ALARM_EMAIL: '' });
    expect(json.provider.aws[0].allowed_account_ids).toBeUndefined();
  });
});

describe('environment validation', () => {
  const dev = byName('dev');
  it.each<[Partial<EnvironmentSettings>, RegExp]>([
    [{ region: 'europe-west' }, /environments\/dev: region = "europe-west" is invalid: an AWS region code such as "eu-west-1"/],
    [{ queueRetentionSeconds: -1 }, /queueRetentionSeconds = -1 is invalid: must be a whole number from 60 to 1209600 seconds/],
    [{ archiveRetentionDays: -7 }, /archiveRetentionDays = -7 is invalid/],
    [{ logRetentionDays: 10 }, /logRetentionDays = 10 is invalid: one of CloudWatch Logs' retention values/],
    [{ accountId: '1234' }, /accountId = "1234" is invalid: a 12-digit AWS account ID/],
    [{ highValueThreshold: 0 }, /highValueThreshold = 0 is invalid/],
    [{ alarms: { ...dev.alarms, dlqDepthThreshold: 0, oldestMessageAgeSeconds: 400_000 } }, /alarms.oldestMessageAgeSeconds = 400000 is invalid: .*below the queue retention/],
    [{ alarms: { ...dev.alarms, functionErrorsThreshold: -1 } }, /alarms.functionErrorsThreshold = -1 is invalid: must be a whole number from 0 to 1000000 errors per minute/],
    [{ alarms: { ...dev.alarms, functionThrottlesThreshold: 0.5 } }, /alarms.functionThrottlesThreshold = 0.5 is invalid: must be a whole number from 0 to 1000000 throttles per minute/],
    [{ alarms: { ...dev.alarms, apiServerErrorsThreshold: undefined as unknown as number } }, /alarms.apiServerErrorsThreshold = NaN is invalid: must be a whole number from 0 to 1000000 server errors per minute/],
    [{ stateBucket: 'Bad_Bucket' }, /stateBucket = "Bad_Bucket" is invalid/],
  ])('refuses %j', (change, message) => {
    expect(() => validateEnvironment({ ...dev, ...change })).toThrow(message);
  });

  it('refuses a prod without deletion protection unless waived with a reason', () => {
    const prod = byName('prod');
    expect(() => validateEnvironment({ ...prod, deletionProtection: false })).toThrow(
      /environments\/prod: deletionProtection = false is invalid: prod keeps deletion protection on; to turn it off on purpose, set deletionProtectionWaiver to the reason/,
    );
    expect(() => validateEnvironment({ ...prod, deletionProtection: false, deletionProtectionWaiver: 'migrating the table' })).not.toThrow();
  });

  it('fails the stack at construction, before anything is made', () => {
    expect(() => new OrdersStack(Testing.app(), { ...dev, region: 'nowhere' })).toThrow(/region = "nowhere"/);
  });
});

describe('stack building blocks', () => {
  it('treats an empty ORDERS_STATE_BUCKET as unset', () => {
    expect(synthOf(byName('dev'), { ORDERS_STATE_BUCKET: '' }).terraform.backend).toEqual({ local: { path: 'terraform.orders-dev.tfstate' } });
  });

  it('refuses a function name Lambda would reject, before bundling anything', () => {
    const stack = new TerraformStack(Testing.app(), 'fn');
    expect(
      () =>
        new OrdersFunction(stack, 'bad', {
          functionName: 'orders dev api',
          entry: 'functions/missing/handler.ts',
          timeoutSeconds: 10,
          logRetentionDays: 7,
          logLevel: 'INFO',
          alarms: false,
          statements: [],
        }),
    ).toThrow('fn/bad: functionName = "orders dev api" is invalid: Lambda function names are 1–64 letters, digits, hyphens and underscores');
  });
});

describe('alarms', () => {
  const alarmTopicArn = (json: SynthesizedStack) => `\${aws_sns_topic.${resourcesOf(json, 'aws_sns_topic').find((t) => String(t.name).endsWith('-alarms'))!['//'].metadata.uniqueId}.arn}`;

  it.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('orders-%s has every expected alarm, each notifying the alarm topic', (name, settings) => {
    const json = synthOf(settings);
    const topicRef = alarmTopicArn(json);
    const alarms = resourcesOf(json, 'aws_cloudwatch_metric_alarm');
    const byAlarmName = new Map(alarms.map((a) => [a.alarm_name, a]));
    const prefix = `orders-${name}`;
    const functions = ['order-events', 'orders-api', 'billing', 'fraud-review', 'fulfillment-reserve-stock', 'fulfillment-request-shipment', 'notifications'];
    const expected: [string, string, string, number][] = [
      ...functions.flatMap((f) => [
        [`${prefix}-${f}-errors`, 'AWS/Lambda', 'Errors', settings.alarms.functionErrorsThreshold] as [string, string, string, number],
        [`${prefix}-${f}-throttles`, 'AWS/Lambda', 'Throttles', settings.alarms.functionThrottlesThreshold] as [string, string, string, number],
      ]),
      [`${prefix}-orders-api-5xx`, 'AWS/ApiGateway', '5xx', settings.alarms.apiServerErrorsThreshold],
      [`${prefix}-orders-stream-execution-failed`, 'AWS/EventBridge/Pipes', 'ExecutionFailed', settings.alarms.pipeFailedExecutionsThreshold],
      [`${prefix}-fulfillment-to-workflow-execution-failed`, 'AWS/EventBridge/Pipes', 'ExecutionFailed', settings.alarms.pipeFailedExecutionsThreshold],
      ...(['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionThrottled'] as const).map(
        (metric) =>
          [`${prefix}-order-fulfillment-${metric.replace(/[A-Z]/g, (c, i) => `${i > 0 ? '-' : ''}${c.toLowerCase()}`)}`, 'AWS/States', metric, 0] as [string, string, string, number],
      ),
      ...['order-lifecycle', 'high-value-orders'].map(
        (rule) => [`${prefix}-orders-${rule}-failed-invocations`, 'AWS/Events', 'FailedInvocations', settings.alarms.ruleFailedInvocationsThreshold] as [string, string, string, number],
      ),
    ];
    for (const [alarmName, namespace, metricName, threshold] of expected) {
      expect([alarmName, byAlarmName.get(alarmName)]).toEqual([alarmName, expect.objectContaining({ namespace, metric_name: metricName, threshold, statistic: 'Sum', period: 60 })]);
    }
    // Every alarm of the stack, queue alarms included, reaches the alarm topic when it fires and when it clears.
    expect(alarms.length).toBeGreaterThan(expected.length);
    for (const alarm of alarms) {
      expect([alarm.alarm_name, alarm.alarm_actions, alarm.ok_actions]).toEqual([alarm.alarm_name, [topicRef], [topicRef]]);
    }
  });

  it('alarms on each function by its name, and on the API by its ID', () => {
    const json = synthOf(byName('prod'));
    const fn = resourcesOf(json, 'aws_lambda_function').find((f) => f.function_name === 'orders-prod-billing')!;
    const api = resourcesOf(json, 'aws_apigatewayv2_api')[0];
    const alarms = resourcesOf(json, 'aws_cloudwatch_metric_alarm');
    const fnRef = `\${aws_lambda_function.${fn['//'].metadata.uniqueId}.function_name}`;
    expect(alarms.filter((a) => a.dimensions.FunctionName === fnRef).map((a) => a.metric_name).sort()).toEqual(['Errors', 'Throttles']);
    expect(alarms.find((a) => a.metric_name === '5xx')!.dimensions).toEqual({ ApiId: `\${aws_apigatewayv2_api.${api['//'].metadata.uniqueId}.id}` });
  });

  it('makes no function alarm when alarms are turned off, and refuses a threshold CloudWatch could not mean', () => {
    const stack = new TerraformStack(Testing.app(), 'fn');
    const base = { entry: 'functions/billing/handler.ts', timeoutSeconds: 10, logRetentionDays: 7, logLevel: 'INFO' };
    const off = new OrdersFunction(stack, 'off', { ...base, functionName: 'quiet', alarms: false });
    expect([off.errorsAlarm, off.throttlesAlarm]).toEqual([undefined, undefined]);
    expect(() => new OrdersFunction(stack, 'bad', { ...base, functionName: 'loud', alarms: { errorsThreshold: -1, throttlesThreshold: 0 } })).toThrow(
      'fn/bad: alarms.errorsThreshold = -1 is invalid: a whole number of errors, 0 or more',
    );
    const on = new OrdersFunction(stack, 'on', { ...base, functionName: 'watched', alarms: { errorsThreshold: 2, throttlesThreshold: 1, alarmActions: ['arn:aws:sns:eu-west-1:111122223333:a'] } });
    const alarms = resourcesOf(synthJson(stack), 'aws_cloudwatch_metric_alarm');
    expect(alarms.map((a) => [a.alarm_name, a.namespace, a.metric_name, a.threshold, a.comparison_operator, a.alarm_actions]).sort()).toEqual([
      ['watched-errors', 'AWS/Lambda', 'Errors', 2, 'GreaterThanThreshold', ['arn:aws:sns:eu-west-1:111122223333:a']],
      ['watched-throttles', 'AWS/Lambda', 'Throttles', 1, 'GreaterThanThreshold', ['arn:aws:sns:eu-west-1:111122223333:a']],
    ]);
    expect(on.errorsAlarm).toBeDefined();
  });
});
