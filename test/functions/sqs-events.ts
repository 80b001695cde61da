/** SQS events shaped like the ones AWS delivers to the queue consumers. */
import type { SQSEvent, SQSRecord } from 'aws-lambda';

export const ORDER_ID = '3f2b8c1e-9a4d-8e7f-a1b2-c3d4e5f60718';

/** An EventBridge event as the bus delivers it to a target. */
export function eventBridgeEvent(detailType: string, detail: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': detailType,
    source: 'orders.service',
    account: '123456789012',
    time: '2025-11-23T12:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail: {
      orderId: ORDER_ID,
      customerId: 'cust-42',
      status: detailType === 'OrderCancelled' ? 'CANCELLED' : detailType === 'OrderPlaced' ? 'PLACED' : 'CONFIRMED',
      total: 40.28,
      currency: 'EUR',
      items: [
        { sku: 'BOOK-1', quantity: 2, unitPrice: 19.99 },
        { sku: 'PEN-7', quantity: 3, unitPrice: 0.1 },
      ],
      notifications: { optIn: true },
      version: detailType === 'OrderPlaced' ? 1 : 2,
      ...detail,
    },
    ...overrides,
  };
}

/** The envelope SNS wraps a message in when the subscription does not use raw delivery. */
export function snsEnvelope(message: unknown): string {
  return JSON.stringify({
    Type: 'Notification',
    MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
    TopicArn: 'arn:aws:sns:eu-west-1:123456789012:order-events',
    Message: JSON.stringify(message),
    Timestamp: '2025-11-23T12:00:01.000Z',
    SignatureVersion: '1',
    Signature: 'EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=',
    SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
    UnsubscribeURL: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:eu-west-1:123456789012:order-events:0d1e2f3a',
  });
}

export function sqsRecord(messageId: string, body: string, queue = 'fulfillment'): SQSRecord {
  return {
    messageId,
    receiptHandle: `AQEB${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1763899201000',
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: '1763899201010',
    },
    messageAttributes: {},
    md5OfBody: '00000000000000000000000000000000',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:eu-west-1:123456789012:${queue}`,
    awsRegion: 'eu-west-1',
  };
}

export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}
