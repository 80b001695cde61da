import { SQS } from '../../../core/aws-limits';
import { Limits } from '../../limits';
import { resourceRule } from '../../rule';
import { block, bool, fmt, literal, num } from '../../../core/values';

/**
 * A queue's arguments are within what the AWS provider (at plan) and the
 * SQS API (at apply) accept: names, ranges, FIFO-only settings, JSON.
 */
export const sqsQueueLimits = resourceRule({
  id: 'EDA-SQS-007',
  service: 'SQS',
  severity: 'error',
  title: 'SQS queue arguments are within AWS limits',
  publicIds: {},
  resourceTypes: ['aws_sqs_queue'],
  check(queue, graph) {
    const c = queue.config;
    // Unknown (a variable, a conditional): neither kind is asserted.
    const kind = c.fifo_queue === undefined ? false : bool(c.fifo_queue);
    const fifo = kind === true;
    const standard = kind === false;
    const limits = new Limits(c);
    // Provider resourceQueueCustomizeDiff: the `.fifo` suffix counts toward the 80 characters.
    if (fifo) limits.matches('name', /^[0-9A-Za-z_-]{1,75}\.fifo$/, 'up to 75 of A-Z a-z 0-9 _ - followed by .fifo');
    else if (standard) limits.matches('name', /^[0-9A-Za-z_-]{1,80}$/, 'up to 80 of A-Z a-z 0-9 _ - (no .fifo on a standard queue)');
    else limits.matches('name', /^[0-9A-Za-z_-]{1,80}$|^[0-9A-Za-z_-]{1,75}\.fifo$/, 'up to 80 of A-Z a-z 0-9 _ -, or up to 75 followed by .fifo');
    // The provider appends a 26-character unique suffix (and .fifo) to name_prefix.
    limits.matches('name_prefix', standard ? /^[0-9A-Za-z_-]{1,54}$/ : /^[0-9A-Za-z_-]{1,49}$/, `up to ${standard ? 54 : 49} of A-Z a-z 0-9 _ -`);
    limits
      .check(!standard || bool(c.content_based_deduplication) !== true, 'content_based_deduplication = true on a standard queue', 'set fifo_queue = true or remove content_based_deduplication')
      .check(!standard || literal(c.deduplication_scope) === undefined, 'deduplication_scope is set on a standard queue', 'remove deduplication_scope or set fifo_queue = true')
      .check(!standard || literal(c.fifo_throughput_limit) === undefined, 'fifo_throughput_limit is set on a standard queue', 'remove fifo_throughput_limit or set fifo_queue = true')
      .check(
        !(c.kms_master_key_id && bool(c.sqs_managed_sse_enabled) === true),
        'kms_master_key_id and sqs_managed_sse_enabled = true are both set (the provider lets only one be)',
        'keep kms_master_key_id and remove sqs_managed_sse_enabled, or the reverse',
      )
      .range('delay_seconds', 0, SQS.maxDelaySeconds, 'seconds')
      .range('max_message_size', SQS.minMessageSizeBytes, SQS.maxMessageSizeBytes, 'bytes')
      .range('message_retention_seconds', SQS.minRetentionSeconds, SQS.maxRetentionSeconds, 'seconds')
      .range('visibility_timeout_seconds', 0, SQS.maxVisibilityTimeoutSeconds, 'seconds')
      .range('kms_data_key_reuse_period_seconds', SQS.minDataKeyReusePeriodSeconds, SQS.maxDataKeyReusePeriodSeconds, 'seconds')
      // The provider does not validate this one: the API rejects it at apply.
      .range('receive_wait_time_seconds', 0, SQS.maxReceiveWaitTimeSeconds, 'seconds')
      .oneOf('deduplication_scope', ['messageGroup', 'queue'])
      .oneOf('fifo_throughput_limit', ['perQueue', 'perMessageGroupId'])
      .json('policy')
      .json('redrive_policy')
      .json('redrive_allow_policy');
    const redrive = block(graph.document(c.redrive_policy));
    if (redrive) {
      const count = num(redrive.maxReceiveCount);
      limits.check(redrive.deadLetterTargetArn !== undefined, 'redrive_policy has no deadLetterTargetArn', 'set deadLetterTargetArn to the DLQ ARN');
      limits.check(count === undefined || (Number.isInteger(count) && count >= SQS.maxReceiveCountMin && count <= SQS.maxReceiveCountMax),
        `redrive_policy maxReceiveCount = ${count} is outside ${SQS.maxReceiveCountMin}..${fmt(SQS.maxReceiveCountMax)}`,
        `set maxReceiveCount to ${SQS.maxReceiveCountMin}..${fmt(SQS.maxReceiveCountMax)}`,
     );
    }
    return limits.outcome ?? undefined;
  },
});

