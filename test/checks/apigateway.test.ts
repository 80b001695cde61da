import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { buildOrders, newStack } from './fixtures';
import { expectFinding, expectNoFinding } from './helpers';

describe('EDA-APIGW-001 access logging', () => {
  it('passes with access logs', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-APIGW-001');
  });
  it('fails without', () => {
    const { stack } = newStack();
    const s = new Apigatewayv2Stage(stack, 's', { apiId: 'a', name: '$default' });
    expectFinding(stack, 'EDA-APIGW-001', s, 'stage has no access logging');
  });
});

describe('EDA-APIGW-002 route authorization', () => {
  it('passes for JWT routes and CORS preflight', () => {
    const { stack } = newStack();
    buildOrders(stack);
    new Apigatewayv2Route(stack, 'options', { apiId: 'a', routeKey: 'OPTIONS /orders' });
    expectNoFinding(stack, 'EDA-APIGW-002');
  });
  it('fails for NONE', () => {
    const { stack } = newStack();
    const r = new Apigatewayv2Route(stack, 'r', { apiId: 'a', routeKey: 'POST /orders' });
    expectFinding(stack, 'EDA-APIGW-002', r, 'route POST /orders lets anyone call it (authorization_type NONE)');
  });
});

describe('EDA-APIGW-003 no data trace', () => {
  it('passes by default', () => {
    const { stack } = newStack();
    new Apigatewayv2Stage(stack, 's', { apiId: 'a', name: 'live', defaultRouteSettings: { loggingLevel: 'ERROR' } });
    expectNoFinding(stack, 'EDA-APIGW-003');
  });
  it('fails with data_trace_enabled', () => {
    const { stack } = newStack();
    const s = new Apigatewayv2Stage(stack, 's', { apiId: 'a', name: 'live', defaultRouteSettings: { dataTraceEnabled: true } });
    expectFinding(stack, 'EDA-APIGW-003', s, 'stage logs full request and response data');
  });
});
