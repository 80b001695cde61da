/**
 * What AWS puts in the request when one service calls another for a hop of
 * the routing graph: the principal, and which global and KMS condition keys
 * are present. The one table the simulator and the checks both read. A key
 * not listed for a call is absent: a policy condition on it fails closed
 * (unless `…IfExists` or negated), as it does on AWS. Where AWS documents
 * nothing about a key for a call, the key is taken as absent and `silent`
 * names it, so a denial can say so.
 */

/** The kinds of call a hop makes. */
export type ServiceCall =
  | 'eventbridge-target-sqs'
  | 'eventbridge-target-sns'
  | 'eventbridge-target-lambda'
  | 'eventbridge-target-dlq'
  | 'sns-delivery-sqs'
  | 'sns-delivery-lambda'
  | 'sns-subscription-dlq'
  | 'sns-kms-for-publisher'
  | 'sqs-kms-for-sender'
  | 's3-notification-sqs'
  | 's3-notification-sns'
  | 's3-notification-lambda'
  | 'cloudwatch-alarm-sns'
  | 'apigateway-invoke-lambda'
  | 'role-call';

/** Which condition keys a call carries. */
export interface RequestContextRow {
  /** Who calls: a service principal, or `role` (the role the resource is configured with). */
  readonly principal: string;
  /** The action(s) called. */
  readonly actions: readonly string[];
  /** Present keys and what their value is. */
  readonly present: Readonly<Record<string, string>>;
  /** Keys AWS documents nothing about for this call, taken as absent. */
  readonly silent: readonly string[];
  /** The AWS page(s) the row comes from. */
  readonly sources: readonly string[];
}

const SQS_POLICY_EXAMPLES = 'Amazon SQS Developer Guide, "Amazon SQS policy examples" / "Basic examples of Amazon SQS policies"';
const S3_NOTIFICATIONS = 'Amazon S3 User Guide, "Granting permissions to publish event notification messages to a destination" (aws:SourceArn the bucket, aws:SourceAccount its owner)';
const CONFUSED_DEPUTY = 'IAM User Guide, "The confused deputy problem" and "AWS global condition context keys" (aws:SourceArn, aws:SourceAccount)';

