import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EventBusWithRules, QueueWithDlq, RuleTarget, TableWithStream, TopicWithFilteredSubscriptions, match } from 'cdktf-eda';

/** A small payments pipeline: payments table → pipe → bus → rule → topic → two filtered queues. */
export class PaymentsStack extends TerraformStack {
  readonly bus: EventBusWithRules;
  readonly topic: TopicWithFilteredSubscriptions;
  readonly settlements: QueueWithDlq;
  readonly refunds: QueueWithDlq;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1', defaultTags: [{ tags: { project: 'payments' } }] });

    const table = new TableWithStream(this, 'payments-table', { name: 'payments', partitionKey: { name: 'paymentId', type: 'S' } });
    this.bus = new EventBusWithRules(this, 'payments-bus', { name: 'payments' });
    table.addPipeToEventBus('payments-pipe', this.bus, {
      filters: [{ eventName: ['INSERT', 'MODIFY'] }],
      source: 'payments.service',
      detailType: '$.dynamodb.NewImage.kind.S',
      inputTemplate: '{"paymentId": "<$.dynamodb.NewImage.paymentId.S>", "amount": <$.dynamodb.NewImage.amount.N>}',
    });

    this.settlements = new QueueWithDlq(this, 'settlements', { name: 'payments-settlements', visibilityTimeoutSeconds: 120 });
    this.refunds = new QueueWithDlq(this, 'refunds', { name: 'payments-refunds', visibilityTimeoutSeconds: 120 });

    // EventBridge publishes the event as the message body: filter on the body.
    this.topic = new TopicWithFilteredSubscriptions(this, 'payment-events', { name: 'payment-events', publishers: ['events.amazonaws.com'] });
    const onBody = { filterPolicyScope: 'MessageBody' as const, rawMessageDelivery: true };
    this.topic.addQueueSubscription('settlements', this.settlements, { ...onBody, filterPolicy: { 'detail-type': ['PaymentCaptured'] } });
    this.topic.addQueueSubscription('refunds', this.refunds, { ...onBody, filterPolicy: { 'detail-type': ['PaymentRefunded'], detail: { amount: [match.numeric('>', 0)] } } });

    this.bus.addRule('payment-events', {
      eventPattern: { source: ['payments.service'], 'detail-type': ['PaymentCaptured', 'PaymentRefunded'] },
      targets: [RuleTarget.topic(this.topic)],
    });

    new TerraformOutput(this, 'bus_name', { value: this.bus.eventBusName });
    new TerraformOutput(this, 'settlements_queue_url', { value: this.settlements.queueUrl });
  }
}
