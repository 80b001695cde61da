import { describeNode, type NodeBase, type NodeKind, type PipeNode, type QueueNode, type RoutingModel, type RoutingNode, type TableNode } from '../routing';
import type { SimulationOptions } from './inputs';

/** What `consumerFailures` may name: what runs code on a record, or a queue or table, meaning its consumers. */
const CONSUMER_KINDS: readonly NodeKind[] = ['function', 'mapping', 'pipe', 'queue', 'table'];
/** What `deliveryFailures` may name: what delivers, and what is delivered to. */
const DELIVERY_KINDS: readonly NodeKind[] = ['target', 'subscription', 'pipe', 'bus', 'topic', 'queue', 'function', 'workflow', 'external'];

/**
 * The failures a simulation is told to make, by node: how many attempts of
 * each consumer or delivery fail in a row (`Infinity`: every one). Asking
 * whether an attempt fails uses one failure up.
 */
export class Failures {
  private readonly consumers = new Map<string, number>();
  private readonly deliveries = new Map<string, number>();

  constructor(model: RoutingModel, options: Pick<SimulationOptions, 'consumerFailures' | 'deliveryFailures'>) {
    load(model, options.consumerFailures, CONSUMER_KINDS, this.consumers, 'consumerFailures');
    load(model, options.deliveryFailures, DELIVERY_KINDS, this.deliveries, 'deliveryFailures');
  }

  /** Whether this attempt of a consumer fails (the first of `nodes` with failures left gives one). */
  consumerFails(nodes: ReadonlyArray<NodeBase | undefined>): boolean {
    return take(this.consumers, nodes);
  }

  /** Whether this delivery attempt fails. */
  deliveryFails(nodes: ReadonlyArray<NodeBase | undefined>): boolean {
    return take(this.deliveries, nodes);
  }

  /** Whether every attempt of a consumer fails. */
  consumerFailsForever(nodes: ReadonlyArray<NodeBase | undefined>): boolean {
    return forever(this.consumers, nodes);
  }

  /** Whether every attempt of a pipe fails, at delivery or in its target. */
  pipeFailsForever(pipe: PipeNode): boolean {
    return forever(this.deliveries, [pipe, pipe.target]) || forever(this.consumers, [pipe, pipe.target]);
  }

  /** How many delivery attempts of at most `max` fail, using the failures up. */
  failedDeliveries(nodes: ReadonlyArray<NodeBase | undefined>, max: number): number {
    if (forever(this.deliveries, nodes)) return max;
    let n = 0;
    while (n < max && take(this.deliveries, nodes)) n++;
    return n;
  }
}

function load(model: RoutingModel, spec: Readonly<Record<string, number>> | undefined, kinds: readonly NodeKind[], into: Map<string, number>, option: string): void {
  const consumers = option === 'consumerFailures';
  for (const [ref, count] of Object.entries(spec ?? {})) {
    // A queue or table fails through what consumes it (its event source mappings and pipes).
    const nodes = model.find(ref, kinds).flatMap((n) => (consumers && isConsumed(n) ? n.consumers : [n]));
    if (nodes.length === 0) {
      const candidates = model.nodes.filter((n) => kinds.includes(n.kind) && (!consumers || !isConsumed(n) || n.consumers.length > 0));
      throw new Error(
        `${option}: "${ref}" matches no ${kinds.join(', ')} in the stack (name, ARN, construct path or address). ` +
          `Candidates: ${candidates.length > 0 ? candidates.map(describeNode).join(', ') : 'none'}`,
      );
    }
    for (const n of nodes) into.set(n.address, count);
  }
}

function isConsumed(node: RoutingNode): node is QueueNode | TableNode {
  return node.kind === 'queue' || node.kind === 'table';
}

function take(map: Map<string, number>, nodes: ReadonlyArray<NodeBase | undefined>): boolean {
  for (const n of nodes) {
    const left = n && map.get(n.address);
    if (n && left && left > 0) {
      map.set(n.address, left - 1);
      return true;
    }
  }
  return false;
}

function forever(map: Map<string, number>, nodes: ReadonlyArray<NodeBase | undefined>): boolean {
  return nodes.some((n) => n !== undefined && map.get(n.address) === Infinity);
}
