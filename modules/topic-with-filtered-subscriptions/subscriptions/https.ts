import { ValidationIssue } from '../../core/errors';
import { isToken, PropsValidator } from '../../core/validation';
import { renderDeliveryPolicy, validateDeliveryPolicy } from '../delivery-policy';
import { display } from '../display';
import { HttpsSubscriptionOptions, ISubscribableTopic, ITopicSubscription, SubscriptionConfig, SubscriptionPlace } from '../subscription-options';
import { isHttpsUrl } from '../validation';

/**
 * An HTTPS endpoint subscription (`addHttpsSubscription`), with an optional
 * delivery policy. Plain HTTP is refused: messages would travel unencrypted.
 */
export class HttpsSubscription implements ITopicSubscription {
  /** The SNS protocol: `https`. */
  readonly protocol = 'https' as const;

  constructor(
    /** The `https://` URL SNS posts to. */
    readonly url: string,
    /** Filter, dead-letter queue, raw delivery, delivery policy and confirmation settings. */
    readonly options: HttpsSubscriptionOptions = {},
  ) {}

  /** An https:// URL with a host, a valid delivery policy, and a confirmation timeout only with auto-confirmation. */
  validate(_topic: ISubscribableTopic, place: SubscriptionPlace): ValidationIssue[] {
    const v = new PropsValidator(place.scope);
    const { url, options } = this;
    v.check(isToken(url) || isHttpsUrl(url), 'url', url, 'must be an https:// URL with a host (SNS also speaks plain HTTP, which this construct refuses: messages would travel unencrypted)');
    validateDeliveryPolicy(v, 'deliveryPolicy', options.deliveryPolicy);
    v.integer('confirmationTimeoutMinutes', options.confirmationTimeoutMinutes, 1, Number.MAX_SAFE_INTEGER, 'minutes');
    v.check(
      options.confirmationTimeoutMinutes === undefined || options.endpointAutoConfirms === true,
      'confirmationTimeoutMinutes',
      options.confirmationTimeoutMinutes,
      'applies only with endpointAutoConfirms: true (Terraform waits for confirmation only then)',
    );
    return [...v.recorded()];
  }

  /** The URL and its settings; a warning while the endpoint does not confirm by itself. */
  bind(): SubscriptionConfig {
    const { url, options } = this;
    return {
      endpoint: url,
      rawMessageDelivery: options.rawMessageDelivery,
      deliveryPolicy: options.deliveryPolicy ? renderDeliveryPolicy(options.deliveryPolicy) : undefined,
      endpointAutoConfirms: options.endpointAutoConfirms,
      confirmationTimeoutMinutes: options.confirmationTimeoutMinutes,
      pendingWarning:
        options.endpointAutoConfirms === true
          ? undefined
          : `HTTPS subscription to ${display(url, 'the URL given')} stays pending until the endpoint confirms it (SNS sends it a SubscriptionConfirmation with a SubscribeURL). Terraform does not wait for it, and cannot delete the subscription while it is pending. Set endpointAutoConfirms: true if the endpoint confirms by itself.`,
    };
  }
}
