import { createHash } from 'crypto';
import { DynamoDbItem } from './dynamodb-json';

/** The envelope EventBridge delivers to rule targets. */
export interface EventBridgeEvent {
  /** Always `0`. */
  readonly version: '0';
  /** A version 4 UUID generated for every event (sequential and deterministic in the simulator). */
  readonly id: string;
  /** Identifies, with `source`, the fields and values in `detail`. */
  readonly 'detail-type': string;
  /** The service or application that put the event. */
  readonly source: string;
  /** The 12-digit account that put the event. */
  readonly account: string;
  /** ISO 8601 to the second (`2024-01-01T00:00:00Z`). */
  readonly time: string;
  /** The Region the event was put in. */
  readonly region: string;
  /** ARNs of the resources the event concerns; `[]` when none were given. */
  readonly resources: readonly string[];
  /** The event's JSON payload, as put. */
  readonly detail: unknown;
}

/** An SNS message attribute. */
export interface SnsMessageAttribute {
  /** `String`, `String.Array`, `Number` or `Binary`. */
  readonly Type: string;
  /** The value, as text (a JSON array for `String.Array`, base64 for `Binary`). */
  readonly Value: string;
}

/** The notification SNS delivers to SQS, HTTP/S and e-mail-json endpoints (JSON, unless raw message delivery). */
export interface SnsNotification {
  /** The type of message: always `Notification` for a published message. */
  readonly Type: 'Notification';
  /** The ID SNS gave the published message; the same in every subscription's copy. */
  readonly MessageId: string;
  /** FIFO topics only. */
  readonly SequenceNumber?: string;
  /** The ARN of the topic the message was published to. */
  readonly TopicArn: string;
  /** The subject given at publish; absent when none was. */
  readonly Subject?: string;
  /** The message body as published. */
  readonly Message: string;
  /** When the message was published, ISO 8601 with milliseconds (`2024-01-01T00:00:00.000Z`). */
  readonly Timestamp: string;
  /** Version of the signature: `1` (SHA1) or `2` (SHA256). `1` in the simulator. */
  readonly SignatureVersion: string;
  /** Base64 signature of the message; a placeholder in the simulator. */
  readonly Signature: string;
  /** URL of the certificate that signed the message. */
  readonly SigningCertURL: string;
  /** URL that unsubscribes the endpoint from the topic. */
  readonly UnsubscribeURL: string;
  /** The message attributes given at publish; absent when there are none. */
  readonly MessageAttributes?: Readonly<Record<string, SnsMessageAttribute>>;
}

/** An SQS message attribute, as ReceiveMessage returns it. */
export interface SqsMessageAttribute {
  /** `String`, `Number` or `Binary`, optionally with a custom suffix (`Number.float`). */
  readonly DataType: string;
  /** The value of a `String` or `Number` attribute. */
  readonly StringValue?: string;
  /** The value of a `Binary` attribute, base64-encoded. */
  readonly BinaryValue?: string;
}

/** An SQS message as ReceiveMessage returns it. */
export interface SqsMessage {
  /** The message's ID, unique in the queue. */
  readonly MessageId: string;
  /** The handle that deletes the message or changes its visibility; new at every receive. */
  readonly ReceiptHandle: string;
  /** Hex MD5 digest of `Body`. */
  readonly MD5OfBody: string;
  /** The message body. */
  readonly Body: string;
  /** `SenderId`, `SentTimestamp`, `ApproximateReceiveCount`, `ApproximateFirstReceiveTimestamp` (+ FIFO ones). */
  readonly Attributes: Readonly<Record<string, string>>;
  /** The message attributes; absent when there are none. */
  readonly MessageAttributes?: Readonly<Record<string, SqsMessageAttribute>>;
}

