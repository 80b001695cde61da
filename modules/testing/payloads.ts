import { hash } from 'crypto';
import { DynamoDbItem } from './dynamodb-json';

/** The envelope EventBridge delivers to rule targets. */
export interface EventBridgeEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  /** ISO 8601 to the second (`2024-01-01T00:00:00Z`). */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
}

/** An SNS message attribute. */
export interface SnsMessageAttribute {
  /** `String`, `String.Array`, `Number` or `Binary`. */
  readonly Type: string;
  readonly Value: string;
}

/** The notification SNS delivers to SQS, HTTP/S and e-mail-json endpoints (JSON, unless raw message delivery). */
export interface SnsNotification {
  readonly Type: 'Notification';
  readonly MessageId: string;
  /** FIFO topics only. */
  readonly SequenceNumber?: string;
  readonly TopicArn: string;
  readonly Subject?: string;
  readonly Message: string;
  readonly Timestamp: string;
  readonly SignatureVersion: string;
  readonly Signature: string;
  readonly SigningCertURL: string;
  readonly UnsubscribeURL: string;
  readonly MessageAttributes?: Readonly<Record<string, SnsMessageAttribute>>;
}

/** An SQS message attribute, as ReceiveMessage returns it. */
export interface SqsMessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

/** An SQS message as ReceiveMessage returns it. */
export interface SqsMessage {
  readonly MessageId: string;
  readonly ReceiptHandle: string;
  readonly MD5OfBody: string;
  readonly Body: string;
  /** `SenderId`, `SentTimestamp`, `ApproximateReceiveCount`, `ApproximateFirstReceiveTimestamp` (+ FIFO ones). */
  readonly Attributes: Readonly<Record<string, string>>;
  readonly MessageAttributes?: Readonly<Record<string, SqsMessageAttribute>>;
}

/** A record of the Lambda event for an SQS source (`{ Records: [...] }`). */
export interface SqsEventRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageAttributes: Readonly<
    Record<string, { readonly stringValue?: string; readonly binaryValue?: string; readonly stringListValues: string[]; readonly binaryListValues: string[]; readonly dataType: string }>
  >;
  readonly md5OfBody: string;
  readonly eventSource: 'aws:sqs';
  readonly eventSourceARN: string;
  readonly awsRegion: string;
}

/** A record of the Lambda event for an SNS subscription (`{ Records: [...] }`). */
export interface SnsEventRecord {
  readonly EventVersion: '1.0';
  readonly EventSubscriptionArn: string;
  readonly EventSource: 'aws:sns';
  readonly Sns: {
    readonly SignatureVersion: string;
    readonly Timestamp: string;
    readonly Signature: string;
    readonly SigningCertUrl: string;
    readonly MessageId: string;
    readonly Message: string;
    readonly MessageAttributes: Readonly<Record<string, SnsMessageAttribute>>;
    readonly Type: 'Notification';
    readonly UnsubscribeUrl: string;
    readonly TopicArn: string;
    readonly Subject: string | null;
  };
}

/** A DynamoDB stream record, as pipes and event source mappings receive it. */
export interface DynamoDbStreamRecord {
  readonly eventID: string;
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly eventVersion: '1.1';
  readonly eventSource: 'aws:dynamodb';
  readonly awsRegion: string;
  readonly dynamodb: {
    /** Seconds since the epoch. */
    readonly ApproximateCreationDateTime: number;
    readonly Keys: DynamoDbItem;
    readonly NewImage?: DynamoDbItem;
    readonly OldImage?: DynamoDbItem;
    readonly SequenceNumber: string;
    readonly SizeBytes: number;
    readonly StreamViewType: string;
  };
  readonly eventSourceARN: string;
}

/** Ids and clock of one simulation; every payload reads them, so the same input gives the same payloads. */
export interface PayloadContext {
  readonly account: string;
  readonly region: string;
  /** The time every hop happens at. */
  readonly time: Date;
  /** A fresh id (UUID-shaped). */
  nextId(): string;
  /** A fresh, increasing sequence number (digits). */
  nextSequence(): string;
}

