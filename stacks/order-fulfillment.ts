import { Construct } from 'constructs';
import { QueueWithDlq, StateMachineDefinition, TableWithStream, Workflow } from '../modules';
import { EnvironmentSettings } from './environments';
import { FunctionAlarmsProps, OrdersFunction } from './orders-function';

/** What the fulfillment workflow is made of. */
export interface OrderFulfillmentProps {
  /** `<prefix>` of every name. */
  readonly prefix: string;
  readonly settings: EnvironmentSettings;
  /** The fulfillment queue (the topic's OrderPlaced subscription), which starts the workflow; its DLQ takes what fails. */
  readonly queue: QueueWithDlq;
  /** The orders table, where the result is recorded on the order. */
  readonly table: TableWithStream;
  readonly functionAlarms: FunctionAlarmsProps;
  /** Where the workflow's and its pipe's alarms go. */
  readonly alarmActions: string[];
}

/** Seconds a step function may run. */
const STEP_TIMEOUT_SECONDS = 30;

/** The Lambda errors worth retrying (AWS's recommended retrier for lambda:invoke). */
const LAMBDA_TRANSIENT_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'];

/**
 * Fulfillment as a Standard workflow, started by a pipe from the fulfillment
 * queue, one message per execution: reserve stock → request shipment →
 * record the result on the order (the direct DynamoDB UpdateItem integration).
 * A message that fails any step is sent to the queue's DLQ by the workflow
 * and the execution fails (alarmed); one whose execution cannot start goes
 * back to the queue and reaches the DLQ by its redrive policy.
 */
export function addOrderFulfillment(scope: Construct, props: OrderFulfillmentProps): Workflow {
  const { prefix, settings, queue, table } = props;
  const step = (name: string) =>
    new OrdersFunction(scope, `fulfillment-${name}-function`, {
      functionName: `${prefix}-fulfillment-${name}`,
      entry: `functions/fulfillment-${name}/handler.ts`,
      timeoutSeconds: STEP_TIMEOUT_SECONDS,
      logRetentionDays: settings.logRetentionDays,
      logLevel: settings.logLevel,
      alarms: props.functionAlarms,
    });
  const reserveStock = step('reserve-stock');
  const requestShipment = step('request-shipment');

  const retry = [{ ErrorEquals: LAMBDA_TRANSIENT_ERRORS, IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }];
  const toDeadLetterQueue = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'SendToDeadLetterQueue' }];
  const definition: StateMachineDefinition = {
    Comment: 'Fulfils each OrderPlaced message of the fulfillment queue',
    StartAt: 'EachMessage',
    States: {
      // Pipes start the execution with the batch as a JSON array of SQS records.
      EachMessage: {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'ReserveStock',
          States: {
            ReserveStock: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { FunctionName: reserveStock.functionArn, 'Payload.$': '$' },
              ResultSelector: { 'order.$': '$.Payload' },
              ResultPath: '$.reservation',
              Retry: retry,
              Catch: toDeadLetterQueue,
              Next: 'IsOrderPlaced',
            },
            IsOrderPlaced: {
              Type: 'Choice',
              Choices: [{ Variable: '$.reservation.order.act', BooleanEquals: true, Next: 'RequestShipment' }],
              Default: 'NothingToFulfil',
            },
            NothingToFulfil: { Type: 'Succeed' },
            RequestShipment: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { FunctionName: requestShipment.functionArn, 'Payload.$': '$.reservation.order' },
              ResultSelector: { 'request.$': '$.Payload' },
              ResultPath: '$.shipment',
              Retry: retry,
              Catch: toDeadLetterQueue,
              Next: 'RecordResult',
            },
            // Writes no eventType: the item's next stream record then produces no event, so fulfilling an order never re-triggers it.
            RecordResult: {
              Type: 'Task',
              Resource: 'arn:aws:states:::dynamodb:updateItem',
              Parameters: {
                TableName: table.tableName,
                Key: { pk: { 'S.$': "States.Format('ORDER#{}', $.reservation.order.orderId)" } },
                UpdateExpression: 'SET #fulfillment = :fulfillment, #updatedAt = :now REMOVE #eventType',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: { '#fulfillment': 'fulfillment', '#updatedAt': 'updatedAt', '#eventType': 'eventType' },
                ExpressionAttributeValues: {
                  ':fulfillment': { M: { status: { S: 'SHIPMENT_REQUESTED' }, shipmentRequestId: { 'S.$': '$.shipment.request.shipmentRequestId' } } },
                  ':now': { 'S.$': '$$.State.EnteredTime' },
                },
              },
              ResultPath: null,
              Retry: [{ ErrorEquals: ['DynamoDB.ProvisionedThroughputExceededException', 'DynamoDB.ThrottlingException', 'DynamoDB.InternalServerErrorException'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
              Catch: toDeadLetterQueue,
              End: true,
            },
            // The message as it was received, so that it can be redriven to the queue once the cause is fixed.
            SendToDeadLetterQueue: {
              Type: 'Task',
              Resource: 'arn:aws:states:::sqs:sendMessage',
              Parameters: { QueueUrl: queue.dlqUrl, 'MessageBody.$': '$.body' },
              ResultPath: null,
              Next: 'Failed',
            },
            Failed: { Type: 'Fail', Error: 'FulfillmentFailed', Cause: 'A step failed; the message is in the fulfillment DLQ' },
          },
        },
        End: true,
      },
    },
  };

  const alarmActions = props.alarmActions;
  const workflow = new Workflow(scope, 'order-fulfillment', {
    name: `${prefix}-order-fulfillment`,
    definition,
    logging: { level: 'ERROR', retentionDays: settings.logRetentionDays },
    alarms: { alarmActions, okActions: alarmActions },
  });
  workflow.startFromQueue('from-queue', queue, {
    name: `${prefix}-fulfillment-to-workflow`,
    logging: { level: 'ERROR', retentionDays: settings.logRetentionDays },
    failureAlarm: { threshold: settings.alarms.pipeFailedExecutionsThreshold, alarmActions, okActions: alarmActions },
  });
  return workflow;
}
