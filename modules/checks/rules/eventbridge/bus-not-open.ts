import { isPublicGrant } from '../../iam';
import { fail, resourceRule } from '../../rule';
import { at, isSet } from '../../../core/values';

/** No event bus lets anyone (`*`) put events without a condition (e.g. on aws:PrincipalOrgID). */
export const eventBridgeBusNotOpen = resourceRule({
  id: 'EDA-EVB-001',
  service: 'EventBridge',
  severity: 'error',
  title: 'Event bus policies do not allow every account to put events',
  publicIds: { cdkNag: ['AwsSolutions-EVB1'] },
  resourceTypes: ['aws_cloudwatch_event_permission', 'aws_cloudwatch_event_bus_policy'],
  check(resource, graph) {
    if (resource.type === 'aws_cloudwatch_event_permission') {
      if (resource.config.principal !== '*') return;
      const condition = ['key', 'type', 'value'].every((k) => isSet(at(resource.config, `condition.${k}`)));
      if (condition) return;
      return fail('permission lets every AWS account (principal *) put events on the bus, with no condition', 'name the account as principal, or add a condition on aws:PrincipalOrgID');
    }
    const open = (graph.statements(resource.config.policy) ?? []).filter(isPublicGrant);
    if (open.length === 0) return;
    return fail('bus policy lets any principal (*) act on the bus with no condition', 'name the accounts, or add a condition on aws:PrincipalOrgID');
  },
});
