import { Limits } from '../../limits';
import { resourceRule } from '../../rule';
import { isSet, literal } from '../../../core/values';

/**
 * A bus's arguments are within what the provider and CreateEventBus accept:
 * a custom bus's name has no `/` (partner buses, named after their event
 * source, do) and is not `default`; a bus policy is at most 10,240 characters.
 */
export const eventBridgeBusLimits = resourceRule({
  id: 'EDA-EVB-004',
  service: 'EventBridge',
  severity: 'error',
  title: 'Event bus arguments are within AWS limits',
  publicIds: {},
  resourceTypes: ['aws_cloudwatch_event_bus', 'aws_cloudwatch_event_bus_policy'],
  check(resource) {
    const limits = new Limits(resource.config);
    if (resource.type === 'aws_cloudwatch_event_bus_policy') return limits.json('policy', 10_240).outcome;
    const partner = isSet(resource.config.event_source_name);
    limits.matches('name', /^[\/\.\-_A-Za-z0-9]{1,256}$/, 'up to 256 of A-Z a-z 0-9 . _ - /');
    if (!partner) {
      limits.matches('name', /^[^/]*$/, 'without / (only partner event buses have one)');
      limits.check(literal(resource.config.name) !== 'default', 'name = "default": the default bus exists in every account and cannot be created', 'choose another name, or use the default bus without creating it');
    }
    return limits.outcome;
  },
});
