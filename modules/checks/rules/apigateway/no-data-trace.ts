import { fail, resourceRule } from '../../rule';
import { at, block, bool, list } from '../../../core/values';

/** A stage does not log full request and response data, which can hold personal data and secrets. */
export const apiGatewayNoDataTrace = resourceRule({
  id: 'EDA-APIGW-003',
  service: 'API Gateway',
  severity: 'warning',
  title: 'API Gateway v2 stages do not log request and response data',
  publicIds: { checkov: ['CKV_AWS_276'] },
  resourceTypes: ['aws_apigatewayv2_stage'],
  check(stage) {
    const settings = [block(stage.config.default_route_settings), ...list(stage.config.route_settings).map((r) => block(r))];
    if (!settings.some((s) => bool(at(s, 'data_trace_enabled')) === true)) return;
    return fail('stage logs full request and response data (data_trace_enabled = true)', 'set data_trace_enabled = false; use access logs for tracing callers');
  },
});
