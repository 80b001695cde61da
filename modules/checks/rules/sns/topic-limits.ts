import { Limits } from '../../limits';
import { resourceRule } from '../../rule';
import { bool } from '../../../core/values';
import { SNS } from '../../../core/aws-limits';

const STANDARD_MAX = SNS.topicNameMaxLength;
const FIFO_MAX = SNS.fifoTopicBaseNameMaxLength;
const STANDARD_NAME = new RegExp(`^[0-9A-Za-z_-]{1,${STANDARD_MAX}}$`);
const FIFO_NAME = new RegExp(`^[0-9A-Za-z_-]{1,${FIFO_MAX}}\\.fifo$`);
const SAMPLE_RATES = ['application', 'firehose', 'http', 'lambda', 'sqs'].map((p) => `${p}_success_feedback_sample_rate`);

/** A topic's arguments are within what the AWS provider (resourceTopicCustomizeDiff) and the SNS API accept. */
export const snsTopicLimits = resourceRule({
  id: 'EDA-SNS-008',
  service: 'SNS',
  severity: 'error',
  title: 'SNS topic arguments are within AWS limits',
  publicIds: {},
  resourceTypes: ['aws_sns_topic'],
  check(topic, graph) {
    const c = topic.config;
    // Unknown (a variable, a conditional): neither kind is asserted.
    const fifo = c.fifo_topic === undefined ? false : bool(c.fifo_topic);
    const standard = fifo === false;
    const limits = new Limits(c);
    if (fifo === true) limits.matches('name', FIFO_NAME, `up to ${FIFO_MAX} of A-Z a-z 0-9 _ - followed by .fifo`);
    else if (standard) limits.matches('name', STANDARD_NAME, `up to ${STANDARD_MAX} of A-Z a-z 0-9 _ - (no .fifo on a standard topic)`);
    else limits.matches('name', new RegExp(`${STANDARD_NAME.source}|${FIFO_NAME.source}`), `up to ${STANDARD_MAX} of A-Z a-z 0-9 _ -, or up to ${FIFO_MAX} followed by .fifo`);
    limits
      .check(!standard || !graph.surelySet(topic, c.archive_policy), 'archive_policy is set on a standard topic (only FIFO topics archive)', 'remove archive_policy or set fifo_topic = true')
      .check(!standard || !graph.surelySet(topic, c.fifo_throughput_scope), 'fifo_throughput_scope is set on a standard topic', 'remove fifo_throughput_scope or set fifo_topic = true')
      .check(!standard || bool(c.content_based_deduplication) !== true, 'content_based_deduplication = true on a standard topic', 'remove content_based_deduplication or set fifo_topic = true')
      .range('signature_version', Math.min(...SNS.signatureVersions), Math.max(...SNS.signatureVersions))
      .oneOf('fifo_throughput_scope', ['Topic', 'MessageGroup'])
      .oneOf('tracing_config', ['PassThrough', 'Active'])
      .json('policy')
      .json('delivery_policy')
      .json('archive_policy');
    for (const rate of SAMPLE_RATES) limits.range(rate, 0, SNS.maxSuccessSampleRatePercent, 'percent');
    return limits.outcome;
  },
});
