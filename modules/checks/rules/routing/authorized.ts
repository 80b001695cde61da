import { ResourceGraph } from '../../graph';
import { Problem, Rule } from '../../rule';

/**
 * Every hop of the routing graph is allowed by the policies AWS evaluates for
 * it (resource policy, key policy, the caller's role), with the principal and
 * request context that service sends (docs/authorization.md). A denied hop
 * fails every delivery on AWS while offline tests of matching still pass.
 */
export const routingAuthorized: Rule = {
  id: 'EDA-ROUTING-002',
  service: 'Routing',
  severity: 'error',
  title: 'Every hop of the routing graph is allowed by the resource, key and identity policies AWS evaluates for it',
  publicIds: {},
  evaluate(graph: ResourceGraph): Problem[] {
    const problems: Problem[] = [];
    for (const warning of graph.routingWarnings()) {
      if (warning.code !== 'ROUTING_DENIED') continue;
      const resource = graph.get(warning.address);
      if (resource) {
        problems.push({ resource, message: warning.message, fix: 'grant the call in the policy named, with conditions on keys the request carries (see docs/authorization.md)' });
      }
    }
    return problems;
  },
};
