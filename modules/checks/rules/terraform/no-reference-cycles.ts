import { Rule } from '../../rule';

/**
 * The references between resources (`${…}` anywhere, `jsonencode`
 * included, and `depends_on`) form no cycle: Terraform refuses to plan a
 * configuration with one ("Cycle: …"), or a resource that refers to itself.
 * Strongly connected components are found with Tarjan's algorithm, in time
 * linear in resources and references.
 */
export const terraformNoReferenceCycles: Rule = {
  id: 'EDA-TF-001',
  service: 'Terraform',
  severity: 'error',
  title: 'Resources do not refer to each other in a cycle',
  publicIds: {},
  evaluate(graph) {
    const nodes = graph.all();
    const known = new Set(nodes.map((n) => n.address));
    const edges = new Map(nodes.map((n) => [n.address, [...new Set(graph.referencesFrom(n).map((r) => r.to).filter((to) => known.has(to)))]]));
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const components: string[][] = [];
    let next = 0;
    for (const root of nodes.map((n) => n.address)) {
      if (index.has(root)) continue;
      // Iterative Tarjan: each frame is a node and the position in its edge list.
      const frames: Array<[string, number]> = [[root, 0]];
      index.set(root, next);
      low.set(root, next++);
      stack.push(root);
      onStack.add(root);
      while (frames.length > 0) {
        const frame = frames[frames.length - 1];
        const [v, i] = frame;
        const out = edges.get(v) ?? [];
        if (i < out.length) {
          frame[1]++;
          const w = out[i];
          if (!index.has(w)) {
            index.set(w, next);
            low.set(w, next++);
            stack.push(w);
            onStack.add(w);
            frames.push([w, 0]);
          } else if (onStack.has(w)) {
            low.set(v, Math.min(low.get(v)!, index.get(w)!));
          }
          continue;
        }
        frames.pop();
        if (frames.length > 0) {
          const parent = frames[frames.length - 1][0];
          low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
        }
        if (low.get(v) === index.get(v)) {
          const component: string[] = [];
          let w: string;
          do {
            w = stack.pop()!;
            onStack.delete(w);
            component.push(w);
          } while (w !== v);
          if (component.length > 1 || (edges.get(v) ?? []).includes(v)) components.push(component.sort());
        }
      }
    }
    return components.map((component) => {
      const members = component.map((a) => graph.get(a)!);
      const names = members.map((m) => graph.label(m));
      return {
        resource: members[0],
        message:
          component.length === 1
            ? 'refers to itself, which Terraform refuses ("Self-referential block")'
            : `is in a reference cycle with ${names.slice(1).join(', ')}; Terraform refuses to plan it ("Cycle")`,
        fix: 'break the cycle: build one side from a name or ARN string instead of a reference, or move the policy or attachment into its own resource',
      };
    });
  },
};
