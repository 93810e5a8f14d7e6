// Reading services: lookup by ARN (settling first) and the Service / ServiceSummary structures.
import { autoScalingSummary } from './autoscaling.js';
import type { Ctx } from './context.js';
import { fail } from './errors.js';
import { epochSeconds, type JsonObject } from './json.js';
import { settleService } from './lifecycle.js';
import type { ServiceRecord } from './store.js';

/** A service by ARN, settled; DELETED ones only when `allowDeleted`, else ResourceNotFoundException. */
export function getService(ctx: Ctx, arn: string, allowDeleted = false): ServiceRecord {
  const svc = ctx.rs.services.get(arn);
  if (!svc || !settleService(ctx, svc) || (!allowDeleted && svc.status === 'DELETED')) {
    throw fail.notFound(`The service ${arn} does not exist.`);
  }
  return svc;
}

/** The full Service structure. */
export function serviceView(ctx: Ctx, svc: ServiceRecord): JsonObject {
  const c = svc.config;
  const asc = ctx.rs.autoScaling.get(c.AutoScalingConfigurationArn);
  return {
    ServiceName: svc.name,
    ServiceId: svc.id,
    ServiceArn: svc.arn,
    ServiceUrl: svc.url,
    CreatedAt: epochSeconds(svc.createdAt),
    UpdatedAt: epochSeconds(svc.updatedAt),
    DeletedAt: svc.deletedAt === undefined ? undefined : epochSeconds(svc.deletedAt),
    Status: svc.status,
    SourceConfiguration: c.SourceConfiguration,
    InstanceConfiguration: c.InstanceConfiguration,
    EncryptionConfiguration: c.EncryptionConfiguration,
    HealthCheckConfiguration: c.HealthCheckConfiguration,
    AutoScalingConfigurationSummary: asc
      ? autoScalingSummary(ctx, asc)
      : { AutoScalingConfigurationArn: c.AutoScalingConfigurationArn },
    NetworkConfiguration: c.NetworkConfiguration,
    ObservabilityConfiguration: c.ObservabilityConfiguration,
  };
}

/** The ServiceSummary structure. */
export function serviceSummary(svc: ServiceRecord): JsonObject {
  return {
    ServiceName: svc.name,
    ServiceId: svc.id,
    ServiceArn: svc.arn,
    ServiceUrl: svc.url,
    CreatedAt: epochSeconds(svc.createdAt),
    UpdatedAt: epochSeconds(svc.updatedAt),
    Status: svc.status,
  };
}
