import { describe, expect, it } from 'vitest';
import { applyGraph, nodeId } from '../../../../engine/apply/index.js';
import type { Change } from '../../../../engine/plan/index.js';

const v = { value: {}, unknownPaths: [], sensitivePaths: [] };
const base = (address: string, dependencies: string[] = []) => ({
  address,
  type: 'test_thing',
  provider: 'test',
  dependencies,
});
const create = (a: string, deps?: string[]): Change => ({ ...base(a, deps), action: 'create', after: v });
const del = (a: string, deps?: string[]): Change => ({
  ...base(a, deps),
  action: 'delete',
  before: v,
  reason: 'delete_because_no_resource_config',
});
const replace = (a: string, cbd: boolean, deps?: string[]): Change => ({
  ...base(a, deps),
  action: 'replace',
  before: v,
  after: v,
  reason: 'replace_because_cannot_update',
  replacePaths: [],
  createBeforeDestroy: cbd,
});

const order = (changes: Change[]) => {
  const t = applyGraph(changes).topoOrder();
  if (!t.ok) throw new Error(`cycle: ${t.cycle.join(', ')}`);
  return (n: string) => t.order.indexOf(n);
};

describe('apply graph', () => {
  it('creates dependencies first (every instance of a counted dependency)', () => {
    const at = order([
      create('test_thing.app', ['test_thing.db']),
      create('test_thing.db[0]'),
      create('test_thing.db[1]'),
    ]);
    expect(at(nodeId('test_thing.db[0]', 'apply'))).toBeLessThan(at(nodeId('test_thing.app', 'apply')));
    expect(at(nodeId('test_thing.db[1]', 'apply'))).toBeLessThan(at(nodeId('test_thing.app', 'apply')));
  });

  it('deletes dependents before what they depend on', () => {
    const at = order([del('test_thing.db'), del('test_thing.app', ['test_thing.db'])]);
    expect(at(nodeId('test_thing.app', 'destroy'))).toBeLessThan(at(nodeId('test_thing.db', 'destroy')));
  });

  it('a replacement deletes then creates; with create_before_destroy the old object goes after its dependents moved', () => {
    const at = order([
      replace('test_thing.a', false),
      replace('test_thing.db', true),
      create('test_thing.app', ['test_thing.db']),
    ]);
    expect(at(nodeId('test_thing.a', 'destroy'))).toBeLessThan(at(nodeId('test_thing.a', 'apply')));
    expect(at(nodeId('test_thing.db', 'apply'))).toBeLessThan(at(nodeId('test_thing.db', 'destroy')));
    expect(at(nodeId('test_thing.app', 'apply'))).toBeLessThan(at(nodeId('test_thing.db', 'destroy')));
  });

  it('no-op changes add no node', () => {
    const g = applyGraph([{ ...base('test_thing.a'), action: 'no-op', before: v }]);
    expect(g.size).toBe(0);
  });
});
