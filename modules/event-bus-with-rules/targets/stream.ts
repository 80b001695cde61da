import { IStreamTarget } from '../../core/contracts';
import { ValidationIssue } from '../../core/errors';
import { keyGrant } from '../../core/grants';
import { isToken, PropsValidator } from '../../core/validation';
import { IEventBusRule, IRuleTarget, RuleTargetConfig, RuleTargetOptions, RuleTargetPlace, validateEndpoint } from '../rule-target';
import { targetRole } from './target-role';

/** Options of a Kinesis stream target. */
export interface StreamTargetOptions extends RuleTargetOptions {
  /**
   * JSON path into the event whose value is the record's partition key (e.g.
   * `$.detail.orderId`): records with one key stay in order in one shard.
   * AWS limit: at most 256 characters.
   * @default the event's ID (EventBridge's default): records spread over the shards, in no order
   */
  readonly partitionKeyPath?: string;
}

const STREAM_ARN = /^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/[a-zA-Z0-9_.-]{1,128}$/;
/** KinesisParameters.PartitionKeyPath: at most 256 characters. */
const PARTITION_KEY_PATH_MAX = 256;

/**
 * A Kinesis data stream (made by `RuleTarget.stream`): each event becomes one
 * record; adds a role EventBridge assumes for the rule only, allowed
 * `kinesis:PutRecord` on that stream only (and `kms:GenerateDataKey` on its
 * customer-managed key).
 */
export class StreamRuleTarget implements IRuleTarget {
  /** The kind, first part of the default target ID (`stream-<position>`). */
  readonly kind = 'stream' as const;

  constructor(
    /** The stream, or the ARN of a stream made elsewhere (unencrypted or under the AWS managed key, or its key's grants are the owner's). */
    readonly stream: IStreamTarget | string,
    /** ID, retries, dead-letter queue, input and partition key path of the target. */
    readonly options: StreamTargetOptions = {},
  ) {}

  /** The stream's ARN or construct, and the partition key path. */
  validate(rule: IEventBusRule, place: RuleTargetPlace): ValidationIssue[] {
    const v = new PropsValidator(rule);
    validateEndpoint(v, `${place.field}.stream`, this.stream, 'streamArn', STREAM_ARN, 'a Kinesis stream ARN (arn:<partition>:kinesis:<region>:<account>:stream/<name>)');
    const path = this.options.partitionKeyPath;
    if (path !== undefined && !isToken(path)) {
      v.check(
        typeof path === 'string' && path.startsWith('$') && path.length <= PARTITION_KEY_PATH_MAX,
        `${place.field}.partitionKeyPath`,
        path,
        `must be a JSON path into the event starting with "$" (e.g. "$.detail.orderId"), at most ${PARTITION_KEY_PATH_MAX} characters`,
      );
    }
    return [...v.recorded()];
  }

  /** A role allowed `kinesis:PutRecord` on the stream only, with its key's data key; the partition key path. */
  bind(rule: IEventBusRule, place: RuleTargetPlace): RuleTargetConfig {
    const arn = typeof this.stream === 'string' ? this.stream : this.stream.streamArn;
    const key = typeof this.stream === 'string' ? undefined : this.stream.kmsKeyArn;
    return {
      arn,
      // Kinesis asks KMS for a data key, as the caller, for each record it encrypts.
      roleArn: targetRole(rule, place, 'kinesis:PutRecord', arn, 'put records on the target Kinesis stream', keyGrant('EncryptWithStreamKey', key, ['kms:GenerateDataKey'])),
      kinesisTarget: this.options.partitionKeyPath !== undefined ? { partitionKeyPath: this.options.partitionKeyPath } : undefined,
    };
  }
}
