import { readFileSync } from 'fs';
import { createRequire } from 'module';
import { RoutingModel, RoutingNode, RoutingSource } from '../routing/model';

/** Options of {@link toDot}. */
export interface DotOptions {
  /** Graph title, shown at the top. @default none */
  readonly title?: string;
  /** Longest line of an edge label before it wraps. @default 48 */
  readonly labelWidth?: number;
  /** Most lines of an edge label; the rest is cut with `…`. @default 6 */
  readonly labelLines?: number;
}

const STYLE: Record<RoutingNode['kind'], string> = {
  bus: 'shape=box, style="rounded,filled", fillcolor="#ffe0b2"',
  rule: 'shape=ellipse, style=filled, fillcolor="#fff3e0"',
  topic: 'shape=hexagon, style=filled, fillcolor="#f8bbd0"',
  queue: 'shape=cylinder, style=filled, fillcolor="#e1bee7"',
  function: 'shape=box, style="rounded,filled", fillcolor="#c8e6c9"',
  table: 'shape=tab, style=filled, fillcolor="#bbdefb"',
  stream: 'shape=cds, style=filled, fillcolor="#d1c4e9"',
  pipe: 'shape=cds, style=filled, fillcolor="#b2ebf2"',
  workflow: 'shape=component, style=filled, fillcolor="#c5cae9"',
  bucket: 'shape=folder, style=filled, fillcolor="#dcedc8"',
  external: 'shape=note, style=dashed',
  target: '',
  subscription: '',
  mapping: '',
};
const DLQ_STYLE = 'shape=cylinder, style=filled, fillcolor="#ffcdd2", color="#c62828"';

/**
 * The routing graph as Graphviz DOT: buses, rules, topics, queues, functions,
 * tables, pipes and outside endpoints as nodes; routes as edges labelled with
 * their pattern, filter policy (and scope) or input transform; dead-letter
 * routes dashed red, and dead-letter queues red.
 */
export function toDot(source: RoutingSource, options: DotOptions = {}): string {
  const model = RoutingModel.from(source);
  const edges = model.edges();
  const used = new Set<RoutingNode>();
  for (const e of edges) used.add(e.from).add(e.to);
  const deadLetterQueues = new Set(edges.filter((e) => e.kind === 'deadLetter').map((e) => e.to));
  const shown = model.nodes.filter(
    (n) => !['target', 'subscription', 'mapping'].includes(n.kind) && !(n.kind === 'bus' && n.implicit && !used.has(n)) && !(n.kind === 'external' && !used.has(n)),
  );
  const ids = new Map(shown.map((n, i) => [n, `n${i}`]));
  const width = options.labelWidth ?? 48;
  const lines = options.labelLines ?? 6;
  const out = ['digraph routing {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=11];', '  edge [fontname="Helvetica", fontsize=9];'];
  if (options.title) out.push(`  labelloc=t; label=${quote(options.title)};`);
  for (const n of shown) {
    const style = n.kind === 'queue' && deadLetterQueues.has(n) ? DLQ_STYLE : STYLE[n.kind];
    // An endpoint not known at synth is drawn by its expression alone, never as an outside resource.
    const label = n.unresolved ? n.unresolved : `${n.kind === 'queue' && deadLetterQueues.has(n) ? 'dead-letter queue' : n.kind}\n${n.name}`;
    out.push(`  ${ids.get(n)} [label=${quote(label)}, ${style}${n.path ? `, tooltip=${quote(n.path)}` : ''}];`);
  }
  for (const e of edges) {
    const from = ids.get(e.from);
    const to = ids.get(e.to);
    if (!from || !to) continue;
    const attrs: string[] = [];
    if (e.label) attrs.push(`label=${quote(wrap(e.label, width, lines))}`);
    if (e.kind === 'deadLetter') attrs.push('style=dashed', 'color="#c62828"', 'fontcolor="#c62828"');
    out.push(`  ${from} -> ${to}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Wraps at `width`, after a comma or space when one is near, keeping at most `maxLines` lines. */
function wrap(text: string, width: number, maxLines: number): string {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width && lines.length < maxLines) {
    const window = rest.slice(0, width);
    const cut = Math.max(window.lastIndexOf(','), window.lastIndexOf(' '));
    const at = cut > width / 2 ? cut + 1 : width;
    lines.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (lines.length < maxLines) lines.push(rest);
  else lines[maxLines - 1] = `${lines[maxLines - 1].slice(0, width - 1)}…`;
  return lines.join('\n');
}

type GraphvizModule = typeof import('@hpcc-js/wasm-graphviz');
let graphviz: ReturnType<GraphvizModule['Graphviz']['load']> | undefined;

/**
 * Renders DOT to SVG in process with Graphviz compiled to WebAssembly
 * (`@hpcc-js/wasm-graphviz`): no `dot` binary needed. The first call loads
 * the WebAssembly module (about 100 ms); later calls reuse it.
 */
export async function renderSvg(dot: string): Promise<string> {
  graphviz ??= loadGraphviz().Graphviz.load();
  return (await graphviz).dot(dot, 'svg');
}

/**
 * The package is ESM only. Node (>= 20.19) requires ESM natively; test
 * runners that cannot (Jest before Node 24.9) get the bundle evaluated as a
 * script: it is one self-contained file whose only ESM syntax is its final
 * export list.
 */
function loadGraphviz(): GraphvizModule {
  const nodeRequire = createRequire(__filename);
  try {
    return nodeRequire('@hpcc-js/wasm-graphviz') as GraphvizModule;
  } catch (error) {
    const source = readFileSync(nodeRequire.resolve('@hpcc-js/wasm-graphviz'), 'utf8');
    const tail = /export\s*\{([^}]*)\};?\s*(?:\/\/# sourceMappingURL=\S*\s*)?$/.exec(source);
    if (!tail) throw error;
    const names = tail[1].split(',').map((entry) => {
      const [local, exported = local] = entry.trim().split(/\s+as\s+/);
      return `${JSON.stringify(exported)}: ${local}`;
    });
    return new Function(`'use strict';\n${source.slice(0, tail.index)}\nreturn { ${names.join(', ')} };`)() as GraphvizModule;
  }
}
