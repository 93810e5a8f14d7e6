import { describe, expect, it } from 'vitest';
import type { InstanceAddr } from '../../../../engine/addrs/index.js';
import { providerNamesUsed, resolveProviders } from '../../../../engine/plan/index.js';
import { State } from '../../../../engine/state/index.js';
import { moduleOf } from '../../../support/engine.js';

describe('provider names a run uses', () => {
  const module = moduleOf(`
provider "blue" {
  alias = "eu"
}
resource "test_thing" "a" {
  name = "a"
}
resource "other_thing" "b" {
  provider = blue.eu
}
data "lookup_item" "c" {
}
import {
  to = green_thing.d
  id = "d"
}
`);

  it('names the providers of resources, data sources, provider blocks and import blocks', () => {
    expect([...providerNamesUsed(module)].sort()).toEqual(['blue', 'green', 'lookup', 'test']);
  });

  it('adds the providers of every resource in the state, by name without alias', () => {
    const state = new State();
    const attrs = { attributes: {}, sensitivePaths: [], dependencies: [] };
    state.setInstance('gone_thing.x' as InstanceAddr, 'provider["gone"].west', attrs);
    state.setInstance('test_thing.a' as InstanceAddr, 'provider["test"]', attrs);
    expect([...providerNamesUsed(module, state)].sort()).toEqual(['blue', 'gone', 'green', 'lookup', 'test']);
  });

  it('configures through a function only what is used, and takes a configured set as it is', async () => {
    const asked: string[][] = [];
    const set = await resolveProviders(async (names) => {
      asked.push([...names].sort());
      return new Map();
    }, moduleOf('resource "test_thing" "a" {\n  name = "a"\n}\n'));
    expect(set.size).toBe(0);
    expect(asked).toEqual([['test']]);
    const given = new Map();
    expect(await resolveProviders(given, module)).toBe(given);
  });
});