/** The table: one row per kind of call. */
export const REQUEST_CONTEXT: Readonly<Record<ServiceCall, RequestContextRow>> = {
  'eventbridge-target-sqs': {
    principal: 'events.amazonaws.com',
    actions: ['sqs:SendMessage'],
    present: { 'aws:SourceArn': 'the rule ARN', 'aws:SourceAccount': "the rule's account" },
    silent: ['aws:SourceOrgID'],
    sources: ['Amazon EventBridge User Guide, "Using resource-based policies for Amazon EventBridge" (Amazon SQS permissions)', CONFUSED_DEPUTY],
  },
  'eventbridge-target-sns': {
    principal: 'events.amazonaws.com',
    actions: ['sns:Publish'],
    present: { 'aws:SourceArn': 'the rule ARN', 'aws:SourceAccount': "the rule's account" },
    silent: ['aws:SourceOrgID'],
    sources: ['Amazon EventBridge User Guide, "Using resource-based policies for Amazon EventBridge" (Amazon SNS permissions)', CONFUSED_DEPUTY],
  },
  'eventbridge-target-lambda': {
    principal: 'events.amazonaws.com',
    actions: ['lambda:InvokeFunction'],
    present: { 'aws:SourceArn': 'the rule ARN', 'aws:SourceAccount': "the rule's account" },
    silent: [],
    sources: ['Amazon EventBridge User Guide, "Using resource-based policies for Amazon EventBridge" (AWS Lambda permissions)', 'AWS Lambda Developer Guide, "Working with resource-based IAM policies in Lambda"'],
  },
  'eventbridge-target-dlq': {
    principal: 'events.amazonaws.com',
    actions: ['sqs:SendMessage'],
    present: { 'aws:SourceArn': 'the rule ARN', 'aws:SourceAccount': "the rule's account" },
    silent: [],
    sources: ['Amazon EventBridge User Guide, "Using dead-letter queues to process undelivered events" (granting permissions to the dead-letter queue)'],
  },
  'sns-delivery-sqs': {
    principal: 'sns.amazonaws.com',
    actions: ['sqs:SendMessage'],
    present: { 'aws:SourceArn': 'the topic ARN', 'aws:SourceAccount': "the topic's account" },
    silent: [],
    sources: ['Amazon SNS Developer Guide, "Fanout to Amazon SQS queues" (give permission to the topic to send messages to the queue)', SQS_POLICY_EXAMPLES],
  },
  'sns-delivery-lambda': {
    principal: 'sns.amazonaws.com',
    actions: ['lambda:InvokeFunction'],
    present: { 'aws:SourceArn': 'the topic ARN', 'aws:SourceAccount': "the topic's account" },
    silent: [],
    sources: ['AWS Lambda Developer Guide, "Using AWS Lambda with Amazon Simple Notification Service"'],
  },
  'sns-subscription-dlq': {
    principal: 'sns.amazonaws.com',
    actions: ['sqs:SendMessage'],
    present: { 'aws:SourceArn': 'the topic ARN', 'aws:SourceAccount': "the topic's account" },
    silent: [],
    sources: ['Amazon SNS Developer Guide, "Amazon SNS dead-letter queues (DLQs)" (configuring a DLQ: queue policy for the topic)'],
  },
  'sns-kms-for-publisher': {
    principal: 'the publishing service (events.amazonaws.com, cloudwatch.amazonaws.com, …)',
    actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    present: { 'kms:EncryptionContext:aws:sns:topicArn': 'the topic ARN', 'kms:ViaService': 'sns.<region>.amazonaws.com' },
    silent: ['aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOrgID'],
    sources: [
      'Amazon SNS Developer Guide, "Key management" ("Enable compatibility between event sources from AWS services and encrypted topics": the key policy grants the service principal with no source condition)',
      'Amazon GameLift FlexMatch Guide, "Set up an SNS topic with server-side encryption" (kms:EncryptionContext:aws:sns:topicArn)',
      'AWS KMS Developer Guide, "kms:ViaService"',
    ],
  },
  'sqs-kms-for-sender': {
    principal: 'the sending service (sns.amazonaws.com, events.amazonaws.com, …)',
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    present: { 'kms:EncryptionContext:aws:sqs:arn': 'the queue ARN', 'kms:ViaService': 'sqs.<region>.amazonaws.com' },
    silent: ['aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOrgID'],
    sources: [
      'Amazon SQS Developer Guide, "Key management" ("Configure KMS permissions for AWS services": the key policy grants the service principal)',
      'Amazon SQS Developer Guide, "Encryption at rest" (encryption context aws:sqs:arn)',
      'AWS KMS Developer Guide, "kms:ViaService"',
    ],
  },
  's3-notification-sqs': {
    principal: 's3.amazonaws.com',
    actions: ['sqs:SendMessage'],
    present: { 'aws:SourceArn': 'the bucket ARN', 'aws:SourceAccount': "the bucket owner's account" },
    silent: [],
    sources: [S3_NOTIFICATIONS],
  },
  's3-notification-sns': {
    principal: 's3.amazonaws.com',
    actions: ['sns:Publish'],
    present: { 'aws:SourceArn': 'the bucket ARN', 'aws:SourceAccount': "the bucket owner's account" },
    silent: [],
    sources: [S3_NOTIFICATIONS],
  },
  's3-notification-lambda': {
    principal: 's3.amazonaws.com',
    actions: ['lambda:InvokeFunction'],
    present: { 'aws:SourceArn': 'the bucket ARN', 'aws:SourceAccount': "the bucket owner's account" },
    silent: [],
    sources: [S3_NOTIFICATIONS, 'AWS Lambda Developer Guide, "Process Amazon S3 event notifications with Lambda"'],
  },
  'cloudwatch-alarm-sns': {
    principal: 'cloudwatch.amazonaws.com',
    actions: ['sns:Publish'],
    present: { 'aws:SourceArn': 'the alarm ARN', 'aws:SourceAccount': "the alarm's account" },
    silent: [],
    sources: ['Amazon CloudWatch User Guide, "Using Amazon CloudWatch alarms" (Amazon SNS topic access policy for alarms; confused deputy prevention)'],
  },
  'apigateway-invoke-lambda': {
    principal: 'apigateway.amazonaws.com',
    actions: ['lambda:InvokeFunction'],
    present: { 'aws:SourceArn': 'the execute-api ARN of the route (api-id/stage/METHOD/path)', 'aws:SourceAccount': "the API's account" },
    silent: [],
    sources: [
      'Amazon API Gateway Developer Guide, "Control access to an HTTP API with IAM authorization" / "Create an AWS Lambda proxy integration for an HTTP API" (Lambda permission for apigateway.amazonaws.com with the execute-api source ARN)',
      'Amazon API Gateway Developer Guide, "Amazon API Gateway identifiers used in permissions" (execute-api ARN: api-id/stage/METHOD/resource-path)',
    ],
  },
  'role-call': {
    principal: 'role',
    actions: ['(any: a pipe or event source mapping calling with its role)'],
    present: { 'aws:PrincipalArn': 'the role ARN', 'aws:PrincipalAccount': "the role's account" },
    silent: ['aws:SourceArn', 'aws:SourceAccount'],
    sources: ['IAM User Guide, "AWS global condition context keys" (aws:PrincipalArn, aws:PrincipalAccount are in every request signed by a principal)'],
  },
};
