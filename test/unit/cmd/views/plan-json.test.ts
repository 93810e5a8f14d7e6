import { describe, expect, it } from 'vitest';
import { addressParts, markTree, plannedOutput, safeValue } from '../../../../cmd/views/plan-json.js';

// The pieces of the JSON plan representation that carry secrets and unknowns: marker trees and
// the values printed beside them.

describe('marker trees', () => {
  it('mark a sensitive leaf true, keep nested objects and list positions, drop unmarked members', () => {
    const value = { name: 'a', env: { TOKEN: 'x', PLAIN: 'y' }, list: ['p', 'q'], tags: {} };
    expect(
      markTree(value, [
        ['env', 'TOKEN'],
        ['list', 1],
      ]),
    ).toEqual({
      env: { TOKEN: true },
      list: [false, true],
      tags: {},
    });
    expect(markTree(value, [])).toEqual({ env: {}, list: [false, false], tags: {} });
  });

  it('mark the whole value true when the path is empty, and reach unknowns the value does not hold yet', () => {
    expect(markTree({ a: 1 }, [[]])).toBe(true);
    expect(markTree({ a: 1 }, [['id'], ['cfg', 'port']])).toEqual({ id: true, cfg: { port: true } });
  });
});

describe('printed values', () => {
  it('write sensitive leaves as null and leave unknown ones out', () => {
    const v = safeValue({
      value: { name: 'a', secret: 's3cret', nested: { key: 'k', id: null }, list: ['x', 's3cret2'] },
      unknownPaths: [['nested', 'id']],
      sensitivePaths: [['secret'], ['list', 1]],
    });
    expect(v).toEqual({ name: 'a', secret: null, nested: { key: 'k' }, list: ['x', null] });
    expect(JSON.stringify(v)).not.toContain('s3cret');
  });

  it('read a planned output of any type from under its `value` key', () => {
    expect(plannedOutput({ value: { value: 'https://x' }, unknownPaths: [], sensitivePaths: [] })).toMatchObject({
      known: true,
      sensitive: false,
      value: 'https://x',
    });
    const secret = plannedOutput({ value: { value: 'pw' }, unknownPaths: [], sensitivePaths: [['value']] });
    expect(secret).toMatchObject({ sensitive: true, value: null, sensitiveTree: true });
    const later = plannedOutput({ value: { value: null }, unknownPaths: [['value']], sensitivePaths: [] });
    expect(later).toMatchObject({ known: false, unknown: true, value: null });
  });
});

describe('addresses', () => {
  it('split into mode, type, name, key and the provider the type implies', () => {
    expect(addressParts('apprunner_service.web["eu"]')).toEqual({
      mode: 'managed',
      type: 'apprunner_service',
      name: 'web',
      index: 'eu',
      impliedProvider: 'apprunner',
    });
    expect(addressParts('data.apprunner_service.x[0]')).toMatchObject({ mode: 'data', index: 0 });
  });
});
