// A service's configuration: defaults the real service fills in, and checks of every referenced resource.
import { usableAutoScaling } from './autoscaling.js';
import type { Ctx } from './context.js';
import { fail } from './errors.js';
import { bool, obj, str } from './input.js';
import { normalizeInstance } from './instance.js';
import { clone, type JsonObject } from './json.js';
import { usableObservability } from './observability.js';
import type { ServiceConfig } from './store.js';
import { usableVpcConnector } from './vpc-connectors.js';

const HEALTH_DEFAULTS: JsonObject = {
  Protocol: 'TCP',
  Path: '/',
  Interval: 5,
  Timeout: 2,
  HealthyThreshold: 1,
  UnhealthyThreshold: 5,
};

/** Fills the source defaults and checks that exactly one repository is given, with what it needs. */
export function normalizeSource(ctx: Ctx, input: JsonObject): JsonObject {
  const src = clone(input);
  const image = obj(src, 'ImageRepository');
  const code = obj(src, 'CodeRepository');
  if ((image ? 1 : 0) + (code ? 1 : 0) !== 1) {
    throw fail.invalid('SourceConfiguration must contain exactly one of ImageRepository and CodeRepository.');
  }
  const auth = obj(src, 'AuthenticationConfiguration');
  if (image) {
    const type = str(image, 'ImageRepositoryType');
    if (type === 'ECR' && !str(auth, 'AccessRoleArn')) {
      throw fail.invalid('An ECR image repository needs AuthenticationConfiguration.AccessRoleArn.');
    }
    image.ImageConfiguration = { Port: '8080', ...(obj(image, 'ImageConfiguration') ?? {}) };
    if (src.AutoDeploymentsEnabled === undefined) src.AutoDeploymentsEnabled = type === 'ECR';
    if (type === 'ECR_PUBLIC' && src.AutoDeploymentsEnabled === true) {
      throw fail.invalid('Automatic deployments are not supported for ECR_PUBLIC images.');
    }
  }
  if (code) {
    const connection = str(auth, 'ConnectionArn');
    if (!connection) throw fail.invalid('A code repository needs AuthenticationConfiguration.ConnectionArn.');
    if (!ctx.rs.connections.has(connection)) throw fail.invalid(`The connection ${connection} does not exist.`);
    if (src.AutoDeploymentsEnabled === undefined) src.AutoDeploymentsEnabled = true;
  }
  return src;
}

/** True when the source uses a connection that has not completed its handshake. */
export function connectionNotReady(ctx: Ctx, src: JsonObject): boolean {
  const arn = str(obj(src, 'AuthenticationConfiguration'), 'ConnectionArn');
  if (!arn) return false;
  return ctx.rs.connections.get(arn)?.status !== 'AVAILABLE';
}

function normalizeNetwork(ctx: Ctx, input: JsonObject | undefined, current?: JsonObject): JsonObject {
  const egress: JsonObject = {
    EgressType: 'DEFAULT',
    ...(obj(current, 'EgressConfiguration') ?? {}),
    ...(obj(input, 'EgressConfiguration') ?? {}),
  };
  if (egress.EgressType === 'VPC') {
    const arn = str(egress, 'VpcConnectorArn');
    if (!arn) throw fail.invalid('EgressType VPC needs NetworkConfiguration.EgressConfiguration.VpcConnectorArn.');
    usableVpcConnector(ctx.rs, arn);
  } else {
    egress.VpcConnectorArn = undefined;
  }
  const ingress = {
    IsPubliclyAccessible: true,
    ...(obj(current, 'IngressConfiguration') ?? {}),
    ...(obj(input, 'IngressConfiguration') ?? {}),
  };
  return {
    EgressConfiguration: egress,
    IngressConfiguration: ingress,
    IpAddressType: str(input, 'IpAddressType') ?? str(current, 'IpAddressType') ?? 'IPV4',
  };
}

function normalizeObservability(ctx: Ctx, input: JsonObject | undefined): JsonObject {
  if (!input || bool(input, 'ObservabilityEnabled') !== true) return { ObservabilityEnabled: false };
  const arn = str(input, 'ObservabilityConfigurationArn');
  if (!arn) throw fail.invalid('ObservabilityEnabled needs ObservabilityConfiguration.ObservabilityConfigurationArn.');
  usableObservability(ctx.rs, arn);
  return { ObservabilityEnabled: true, ObservabilityConfigurationArn: arn };
}

/** The configuration of a new service, from a CreateService input. */
export function configFromCreate(ctx: Ctx, input: JsonObject): ServiceConfig {
  const ascArn = str(input, 'AutoScalingConfigurationArn') ?? ctx.rs.defaultAutoScalingArn;
  usableAutoScaling(ctx.rs, ascArn);
  const source = obj(input, 'SourceConfiguration');
  if (!source) throw fail.invalid("member 'SourceConfiguration' is required.");
  return {
    SourceConfiguration: normalizeSource(ctx, source),
    InstanceConfiguration: normalizeInstance(obj(input, 'InstanceConfiguration')),
    HealthCheckConfiguration: { ...HEALTH_DEFAULTS, ...(obj(input, 'HealthCheckConfiguration') ?? {}) },
    NetworkConfiguration: normalizeNetwork(ctx, obj(input, 'NetworkConfiguration')),
    ObservabilityConfiguration: normalizeObservability(ctx, obj(input, 'ObservabilityConfiguration')),
    EncryptionConfiguration: obj(input, 'EncryptionConfiguration'),
    AutoScalingConfigurationArn: ascArn,
  };
}

/** The configuration after an UpdateService input: given members replace or merge, others stay. */
export function configFromUpdate(ctx: Ctx, current: ServiceConfig, input: JsonObject): ServiceConfig {
  const next = clone(current);
  const source = obj(input, 'SourceConfiguration');
  if (source) next.SourceConfiguration = normalizeSource(ctx, source);
  if (obj(input, 'InstanceConfiguration')) {
    next.InstanceConfiguration = normalizeInstance(obj(input, 'InstanceConfiguration'), current.InstanceConfiguration);
  }
  const health = obj(input, 'HealthCheckConfiguration');
  if (health) next.HealthCheckConfiguration = { ...current.HealthCheckConfiguration, ...health };
  const network = obj(input, 'NetworkConfiguration');
  if (network) next.NetworkConfiguration = normalizeNetwork(ctx, network, current.NetworkConfiguration);
  const observability = obj(input, 'ObservabilityConfiguration');
  if (observability) next.ObservabilityConfiguration = normalizeObservability(ctx, observability);
  const asc = str(input, 'AutoScalingConfigurationArn');
  if (asc) {
    usableAutoScaling(ctx.rs, asc);
    next.AutoScalingConfigurationArn = asc;
  }
  return next;
}
