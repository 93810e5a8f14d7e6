import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from '../../../../providers/apprunner/client.js';
import {
  argsFromApi,
  pascal,
  tagDiff,
  tagsFromApi,
  tagsToApi,
  toApi,
} from '../../../../providers/apprunner/convert.js';
import {
  createInput,
  scrub,
  sensitiveValues,
  updateInput,
} from '../../../../providers/apprunner/resources/service-map.js';
import { resourceSchemas } from '../../../../providers/apprunner/schemas.js';

const serviceArgs = resourceSchemas().get('apprunner_service')!.args;

const source = {
  image_repository: {
    image_identifier: 'public.ecr.aws/nginx/nginx:latest',
    image_repository_type: 'ECR_PUBLIC',
    image_configuration: { port: '80', runtime_environment_variables: { db_url: 'postgres://secret-host' } },
  },
  auto_deployments_enabled: false,
};

describe('snake_case ↔ PascalCase conversion', () => {
  it('capitalises each word', () => {
    expect(pascal('repository_url')).toBe('RepositoryUrl');
    expect(pascal('is_publicly_accessible')).toBe('IsPubliclyAccessible');
  });

  it('renames schema properties but keeps map keys (environment variables) as written', () => {
    expect(toApi((serviceArgs.properties as Record<string, never>).source_configuration, source)).toEqual({
      ImageRepository: {
        ImageIdentifier: 'public.ecr.aws/nginx/nginx:latest',
        ImageRepositoryType: 'ECR_PUBLIC',
        ImageConfiguration: { Port: '80', RuntimeEnvironmentVariables: { db_url: 'postgres://secret-host' } },
      },
      AutoDeploymentsEnabled: false,
    });
  });

  it('reads an API shape back to our arguments, dropping members the schema does not describe', () => {
    const api = {
      ServiceName: 'web',
      SourceConfiguration: toApi((serviceArgs.properties as Record<string, never>).source_configuration, source),
      InstanceConfiguration: { Cpu: '1024', Memory: '2048' },
      CreatedAt: new Date(0),
      Status: 'RUNNING',
    };
    expect(argsFromApi(serviceArgs, api)).toEqual({
      service_name: 'web',
      source_configuration: source,
      instance_configuration: { cpu: '1024', memory: '2048' },
    });
  });

  it('turns the tags map into a Key/Value list and back', () => {
    const list = tagsToApi({ team: 'core', env: 'prod' });
    expect(list).toEqual([
      { Key: 'team', Value: 'core' },
      { Key: 'env', Value: 'prod' },
    ]);
    expect(tagsFromApi(list)).toEqual({ team: 'core', env: 'prod' });
    expect(tagDiff({ a: '1', b: '2' }, { b: '3', c: '4' })).toEqual({
      set: [
        { Key: 'b', Value: '3' },
        { Key: 'c', Value: '4' },
      ],
      remove: ['a'],
    });
  });
});

describe('service request shapes', () => {
  it('sends tags as a list and never sends paused to CreateService', () => {
    const input = createInput(serviceArgs, {
      service_name: 'web',
      source_configuration: source,
      tags: { a: 'b' },
      paused: true,
    });
    expect(input.Tags).toEqual([{ Key: 'a', Value: 'b' }]);
    expect(input).not.toHaveProperty('Paused');
    expect(input.ServiceName).toBe('web');
  });

  it('sends only the changed blocks to UpdateService, and turns observability off when its block is removed', () => {
    const input = updateInput(serviceArgs, { service_name: 'web', source_configuration: source, tags: {} }, [
      'observability_configuration',
      'tags',
    ]);
    expect(input).toEqual({ ObservabilityConfiguration: { ObservabilityEnabled: false } });
  });

  it('keeps environment variable values out of error messages', () => {
    const secrets = sensitiveValues({ source_configuration: source });
    expect(secrets).toEqual(['postgres://secret-host']);
    const e = scrub(new Error('bad value postgres://secret-host for db_url'), secrets) as Error;
    expect(e.message).toBe('bad value (sensitive value) for db_url');
  });
});

describe('endpoint resolution', () => {
  it('prefers the configured endpoint, then the App Runner variable, then the global one', () => {
    const env = { AWS_ENDPOINT_URL_APPRUNNER: 'http://a', AWS_ENDPOINT_URL: 'http://b' };
    expect(resolveEndpoint('http://c', env)).toBe('http://c');
    expect(resolveEndpoint(undefined, env)).toBe('http://a');
    expect(resolveEndpoint(undefined, { AWS_ENDPOINT_URL: 'http://b' })).toBe('http://b');
    expect(resolveEndpoint(undefined, {})).toBeUndefined();
  });
});
