import { fail, resourceRule } from '../../rule';

/** A custom event bus has a resource-based policy saying who may put events on it. */
export const eventBridgeBusHasPolicy = resourceRule({
  id: 'EDA-EVB-003',
  service: 'EventBridge',
  severity: 'warning',
  title: 'Custom event buses have a resource-based policy',
  publicIds: { securityHub: ['EventBridge.3'], awsConfig: ['custom-eventbus-policy-attached'] },
  resourceTypes: ['aws_cloudwatch_event_bus'],
  check(bus, graph) {
    const policies = graph.referencesTo(bus).filter((r) => r.from.type === 'aws_cloudwatch_event_bus_policy' || r.from.type === 'aws_cloudwatch_event_permission');
    if (policies.length > 0) return;
    return fail('custom event bus has no resource-based policy', 'add an aws_cloudwatch_event_bus_policy naming who may put events on it');
  },
});
