import { RoutingWarningCode } from '../../../routing/analyze';
import { ResourceGraph } from '../../graph';
import { Problem, Rule } from '../../rule';

const FIXES: Record<RoutingWarningCode, string> = {
  ROUTING_FILTER_NEVER_MATCHES: 'match fields the source actually delivers (EventBridge sends SNS the event as the message body: filter with scope MessageBody)',
  ROUTING_INVALID_FILTER: 'correct the pattern or filter policy so that AWS accepts it',
  ROUTING_UNREACHABLE_ENDPOINT: 'enable, start or correct a route to it, or remove it',
  ROUTING_ORPHAN_QUEUE: 'connect a producer and a consumer, or remove the queue',
  ROUTING_DEAD_END: 'add a target or subscription, or remove it',
  ROUTING_STREAM_DISABLED: "turn the table's stream on",
  ROUTING_COMPETING_CONSUMERS: 'give each consumer its own queue (fan out with a topic) unless sharing the work is intended',
  ROUTING_FIFO_MISMATCH: 'pair FIFO with FIFO where AWS requires it',
  ROUTING_DENIED: 'grant the call in the policy named, with conditions on keys the request carries (see docs/authorization.md)',
};

/**
 * The routing simulator's static analysis, as findings: routes that can never
 * deliver, filters that can never match what their source sends, queues with
 * neither producer nor consumer. No public checker follows events across
 * resources, so none of these has a public counterpart.
 */
export const routingAnalysis: Rule = {
  id: 'EDA-ROUTING-001',
  service: 'Routing',
  severity: 'warning',
  title: 'Every route can deliver: filters can match what their source sends, and every queue and topic is reachable and consumed',
  publicIds: {},
  evaluate(graph: ResourceGraph): Problem[] {
    const problems: Problem[] = [];
    for (const warning of graph.routingWarnings()) {
      // Denied hops are errors, reported by EDA-ROUTING-002.
      if (warning.code === 'ROUTING_DENIED') continue;
      const resource = graph.get(warning.address);
      if (resource) problems.push({ resource, message: warning.message, fix: FIXES[warning.code] });
    }
    return problems;
  },
};

