// Observability configurations: revisions per name, like auto scaling, referenced by services for tracing.
import type { Ctx } from './context.js';
import { fail } from './errors.js';
import { bool, obj, reqStr, str, tagList } from './input.js';
import { epochSeconds, type JsonObject } from './json.js';
import { liveServices } from './lifecycle.js';
import { paginate } from './pagination.js';
import { createRevision, deactivate, getRevision, isLatest, type RevisionKind } from './revisions.js';
import type { RegionState, RevisionRecord } from './store.js';
import { applyTags } from './tags.js';

const LABEL = 'observability configuration';

function kind(ctx: Ctx): RevisionKind {
  const q = ctx.env.quotas;
  return {
    kind: 'observabilityconfiguration',
    label: LABEL,
    maxNames: q.observabilityNames,
    maxRevisions: q.observabilityRevisions,
  };
}

function used(ctx: Ctx, arn: string): boolean {
  return liveServices(ctx).some(
    (s) => str(s.config.ObservabilityConfiguration, 'ObservabilityConfigurationArn') === arn,
  );
}

/** The full ObservabilityConfiguration structure. */
export function observabilityView(ctx: Ctx, r: RevisionRecord): JsonObject {
  return {
    ObservabilityConfigurationArn: r.arn,
    ObservabilityConfigurationName: r.name,
    TraceConfiguration: obj(r.body, 'TraceConfiguration'),
    ObservabilityConfigurationRevision: r.revision,
    Latest: isLatest(ctx.rs.observability, r),
    Status: r.status,
    CreatedAt: epochSeconds(r.createdAt),
    DeletedAt: r.deletedAt === undefined ? undefined : epochSeconds(r.deletedAt),
  };
}

/** An ACTIVE configuration a service may reference, or InvalidRequestException. */
export function usableObservability(rs: RegionState, arn: string): RevisionRecord {
  const r = rs.observability.get(arn);
  if (r?.status === 'ACTIVE') return r;
  throw fail.invalid(`The ${LABEL} ${arn} does not exist or is not active.`);
}

/** CreateObservabilityConfiguration. */
export function createObservabilityConfiguration(input: JsonObject, ctx: Ctx): JsonObject {
  const trace = obj(input, 'TraceConfiguration');
  const body: JsonObject = trace ? { TraceConfiguration: trace } : {};
  const rec = createRevision(
    ctx,
    ctx.rs.observability,
    kind(ctx),
    reqStr(input, 'ObservabilityConfigurationName'),
    body,
  );
  applyTags(ctx, rec.arn, tagList(input));
  return { ObservabilityConfiguration: observabilityView(ctx, rec) };
}

/** DescribeObservabilityConfiguration. */
export function describeObservabilityConfiguration(input: JsonObject, ctx: Ctx): JsonObject {
  const r = getRevision(ctx.rs.observability, reqStr(input, 'ObservabilityConfigurationArn'), LABEL);
  return { ObservabilityConfiguration: observabilityView(ctx, r) };
}

/** DeleteObservabilityConfiguration; refused while a service uses the revision. */
export function deleteObservabilityConfiguration(input: JsonObject, ctx: Ctx): JsonObject {
  const r = getRevision(ctx.rs.observability, reqStr(input, 'ObservabilityConfigurationArn'), LABEL);
  deactivate(ctx, r, LABEL, r.status === 'ACTIVE' && used(ctx, r.arn));
  return { ObservabilityConfiguration: observabilityView(ctx, r) };
}

/** ListObservabilityConfigurations. */
export function listObservabilityConfigurations(input: JsonObject, ctx: Ctx): JsonObject {
  const name = str(input, 'ObservabilityConfigurationName');
  const latestOnly = bool(input, 'LatestOnly') === true;
  const all = [...ctx.rs.observability.values()].filter(
    (r) =>
      r.status === 'ACTIVE' &&
      (name === undefined || r.name === name) &&
      (!latestOnly || isLatest(ctx.rs.observability, r)),
  );
  const page = paginate(all, input.MaxResults, input.NextToken);
  return {
    ObservabilityConfigurationSummaryList: page.items.map((r) => ({
      ObservabilityConfigurationArn: r.arn,
      ObservabilityConfigurationName: r.name,
      ObservabilityConfigurationRevision: r.revision,
    })),
    NextToken: page.nextToken,
  };
}
