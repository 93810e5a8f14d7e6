// Auto scaling configurations: revisions per name, the account default, and which services use them.
import type { Ctx } from './context.js';
import { fail } from './errors.js';
import { bool, num, reqStr, str, tagList } from './input.js';
import { epochSeconds, type JsonObject } from './json.js';
import { liveServices, settleService } from './lifecycle.js';
import { paginate } from './pagination.js';
import { activeRevisions, createRevision, deactivate, getRevision, isLatest, type RevisionKind } from './revisions.js';
import type { RegionState, RevisionRecord } from './store.js';
import { applyTags } from './tags.js';

/** The name of the configuration every region starts with. */
export const DEFAULT_AUTO_SCALING_NAME = 'DefaultConfiguration';

const LABEL = 'auto scaling configuration';

function kind(ctx: Ctx): RevisionKind {
  const q = ctx.env.quotas;
  return {
    kind: 'autoscalingconfiguration',
    label: LABEL,
    maxNames: q.autoScalingNames,
    maxRevisions: q.autoScalingRevisions,
    exempt: DEFAULT_AUTO_SCALING_NAME,
  };
}

/** Creates a region's built-in default configuration (revision 1). */
export function initDefaultAutoScaling(ctx: Ctx): void {
  const rec = createRevision(
    ctx,
    ctx.rs.autoScaling,
    { ...kind(ctx), maxNames: Number.POSITIVE_INFINITY },
    DEFAULT_AUTO_SCALING_NAME,
    {
      MaxConcurrency: 100,
      MinSize: 1,
      MaxSize: 25,
    },
  );
  ctx.rs.defaultAutoScalingArn = rec.arn;
}

function used(ctx: Ctx, arn: string): boolean {
  for (const s of ctx.rs.services.values()) {
    if (s.config.AutoScalingConfigurationArn === arn && settleService(ctx, s) && s.status !== 'DELETED') return true;
  }
  return false;
}

/** The full AutoScalingConfiguration structure. */
export function autoScalingView(ctx: Ctx, r: RevisionRecord): JsonObject {
  return {
    AutoScalingConfigurationArn: r.arn,
    AutoScalingConfigurationName: r.name,
    AutoScalingConfigurationRevision: r.revision,
    Latest: isLatest(ctx.rs.autoScaling, r),
    Status: r.status,
    MaxConcurrency: r.body.MaxConcurrency,
    MinSize: r.body.MinSize,
    MaxSize: r.body.MaxSize,
    CreatedAt: epochSeconds(r.createdAt),
    DeletedAt: r.deletedAt === undefined ? undefined : epochSeconds(r.deletedAt),
    HasAssociatedService: used(ctx, r.arn),
    IsDefault: r.arn === ctx.rs.defaultAutoScalingArn,
  };
}

/** The AutoScalingConfigurationSummary structure (also embedded in services). */
export function autoScalingSummary(ctx: Ctx, r: RevisionRecord): JsonObject {
  return {
    AutoScalingConfigurationArn: r.arn,
    AutoScalingConfigurationName: r.name,
    AutoScalingConfigurationRevision: r.revision,
    Status: r.status,
    CreatedAt: epochSeconds(r.createdAt),
    HasAssociatedService: used(ctx, r.arn),
    IsDefault: r.arn === ctx.rs.defaultAutoScalingArn,
  };
}

/** An ACTIVE configuration a service may reference, or InvalidRequestException. */
export function usableAutoScaling(rs: RegionState, arn: string): RevisionRecord {
  const r = rs.autoScaling.get(arn);
  if (r?.status === 'ACTIVE') return r;
  throw fail.invalid(`The ${LABEL} ${arn} does not exist or is not active.`);
}

