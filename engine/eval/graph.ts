import { checkReferences, cycleDiagnostics, type Module, moduleGraph } from '../config/index.js';
import type { Diagnostic, Range } from '../diag/index.js';
import type { Graph } from '../graph/index.js';

// The dependency graph the evaluator walks: engine/config builds it (one node per variable, local,
// resource, data source and output); this adds the evaluation order and the reference checks.

/** Node names: `var.x`, `local.x`, `type.name`, `data.type.name`, `output.x`. */
export type NodeId = string;

/** The graph, where each edge was written, the evaluation order, and the problems found. */
export interface ConfigGraph {
  readonly graph: Graph;
  /** Where `from` first refers to `to`. */
  edgeRange(from: string, to: string): Range | undefined;
  /** Nodes in dependency order (empty when there is a cycle). */
  readonly order: readonly NodeId[];
  readonly diagnostics: Diagnostic[];
}

/** Builds the graph, reporting undeclared references and any cycle (with a range for each of its edges). */
export function buildGraph(module: Module): ConfigGraph {
  const mg = moduleGraph(module);
  const diagnostics = checkReferences(module);
  const topo = mg.graph.topoOrder();
  if (topo.ok) return { ...mg, order: topo.order, diagnostics };
  return { ...mg, order: [], diagnostics: [...diagnostics, ...cycleDiagnostics(mg)] };
}
