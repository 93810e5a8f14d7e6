import { resolve } from 'node:path';
import { loadModule, moduleGraph } from '../../engine/config/index.js';
import { hasErrors } from '../../engine/diag/index.js';
import { printDiagnostics } from './report.js';

// `runform graph [DIR]`: the configuration's dependency graph (what refers to what), as Graphviz
// DOT or a Mermaid flowchart. Edges point from a node to what it depends on.

export interface GraphArgs {
  dir?: string;
  format?: 'dot' | 'mermaid';
}

/** The graph in DOT: one quoted node per line, then the edges, sorted so output is stable. */
function dot(nodes: readonly string[], edges: readonly [string, string][]): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = ['digraph runform {', '  rankdir = "RL";'];
  for (const n of nodes) lines.push(`  ${q(n)};`);
  for (const [a, b] of edges) lines.push(`  ${q(a)} -> ${q(b)};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The graph as a Mermaid flowchart; node ids are indices because addresses hold characters Mermaid reserves. */
function mermaid(nodes: readonly string[], edges: readonly [string, string][]): string {
  const id = new Map(nodes.map((n, i) => [n, `n${i}`]));
  const lines = ['flowchart RL'];
  for (const n of nodes) lines.push(`  ${id.get(n)}["${n.replaceAll('"', '#quot;')}"]`);
  for (const [a, b] of edges) lines.push(`  ${id.get(a)} --> ${id.get(b)}`);
  return `${lines.join('\n')}\n`;
}

/** Runs `runform graph`. */
export function graphHandler(args: GraphArgs): void {
  const loaded = loadModule(resolve(args.dir ?? '.'));
  printDiagnostics(loaded.diagnostics, loaded.module.sources, true);
  if (hasErrors(loaded.diagnostics)) {
    process.exitCode = 1;
    return;
  }
  const { graph } = moduleGraph(loaded.module);
  const nodes = [...graph.nodes()].sort();
  const edges: [string, string][] = [];
  for (const n of nodes) for (const d of [...graph.dependenciesOf(n)].sort()) edges.push([n, d]);
  process.stdout.write(args.format === 'mermaid' ? mermaid(nodes, edges) : dot(nodes, edges));
  process.exitCode = 0;
}
