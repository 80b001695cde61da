import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { ValidationIssue } from '../../core/errors';
import { PropsValidator } from '../../core/validation';
import { ISubscribableTopic, ITopicSubscription, LambdaSubscriptionOptions, SubscriptionConfig, SubscriptionPlace } from '../subscription-options';
import { SNS_PRINCIPAL } from '../validation';
import { FUNCTION_ARN } from '../../core/endpoints';

/**
 * A Lambda function subscription (`addLambdaSubscription`): adds the
 * `aws_lambda_permission` that lets the topic (only) invoke the function.
 */
export class LambdaSubscription implements ITopicSubscription {
  /** The SNS protocol: `lambda`. */
  readonly protocol = 'lambda' as const;

  constructor(
    /** The function ARN, optionally with a version or alias qualifier. */
    readonly functionArn: string,
    /** Filter and dead-letter queue. */
    readonly options: LambdaSubscriptionOptions = {},
  ) {}

  /** The function ARN is one. */
  validate(_topic: ISubscribableTopic, place: SubscriptionPlace): ValidationIssue[] {
    const v = new PropsValidator(place.scope);
    v.matches('functionArn', this.functionArn, FUNCTION_ARN, 'must be a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>])');
    return [...v.recorded()];
  }

  /** Lets the topic (only) invoke the function. */
  bind(topic: ISubscribableTopic, place: SubscriptionPlace): SubscriptionConfig {
    const invokePermission = new LambdaPermission(place.scope, 'InvokePermission', {
      action: 'lambda:InvokeFunction',
      functionName: this.functionArn,
      principal: SNS_PRINCIPAL,
      sourceArn: topic.topicArn,
    });
    return { endpoint: this.functionArn, invokePermission };
  }
}
