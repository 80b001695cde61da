import { Construct } from 'constructs';
import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { policyDocument, PolicyStatement } from '../core/policy';
import { lazyJsonDocument } from '../core/json-document';

/** The service principals AWS's EventBridge guide names for delivering to CloudWatch Logs. */
export const LOG_DELIVERY_PRINCIPALS = ['events.amazonaws.com', 'delivery.logs.amazonaws.com'];

/**
 * The one CloudWatch Logs resource policy of a bus, letting EventBridge write
 * to every log group that a rule of this bus targets.
 *
 * EventBridge writes to log groups through the account's CloudWatch Logs
 * resource policies, never through a target role. `logs:CreateLogStream`
 * carries no `aws:SourceArn`, so it is granted on the log groups only;
 * `logs:PutLogEvents` is granted only on behalf of the rules that target each
 * log group. An account has at most 10 such policies per Region, each at most
 * 5,120 characters, so a bus gathers all its grants into one.
 */
export class LogDeliveryPolicy extends Construct {
  /** The `aws_cloudwatch_log_resource_policy` resource; its document is rendered at synth, so it holds every grant made before then. */
  readonly resource: CloudwatchLogResourcePolicy;
  /** Log group ARN → ARNs of the rules that deliver to it, in the order granted. */
  private readonly grants = new Map<string, string[]>();

  constructor(scope: Construct, id: string, policyName: string) {
    super(scope, id);
    this.resource = new CloudwatchLogResourcePolicy(this, 'Resource', {
      policyName,
      policyDocument: lazyJsonDocument(() => policyDocument(this.statements())),
    });
  }

  /** Lets the rule `ruleArn` deliver events to the log group `logGroupArn` (the ARN without `:*`). */
  allowDelivery(logGroupArn: string, ruleArn: string): void {
    const rules = this.grants.get(logGroupArn) ?? [];
    if (!rules.includes(ruleArn)) rules.push(ruleArn);
    this.grants.set(logGroupArn, rules);
  }

  /** The statements so far. */
  statements(): PolicyStatement[] {
    const logGroups = [...this.grants.keys()];
    const streams = (arn: string) => `${arn}:*`;
    return [
      {
        Sid: 'AllowEventBridgeCreateLogStreams',
        Effect: 'Allow',
        Principal: { Service: LOG_DELIVERY_PRINCIPALS },
        Action: 'logs:CreateLogStream',
        Resource: logGroups.map(streams),
      },
      ...logGroups.map(
        (arn, i): PolicyStatement => ({
          Sid: `AllowEventBridgePutLogEvents${i + 1}`,
          Effect: 'Allow',
          Principal: { Service: LOG_DELIVERY_PRINCIPALS },
          Action: 'logs:PutLogEvents',
          Resource: streams(arn),
          Condition: { ArnEquals: { 'aws:SourceArn': this.grants.get(arn)! } },
        }),
      ),
    ];
  }
}
