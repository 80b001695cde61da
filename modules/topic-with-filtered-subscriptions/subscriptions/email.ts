import { ValidationIssue } from '../../core/errors';
import { PropsValidator, reservedDomain } from '../../core/validation';
import { display } from '../display';
import { EmailSubscriptionOptions, ISubscribableTopic, ITopicSubscription, SubscriptionConfig, SubscriptionPlace } from '../subscription-options';
import { EMAIL } from '../validation';

/**
 * An e-mail subscription (`addEmailSubscription`). The recipient must confirm
 * it from the e-mail SNS sends; until then it is pending, and Terraform can
 * neither confirm it nor delete it.
 */
export class EmailSubscription implements ITopicSubscription {
  /** The SNS protocol: `email`, or `email-json` with `format: 'json'`. */
  readonly protocol: 'email' | 'email-json';

  constructor(
    /** The e-mail address. */
    readonly address: string,
    /** Filter, dead-letter queue and format. */
    readonly options: EmailSubscriptionOptions = {},
  ) {
    this.protocol = options?.format === 'json' ? 'email-json' : 'email';
  }

  /** An address (name@domain) outside the domains reserved by RFC 2606, and a known format. */
  validate(_topic: ISubscribableTopic, place: SubscriptionPlace): ValidationIssue[] {
    const v = new PropsValidator(place.scope);
    const { address, options } = this;
    v.matches('address', address, EMAIL, 'must be an e-mail address (name@domain)');
    const reserved = EMAIL.test(address) ? reservedDomain(address) : undefined;
    v.check(!reserved, 'address', address, `is in ${reserved}, a domain reserved by RFC 2606 that never receives mail: SNS could never get the subscription confirmed`);
    v.oneOf('format', options.format, ['text', 'json']);
    return [...v.recorded()];
  }

  /** The address, and a warning that the subscription stays pending until confirmed. */
  bind(): SubscriptionConfig {
    return {
      endpoint: this.address,
      pendingWarning: `E-mail subscription of ${display(this.address, 'the address given')} needs the recipient to confirm it from the e-mail SNS sends; until then it is pending and receives nothing. Terraform cannot confirm it, nor delete it while it is pending.`,
    };
  }
}
