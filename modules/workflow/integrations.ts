import { Fn, Token } from 'cdktf';
import { FUNCTION_ARN, parseFunctionArn } from '../core/endpoints';
import { AwsContext } from '../core/aws-context';
import { PolicyStatement } from '../core/policy';
import { isToken } from '../core/validation';
import { isDynamic, TaskState } from '../core/states-language';

/** A Task whose permissions could not be derived, and why. */
export interface UnderivedTask {
  /** Dotted path of the state's `Resource`. */
  readonly field: string;
  /** The `Resource` as written. */
  readonly resource: string;
  /** Why no permission was derived. */
  readonly reason: string;
}

/** The statements the state machine's role needs for the integrations its Task states use. */
export interface DerivedPermissions {
  /** One statement per action, with every resource that action is used on. */
  readonly statements: PolicyStatement[];
  /** Tasks whose permissions must be given another way (`statements`, or a `grant…` method). */
  readonly underived: UnderivedTask[];
}

/** The integrations whose permissions are derived, as `Resource` suffixes after `arn:<partition>:states:::`. */
export const DERIVED_INTEGRATIONS = [
  'lambda:invoke',
  'sqs:sendMessage',
  'sns:publish',
  'dynamodb:putItem',
  'dynamodb:getItem',
  'dynamodb:updateItem',
  'dynamodb:deleteItem',
  'events:putEvents',
] as const;

const OPTIMIZED = /^arn:aws[a-z-]*:states:::([a-z0-9-]+:[A-Za-z0-9]+)(\.(?:sync(?::2)?|waitForTaskToken))?$/;
const SQS_URL = /^https:\/\/(?:sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?|([a-z0-9-]+)\.queue\.amazonaws\.com)\/(\d{12})\/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)$/;

const SIDS: Record<string, string> = {
  'lambda:InvokeFunction': 'InvokeFunctions',
  'sqs:SendMessage': 'SendMessages',
  'sns:Publish': 'PublishMessages',
  'dynamodb:PutItem': 'PutTableItems',
  'dynamodb:GetItem': 'GetTableItems',
  'dynamodb:UpdateItem': 'UpdateTableItems',
  'dynamodb:DeleteItem': 'DeleteTableItems',
  'events:PutEvents': 'PutEvents',
};

/**
 * Derives the role's statements from the Task states, as the Step Functions
 * console does ("IAM policies for integrated services"), but scoped to the
 * one action each state calls: `lambda:invoke` (or a Lambda ARN as the
 * Resource) → `lambda:InvokeFunction`; `sqs:sendMessage` → `sqs:SendMessage`
 * on the queue of `QueueUrl`; `sns:publish` → `sns:Publish` on `TopicArn`;
 * `dynamodb:<putItem|getItem|updateItem|deleteItem>` → that action on the
 * table of `TableName`; `events:putEvents` → `events:PutEvents` on each
 * entry's bus. A target known only at run time (`FunctionName.$`) cannot be
 * derived: its Task is listed in `underived`.
 */
