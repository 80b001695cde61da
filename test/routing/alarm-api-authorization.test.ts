import { Testing } from 'cdktf';
import { synthesizeStack } from '../../modules/core/terraform-json';
import { analyzeRouting } from '../../modules/routing/analyze';
import { ENVIRONMENTS } from '../../stacks/environments';
import { OrdersStack } from '../../stacks/orders-stack';

/**
 * The two hops outside the routing graph that the checks also judge: CloudWatch
 * publishing an alarm to a topic (topic policy, then the topic's key), and API
 * Gateway invoking the function of an HTTP API integration (its Lambda
 * permissions, with the route's execute-api ARN as aws:SourceArn).
 */
type Json = Record<string, unknown>;
const ACCOUNT = '123456789012';
const ALARM_ARN = `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:depth`;
const TOPIC_ARN = `arn:aws:sns:eu-west-1:${ACCOUNT}:alerts`;
const doc = (...Statement: Json[]): string => JSON.stringify({ Version: '2012-10-17', Statement });
const grant = (service: string, action: string, condition: Json): Json => ({ Sid: 'Grant', Effect: 'Allow', Principal: { Service: service }, Action: action, Resource: '*', Condition: condition });
const ACCOUNT_ROOT: Json = { Sid: 'Account', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };

/** The ROUTING_DENIED findings of a stack (EDA-ROUTING-002 reports each as an error). */
function denied(resource: Record<string, Record<string, Json>>): Array<[string, string]> {
  return analyzeRouting({ provider: { aws: [{ region: 'eu-west-1' }] }, resource })
    .filter((w) => w.code === 'ROUTING_DENIED')
    .map((w) => [w.address, w.message]);
}

