import { Construct } from 'constructs';
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { addMetricAlarm, AlarmActions } from '../modules/core/metric-alarm';

/** Props of an {@link OrdersHttpApi}. */
export interface OrdersHttpApiProps {
  readonly name: string;
  /** The function that serves every route (Lambda proxy, payload format 2.0). */
  readonly functionArn: string;
  readonly functionName: string;
  /** Routes, e.g. `POST /orders`. */
  readonly routes: string[];
  /** Days the access log group keeps logs. */
  readonly logRetentionDays: number;
  /** Steady-state requests per second, and burst, for the whole stage. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Alarm on server errors (`5xx`, summed over a minute); `false` turns it off (only on purpose: there is no default). */
  readonly alarm: (AlarmActions & { readonly serverErrorsThreshold: number }) | false;
}

/**
 * An API Gateway HTTP API in front of one function: IAM-authorized routes
 * (callers sign with SigV4), access logs, throttling, and the permission that
 * lets this API, and only it, invoke the function.
 */
export class OrdersHttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  /** Base URL of the `$default` stage. */
  readonly url: string;
  /** The alarm on `5xx` responses, unless turned off. */
  readonly serverErrorsAlarm?: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: OrdersHttpApiProps) {
    super(scope, id);
    this.api = new Apigatewayv2Api(this, 'Api', { name: props.name, protocolType: 'HTTP' });
    const integration = new Apigatewayv2Integration(this, 'Integration', {
      apiId: this.api.id,
      integrationType: 'AWS_PROXY',
      integrationUri: props.functionArn,
      payloadFormatVersion: '2.0',
    });
    for (const routeKey of props.routes) {
      new Apigatewayv2Route(this, `Route ${routeKey}`, {
        apiId: this.api.id,
        routeKey,
        target: `integrations/${integration.id}`,
        authorizationType: 'AWS_IAM',
      });
    }
    const accessLogs = new CloudwatchLogGroup(this, 'AccessLogs', {
      name: `/aws/apigateway/${props.name}`,
      retentionInDays: props.logRetentionDays,
    });
    const stage = new Apigatewayv2Stage(this, 'Stage', {
      apiId: this.api.id,
      name: '$default',
      autoDeploy: true,
      defaultRouteSettings: { throttlingRateLimit: props.throttle.rateLimit, throttlingBurstLimit: props.throttle.burstLimit },
      accessLogSettings: {
        destinationArn: accessLogs.arn,
        format: JSON.stringify({
          requestId: '$context.requestId',
          ip: '$context.identity.sourceIp',
          caller: '$context.identity.caller',
          requestTime: '$context.requestTime',
          routeKey: '$context.routeKey',
          status: '$context.status',
          latency: '$context.responseLatency',
          integrationError: '$context.integrationErrorMessage',
        }),
      },
    });
    new LambdaPermission(this, 'InvokePermission', {
      action: 'lambda:InvokeFunction',
      functionName: props.functionName,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${this.api.executionArn}/*/*`,
    });
    this.url = stage.invokeUrl;
    if (props.alarm) {
      // HTTP APIs publish `5xx` by ApiId (and by ApiId and Stage); this API has the one stage.
      this.serverErrorsAlarm = addMetricAlarm(this, 'ServerErrorsAlarm', {
        alarmName: `${props.name}-5xx`,
        description: `Requests to ${props.name} end in a server error`,
        namespace: 'AWS/ApiGateway',
        metricName: '5xx',
        dimensions: { ApiId: this.api.id },
        statistic: 'Sum',
        threshold: props.alarm.serverErrorsThreshold,
        alarmActions: props.alarm.alarmActions,
        okActions: props.alarm.okActions,
      });
    }
  }
}