/** CreateAutoScalingConfiguration. */
export function createAutoScalingConfiguration(input: JsonObject, ctx: Ctx): JsonObject {
  const body = {
    MaxConcurrency: num(input, 'MaxConcurrency') ?? 100,
    MinSize: num(input, 'MinSize') ?? 1,
    MaxSize: num(input, 'MaxSize') ?? 25,
  };
  if (body.MinSize > body.MaxSize) throw fail.invalid('MinSize must not be greater than MaxSize.');
  const rec = createRevision(ctx, ctx.rs.autoScaling, kind(ctx), reqStr(input, 'AutoScalingConfigurationName'), body);
  applyTags(ctx, rec.arn, tagList(input));
  return { AutoScalingConfiguration: autoScalingView(ctx, rec) };
}

/** DescribeAutoScalingConfiguration. */
export function describeAutoScalingConfiguration(input: JsonObject, ctx: Ctx): JsonObject {
  const r = getRevision(ctx.rs.autoScaling, reqStr(input, 'AutoScalingConfigurationArn'), LABEL);
  return { AutoScalingConfiguration: autoScalingView(ctx, r) };
}

/** DeleteAutoScalingConfiguration, optionally with every revision of the name. */
export function deleteAutoScalingConfiguration(input: JsonObject, ctx: Ctx): JsonObject {
  const r = getRevision(ctx.rs.autoScaling, reqStr(input, 'AutoScalingConfigurationArn'), LABEL);
  if (r.arn === ctx.rs.defaultAutoScalingArn) {
    throw fail.invalid(`The ${LABEL} ${r.arn} is the account default and can't be deleted.`);
  }
  const targets = bool(input, 'DeleteAllRevisions') ? activeRevisions(ctx.rs.autoScaling, r.name) : [r];
  if (targets.length === 0) throw fail.notFound(`The ${LABEL} ${r.arn} was already deleted.`);
  for (const t of targets) {
    if (t.arn === ctx.rs.defaultAutoScalingArn || used(ctx, t.arn)) {
      throw fail.invalid(`The ${LABEL} ${t.arn} is used by a service or is the default and can't be deleted.`);
    }
  }
  for (const t of targets) deactivate(ctx, t, LABEL, false);
  return { AutoScalingConfiguration: autoScalingView(ctx, r) };
}

/** ListAutoScalingConfigurations (ACTIVE revisions; LatestOnly keeps the newest of each name). */
export function listAutoScalingConfigurations(input: JsonObject, ctx: Ctx): JsonObject {
  const name = str(input, 'AutoScalingConfigurationName');
  const latestOnly = bool(input, 'LatestOnly') === true;
  const all = [...ctx.rs.autoScaling.values()].filter(
    (r) =>
      r.status === 'ACTIVE' &&
      (name === undefined || r.name === name) &&
      (!latestOnly || isLatest(ctx.rs.autoScaling, r)),
  );
  const page = paginate(all, input.MaxResults, input.NextToken);
  return {
    AutoScalingConfigurationSummaryList: page.items.map((r) => autoScalingSummary(ctx, r)),
    NextToken: page.nextToken,
  };
}

/** UpdateDefaultAutoScalingConfiguration. */
export function updateDefaultAutoScalingConfiguration(input: JsonObject, ctx: Ctx): JsonObject {
  const r = getRevision(ctx.rs.autoScaling, reqStr(input, 'AutoScalingConfigurationArn'), LABEL);
  if (r.status !== 'ACTIVE') throw fail.notFound(`The ${LABEL} ${r.arn} was deleted.`);
  ctx.rs.defaultAutoScalingArn = r.arn;
  return { AutoScalingConfiguration: autoScalingView(ctx, r) };
}

/** ListServicesForAutoScalingConfiguration. */
export function listServicesForAutoScalingConfiguration(input: JsonObject, ctx: Ctx): JsonObject {
  const r = getRevision(ctx.rs.autoScaling, reqStr(input, 'AutoScalingConfigurationArn'), LABEL);
  const arns = liveServices(ctx)
    .filter((s) => s.config.AutoScalingConfigurationArn === r.arn)
    .map((s) => s.arn);
  const page = paginate(arns, input.MaxResults, input.NextToken);
  return { ServiceArnList: page.items, NextToken: page.nextToken };
}
