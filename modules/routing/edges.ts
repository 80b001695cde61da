import { notificationLabel } from './buckets';
import { PipeNode, RoutingEdge, RoutingNode, TargetNode } from './nodes';

/** The edges between nodes: what can flow where (`route`), and where failures go (`deadLetter`). */
export function buildEdges(nodes: readonly RoutingNode[]): RoutingEdge[] {
  const edges: RoutingEdge[] = [];
  const route = (from: RoutingNode, to: RoutingNode | undefined, label?: string, via?: RoutingNode): void => {
    if (to) edges.push({ from, to, kind: 'route', label, via });
  };
  const dead = (from: RoutingNode, to: RoutingNode | undefined, label?: string, via?: RoutingNode): void => {
    if (to) edges.push({ from, to, kind: 'deadLetter', label, via });
  };
  for (const node of nodes) {
    switch (node.kind) {
      case 'rule':
        route(node.bus, node, node.pattern?.text ?? node.scheduleExpression);
        for (const t of node.targets) {
          route(node, t.endpoint, transformLabel(t), t);
          dead(node, t.deadLetterQueue, `target ${t.name} DLQ`, t);
        }
        break;
      case 'subscription':
        route(node.topic, node.endpoint, node.filterPolicyText ? `${node.filterPolicyScope}: ${node.filterPolicyText}` : undefined, node);
        dead(node.topic, node.deadLetterQueue, `subscription ${node.name} DLQ`, node);
        break;
      case 'queue':
        if (node.redrive) dead(node, node.redrive.deadLetterQueue, `maxReceiveCount ${node.redrive.maxReceiveCount}`);
        break;
      case 'function':
        dead(node, node.deadLetterTarget, 'async DLQ');
        dead(node, node.onFailure, 'on failure');
        break;
      case 'pipe':
        route(node.source, node, node.filters.map((f) => f.text).join(' | ') || undefined);
        // Pipes call the enrichment synchronously and send on what it returns.
        route(node, node.enrichment, 'enrichment');
        route(node, node.target, pipeLabel(node));
        dead(node, node.deadLetterQueue, 'DLQ');
        break;
      case 'bucket':
        route(node, node.eventBus, 'EventBridge notifications');
        for (const n of node.notifications) route(node, n.endpoint, `${n.id}: ${notificationLabel(n)}`);
        break;
      case 'workflow':
        for (const call of node.calls) route(node, call.endpoint, `Task ${call.state}`);
        break;
      case 'mapping':
        route(node.source, node.function, node.filters.map((f) => f.text).join(' | ') || undefined, node);
        dead(node.function, node.onFailure, 'on failure', node);
        break;
      default:
        break;
    }
  }
  return edges;
}

function transformLabel(t: TargetNode): string | undefined {
  if (t.inputTransformer) return `template ${t.inputTransformer.inputTemplate}`;
  if (t.inputPath) return `input_path ${t.inputPath}`;
  if (t.input) return `input ${t.input}`;
  if (t.partitionKeyPath) return `partition key ${t.partitionKeyPath}`;
  return undefined;
}

function pipeLabel(p: PipeNode): string | undefined {
  const parts: string[] = [];
  if (p.eventBusParameters?.source) parts.push(`source ${p.eventBusParameters.source}`);
  if (p.eventBusParameters?.detailType) parts.push(`detail-type ${p.eventBusParameters.detailType}`);
  if (p.inputTemplate) parts.push(`template ${p.inputTemplate}`);
  return parts.join(', ') || undefined;
}
