// VPC ingress connections: PENDING_CREATION → AVAILABLE, PENDING_UPDATE → AVAILABLE, PENDING_DELETION → DELETED,
// each transition settled lazily from its end time.
import { arn } from './arn.js';
import { deletedRetentionMs } from './clock.js';
import { type Ctx, duration, takeFailure } from './context.js';
import { fail } from './errors.js';
import { obj, reqStr, str, tagList } from './input.js';
import { epochSeconds, type JsonObject } from './json.js';
import { paginate } from './pagination.js';
import { getService } from './service-view.js';
import type { IngressRecord, IngressStatus } from './store.js';
import { applyTags } from './tags.js';

const LABEL = 'VPC ingress connection';

/** Where each pending status lands, when it succeeds and when it fails. */
const SETTLED: Record<'PENDING_CREATION' | 'PENDING_UPDATE' | 'PENDING_DELETION', [IngressStatus, IngressStatus]> = {
  PENDING_CREATION: ['AVAILABLE', 'FAILED_CREATION'],
  PENDING_UPDATE: ['AVAILABLE', 'FAILED_UPDATE'],
  PENDING_DELETION: ['DELETED', 'FAILED_DELETION'],
};

/** Applies a finished pending transition. */
export function settleIngress(ctx: Ctx, r: IngressRecord): IngressRecord {
  if (ctx.now < r.until) return r;
  if (r.status === 'PENDING_CREATION' || r.status === 'PENDING_UPDATE' || r.status === 'PENDING_DELETION') {
    r.status = SETTLED[r.status][r.failing ? 1 : 0];
    r.failing = undefined;
    if (r.status === 'DELETED') r.deletedAt = r.until;
  }
  return r;
}

/** The service's AVAILABLE ingress connection, if it has one. */
export function availableIngressFor(ctx: Ctx, serviceArn: string): IngressRecord | undefined {
  return [...ctx.rs.ingress.values()].find(
    (r) => r.serviceArn === serviceArn && settleIngress(ctx, r).status === 'AVAILABLE',
  );
}

/** The VpcIngressConnection structure. */
export function ingressView(ctx: Ctx, r: IngressRecord): JsonObject {
  return {
    VpcIngressConnectionArn: r.arn,
    VpcIngressConnectionName: r.name,
    ServiceArn: r.serviceArn,
    Status: r.status,
    AccountId: ctx.env.account.accountId,
    DomainName: r.domainName,
    IngressVpcConfiguration: r.vpc,
    CreatedAt: epochSeconds(r.createdAt),
    DeletedAt: r.deletedAt === undefined ? undefined : epochSeconds(r.deletedAt),
  };
}

function get(ctx: Ctx, input: JsonObject): IngressRecord {
  const a = reqStr(input, 'VpcIngressConnectionArn');
  const r = ctx.rs.ingress.get(a);
  if (r) settleIngress(ctx, r);
  // Like services, a deleted connection stays visible as DELETED for a while, then is gone.
  if (r?.status === 'DELETED' && ctx.now >= (r.deletedAt ?? 0) + deletedRetentionMs(ctx.env.settings)) {
    ctx.rs.ingress.delete(a);
    ctx.rs.tags.delete(a);
  }
  const found = ctx.rs.ingress.get(a);
  if (!found) throw fail.notFound(`The ${LABEL} ${a} does not exist.`);
  return found;
}

