import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { dataSourceSchemas, resourceSchemas } from '../../../providers/apprunner/schemas.js';
import type { JsonObject } from '../../../providers/provider.js';

// The checked-in schemas are what `runform validate` uses, so these tests read them (no model needed).
const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new Map<string, ValidateFunction>();

function validator(type: string, data = false): ValidateFunction {
  const key = `${data ? 'data.' : ''}${type}`;
  const schema = (data ? dataSourceSchemas() : resourceSchemas()).get(type);
  if (!schema) throw new Error(`no schema ${key}`);
  let v = validators.get(key);
  if (!v) {
    v = ajv.compile(schema.args);
    validators.set(key, v);
  }
  return v;
}

function errors(type: string, args: unknown, data = false): ErrorObject[] {
  const v = validator(type, data);
  return v(args) ? [] : (v.errors ?? []);
}

/** The instance paths ajv blames, e.g. `/instance_configuration/cpu`, sorted and without repeats. */
function paths(type: string, args: unknown, data = false): string[] {
  const blamed = errors(type, args, data).map((e) =>
    e.keyword === 'additionalProperties'
      ? `${e.instancePath}/${String(e.params.additionalProperty)}`
      : e.keyword === 'required'
        ? `${e.instancePath}/${String(e.params.missingProperty)}`
        : e.instancePath,
  );
  return [...new Set(blamed)].sort();
}

const ARN = 'arn:aws:apprunner:eu-west-1:123456789012:autoscalingconfiguration/web/1/0123456789abcdef';

const service: JsonObject = {
  service_name: 'quickstart-web',
  source_configuration: {
    auto_deployments_enabled: false,
    image_repository: {
      image_identifier: 'public.ecr.aws/nginx/nginx:latest',
      image_repository_type: 'ECR_PUBLIC',
      image_configuration: { port: '80', runtime_environment_variables: { API_KEY: 'x', MODE: 'demo' } },
    },
  },
  instance_configuration: { cpu: '1 vCPU', memory: '2 GB' },
  health_check_configuration: { protocol: 'HTTP', path: '/' },
  auto_scaling_configuration_arn: ARN,
  network_configuration: { egress_configuration: { egress_type: 'DEFAULT' } },
  tags: { app: 'quickstart' },
  paused: false,
};

/** A realistic argument object for every resource type (`data.` prefix for data sources). */
const VALID: Record<string, JsonObject> = {
  apprunner_service: service,
  apprunner_connection: { connection_name: 'github-main', provider_type: 'GITHUB', tags: { team: 'web' } },
  apprunner_auto_scaling_configuration: {
    auto_scaling_configuration_name: 'quickstart-web-scaling',
    max_concurrency: 50,
    min_size: 1,
    max_size: 3,
  },
  apprunner_default_auto_scaling_configuration: { auto_scaling_configuration_arn: ARN },
  apprunner_observability_configuration: {
    observability_configuration_name: 'tracing',
    trace_configuration: { vendor: 'AWSXRAY' },
  },
  apprunner_vpc_connector: {
    vpc_connector_name: 'private-egress',
    subnets: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'],
    security_groups: ['sg-0123456789abcdef0'],
  },
  apprunner_vpc_ingress_connection: {
    vpc_ingress_connection_name: 'private-web',
    service_arn: ARN,
    ingress_vpc_configuration: { vpc_id: 'vpc-0a1b2c3d', vpc_endpoint_id: 'vpce-0a1b2c3d' },
  },
  apprunner_custom_domain: { service_arn: ARN, domain_name: 'quickstart.example.com', enable_www_subdomain: true },
  'data.apprunner_service': { service_name: 'quickstart-web' },
  'data.apprunner_auto_scaling_configuration': { auto_scaling_configuration_name: 'quickstart-web-scaling' },
  'data.apprunner_connection': { connection_name: 'github-main' },
};

function withInstance(cpu: string, memory = '2048'): JsonObject {
  return { ...service, instance_configuration: { cpu, memory } };
}

