/**
 * What an endpoint is, by its ARN: one pattern each for SQS queues, SNS topics
 * and Lambda functions, so that every module that takes an ARN agrees on it.
 * Each is as strict as AWS's naming rules allow:
 * - partition `aws`, `aws-cn`, `aws-us-gov`, `aws-iso…`;
 * - Region `<area>-<word>[-<word>…]-<number>` (e.g. `eu-west-1`, `us-gov-west-1`, `us-isob-east-1`);
 * - account 12 digits;
 * - queue names 1–80 and topic names 1–256 letters, digits, `-` and `_`, `.fifo`
 *   included (SQS CreateQueue, SNS CreateTopic);
 * - function names 1–64 letters, digits, `-` and `_`, with an optional
 *   qualifier: `$LATEST`, a version number, or an alias of 1–128 letters,
 *   digits, `-` and `_` (Lambda CreateFunction, CreateAlias).
 */
import { isToken, PropsValidator } from './validation';

const PARTITION = 'aws[a-z-]*';
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d{1,2}';
const ACCOUNT = '\\d{12}';

/** An SQS queue ARN: `arn:<partition>:sqs:<region>:<account>:<name>` (name 1–80 characters, `.fifo` included). */
export const QUEUE_ARN = new RegExp(`^arn:${PARTITION}:sqs:${REGION}:${ACCOUNT}:(?=[A-Za-z0-9_.-]{1,80}$)[A-Za-z0-9_-]+(?:\\.fifo)?$`);

/** An SNS topic ARN: `arn:<partition>:sns:<region>:<account>:<name>` (name 1–256 characters, `.fifo` included). */
export const TOPIC_ARN = new RegExp(`^arn:${PARTITION}:sns:${REGION}:${ACCOUNT}:(?=[A-Za-z0-9_.-]{1,256}$)[A-Za-z0-9_-]+(?:\\.fifo)?$`);

/** A standard (not FIFO) queue's ARN, for services that deliver to standard queues only. */
export const STANDARD_QUEUE_ARN = new RegExp(`(?!.*\\.fifo$)${QUEUE_ARN.source}`);

/** A standard (not FIFO) topic's ARN, for services that deliver to standard topics only. */
export const STANDARD_TOPIC_ARN = new RegExp(`(?!.*\\.fifo$)${TOPIC_ARN.source}`);

/** A Lambda function ARN, optionally qualified: `arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>]`. */
export const FUNCTION_ARN = new RegExp(`^arn:${PARTITION}:lambda:${REGION}:${ACCOUNT}:function:([A-Za-z0-9_-]{1,64})(?::(\\$LATEST|[A-Za-z0-9_-]{1,128}))?$`);

/** How the patterns read in error messages. */
export const ENDPOINT_ARN_FORMS = {
  queue: 'arn:<partition>:sqs:<region>:<account>:<name>',
  topic: 'arn:<partition>:sns:<region>:<account>:<name>',
  function: 'arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>]',
} as const;

/** A function ARN's parts. */
export interface FunctionArnParts {
  /** The ARN without its qualifier. */
  readonly functionArn: string;
  /** The function's name. */
  readonly functionName: string;
  /** The version (`$LATEST`, a number) or alias, when the ARN has one. */
  readonly qualifier?: string;
}

/**
 * A function ARN split into the unqualified ARN and its qualifier (version or
 * alias), as `aws_lambda_permission` takes them; `undefined` when it is not one.
 */
export function parseFunctionArn(arn: string): FunctionArnParts | undefined {
  const match = typeof arn === 'string' ? FUNCTION_ARN.exec(arn) : null;
  if (!match) return undefined;
  const qualifier = match[2];
  return { functionArn: qualifier ? arn.slice(0, -(qualifier.length + 1)) : arn, functionName: match[1], qualifier };
}

const SERVICE = { queue: 'sqs', topic: 'sns', function: 'lambda' } as const;
const PATTERN = { queue: QUEUE_ARN, topic: TOPIC_ARN, function: FUNCTION_ARN } as const;
/** Each endpoint ARN in words, for error messages. */
export const ENDPOINT_ARN_NAMED = {
  queue: 'an SQS queue ARN (arn:<partition>:sqs:<region>:<account>:<name>, the name 1–80 letters, digits, "-" and "_", ".fifo" included)',
  topic: 'an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>, the name 1–256 letters, digits, "-" and "_", ".fifo" included)',
  function: `a Lambda function ARN (${ENDPOINT_ARN_FORMS.function})`,
} as const;

/**
 * Checks an ARN given for a queue, topic or function: first that it is one of
 * the service's (`must be an ARN of sqs`), then that it follows the service's
 * naming rules. Unresolved tokens are not checked.
 */
export function validateEndpointArn(v: PropsValidator, field: string, value: string | undefined, kind: keyof typeof SERVICE): void {
  if (value === undefined || isToken(value)) return;
  const service = SERVICE[kind];
  v.arn(field, value, service);
  if (typeof value === 'string' && value.startsWith('arn:') && value.split(':')[2] === service) v.matches(field, value, PATTERN[kind], `must be ${ENDPOINT_ARN_NAMED[kind]}`);
}
