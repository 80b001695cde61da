import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SnsTopicConfig } from '@cdktf/provider-aws/lib/sns-topic';
import { Construct } from 'constructs';
import { AwsContext } from '../core/aws-context';
import { jsonDocument } from '../core/json-document';
import { policyDocument } from '../core/policy';
import { PropsValidator } from '../core/validation';
import { SNS } from '../core/aws-limits';

/** Protocols SNS can log delivery status for, of those this construct subscribes; `http` covers HTTP and HTTPS. */
export type DeliveryStatusProtocol = 'sqs' | 'lambda' | 'http';

/** Delivery-status logging to CloudWatch Logs (log groups `sns/<region>/<account>/<topic>` and `…/Failure`). */
export interface DeliveryStatusLoggingProps {
  /** Protocols whose deliveries are logged. @default ['sqs', 'lambda', 'http'] */
  readonly protocols?: DeliveryStatusProtocol[];
  /**
   * IAM role SNS assumes to write the logs.
   * @default a role made here, allowed to write only to this topic's log groups
   */
  readonly roleArn?: string;
  /** Percentage of successful deliveries logged; failed ones are always logged. @default 0 (AWS allows 0–100) */
  readonly successSampleRate?: number;
}

/** What is logged when no protocols are named. */
export const LOGGED_PROTOCOLS: readonly DeliveryStatusProtocol[] = ['sqs', 'lambda', 'http'];

/** Checks delivery-status logging settings. */
export function validateDeliveryStatusLogging(v: PropsValidator, logging: DeliveryStatusLoggingProps | undefined): void {
  if (logging === undefined) return;
  const protocols = logging.protocols;
  if (protocols !== undefined) {
    v.check(Array.isArray(protocols) && protocols.length > 0, 'deliveryStatusLogging.protocols', protocols, 'must list at least one of "sqs", "lambda", "http"');
    (Array.isArray(protocols) ? protocols : []).forEach((p, i) => v.oneOf(`deliveryStatusLogging.protocols[${i}]`, p, LOGGED_PROTOCOLS));
  }
  v.integer('deliveryStatusLogging.successSampleRate', logging.successSampleRate, 0, SNS.maxSuccessSampleRatePercent, 'percent');
  v.arn('deliveryStatusLogging.roleArn', logging.roleArn, 'iam');
}

/** The role SNS assumes to write a topic's delivery-status logs, allowed only that topic's log groups. */
export function deliveryStatusRole(scope: Construct, ctx: AwsContext, topicName: string, tags: Record<string, string> | undefined): IamRole {
  const role = new IamRole(scope, 'DeliveryStatusRole', {
    description: `Lets SNS write delivery status logs of topic ${topicName} to CloudWatch Logs`,
    // A trust policy has no Resource element, so it is not a PolicyDocument.
    assumeRolePolicy: jsonDocument({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
    tags,
  });
  // SNS writes successes to sns/<region>/<account>/<topic> and failures to
  // …/Failure; log stream names are SNS's own, hence the ":*".
  const logGroup = `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:sns/${ctx.region}/${ctx.accountId}/${topicName}`;
  new IamRolePolicy(scope, 'DeliveryStatusRolePolicy', {
    role: role.id,
    policy: jsonDocument(
      policyDocument([
        {
          Sid: 'WriteDeliveryStatusLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [logGroup, `${logGroup}:*`, `${logGroup}/Failure`, `${logGroup}/Failure:*`],
        },
      ]),
    ),
  });
  return role;
}

/** The topic attributes that turn delivery-status logging on. */
export type DeliveryStatusFeedback = Pick<
  SnsTopicConfig,
  | 'sqsSuccessFeedbackRoleArn'
  | 'sqsFailureFeedbackRoleArn'
  | 'sqsSuccessFeedbackSampleRate'
  | 'lambdaSuccessFeedbackRoleArn'
  | 'lambdaFailureFeedbackRoleArn'
  | 'lambdaSuccessFeedbackSampleRate'
  | 'httpSuccessFeedbackRoleArn'
  | 'httpFailureFeedbackRoleArn'
  | 'httpSuccessFeedbackSampleRate'
>;

/** The topic's delivery-status attributes for the protocols logged. */
export function deliveryStatusFeedback(protocols: readonly DeliveryStatusProtocol[], roleArn: string, sampleRate: number): DeliveryStatusFeedback {
  const on = (p: DeliveryStatusProtocol) => protocols.includes(p);
  return {
    sqsSuccessFeedbackRoleArn: on('sqs') ? roleArn : undefined,
    sqsFailureFeedbackRoleArn: on('sqs') ? roleArn : undefined,
    sqsSuccessFeedbackSampleRate: on('sqs') ? sampleRate : undefined,
    lambdaSuccessFeedbackRoleArn: on('lambda') ? roleArn : undefined,
    lambdaFailureFeedbackRoleArn: on('lambda') ? roleArn : undefined,
    lambdaSuccessFeedbackSampleRate: on('lambda') ? sampleRate : undefined,
    httpSuccessFeedbackRoleArn: on('http') ? roleArn : undefined,
    httpFailureFeedbackRoleArn: on('http') ? roleArn : undefined,
    httpSuccessFeedbackSampleRate: on('http') ? sampleRate : undefined,
  };
}
