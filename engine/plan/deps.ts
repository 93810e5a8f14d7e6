import type { Module } from '../config/index.js';
import type { ConfigGraph } from '../eval/index.js';

// Resource-level dependencies (looking through variables and locals), and the subsets that
// --target (a target and everything it depends on) and --exclude (a resource and its dependents) select.

/** For each resource node, the resources it depends on directly, looking through locals and variables. */
export function resourceDependencies(module: Module, cg: ConfigGraph): Map<string, string[]> {
  const memo = new Map<string, Set<string>>();
  const through = (node: string): Set<string> => {
    const m = memo.get(node);
    if (m) return m;
    const out = new Set<string>();
    memo.set(node, out);
    for (const d of cg.graph.dependenciesOf(node)) {
      if (module.resources.has(d)) out.add(d);
      else for (const x of through(d)) out.add(x);
    }
    return out;
  };
  const result = new Map<string, string[]>();
  for (const addr of module.resources.keys()) {
    const s = through(addr);
    s.delete(addr);
    result.set(addr, [...s]);
  }
  return result;
}

/** Every node reachable from `starts` following `next` (starts included). */
export function closure(starts: Iterable<string>, next: (n: string) => Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const m of next(n)) if (!seen.has(m)) stack.push(m);
  }
  return seen;
}
