import { describe, expect, it } from 'vitest';
import {
  driftedResource,
  driftReport,
  filterDrift,
  formatPath,
  parseIgnores,
  unappliedChanges,
} from '../../../../engine/drift/index.js';
import type { SchemaLookup } from '../../../../engine/plan/index.js';
import { drift, mixedPlan, SECRETS } from '../../cmd/views/fixtures.js';

const noSchemas: SchemaLookup = () => undefined;
const rules = (...texts: string[]) => {
  const r = parseIgnores(texts);
  expect(r.diagnostics).toEqual([]);
  return r.rules;
};

describe('drift report', () => {
  it('lists each changed leaf with before and after, sensitive ones redacted, deleted ones without attributes', () => {
    const [web, gitlab] = drift.map(driftedResource);
    expect(web).toEqual({
      address: 'apprunner_service.web',
      type: 'apprunner_service',
      change: 'updated',
      attributes: [
        {
          path: 'source_configuration.image_repository.image_configuration.runtime_environment_variables.API_KEY',
          before: '(sensitive value)',
          after: '(sensitive value)',
        },
        { path: 'tags.owner', before: 'platform', after: 'someone-else' },
      ],
    });
    expect(gitlab).toEqual({
      address: 'apprunner_connection.gitlab',
      type: 'apprunner_connection',
      change: 'deleted',
      attributes: [],
    });
    const json = JSON.stringify(driftReport(drift, [], 4, 10.4));
    for (const s of SECRETS) expect(json).not.toContain(s);
    expect(JSON.parse(json)).toMatchObject({ drifted: true, checked: 4, duration_ms: 10, unapplied: [] });
  });

  it('redacts a sensitive leaf inside a value reported whole (a list whose length changed)', () => {
    const d = {
      address: 'apprunner_service.web',
      type: 'apprunner_service',
      provider: 'apprunner',
      before: { value: { rules: [{ token: 's3cret-before', name: 'a' }] }, unknownPaths: [], sensitivePaths: [] },
      after: {
        value: {
          rules: [
            { token: 's3cret-after', name: 'a' },
            { token: 'x', name: 'b' },
          ],
        },
        unknownPaths: [],
        sensitivePaths: [['rules', 0, 'token']],
      },
    };
    expect(driftedResource(d).attributes).toEqual([
      {
        path: 'rules',
        before: [{ token: '(sensitive value)', name: 'a' }],
        after: [
          { token: '(sensitive value)', name: 'a' },
          { token: 'x', name: 'b' },
        ],
      },
    ]);
  });

  it('--ignore drops a whole resource, or single paths (block indexes and all instances of a resource accepted)', () => {
    expect(filterDrift(drift, rules('apprunner_connection.gitlab'), noSchemas).map((d) => d.address)).toEqual([
      'apprunner_service.web',
    ]);
    const tagsOnly = filterDrift(drift, rules('apprunner_service.web.tags.owner'), noSchemas);
    expect(driftedResource(tagsOnly[0]).attributes.map((a) => a.path)).toEqual([
      'source_configuration.image_repository.image_configuration.runtime_environment_variables.API_KEY',
    ]);
    const both = rules(
      'apprunner_service.web.tags',
      'apprunner_service.web.source_configuration[0].image_repository',
      'apprunner_connection.gitlab',
    );
    expect(filterDrift(drift, both, noSchemas)).toEqual([]);
    const indexed = [{ ...drift[1], address: 'apprunner_connection.gitlab["eu"]' }];
    expect(filterDrift(indexed, rules('apprunner_connection.gitlab'), noSchemas)).toEqual([]);
    expect(filterDrift(indexed, rules('apprunner_connection.gitlab["us"]'), noSchemas)).toHaveLength(1);
  });

  it('rejects a malformed --ignore with a message naming it', () => {
    const r = parseIgnores(['apprunner_service', 'apprunner_service.web.tags..x']);
    expect(r.rules).toEqual([]);
    expect(r.diagnostics.map((d) => d.summary)).toEqual([
      'Invalid --ignore value "apprunner_service"',
      'Invalid --ignore value "apprunner_service.web.tags..x"',
    ]);
  });

  it('writes paths the way --ignore reads them', () => {
    expect(formatPath(['a', 0, 'b', 'with space'])).toBe('a[0].b["with space"]');
    expect(parseIgnores(['t.n.a[0].b["with space"]']).rules[0].path).toEqual(['a', 0, 'b', 'with space']);
  });

  it('counts as unapplied only the changes planned against the state too, not the undoing of drift', () => {
    const refreshed = mixedPlan.changes;
    const againstState = refreshed.filter((c) => c.address !== 'apprunner_service.web');
    expect(unappliedChanges(refreshed, againstState).map((c) => `${c.address} ${c.action}`)).toEqual([
      'apprunner_auto_scaling_configuration.web create',
      'apprunner_custom_domain.web replace',
      'apprunner_observability_configuration.traces["eu"] update',
      'apprunner_vpc_connector.old[0] delete',
    ]);
  });
});