/** A record of the Lambda event for an SQS source (`{ Records: [...] }`). */
export interface SqsEventRecord {
  /** The message's `MessageId`. */
  readonly messageId: string;
  /** The message's `ReceiptHandle`. */
  readonly receiptHandle: string;
  /** The message body. */
  readonly body: string;
  /** The message's system attributes (`ApproximateReceiveCount`, `SentTimestamp`, `SenderId`, …). */
  readonly attributes: Readonly<Record<string, string>>;
  /** The message attributes, by name; `{}` when there are none. */
  readonly messageAttributes: Readonly<
    Record<
      string,
      {
        /** The value of a `String` or `Number` attribute. */
        readonly stringValue?: string;
        /** The value of a `Binary` attribute, base64-encoded. */
        readonly binaryValue?: string;
        /** Reserved by AWS; always `[]`. */
        readonly stringListValues: string[];
        /** Reserved by AWS; always `[]`. */
        readonly binaryListValues: string[];
        /** `String`, `Number` or `Binary`, optionally with a custom suffix. */
        readonly dataType: string;
      }
    >
  >;
  /** Hex MD5 digest of `body`. */
  readonly md5OfBody: string;
  /** Always `aws:sqs`. */
  readonly eventSource: 'aws:sqs';
  /** The ARN of the queue the message was received from. */
  readonly eventSourceARN: string;
  /** The queue's Region. */
  readonly awsRegion: string;
}

/** A record of the Lambda event for an SNS subscription (`{ Records: [...] }`). */
export interface SnsEventRecord {
  /** Always `1.0`. */
  readonly EventVersion: '1.0';
  /** The ARN of the subscription that invoked the function. */
  readonly EventSubscriptionArn: string;
  /** Always `aws:sns`. */
  readonly EventSource: 'aws:sns';
  /** The notification, with Lambda's spelling of its fields (`SigningCertUrl`, `UnsubscribeUrl`). */
  readonly Sns: {
    /** Version of the signature: `1` (SHA1) or `2` (SHA256). */
    readonly SignatureVersion: string;
    /** When the message was published, ISO 8601 with milliseconds. */
    readonly Timestamp: string;
    /** Base64 signature of the message; a placeholder in the simulator. */
    readonly Signature: string;
    /** URL of the certificate that signed the message. */
    readonly SigningCertUrl: string;
    /** The ID SNS gave the published message. */
    readonly MessageId: string;
    /** The message body as published. */
    readonly Message: string;
    /** The message attributes given at publish; `{}` when there are none. */
    readonly MessageAttributes: Readonly<Record<string, SnsMessageAttribute>>;
    /** Always `Notification`. */
    readonly Type: 'Notification';
    /** URL that unsubscribes the function from the topic. */
    readonly UnsubscribeUrl: string;
    /** The ARN of the topic the message was published to. */
    readonly TopicArn: string;
    /** The subject given at publish, or `null` when none was. */
    readonly Subject: string | null;
  };
}

/** A DynamoDB stream record, as pipes and event source mappings receive it. */
export interface DynamoDbStreamRecord {
  /** A globally unique ID of the record. */
  readonly eventID: string;
  /** What changed the item: `INSERT` (new item), `MODIFY` (changed item) or `REMOVE` (deleted item). */
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The record format version: `1.1`. */
  readonly eventVersion: '1.1';
  /** Always `aws:dynamodb`. */
  readonly eventSource: 'aws:dynamodb';
  /** The table's Region. */
  readonly awsRegion: string;
  /** The change itself, with items in DynamoDB JSON (`{"S": "…"}`, `{"N": "12"}`). */
  readonly dynamodb: {
    /** Seconds since the epoch. */
    readonly ApproximateCreationDateTime: number;
    /** The primary key attributes of the item. */
    readonly Keys: DynamoDbItem;
    /** The item after the change; with view type `NEW_IMAGE` or `NEW_AND_OLD_IMAGES`, and not on `REMOVE`. */
    readonly NewImage?: DynamoDbItem;
    /** The item before the change; with view type `OLD_IMAGE` or `NEW_AND_OLD_IMAGES`, and not on `INSERT`. */
    readonly OldImage?: DynamoDbItem;
    /** The record's sequence number in its shard (digits). */
    readonly SequenceNumber: string;
    /** Size of the record in bytes. */
    readonly SizeBytes: number;
    /** The table's stream view type: `KEYS_ONLY`, `NEW_IMAGE`, `OLD_IMAGE` or `NEW_AND_OLD_IMAGES`. */
    readonly StreamViewType: string;
  };
  /** The ARN of the table's stream. */
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
  return createHash('md5').update(text).digest('hex');
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