/** `00000000-0000-4000-8000-000000000001`, `...0002`, ...: UUID-shaped ids that read in order. */
export function counterIds(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(++n).toString().padStart(12, '0')}`;
}

/** EventBridge times are ISO 8601 to the second. */
export function eventTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** MD5 of a message body, as SQS reports it in `MD5OfBody`. */
export function md5(text: string): string {
  return hash('md5', text, 'hex');
}

/** The SNS notification for a message published on a topic. */
export function snsNotification(
  ctx: PayloadContext,
  topicArn: string,
  subscriptionArn: string,
  message: { Message: string; Subject?: string; MessageAttributes?: Record<string, SnsMessageAttribute>; MessageId: string; SequenceNumber?: string },
): SnsNotification {
  const host = `https://sns.${ctx.region}.amazonaws.com`;
  return {
    Type: 'Notification',
    MessageId: message.MessageId,
    ...(message.SequenceNumber ? { SequenceNumber: message.SequenceNumber } : {}),
    TopicArn: topicArn,
    ...(message.Subject !== undefined ? { Subject: message.Subject } : {}),
    Message: message.Message,
    Timestamp: ctx.time.toISOString(),
    SignatureVersion: '1',
    Signature: 'EXAMPLE',
    SigningCertURL: `${host}/SimpleNotificationService-0000000000000000000000000000000.pem`,
    UnsubscribeURL: `${host}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
    ...(message.MessageAttributes && Object.keys(message.MessageAttributes).length > 0 ? { MessageAttributes: message.MessageAttributes } : {}),
  };
}

/** The Lambda event for an SNS subscription. */
export function snsLambdaEvent(subscriptionArn: string, n: SnsNotification): { Records: SnsEventRecord[] } {
  return {
    Records: [
      {
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        EventSource: 'aws:sns',
        Sns: {
          SignatureVersion: n.SignatureVersion,
          Timestamp: n.Timestamp,
          Signature: n.Signature,
          SigningCertUrl: n.SigningCertURL,
          MessageId: n.MessageId,
          Message: n.Message,
          MessageAttributes: n.MessageAttributes ?? {},
          Type: 'Notification',
          UnsubscribeUrl: n.UnsubscribeURL,
          TopicArn: n.TopicArn,
          Subject: n.Subject ?? null,
        },
      },
    ],
  };
}

/** A new SQS message; `SenderId` names the service that sent it. */
export function sqsMessage(
  ctx: PayloadContext,
  body: string,
  senderId: string,
  messageAttributes?: Record<string, SqsMessageAttribute>,
  fifo?: { messageGroupId: string; messageDeduplicationId?: string },
): SqsMessage {
  const id = ctx.nextId();
  const sent = String(ctx.time.getTime());
  return {
    MessageId: id,
    ReceiptHandle: `receipt-${id}`,
    MD5OfBody: md5(body),
    Body: body,
    Attributes: {
      SenderId: senderId,
      SentTimestamp: sent,
      ApproximateReceiveCount: '0',
      ApproximateFirstReceiveTimestamp: sent,
      ...(fifo ? { MessageGroupId: fifo.messageGroupId, MessageDeduplicationId: fifo.messageDeduplicationId ?? id, SequenceNumber: ctx.nextSequence() } : {}),
    },
    ...(messageAttributes && Object.keys(messageAttributes).length > 0 ? { MessageAttributes: messageAttributes } : {}),
  };
}

/** The message as received for the `receiveCount`-th time. */
export function received(message: SqsMessage, receiveCount: number): SqsMessage {
  return { ...message, Attributes: { ...message.Attributes, ApproximateReceiveCount: String(receiveCount) } };
}

/** The record of the Lambda (or pipe) event for an SQS message. */
export function sqsEventRecord(ctx: PayloadContext, queueArn: string, m: SqsMessage): SqsEventRecord {
  const messageAttributes: Record<string, SqsEventRecord['messageAttributes'][string]> = {};
  for (const [k, a] of Object.entries(m.MessageAttributes ?? {})) {
    messageAttributes[k] = {
      ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}),
      ...(a.BinaryValue !== undefined ? { binaryValue: a.BinaryValue } : {}),
      stringListValues: [],
      binaryListValues: [],
      dataType: a.DataType,
    };
  }
  return {
    messageId: m.MessageId,
    receiptHandle: m.ReceiptHandle,
    body: m.Body,
    attributes: m.Attributes,
    messageAttributes,
    md5OfBody: m.MD5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: ctx.region,
  };
}

/** SNS attributes become SQS message attributes under raw message delivery. */
export function sqsAttributesFromSns(attributes: Record<string, SnsMessageAttribute> | undefined): Record<string, SqsMessageAttribute> | undefined {
  if (!attributes) return undefined;
  const out: Record<string, SqsMessageAttribute> = {};
  for (const [k, a] of Object.entries(attributes)) {
    out[k] = a.Type === 'Binary' ? { DataType: 'Binary', BinaryValue: a.Value } : { DataType: a.Type, StringValue: a.Value };
  }
  return out;
}

/** Simple string attributes, as EventBridge sets on the messages it dead-letters. */
export function stringAttributes(values: Record<string, string>): Record<string, SqsMessageAttribute> {
  const out: Record<string, SqsMessageAttribute> = {};
  for (const [k, v] of Object.entries(values)) out[k] = { DataType: 'String', StringValue: v };
  return out;
}