export function derivePermissions(tasks: readonly TaskState[], ctx: AwsContext): DerivedPermissions {
  const byAction = new Map<string, string[]>();
  const underived: UnderivedTask[] = [];
  const allow = (action: string, resources: string[]) => {
    const list = byAction.get(action) ?? [];
    for (const r of resources) if (!list.includes(r)) list.push(r);
    byAction.set(action, list);
  };
  for (const task of tasks) {
    const field = `${task.field}.Resource`;
    const refuse = (reason: string) => underived.push({ field, resource: task.resource, reason });
    const p = task.parameters;
    if (FUNCTION_ARN.test(task.resource)) {
      allow('lambda:InvokeFunction', [task.resource]);
      continue;
    }
    const [, integration, pattern] = OPTIMIZED.exec(task.resource) ?? [];
    // Of the integrations derived here, only Lambda, SQS, SNS and EventBridge have a callback (.waitForTaskToken) form, none a .sync one.
    if (pattern === '.sync' || pattern === '.sync:2') {
      refuse(`no permission is derived for ${integration}${pattern}`);
      continue;
    }
    switch (integration) {
      case 'lambda:invoke': {
        const fn = staticString(p, 'FunctionName');
        if (fn === undefined) refuse('the function is not a static FunctionName');
        else allow('lambda:InvokeFunction', functionResources(fn, ctx));
        break;
      }
      case 'sqs:sendMessage': {
        const url = staticString(p, 'QueueUrl');
        const arn = url === undefined ? undefined : queueArnOfUrl(url, ctx);
        if (arn === undefined) refuse('the queue is not a static QueueUrl (https://sqs.<region>.amazonaws.com/<account>/<name>)');
        else allow('sqs:SendMessage', [arn]);
        break;
      }
      case 'sns:publish': {
        const topic = staticString(p, 'TopicArn');
        if (topic === undefined) refuse('the topic is not a static TopicArn (a TargetArn or PhoneNumber is not derived)');
        else allow('sns:Publish', [topic]);
        break;
      }
      case 'dynamodb:putItem':
      case 'dynamodb:getItem':
      case 'dynamodb:updateItem':
      case 'dynamodb:deleteItem': {
        if (pattern) {
          refuse('DynamoDB item calls are request-response only');
          break;
        }
        const table = staticString(p, 'TableName');
        const action = `dynamodb:${integration.charAt(9).toUpperCase()}${integration.slice(10)}`;
        if (table === undefined) refuse('the table is not a static TableName');
        else allow(action, [arnOrBuilt(table, ['arn:', ctx.partition, ':dynamodb:', ctx.region, ':', ctx.accountId, ':table/', table])]);
        break;
      }
      case 'events:putEvents': {
        const entries = p.Entries;
        if (!Array.isArray(entries) || entries.length === 0 || isDynamic(p, 'Entries')) {
          refuse('the entries are not a static Entries list');
          break;
        }
        const buses: string[] = [];
        for (const entry of entries as Record<string, unknown>[]) {
          if (entry === null || typeof entry !== 'object') continue;
          if (isDynamic(entry, 'EventBusName')) {
            buses.length = 0;
            break;
          }
          const bus = typeof entry.EventBusName === 'string' ? entry.EventBusName : 'default';
          buses.push(arnOrBuilt(bus, ['arn:', ctx.partition, ':events:', ctx.region, ':', ctx.accountId, ':event-bus/', bus]));
        }
        if (buses.length === 0) refuse('an entry\'s EventBusName is not static');
        else allow('events:PutEvents', buses);
        break;
      }
      default:
        refuse(`no permission is derived for ${integration ?? 'this Resource'}`);
    }
  }
  const statements = [...byAction.entries()].map(([action, resources]): PolicyStatement => ({
    Sid: SIDS[action],
    Effect: 'Allow',
    Action: action,
    Resource: resources.length === 1 ? resources[0] : resources,
  }));
  return { statements, underived };
}

/** A parameter's value when it is a string known at synth (a token counts: it is fixed before any execution). */
function staticString(parameters: Record<string, unknown>, key: string): string | undefined {
  if (isDynamic(parameters, key)) return undefined;
  const value = parameters[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * A function and its versions and aliases: Step Functions calls a function by
 * name, ARN or qualified ARN, and an unqualified grant does not cover a qualified call.
 */
function functionResources(fn: string, ctx: AwsContext): string[] {
  if (isToken(fn) || fn.startsWith('arn:')) return parseFunctionArn(fn)?.qualifier ? [fn] : [fn, `${fn}:*`];
  const arn = `arn:${ctx.partition}:lambda:${ctx.region}:${ctx.accountId}:function:${fn}`;
  return fn.includes(':') ? [`arn:${ctx.partition}:lambda:${ctx.region}:${ctx.accountId}:function:${fn}`] : [arn, `${arn}:*`];
}

/** The ARN of the queue at `url`: parsed when written out, else (a reference) built with Terraform functions at apply. */
export function queueArnOfUrl(url: string, ctx: AwsContext): string | undefined {
  if (!isToken(url)) {
    const m = SQS_URL.exec(url);
    return m ? `arn:${ctx.partition}:sqs:${m[1] ?? m[2]}:${m[3]}:${m[4]}` : undefined;
  }
  // https://sqs.<region>.amazonaws.com/<account>/<name>: parts 3 and 4 of the path split on "/".
  const parts = Fn.split('/', url);
  return `arn:${ctx.partition}:sqs:${ctx.region}:${Token.asString(Fn.element(parts, 3))}:${Token.asString(Fn.element(parts, 4))}`;
}

/** `value` when it is an ARN, else `built` (for a reference, decided at apply: DynamoDB and EventBridge take a name or an ARN). */
function arnOrBuilt(value: string, parts: string[]): string {
  if (!isToken(value)) return value.startsWith('arn:') ? value : parts.join('');
  // Joined, not a template: cdktf cannot write a template with references inside a function's argument.
  return Token.asString(Fn.conditional(Fn.startswith(value, 'arn:'), value, Fn.join('', parts)));
}
