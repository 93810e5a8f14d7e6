import { configAddr, type InstanceAddr } from '../addrs/index.js';
import { Graph } from '../graph/index.js';
import { type Change, changeId } from '../plan/index.js';

// The apply graph: for each change an "apply" node (create, update, the create half of a
// replace, a deferred read) and/or a "destroy" node, ordered so that dependencies are created
// first and destroyed last, and a replacement deletes first unless it is create-before-destroy.

/** Closed set of node kinds in the apply graph. */
export type NodeKind = 'apply' | 'destroy';

/** The node id of a change's apply or destroy step (`address` is the change's id, see changeId). */
export const nodeId = (address: string, kind: NodeKind): string => `${address}#${kind}`;

/** The change id and kind of a node id. */
export function parseNode(id: string): { address: string; kind: NodeKind } {
  const i = id.lastIndexOf('#');
  return { address: id.slice(0, i), kind: id.slice(i + 1) as NodeKind };
}

const hasApply = (c: Change) =>
  c.action === 'create' || c.action === 'update' || c.action === 'replace' || c.action === 'read';
const hasDestroy = (c: Change) => c.action === 'delete' || c.action === 'replace';
const isDeposed = (c: Change) => c.action === 'delete' && c.deposed !== undefined;

/** Builds the apply graph of a plan's changes. Linear in changes plus dependency edges. */
export function applyGraph(changes: readonly Change[]): Graph {
  const g = new Graph();
  const applyBy = new Map<string, string[]>();
  const destroyBy = new Map<string, string[]>();
  const cbdDestroyBy = new Map<string, string[]>();
  const cbdNodes = new Set<string>();
  const push = (m: Map<string, string[]>, k: string, v: string) => {
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  };
  for (const c of changes) {
    const cfg = configAddr(c.address as InstanceAddr);
    const id = changeId(c);
    if (hasApply(c)) {
      g.addNode(nodeId(id, 'apply'));
      push(applyBy, cfg, nodeId(id, 'apply'));
    }
    if (hasDestroy(c)) {
      g.addNode(nodeId(id, 'destroy'));
      push(destroyBy, cfg, nodeId(id, 'destroy'));
      if (c.action === 'replace' && c.createBeforeDestroy) {
        push(cbdDestroyBy, cfg, nodeId(id, 'destroy'));
        cbdNodes.add(nodeId(id, 'destroy'));
      }
      // A deposed object goes after its dependents moved to the new object, or were destroyed.
      if (isDeposed(c)) push(cbdDestroyBy, cfg, nodeId(id, 'destroy'));
    }
  }
  for (const c of changes) {
    const a = nodeId(changeId(c), 'apply');
    const d = nodeId(changeId(c), 'destroy');
    if (c.action === 'replace') {
      if (c.createBeforeDestroy) g.addDependency(d, a);
      else g.addDependency(a, d);
    }
    for (const dep of c.dependencies) {
      if (hasApply(c)) {
        for (const n of applyBy.get(dep) ?? []) g.addDependency(a, n);
        // The old object of a create-before-destroy dependency goes once its dependents point at the new one.
        for (const n of cbdDestroyBy.get(dep) ?? []) g.addDependency(n, a);
      }
      // Nothing waits for a deposed object's delete, so that it can never close a cycle.
      if (hasDestroy(c) && !isDeposed(c)) {
        for (const n of destroyBy.get(dep) ?? []) if (!cbdNodes.has(n)) g.addDependency(n, d);
      }
    }
  }
  return g;
}
