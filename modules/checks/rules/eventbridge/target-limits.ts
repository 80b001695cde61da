import { EVENTBRIDGE } from '../../../core/aws-limits';
import { Limits } from '../../limits';
import { resourceRule } from '../../rule';
import { at, block } from '../../../core/values';

/**
 * A target's arguments are within what the provider (events/target.go) and
 * PutTargets accept. RetryPolicy's MaximumEventAgeInSeconds starts at 60 in
 * the API although the provider lets 0 through, so 1..59 fails at apply.
 */
export const eventBridgeTargetLimits = resourceRule({
  id: 'EDA-EVB-006',
  service: 'EventBridge',
  severity: 'error',
  title: 'EventBridge target arguments are within AWS limits',
  publicIds: {},
  resourceTypes: ['aws_cloudwatch_event_target'],
  check(target, graph) {
    const c = target.config;
    // Only values set for sure count: `lookup(each.value, "input", null)` may well be null.
    const inputs = ['input', 'input_path', 'input_transformer'].filter((k) => graph.surelySet(target, c[k]));
    const paths = Object.keys(block(at(c, 'input_transformer.input_paths')) ?? {});
    const limits = new Limits(c)
      .matches('target_id', new RegExp(`^[0-9A-Za-z_.-]{1,${EVENTBRIDGE.targetIdMaxLength}}$`), `up to ${EVENTBRIDGE.targetIdMaxLength} of A-Z a-z 0-9 . _ -`)
      .matches('rule', new RegExp(`^[0-9A-Za-z_.-]{1,${EVENTBRIDGE.ruleNameMaxLength}}$`), `a rule name of up to ${EVENTBRIDGE.ruleNameMaxLength} of A-Z a-z 0-9 . _ -`)
      .range('retry_policy.maximum_event_age_in_seconds', EVENTBRIDGE.minEventAgeSeconds, EVENTBRIDGE.maxEventAgeSeconds, 'seconds')
      .range('retry_policy.maximum_retry_attempts', EVENTBRIDGE.minRetryAttempts, EVENTBRIDGE.maxRetryAttempts)
      .json('input', EVENTBRIDGE.inputMaxLength)
      .matches('dead_letter_config.arn', /^arn:aws[a-z-]*:sqs:/, 'an SQS queue ARN')
      .check(inputs.length <= 1, `${inputs.join(', ')} are all set; a target takes at most one`, `keep one of ${inputs.join(', ')}`)
      .check(
        paths.length <= EVENTBRIDGE.maxInputPaths,
        `input_transformer.input_paths has ${paths.length} entries, over the ${EVENTBRIDGE.maxInputPaths} allowed`,
        `use at most ${EVENTBRIDGE.maxInputPaths} input paths`,
      )
      .check(!paths.some((k) => /^AWS/.test(k)), `input_transformer.input_paths key ${paths.find((k) => /^AWS/.test(k))} starts with AWS, which is reserved`, 'rename the input path keys so they do not start with AWS');
    return limits.outcome;
  },
});
