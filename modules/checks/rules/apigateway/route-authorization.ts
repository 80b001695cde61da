import { fail, resourceRule } from '../../rule';
import { literal } from '../../../core/values';

/**
 * A route authorizes its callers (IAM, a Lambda authorizer or JWT).
 * CORS preflight routes (`OPTIONS …`) are exempt: browsers send them without credentials.
 */
export const apiGatewayRouteAuthorization = resourceRule({
  id: 'EDA-APIGW-002',
  service: 'API Gateway',
  severity: 'error',
  title: 'API Gateway v2 routes have an authorization type',
  publicIds: { checkov: ['CKV_AWS_309'], cdkNag: ['AwsSolutions-APIG4'], securityHub: ['APIGateway.8'] },
  resourceTypes: ['aws_apigatewayv2_route'],
  check(route) {
    const key = literal(route.config.route_key) ?? '';
    if (key.startsWith('OPTIONS ')) return;
    const type = route.config.authorization_type === undefined ? 'NONE' : literal(route.config.authorization_type);
    if (type !== 'NONE') return;
    return fail(`route ${key || '(unnamed)'} lets anyone call it (authorization_type NONE)`, 'set authorization_type to AWS_IAM, JWT or CUSTOM with an authorizer_id');
  },
});