/** CreateVpcIngressConnection: one live connection per service, names unique. */
export function createVpcIngressConnection(input: JsonObject, ctx: Ctx): JsonObject {
  const serviceArn = reqStr(input, 'ServiceArn');
  const name = reqStr(input, 'VpcIngressConnectionName');
  if (!ctx.rs.services.has(serviceArn)) throw fail.invalid(`The service ${serviceArn} does not exist.`);
  const svc = getService(ctx, serviceArn);
  if (svc.status !== 'RUNNING') throw fail.state(`The service ${svc.name} is ${svc.status}; it must be RUNNING.`);
  const live = [...ctx.rs.ingress.values()].filter((r) => settleIngress(ctx, r).status !== 'DELETED');
  if (live.some((r) => r.name === name)) throw fail.invalid(`A ${LABEL} named ${name} already exists.`);
  if (live.some((r) => r.serviceArn === serviceArn)) {
    throw fail.state(`The service ${svc.name} already has a ${LABEL}.`);
  }
  const rec: IngressRecord = {
    arn: arn(ctx, 'vpcingressconnection', name, ctx.env.rng.ids.hex(32)),
    name,
    serviceArn,
    domainName: `${ctx.env.rng.ids.hex(10)}.${svc.id.slice(0, 8)}.${ctx.region}.vpce.awsapprunner.com`,
    createdAt: ctx.now,
    status: 'PENDING_CREATION',
    until: ctx.now + duration(ctx, 'CreateVpcIngressConnection'),
    failing: takeFailure(ctx.env, 'CreateVpcIngressConnection', name) || undefined,
    vpc: obj(input, 'IngressVpcConfiguration') ?? {},
  };
  ctx.rs.ingress.set(rec.arn, rec);
  applyTags(ctx, rec.arn, tagList(input));
  return { VpcIngressConnection: ingressView(ctx, rec) };
}

/** DescribeVpcIngressConnection. */
export function describeVpcIngressConnection(input: JsonObject, ctx: Ctx): JsonObject {
  return { VpcIngressConnection: ingressView(ctx, get(ctx, input)) };
}

/** UpdateVpcIngressConnection, only from AVAILABLE. */
export function updateVpcIngressConnection(input: JsonObject, ctx: Ctx): JsonObject {
  const r = get(ctx, input);
  if (r.status !== 'AVAILABLE') throw fail.state(`The ${LABEL} ${r.name} is ${r.status}; it must be AVAILABLE.`);
  r.vpc = obj(input, 'IngressVpcConfiguration') ?? r.vpc;
  r.status = 'PENDING_UPDATE';
  r.until = ctx.now + duration(ctx, 'UpdateVpcIngressConnection');
  r.failing = takeFailure(ctx.env, 'UpdateVpcIngressConnection', r.name) || undefined;
  return { VpcIngressConnection: ingressView(ctx, r) };
}

/** DeleteVpcIngressConnection, only from AVAILABLE or a FAILED_* status. */
export function deleteVpcIngressConnection(input: JsonObject, ctx: Ctx): JsonObject {
  const r = get(ctx, input);
  if (r.status !== 'AVAILABLE' && !r.status.startsWith('FAILED_')) {
    throw fail.state(`The ${LABEL} ${r.name} is ${r.status}; it can be deleted only when AVAILABLE or FAILED.`);
  }
  r.status = 'PENDING_DELETION';
  r.until = ctx.now + duration(ctx, 'DeleteVpcIngressConnection');
  r.failing = takeFailure(ctx.env, 'DeleteVpcIngressConnection', r.name) || undefined;
  return { VpcIngressConnection: ingressView(ctx, r) };
}

/** ListVpcIngressConnections, optionally filtered by service or VPC endpoint. */
export function listVpcIngressConnections(input: JsonObject, ctx: Ctx): JsonObject {
  const filter = obj(input, 'Filter');
  const svc = str(filter, 'ServiceArn');
  const endpoint = str(filter, 'VpcEndpointId');
  const all = [...ctx.rs.ingress.values()].filter(
    (r) =>
      settleIngress(ctx, r).status !== 'DELETED' &&
      (svc === undefined || r.serviceArn === svc) &&
      (endpoint === undefined || str(r.vpc, 'VpcEndpointId') === endpoint),
  );
  const page = paginate(all, input.MaxResults, input.NextToken);
  return {
    VpcIngressConnectionSummaryList: page.items.map((r) => ({
      VpcIngressConnectionArn: r.arn,
      ServiceArn: r.serviceArn,
    })),
    NextToken: page.nextToken,
  };
}

/** The VpcDNSTarget entries of a service (its AVAILABLE ingress connections). */
export function vpcDnsTargets(ctx: Ctx, serviceArn: string): JsonObject[] {
  const r = availableIngressFor(ctx, serviceArn);
  return r ? [{ VpcIngressConnectionArn: r.arn, VpcId: str(r.vpc, 'VpcId'), DomainName: r.domainName }] : [];
}
