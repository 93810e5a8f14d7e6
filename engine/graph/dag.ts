/** The outcome of ordering a graph: every node with its dependencies first, or one cycle that prevents it. */
export type TopoResult =
  | { readonly ok: true; readonly order: string[] }
  | { readonly ok: false; readonly cycle: string[] };

/**
 * A directed acyclic graph of string-keyed nodes, where an edge says "node depends on dependency".
 * Both directions are indexed so that walks and reversals cost linear time.
 */
export class Graph {
  private readonly deps = new Map<string, Set<string>>();
  private readonly dependents = new Map<string, Set<string>>();

  /** Adds a node; adding it again changes nothing. */
  addNode(node: string): this {
    if (!this.deps.has(node)) {
      this.deps.set(node, new Set());
      this.dependents.set(node, new Set());
    }
    return this;
  }

  /** Records that `node` depends on `dependency` (adding both nodes when new). */
  addDependency(node: string, dependency: string): this {
    this.addNode(node).addNode(dependency);
    this.deps.get(node)!.add(dependency);
    this.dependents.get(dependency)!.add(node);
    return this;
  }

  /** True when the graph holds the node. */
  has(node: string): boolean {
    return this.deps.has(node);
  }

  /** Number of nodes. */
  get size(): number {
    return this.deps.size;
  }

  /** Every node, in insertion order. */
  nodes(): IterableIterator<string> {
    return this.deps.keys();
  }

  /** The nodes `node` depends on directly. */
  dependenciesOf(node: string): ReadonlySet<string> {
    return this.deps.get(node) ?? empty;
  }

  /** The nodes that depend directly on `node`. */
  dependentsOf(node: string): ReadonlySet<string> {
    return this.dependents.get(node) ?? empty;
  }

  /** A new graph with every edge turned around: the order for destroying what this graph creates. */
  reverse(): Graph {
    const g = new Graph();
    for (const n of this.deps.keys()) g.addNode(n);
    for (const [n, ds] of this.deps) for (const d of ds) g.addDependency(d, n);
    return g;
  }

  /** Orders the nodes dependencies-first (Kahn's algorithm), or reports a cycle. */
  topoOrder(): TopoResult {
    const remaining = new Map<string, number>();
    const ready: string[] = [];
    for (const [n, ds] of this.deps) {
      remaining.set(n, ds.size);
      if (ds.size === 0) ready.push(n);
    }
    const order: string[] = [];
    for (let i = 0; i < ready.length; i++) {
      const n = ready[i]!;
      order.push(n);
      for (const m of this.dependents.get(n)!) {
        const left = remaining.get(m)! - 1;
        remaining.set(m, left);
        if (left === 0) ready.push(m);
      }
    }
    if (order.length === this.deps.size) return { ok: true, order };
    return { ok: false, cycle: this.findCycle()! };
  }

  /**
   * One cycle, as the list of nodes in dependency order: each node depends on the next, and the
   * last on the first. Undefined when the graph is acyclic.
   */
  findCycle(): string[] | undefined {
    const state = new Map<string, 'open' | 'done'>();
    for (const start of this.deps.keys()) {
      if (state.has(start)) continue;
      // Iterative depth-first search so that deep graphs cannot overflow the stack.
      const path: string[] = [start];
      const iters: Iterator<string>[] = [this.deps.get(start)!.values()];
      state.set(start, 'open');
      while (path.length > 0) {
        const next = iters[iters.length - 1]!.next();
        if (next.done) {
          state.set(path.pop()!, 'done');
          iters.pop();
          continue;
        }
        const d = next.value;
        const s = state.get(d);
        if (s === 'open') return path.slice(path.indexOf(d));
        if (s === 'done') continue;
        state.set(d, 'open');
        path.push(d);
        iters.push(this.deps.get(d)!.values());
      }
    }
    return undefined;
  }
}

const empty: ReadonlySet<string> = new Set();

/** The edges of a cycle as [dependent, dependency] pairs, closing back to the first node: one line each in a report. */
export function cycleEdges(cycle: readonly string[]): [string, string][] {
  return cycle.map((n, i) => [n, cycle[(i + 1) % cycle.length]!]);
}
