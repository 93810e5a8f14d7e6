import { describe, expect, it } from 'vitest';
import { cycleEdges, Graph } from '../../../../engine/graph/index.js';

const chain = () => new Graph().addDependency('app', 'db').addDependency('db', 'vpc').addDependency('app', 'vpc');

describe('Graph', () => {
  it('orders dependencies before their dependents', () => {
    const r = chain().addNode('lonely').topoOrder();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.order).toHaveLength(4);
    expect(r.order.indexOf('vpc')).toBeLessThan(r.order.indexOf('db'));
    expect(r.order.indexOf('db')).toBeLessThan(r.order.indexOf('app'));
  });

  it('reverses every edge, for destroy order', () => {
    const g = chain().reverse();
    expect([...g.dependenciesOf('vpc')].sort()).toEqual(['app', 'db']);
    expect(g.dependenciesOf('app').size).toBe(0);
    const r = g.topoOrder();
    expect(r.ok && r.order).toEqual(['app', 'db', 'vpc']);
  });

  it('reports the whole cycle, each node depending on the next', () => {
    const g = new Graph()
      .addDependency('entry', 'a')
      .addDependency('a', 'b')
      .addDependency('b', 'c')
      .addDependency('c', 'a')
      .addDependency('c', 'leaf');
    const r = g.topoOrder();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.cycle).toHaveLength(3);
    for (let i = 0; i < r.cycle.length; i++) {
      expect(g.dependenciesOf(r.cycle[i]!).has(r.cycle[(i + 1) % r.cycle.length]!)).toBe(true);
    }
    expect(new Set(r.cycle)).toEqual(new Set(['a', 'b', 'c']));
    const edges = cycleEdges(r.cycle);
    expect(edges).toHaveLength(3);
    for (const [from, to] of edges) expect(g.dependenciesOf(from).has(to)).toBe(true);
  });

  it('reports a self-dependency as a one-node cycle', () => {
    expect(new Graph().addDependency('x', 'x').findCycle()).toEqual(['x']);
  });

  it('finds no cycle in a deep chain without overflowing the stack', () => {
    const g = new Graph();
    for (let i = 1; i < 100_000; i++) g.addDependency(`n${i}`, `n${i - 1}`);
    expect(g.findCycle()).toBeUndefined();
    const r = g.topoOrder();
    expect(r.ok && r.order[99_999]).toBe('n99999');
  });
});
