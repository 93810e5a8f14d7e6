import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  dataSourceSchemas,
  loadSchemaDir,
  parseSchemaFile,
  resourceSchemas,
} from '../../../../providers/apprunner/schemas.js';
import { packageRoot } from '../../../../providers/package-root.js';

const RESOURCE_TYPES = [
  'apprunner_auto_scaling_configuration',
  'apprunner_connection',
  'apprunner_custom_domain',
  'apprunner_default_auto_scaling_configuration',
  'apprunner_observability_configuration',
  'apprunner_service',
  'apprunner_vpc_connector',
  'apprunner_vpc_ingress_connection',
];

const minimal = (type: string, kind = 'resource'): Record<string, unknown> => ({
  $comment: 'generated',
  type,
  kind,
  description: 'x',
  args: { type: 'object', properties: {}, additionalProperties: false },
  attributes: { arn: { description: 'x', computed: true } },
});

describe('resource schema loader', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'runform-schema-loader-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('loads every resource type and data source from the checked-in files', () => {
    expect([...resourceSchemas().keys()].sort()).toEqual(RESOURCE_TYPES);
    expect([...dataSourceSchemas().keys()].sort()).toEqual([
      'apprunner_auto_scaling_configuration',
      'apprunner_connection',
      'apprunner_service',
    ]);
    for (const s of dataSourceSchemas().values()) expect(s.kind).toBe('data');
  });

  it('returns the generated metadata the engine relies on', () => {
    const service = resourceSchemas().get('apprunner_service')!;
    expect(service.timeouts).toEqual({ create: 1_200_000, update: 1_200_000, delete: 1_200_000 });
    expect(service.attributes['instance_configuration.cpu']).toMatchObject({ normalize: 'cpu', default: '1024' });
    expect(
      service.attributes['source_configuration.image_repository.image_configuration.runtime_environment_variables.*'],
    ).toMatchObject({ sensitive: true });
    expect(resourceSchemas().get('apprunner_vpc_connector')!.createBeforeDestroyByDefault).toBe(true);
    expect('$comment' in service).toBe(false);
  });

  it('finds the package root from a folder nested as deep as dist/providers/apprunner', () => {
    const root = join(tmp, 'pkg');
    mkdirSync(join(root, 'dist', 'providers', 'apprunner'), { recursive: true });
    writeFileSync(join(root, 'package.json'), '{}');
    expect(packageRoot(join(root, 'dist', 'providers', 'apprunner'))).toBe(root);
    expect(packageRoot(join(root, 'providers', 'apprunner'))).toBe(root);
  });

  it('splits a folder into resources and data sources by the data. prefix', () => {
    const dir = join(tmp, 'ok');
    mkdirSync(dir);
    writeFileSync(join(dir, 'apprunner_x.json'), JSON.stringify(minimal('apprunner_x')));
    writeFileSync(join(dir, 'data.apprunner_x.json'), JSON.stringify(minimal('apprunner_x', 'data')));
    const { resources, data } = loadSchemaDir(dir);
    expect([...resources.keys()]).toEqual(['apprunner_x']);
    expect([...data.keys()]).toEqual(['apprunner_x']);
  });

  it.each([
    ['a type that does not match the file name', { type: 'apprunner_y' }, /does not match the file name/],
    ['a data source in a resource file', { kind: 'data' }, /expected resource/],
    ['args that are not an object schema', { args: { type: 'string' } }, /args is not a closed object schema/],
    ['args that accept unknown properties', { args: { type: 'object' } }, /args is not a closed object schema/],
    ['an unknown metadata key', { attributes: { arn: { computd: true } } }, /unknown key computd/],
    ['a normaliser nobody implements', { attributes: { cpu: { normalize: 'size' } } }, /unknown normaliser size/],
    ['a non-numeric timeout', { timeouts: { create: '5m' } }, /bad timeout create/],
  ])('throws on a broken file: %s', (_name, patch, message) => {
    const text = JSON.stringify({ ...minimal('apprunner_x'), ...patch });
    expect(() => parseSchemaFile('apprunner_x.json', text, { type: 'apprunner_x', kind: 'resource' })).toThrow(message);
  });
});
