import { fail, resourceRule } from '../../rule';
import { isSet } from '../../../core/values';

/** Protocols whose delivery status SNS can log, and the argument prefix for each. */
const PROTOCOLS: Record<string, string> = { sqs: 'sqs', lambda: 'lambda', http: 'http', https: 'http', firehose: 'firehose', application: 'application' };

/** A topic logs the delivery status of the protocols subscribed to it (Security Hub SNS.2, no longer in FSBP). */
export const snsDeliveryStatusLogging = resourceRule({
  id: 'EDA-SNS-007',
  service: 'SNS',
  severity: 'warning',
  optional: true,
  title: 'SNS topics log delivery status for the protocols they deliver to',
  publicIds: { securityHub: ['SNS.2'] },
  resourceTypes: ['aws_sns_topic'],
  check(topic, graph) {
    const protocols = new Set(
      graph
        .referencesTo(topic, 'aws_sns_topic_subscription')
        .map((r) => PROTOCOLS[String(r.from.config.protocol)])
        .filter((p): p is string => !!p),
    );
    const missing = [...protocols].filter((p) => !isSet(topic.config[`${p}_failure_feedback_role_arn`]));
    if (missing.length === 0) return;
    return fail(`topic does not log delivery failures for ${missing.join(', ')}`, missing.map((p) => `set ${p}_failure_feedback_role_arn`).join(' and '));
  },
});
