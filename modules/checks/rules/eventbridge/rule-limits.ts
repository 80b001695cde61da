import { EVENTBRIDGE } from '../../../core/aws-limits';
import { validateEventPattern } from '../../../patterns';
import { Limits } from '../../limits';
import { resourceRule } from '../../rule';
import { isSet, literal } from '../../../core/values';

/**
 * A rule's arguments are within what the provider (events/validate.go) and
 * PutRule accept: its name, bus name, an event pattern EventBridge can parse
 * (the validation of `modules/patterns`), and a schedule only on the default bus.
 */
export const eventBridgeRuleLimits = resourceRule({
  id: 'EDA-EVB-005',
  service: 'EventBridge',
  severity: 'error',
  title: 'EventBridge rule arguments are within AWS limits',
  publicIds: {},
  resourceTypes: ['aws_cloudwatch_event_rule'],
  check(rule, graph) {
    const c = rule.config;
    const bus = c.event_bus_name === undefined ? 'default' : literal(c.event_bus_name);
    const limits = new Limits(c)
      .matches('name', new RegExp(`^[0-9A-Za-z_.-]{1,${EVENTBRIDGE.ruleNameMaxLength}}$`), `up to ${EVENTBRIDGE.ruleNameMaxLength} of A-Z a-z 0-9 . _ -`)
      // The provider appends a 26-character unique suffix to name_prefix.
      .matches('name_prefix', /^[0-9A-Za-z_.-]{1,38}$/, 'up to 38 of A-Z a-z 0-9 . _ -')
      .matches('event_bus_name', /^[\/\.\-_A-Za-z0-9:]{1,1600}$/, 'a bus name or ARN of up to 1,600 characters')
      .matches('description', new RegExp(`^[\\s\\S]{0,${EVENTBRIDGE.descriptionMaxLength}}$`), `at most ${EVENTBRIDGE.descriptionMaxLength} characters`)
      .oneOf('state', ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'])
      .json('event_pattern')
      .check(isSet(c.event_pattern) || isSet(c.schedule_expression), 'rule has neither event_pattern nor schedule_expression', 'set event_pattern (or schedule_expression on the default bus)')
      .check(!graph.surelySet(rule, c.schedule_expression) || bus === undefined || bus === 'default' || bus.endsWith(':event-bus/default'), `schedule_expression on the custom bus ${bus}: scheduled rules run only on the default bus`, 'put the scheduled rule on the default bus, or use EventBridge Scheduler');
    const pattern = graph.document(c.event_pattern);
    // Values known only at apply (`${…}`) cannot be validated.
    if (pattern && typeof pattern === 'object' && !JSON.stringify(pattern).includes('${')) {
      for (const p of validateEventPattern(pattern, { dialect: 'eventbridge' })) limits.check(false, `event_pattern ${p.path}: ${p.message}`, 'fix the event pattern (see EventBridge "event patterns")');
    }
    return limits.outcome;
  },
});
