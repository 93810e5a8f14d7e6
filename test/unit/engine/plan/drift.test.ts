import { describe, expect, it } from 'vitest';
import type { InstanceAddr } from '../../../../engine/addrs/index.js';
import { driftOf, type SchemaLookup } from '../../../../engine/plan/index.js';
import { State } from '../../../../engine/state/index.js';
import type { JsonObject, ResourceSchema } from '../../../../providers/provider.js';

const schema: ResourceSchema = {
  type: 'test_revision',
  kind: 'resource',
  description: 'A revision that services can use',
  args: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' } } },
  attributes: {
    name: {},
    status: { computed: true },
    in_use: { computed: true, sideEffect: true },
  },
};
const lookup: SchemaLookup = () => ({ schema });

function driftBetween(stored: JsonObject, live: JsonObject) {
  const state = new State();
  state.setInstance('test_revision.r' as InstanceAddr, 'provider["test"]', {
    attributes: stored,
    sensitivePaths: [],
    dependencies: [],
  });
  const refreshed = {
    live: new Map([['test_revision.r', { exists: true as const, attrs: live }]]),
    imports: new Map(),
    data: new Map(),
  };
  return driftOf(state, refreshed, lookup);
}

describe('drift', () => {
  it('does not report an attribute that changes as a side effect of other resources', () => {
    expect(
      driftBetween({ name: 'r', status: 'ACTIVE', in_use: false }, { name: 'r', status: 'ACTIVE', in_use: true }),
    ).toEqual([]);
  });

  it('still reports any other attribute changed outside, alongside a side effect', () => {
    const d = driftBetween(
      { name: 'r', status: 'ACTIVE', in_use: false },
      { name: 'r', status: 'INACTIVE', in_use: true },
    );
    expect(d.map((x) => x.address)).toEqual(['test_revision.r']);
    expect(d[0].after?.value).toMatchObject({ status: 'INACTIVE' });
  });
});
