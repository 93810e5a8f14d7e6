import type { Graph } from './dag.js';

/** How a node ended in a walk. Only `failed` outcomes are root causes; `skipped` names its root cause. */
export type NodeOutcome =
  | { readonly status: 'succeeded' }
  | { readonly status: 'failed'; readonly error: unknown }
  | { readonly status: 'skipped'; readonly cause: string }
  | { readonly status: 'cancelled' };

/** Closed set of node statuses in a walk result. */
export type NodeStatus = NodeOutcome['status'];

/** Work done for one node. It receives the walk's signal and should stop early when it fires. */
export type Visit = (node: string, signal: AbortSignal) => Promise<void> | void;

/** Walk options. `direction: 'reverse'` visits dependents first, as destroy needs. */
export interface WalkOptions {
  readonly parallelism?: number;
  readonly signal?: AbortSignal;
  readonly direction?: 'forward' | 'reverse';
}

/** The outcome of every node, and the root-cause failures in the order they happened. */
export interface WalkResult {
  readonly outcomes: ReadonlyMap<string, NodeOutcome>;
  readonly errors: readonly { readonly node: string; readonly error: unknown }[];
}

/** The default bound on concurrent visits. */
export const DEFAULT_PARALLELISM = 32;

/** Thrown when asked to walk a graph that has a cycle: callers validate the graph first. */
export class GraphCycleError extends Error {
  constructor(readonly cycle: readonly string[]) {
    super(`cannot walk a graph with a cycle: ${cycle.join(' -> ')} -> ${cycle[0]}`);
    this.name = 'GraphCycleError';
  }
}

/**
 * Visits every node once all of its dependencies succeeded, with at most `parallelism` visits
 * in flight. A failure skips everything downstream of it while independent branches go on; after
 * an abort no visit starts and the nodes not yet finished are reported as cancelled.
 */
export async function walk(graph: Graph, visit: Visit, opts: WalkOptions = {}): Promise<WalkResult> {
  const cycle = graph.findCycle();
  if (cycle) throw new GraphCycleError(cycle);
  const parallelism = Math.max(1, opts.parallelism ?? DEFAULT_PARALLELISM);
  const reverse = opts.direction === 'reverse';
  const upstream = (n: string) => (reverse ? graph.dependentsOf(n) : graph.dependenciesOf(n));
  const downstream = (n: string) => (reverse ? graph.dependenciesOf(n) : graph.dependentsOf(n));
  const signal = opts.signal ?? new AbortController().signal;

  const outcomes = new Map<string, NodeOutcome>();
  const errors: { node: string; error: unknown }[] = [];
  const waiting = new Map<string, number>();
  const ready: string[] = [];
  for (const n of graph.nodes()) {
    const count = upstream(n).size;
    waiting.set(n, count);
    if (count === 0) ready.push(n);
  }
  let head = 0;
  let inFlight = 0;

  // Each node is marked at most once, so skipping a whole subtree stays linear.
  const skipDownstream = (root: string, from: string) => {
    const stack = [from];
    while (stack.length > 0) {
      for (const m of downstream(stack.pop()!)) {
        if (outcomes.has(m)) continue;
        outcomes.set(m, { status: 'skipped', cause: root });
        stack.push(m);
      }
    }
  };

  return new Promise<WalkResult>((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      for (const n of graph.nodes()) if (!outcomes.has(n)) outcomes.set(n, { status: 'cancelled' });
      resolve({ outcomes, errors });
    };
    const settle = (node: string, outcome: NodeOutcome) => {
      inFlight--;
      outcomes.set(node, outcome);
      if (outcome.status === 'succeeded') {
        for (const m of downstream(node)) {
          const left = waiting.get(m)! - 1;
          waiting.set(m, left);
          if (left === 0 && !outcomes.has(m)) ready.push(m);
        }
      } else if (outcome.status === 'failed') {
        errors.push({ node, error: outcome.error });
        skipDownstream(node, node);
      }
      pump();
    };
    const pump = () => {
      while (!signal.aborted && inFlight < parallelism && head < ready.length) {
        const node = ready[head++]!;
        if (outcomes.has(node)) continue;
        inFlight++;
        run(node);
      }
      if (inFlight === 0 && (signal.aborted || head >= ready.length)) finish();
    };
    const run = (node: string) => {
      let result: Promise<void> | void;
      try {
        result = visit(node, signal);
      } catch (error) {
        // Settle on a later tick so that a synchronous visit cannot recurse without bound.
        queueMicrotask(() => settle(node, failure(error)));
        return;
      }
      Promise.resolve(result).then(
        () => settle(node, { status: 'succeeded' }),
        (error: unknown) => settle(node, failure(error)),
      );
    };
    const failure = (error: unknown): NodeOutcome =>
      signal.aborted ? { status: 'cancelled' } : { status: 'failed', error };
    function onAbort() {
      if (inFlight === 0) finish();
    }
    signal.addEventListener('abort', onAbort);
    if (signal.aborted) finish();
    else pump();
  });
}
