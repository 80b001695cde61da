import { fail, resourceRule } from '../../rule';
import { at, isSet } from '../../../core/values';

/** An API stage writes access logs, so every request can be traced to a caller. */
export const apiGatewayAccessLogging = resourceRule({
  id: 'EDA-APIGW-001',
  service: 'API Gateway',
  severity: 'warning',
  title: 'API Gateway v2 stages have access logging',
  publicIds: { checkov: ['CKV_AWS_76'], cdkNag: ['AwsSolutions-APIG1'], securityHub: ['APIGateway.9'] },
  resourceTypes: ['aws_apigatewayv2_stage'],
  check(stage) {
    if (isSet(at(stage.config, 'access_log_settings.destination_arn'))) return;
    return fail('stage has no access logging', 'set access_log_settings with a CloudWatch Logs destination_arn and a format');
  },
});
