import { type Diagnostic, error, type Range } from '../diag/index.js';
import { cycleEdges, Graph } from '../graph/index.js';
import type { Expression } from '../hcl/index.js';
import { references } from '../lang/index.js';
import type { Module, ResourceDecl } from './module.js';
import { forEachExpr } from './references.js';

// The dependency graph of a module's named things (variables, locals, resources, data sources,
// outputs), built from the references in their expressions plus depends_on.

/** The graph, and where each edge is written. */
export interface ModuleGraph {
  readonly graph: Graph;
  /** Where `from` first refers to `to`; found again from the expressions when asked (only cycles need it). */
  edgeRange(from: string, to: string): Range | undefined;
}

/** Every expression of a resource block that may refer to another node, meta-arguments included. */
export function resourceExpressions(r: ResourceDecl): Expression[] {
  const out: Expression[] = [];
  for (const a of r.config.attributes) out.push(a.expr);
  for (const b of r.config.blocks) forEachExpr(b.body, (e) => out.push(e));
  if (r.count) out.push(r.count.expr);
  if (r.forEach) out.push(r.forEach.expr);
  out.push(...r.dependsOn, ...r.lifecycle.replaceTriggeredBy);
  if (r.timeouts) forEachExpr(r.timeouts.body, (e) => out.push(e));
  return out;
}

/** The graph node a reference points at, or undefined for names that are not nodes (count, each, path). */
export function referenceNode(root: string, steps: readonly (string | number)[]): string | undefined {
  const [a, b] = steps;
  if (typeof a !== 'string') return undefined;
  switch (root) {
    case 'var':
      return `var.${a}`;
    case 'local':
      return `local.${a}`;
    case 'data':
      return typeof b === 'string' ? `data.${a}.${b}` : undefined;
    case 'count':
    case 'each':
    case 'path':
    case 'self':
      return undefined;
    default:
      return `${root}.${a}`;
  }
}

/** The expressions of the node `from` that may refer to other nodes. */
function nodeExpressions(m: Module, from: string): Expression[] {
  if (from.startsWith('local.')) {
    const l = m.locals.get(from.slice(6));
    return l ? [l.expr] : [];
  }
  if (from.startsWith('output.')) {
    const o = m.outputs.get(from.slice(7));
    return o ? [o.value] : [];
  }
  const r = m.resources.get(from);
  return r ? resourceExpressions(r) : [];
}

/** Builds the module's dependency graph; references to undeclared names are left to checkReferences. */
export function moduleGraph(m: Module): ModuleGraph {
  const graph = new Graph();
  const link = (from: string, e: Expression) => {
    for (const ref of references(e)) {
      const to = referenceNode(ref.root, ref.steps);
      if (to && graph.has(to)) graph.addDependency(from, to);
    }
  };
  for (const v of m.variables.keys()) graph.addNode(`var.${v}`);
  for (const l of m.locals.keys()) graph.addNode(`local.${l}`);
  for (const r of m.resources.keys()) graph.addNode(r);
  for (const o of m.outputs.keys()) graph.addNode(`output.${o}`);
  for (const l of m.locals.values()) link(`local.${l.name}`, l.expr);
  for (const o of m.outputs.values()) link(`output.${o.name}`, o.value);
  for (const r of m.resources.values()) for (const e of resourceExpressions(r)) link(r.address, e);
  const edgeRange = (from: string, to: string): Range | undefined => {
    for (const e of nodeExpressions(m, from)) {
      for (const ref of references(e)) if (referenceNode(ref.root, ref.steps) === to) return ref.range;
    }
    return undefined;
  };
  return { graph, edgeRange };
}

/** One diagnostic per cycle found, listing every edge of it with the place it is written. */
export function cycleDiagnostics(mg: ModuleGraph): Diagnostic[] {
  const cycle = mg.graph.findCycle();
  if (!cycle) return [];
  const edges = cycleEdges(cycle);
  const lines = edges.map(([from, to]) => {
    const r = mg.edgeRange(from, to);
    return `  ${from} refers to ${to}${r ? ` at ${r.filename}:${r.start.line}:${r.start.column}` : ''}`;
  });
  const first = mg.edgeRange(edges[0][0], edges[0][1]);
  return [
    error(
      `Cycle: ${[...cycle, cycle[0]].join(' → ')}`,
      first,
      `These references form a cycle, so no order can evaluate them:\n${lines.join('\n')}`,
    ),
  ];
}