describe('CloudWatch alarm → encrypted SNS topic (topic policy and key policy)', () => {
  const stack = (topicPolicy: string, keyStatements: Json[]) => ({
    aws_kms_key: { k: { policy: doc(ACCOUNT_ROOT, ...keyStatements) } },
    aws_sns_topic: { alerts: { name: 'alerts', kms_master_key_id: '${aws_kms_key.k.arn}' } },
    aws_sns_topic_policy: { alerts: { arn: '${aws_sns_topic.alerts.arn}', policy: topicPolicy } },
    aws_cloudwatch_metric_alarm: { depth: { alarm_name: 'depth', alarm_actions: ['${aws_sns_topic.alerts.arn}'], ok_actions: ['${aws_sns_topic.alerts.arn}'] } },
  });
  const topicGrant = (alarmArn: string) => doc(grant('cloudwatch.amazonaws.com', 'sns:Publish', { ArnLike: { 'aws:SourceArn': alarmArn }, StringEquals: { 'aws:SourceAccount': ACCOUNT } }));
  const keyGrant = grant('cloudwatch.amazonaws.com', ['kms:GenerateDataKey*', 'kms:Decrypt'] as never, { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': TOPIC_ARN } });

  it('admits cloudwatch.amazonaws.com for this alarm, with the key naming the topic by its encryption context', () => {
    expect(denied(stack(topicGrant(ALARM_ARN), [keyGrant]))).toEqual([]);
    expect(denied(stack(topicGrant(`arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:*`), [keyGrant]))).toEqual([]);
  });

  it.each([
    ['a missing statement', doc(), [keyGrant], 'alarm action denied: cloudwatch.amazonaws.com sns:Publish on topic alerts: topic policy aws_sns_topic_policy.alerts has no statement allowing cloudwatch.amazonaws.com sns:Publish'],
    [
      'the wrong principal',
      doc(grant('events.amazonaws.com', 'sns:Publish', { ArnLike: { 'aws:SourceArn': ALARM_ARN } })),
      [keyGrant],
      'alarm action denied: cloudwatch.amazonaws.com sns:Publish on topic alerts: topic policy aws_sns_topic_policy.alerts has no statement allowing cloudwatch.amazonaws.com sns:Publish',
    ],
    [
      'the wrong aws:SourceArn',
      topicGrant(`${ALARM_ARN}-other`),
      [keyGrant],
      `alarm action denied: cloudwatch.amazonaws.com sns:Publish on topic alerts: topic policy aws_sns_topic_policy.alerts Sid "Grant" would allow cloudwatch.amazonaws.com sns:Publish, but its condition ArnLike aws:SourceArn ["${ALARM_ARN}-other"] fails: the request's aws:SourceArn is "${ALARM_ARN}"`,
    ],
    [
      'a key policy without cloudwatch',
      topicGrant(ALARM_ARN),
      [],
      'alarm action denied: cloudwatch.amazonaws.com kms:GenerateDataKey on the key of topic alerts: key policy aws_kms_key.k has no statement allowing cloudwatch.amazonaws.com kms:GenerateDataKey',
    ],
  ])('denies with %s, reported on the alarm', (_case, topicPolicy, keyStatements, message) => {
    expect(denied(stack(topicPolicy, keyStatements))).toEqual([['aws_cloudwatch_metric_alarm.depth', message]]);
  });
});

describe('API Gateway HTTP API → Lambda function (permission)', () => {
  const stack = (permissions: Record<string, Json>) => ({
    aws_lambda_function: { fn: { function_name: 'fn' } },
    aws_apigatewayv2_api: { api: { name: 'shop', protocol_type: 'HTTP' } },
    aws_apigatewayv2_integration: { i: { api_id: '${aws_apigatewayv2_api.api.id}', integration_type: 'AWS_PROXY', integration_uri: '${aws_lambda_function.fn.arn}' } },
    aws_apigatewayv2_route: { post: { api_id: '${aws_apigatewayv2_api.api.id}', route_key: 'POST /orders', target: 'integrations/${aws_apigatewayv2_integration.i.id}' } },
    aws_apigatewayv2_stage: { s: { api_id: '${aws_apigatewayv2_api.api.id}', name: '$default' } },
    ...(Object.keys(permissions).length ? { aws_lambda_permission: permissions } : {}),
  });
  const permission = (principal: string, sourceArn: string): Json => ({ action: 'lambda:InvokeFunction', function_name: '${aws_lambda_function.fn.function_name}', principal, source_arn: sourceArn });
  const EXECUTE = `arn:aws:execute-api:eu-west-1:${ACCOUNT}:api`;

  it("admits apigateway.amazonaws.com with the API's execute-arn route pattern", () => {
    expect(denied(stack({ p: permission('apigateway.amazonaws.com', '${aws_apigatewayv2_api.api.execution_arn}/*/*') }))).toEqual([]);
    expect(denied(stack({ p: permission('apigateway.amazonaws.com', '${aws_apigatewayv2_api.api.execution_arn}/$default/POST/orders') }))).toEqual([]);
  });

  it.each([
    ['a missing permission', {}, 'API integration denied: apigateway.amazonaws.com lambda:InvokeFunction on function fn: Lambda permissions of aws_lambda_function.fn has no statement allowing apigateway.amazonaws.com lambda:InvokeFunction'],
    [
      'the wrong principal',
      { p: permission('events.amazonaws.com', '${aws_apigatewayv2_api.api.execution_arn}/*/*') },
      'API integration denied: apigateway.amazonaws.com lambda:InvokeFunction on function fn: Lambda permissions of aws_lambda_function.fn has no statement allowing apigateway.amazonaws.com lambda:InvokeFunction',
    ],
    [
      'a source ARN of another route',
      { p: permission('apigateway.amazonaws.com', '${aws_apigatewayv2_api.api.execution_arn}/*/GET/orders') },
      `API integration denied: apigateway.amazonaws.com lambda:InvokeFunction on function fn: Lambda permissions of aws_lambda_function.fn Sid "p" would allow apigateway.amazonaws.com lambda:InvokeFunction, but its condition ArnLike AWS:SourceArn ["${EXECUTE}/*/GET/orders"] fails: the request's AWS:SourceArn is "${EXECUTE}/$default/POST/orders"`,
    ],
  ])('denies with %s, reported on the integration', (_case, permissions, message) => {
    expect(denied(stack(permissions as Record<string, Json>))).toEqual([['aws_apigatewayv2_integration.i', message]]);
  });
});

describe('orders-dev: the alarm and API hops are judged', () => {
  const json = (): Record<string, any> => JSON.parse(JSON.stringify(synthesizeStack(new OrdersStack(Testing.app(), ENVIRONMENTS.find((e) => e.name === 'dev')!, {}))));
  const routingDenied = (stack: Record<string, any>) => analyzeRouting(stack).filter((w) => w.code === 'ROUTING_DENIED').map((w) => w.message);

  it('denies API Gateway the function once its permission names another route', () => {
    const stack = json();
    const permission = Object.values(stack.resource.aws_lambda_permission as Record<string, Json>).find((p) => p.principal === 'apigateway.amazonaws.com')!;
    expect(routingDenied(stack)).toEqual([]);
    permission.source_arn = String(permission.source_arn).replace('/*/*', '/*/DELETE/nothing');
    expect(routingDenied(stack)).toEqual([expect.stringMatching(/^API integration denied: apigateway\.amazonaws\.com lambda:InvokeFunction on function orders-dev-\S+: Lambda permissions of .* fails: the request's AWS:SourceArn is "arn:aws:execute-api:/)]);
  });

  it('denies CloudWatch the alarm topic once the topic policy admits it for no alarm of the stack', () => {
    const stack = json();
    const policies = Object.values(stack.resource.aws_sns_topic_policy as Record<string, Json>).filter((p) => String(p.policy).includes('cloudwatch.amazonaws.com'));
    expect(policies).toHaveLength(1);
    policies[0].policy = String(policies[0].policy).replace(':alarm:', ':alarm:other-');
    const messages = routingDenied(stack);
    expect(messages.length).toBe(Object.keys(stack.resource.aws_cloudwatch_metric_alarm).length);
    for (const m of messages) expect(m).toMatch(/^alarm action denied: cloudwatch\.amazonaws\.com sns:Publish on topic orders-dev-alarms: .* fails: the request's aws:SourceArn is "arn:aws:cloudwatch:/);
  });
});