describe('resource argument schemas', () => {
  it('every resource and data source schema compiles under strict ajv with unicode patterns', () => {
    for (const type of resourceSchemas().keys()) expect(() => validator(type), type).not.toThrow();
    for (const type of dataSourceSchemas().keys()) expect(() => validator(type, true), type).not.toThrow();
  });

  it('accepts a realistic argument object for every resource type and data source', () => {
    const types = [...resourceSchemas().keys(), ...[...dataSourceSchemas().keys()].map((t) => `data.${t}`)];
    expect(Object.keys(VALID).sort()).toEqual(types.sort());
    for (const [key, args] of Object.entries(VALID)) {
      const data = key.startsWith('data.');
      expect(errors(data ? key.slice('data.'.length) : key, args, data), key).toEqual([]);
    }
  });

  it('accepts the quickstart service, written with human CPU and memory sizes', () => {
    expect(errors('apprunner_service', service)).toEqual([]);
  });

  it('rejects a CPU size outside the closed set, at the cpu path', () => {
    expect(paths('apprunner_service', withInstance('3 vCPU'))).toEqual(['/instance_configuration/cpu']);
    expect(paths('apprunner_service', withInstance('5120'))).toEqual(['/instance_configuration/cpu']);
  });

  it('rejects a bad enum value inside a nested block', () => {
    const bad = structuredClone(service);
    (bad.health_check_configuration as JsonObject).protocol = 'UDP';
    expect(paths('apprunner_service', bad)).toEqual(['/health_check_configuration/protocol']);
  });

  it('rejects a service name that is too long or breaks the pattern', () => {
    expect(paths('apprunner_service', { ...service, service_name: 'x'.repeat(41) })).toContain('/service_name');
    expect(paths('apprunner_service', { ...service, service_name: '-bad-name' })).toEqual(['/service_name']);
  });

  it('rejects an image identifier outside ECR and ECR Public (pattern translated for the u flag)', () => {
    const bad = structuredClone(service);
    const image = (bad.source_configuration as JsonObject).image_repository as JsonObject;
    image.image_identifier = 'docker.io/library/nginx';
    expect(paths('apprunner_service', bad)).toEqual(['/source_configuration/image_repository/image_identifier']);
  });

  it('flags unknown and computed-only properties at their path', () => {
    expect(paths('apprunner_service', { ...service, service_nme: 'x' })).toEqual(['/service_nme']);
    expect(paths('apprunner_service', { ...service, service_url: 'x' })).toEqual(['/service_url']);
    expect(paths('apprunner_service', withInstance('1024'))).toEqual([]);
    const nested = structuredClone(service);
    (nested.instance_configuration as JsonObject).cpus = '1024';
    expect(paths('apprunner_service', nested)).toEqual(['/instance_configuration/cpus']);
  });

  it('reports a missing required argument', () => {
    const { source_configuration: _s, ...rest } = service;
    expect(paths('apprunner_service', rest)).toEqual(['/source_configuration']);
  });

  it('needs exactly one of code_repository and image_repository', () => {
    const both = structuredClone(service);
    (both.source_configuration as JsonObject).code_repository = {
      repository_url: 'https://github.com/example/app',
      source_code_version: { type: 'BRANCH', value: 'main' },
    };
    expect(paths('apprunner_service', both)).toContain('/source_configuration');
  });

  it('needs a VPC connector ARN when egress goes through a VPC', () => {
    const vpc = { ...service, network_configuration: { egress_configuration: { egress_type: 'VPC' } } };
    expect(paths('apprunner_service', vpc)).toContain('/network_configuration/egress_configuration/vpc_connector_arn');
  });

  it('rejects tag keys in the reserved aws: namespace', () => {
    expect(paths('apprunner_service', { ...service, tags: { 'aws:owner': 'x' } })).toContain('/tags');
  });

  it('rejects out-of-range auto scaling numbers and accepts the quickstart configuration', () => {
    const good = {
      auto_scaling_configuration_name: 'quickstart-web-scaling',
      max_concurrency: 50,
      min_size: 1,
      max_size: 3,
    };
    expect(errors('apprunner_auto_scaling_configuration', good)).toEqual([]);
    expect(paths('apprunner_auto_scaling_configuration', { ...good, max_concurrency: 201 })).toEqual([
      '/max_concurrency',
    ]);
    expect(paths('apprunner_auto_scaling_configuration', { ...good, min_size: 1.5 })).toEqual(['/min_size']);
  });

  it('checks the smaller resources: provider types, domain wait modes, connector subnets', () => {
    expect(paths('apprunner_connection', { connection_name: 'gh-main', provider_type: 'GITLAB' })).toEqual([
      '/provider_type',
    ]);
    const tracing = { observability_configuration_name: 'tracing', trace_configuration: { vendor: 'JAEGER' } };
    expect(paths('apprunner_observability_configuration', tracing)).toEqual(['/trace_configuration/vendor']);
    const domain = { service_arn: ARN, domain_name: 'quickstart.example.com', wait_for: 'active' };
    expect(errors('apprunner_custom_domain', domain)).toEqual([]);
    expect(paths('apprunner_custom_domain', { ...domain, wait_for: 'forever' })).toEqual(['/wait_for']);
    expect(paths('apprunner_vpc_connector', { vpc_connector_name: 'c', security_groups: ['sg-1'] })).toEqual([
      '/subnets',
      '/vpc_connector_name',
    ]);
    const ingress = {
      vpc_ingress_connection_name: 'private-web',
      service_arn: ARN,
      ingress_vpc_configuration: { vpc_id: 'vpc-1', vpc_endpoint_id: 'vpce-1' },
    };
    expect(errors('apprunner_vpc_ingress_connection', ingress)).toEqual([]);
    expect(paths('apprunner_default_auto_scaling_configuration', {})).toEqual(['/auto_scaling_configuration_arn']);
  });

  it('keeps the timeouts block out of args, so the engine handles it', () => {
    expect(paths('apprunner_service', { ...service, timeouts: { create: '30m' } })).toEqual(['/timeouts']);
  });

  it('looks a service up by exactly one of service_name and arn', () => {
    expect(errors('apprunner_service', { service_name: 'quickstart-web' }, true)).toEqual([]);
    expect(errors('apprunner_service', { arn: ARN }, true)).toEqual([]);
    expect(errors('apprunner_service', {}, true)).not.toEqual([]);
    expect(errors('apprunner_service', { service_name: 'quickstart-web', arn: ARN }, true)).not.toEqual([]);
  });
});
