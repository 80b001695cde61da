import { Construct } from 'constructs';
import { BucketWithNotifications, DepthAlarmProps, EventBusWithRules, FailedInvocationsAlarmProps, QueueWithDlq, RuleTarget } from '../modules';
import { EnvironmentSettings } from './environments';

/** What the order documents need from the rest of the orders stack. */
export interface OrderDocumentsProps {
  /** The orders bus, where the invoice rule is. */
  readonly bus: EventBusWithRules;
  /** The queue of the notifications consumer, which tells customers. */
  readonly notifications: QueueWithDlq;
  /** The dead-letter queues' depth alarm. */
  readonly deadLetterAlarm: DepthAlarmProps;
  /** The rules' failed-invocations alarm. */
  readonly ruleAlarm: FailedInvocationsAlarmProps;
}

/** The key prefix of invoices: `invoices/<orderId>.pdf`. */
export const INVOICES_PREFIX = 'invoices/';

/**
 * Bucket names are global in a partition: the account ID, when known, keeps
 * two accounts' environments apart (namePrefix is at most 40 characters, so
 * the name stays within S3's 63).
 */
export function documentsBucketName(settings: EnvironmentSettings): string {
  return `${settings.namePrefix}-documents${settings.accountId ? `-${settings.accountId}` : ''}`;
}

/**
 * `order-documents`: the bucket where invoices are stored. S3 puts its
 * `Object Created` events on the default bus; a rule there forwards them to
 * the orders bus, where the `invoice-ready` rule sends those under
 * `invoices/` to the notifications queue, so the customer hears that the
 * invoice is ready.
 */
export function addOrderDocuments(scope: Construct, settings: EnvironmentSettings, props: OrderDocumentsProps): BucketWithNotifications {
  const bucket = new BucketWithNotifications(scope, 'order-documents', {
    name: documentsBucketName(settings),
    eventbridge: true,
    // Disposable environments may be destroyed with their documents.
    forceDestroy: !settings.deletionProtection,
  });
  bucket.forwardEventsTo('order-documents-events', props.bus, { detailTypes: ['Object Created'], deadLetterAlarm: props.deadLetterAlarm, failedInvocationsAlarm: props.ruleAlarm });
  props.bus.addRule('invoice-ready', {
    name: 'invoice-ready',
    description: 'A new invoice tells its customer that it is ready',
    eventPattern: BucketWithNotifications.objectCreatedPattern(bucket, { prefix: INVOICES_PREFIX }),
    targets: [RuleTarget.queue(props.notifications)],
    deadLetterQueue: { alarm: props.deadLetterAlarm },
    failedInvocationsAlarm: props.ruleAlarm,
  });
  return bucket;
}
