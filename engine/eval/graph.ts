import type { Module, ResourceDecl } from '../config/index.js';
import { type Diagnostic, didYouMean, error, formatRange, type Range } from '../diag/index.js';
import { cycleEdges, Graph } from '../graph/index.js';
import type { Block, Expression } from '../hcl/index.js';
import { type Reference, references } from '../lang/index.js';

// The dependency graph of a configuration: one node per variable, local, resource, data source
// and output, an edge per reference or depends_on entry, each edge remembering where it was written.

/** Node names: `var.x`, `local.x`, `type.name`, `data.type.name`, `output.x`. */
export type NodeId = string;

/** The graph, where each edge was written, and the problems found building it. */
export interface ConfigGraph {
  readonly graph: Graph;
  /** `from -> to` → the range of the first reference that made the edge. */
  readonly edgeRanges: ReadonlyMap<string, Range>;
  /** Nodes in dependency order (empty when there is a cycle). */
  readonly order: readonly NodeId[];
  readonly diagnostics: Diagnostic[];
}

/** Root names that never refer to another node. */
const LOCAL_ROOTS = new Set(['count', 'each', 'path', 'self', 'terraform']);

/** The node a reference points at, or a diagnostic when it names nothing declared. */
export function referenceNode(module: Module, ref: Reference): { node?: NodeId; diag?: Diagnostic } {
  const [first, second] = ref.steps;
  if (LOCAL_ROOTS.has(ref.root)) return {};
  const undeclared = (what: string, name: string, names: Iterable<string>) => ({
    diag: error(
      `Reference to undeclared ${what}`,
      ref.range,
      `No ${what} named "${name}" is declared.${didYouMean(name, names)}`,
    ),
  });
  if (ref.root === 'var') {
    if (typeof first !== 'string') return {};
    return module.variables.has(first)
      ? { node: `var.${first}` }
      : undeclared('input variable', first, module.variables.keys());
  }
  if (ref.root === 'local') {
    if (typeof first !== 'string') return {};
    return module.locals.has(first)
      ? { node: `local.${first}` }
      : undeclared('local value', first, module.locals.keys());
  }
  if (ref.root === 'data') {
    if (typeof first !== 'string' || typeof second !== 'string') return {};
    const addr = `data.${first}.${second}`;
    return module.resources.has(addr)
      ? { node: addr }
      : undeclared('data source', `${first}.${second}`, dataNames(module));
  }
  if (typeof first !== 'string') {
    return {
      diag: error(
        'Invalid reference',
        ref.range,
        `"${ref.root}" is not a known name. A resource is referenced as TYPE.NAME, such as ${ref.root}.main.`,
      ),
    };
  }
  const addr = `${ref.root}.${first}`;
  return module.resources.has(addr) ? { node: addr } : undeclared('resource', addr, managedNames(module));
}

function* managedNames(module: Module): Iterable<string> {
  for (const r of module.resources.values()) if (r.mode === 'managed') yield r.address;
}
function* dataNames(module: Module): Iterable<string> {
  for (const r of module.resources.values()) if (r.mode === 'data') yield `${r.type}.${r.name}`;
}

/** Every expression in a resource block that may reference another node (meta-arguments included). */
export function resourceExpressions(r: ResourceDecl): Expression[] {
  const out: Expression[] = [];
  const body = (attrs: readonly { expr: Expression }[], blocks: readonly Block[]) => {
    for (const a of attrs) out.push(a.expr);
    for (const b of blocks) body(b.body.attributes, b.body.blocks);
  };
  body(r.config.attributes, r.config.blocks);
  if (r.count) out.push(r.count.expr);
  if (r.forEach) out.push(r.forEach.expr);
  out.push(...r.dependsOn, ...r.lifecycle.replaceTriggeredBy);
  if (r.timeouts) for (const a of r.timeouts.body.attributes) out.push(a.expr);
  return out;
}

/** Builds the graph, reporting undeclared references and any cycle (with a range for each of its edges). */
export function buildGraph(module: Module): ConfigGraph {
  const graph = new Graph();
  const edgeRanges = new Map<string, Range>();
  const diagnostics: Diagnostic[] = [];
  const link = (from: NodeId, exprs: readonly Expression[]) => {
    graph.addNode(from);
    for (const e of exprs) {
      for (const ref of references(e)) {
        const { node, diag } = referenceNode(module, ref);
        if (diag) diagnostics.push(diag);
        if (!node) continue;
        graph.addDependency(from, node);
        const key = `${from} -> ${node}`;
        if (!edgeRanges.has(key)) edgeRanges.set(key, ref.range);
      }
    }
  };
  for (const v of module.variables.values()) link(`var.${v.name}`, []);
  for (const l of module.locals.values()) link(`local.${l.name}`, [l.expr]);
  for (const r of module.resources.values()) link(r.address, resourceExpressions(r));
  for (const o of module.outputs.values()) link(`output.${o.name}`, [o.value]);
  const topo = graph.topoOrder();
  if (topo.ok) return { graph, edgeRanges, order: topo.order, diagnostics };
  const edges = cycleEdges(topo.cycle);
  const lines = edges.map(([a, b]) => {
    const r = edgeRanges.get(`${a} -> ${b}`);
    return `  ${a} refers to ${b}${r ? ` at ${formatRange(r)}` : ''}`;
  });
  diagnostics.push(
    error(
      'Dependency cycle',
      edgeRanges.get(`${edges[0][0]} -> ${edges[0][1]}`),
      `These references form a cycle, so no order can evaluate them:\n${lines.join('\n')}`,
    ),
  );
  return { graph, edgeRanges, order: [], diagnostics };
}
