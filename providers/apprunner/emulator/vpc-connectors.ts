// VPC connectors: revisions per name; a connector a service egresses through can't be deleted.
import type { Ctx } from './context.js';
import { fail } from './errors.js';
import { obj, reqStr, str, tagList } from './input.js';
import { epochSeconds, type JsonObject } from './json.js';
import { liveServices } from './lifecycle.js';
import { paginate } from './pagination.js';
import { createRevision, deactivate, getRevision } from './revisions.js';
import type { RegionState, RevisionRecord } from './store.js';
import { applyTags } from './tags.js';

const LABEL = 'VPC connector';

function used(ctx: Ctx, arn: string): boolean {
  return liveServices(ctx).some(
    (s) => str(obj(s.config.NetworkConfiguration, 'EgressConfiguration'), 'VpcConnectorArn') === arn,
  );
}

/** The VpcConnector structure. */
export function vpcConnectorView(r: RevisionRecord): JsonObject {
  return {
    VpcConnectorName: r.name,
    VpcConnectorArn: r.arn,
    VpcConnectorRevision: r.revision,
    Subnets: r.body.Subnets,
    SecurityGroups: r.body.SecurityGroups,
    Status: r.status,
    CreatedAt: epochSeconds(r.createdAt),
    DeletedAt: r.deletedAt === undefined ? undefined : epochSeconds(r.deletedAt),
  };
}

/** An ACTIVE connector a service may use, or InvalidRequestException. */
export function usableVpcConnector(rs: RegionState, arn: string): RevisionRecord {
  const r = rs.vpcConnectors.get(arn);
  if (r?.status === 'ACTIVE') return r;
  throw fail.invalid(`The ${LABEL} ${arn} does not exist or is not active.`);
}

/** CreateVpcConnector. */
export function createVpcConnector(input: JsonObject, ctx: Ctx): JsonObject {
  const active = [...ctx.rs.vpcConnectors.values()].filter((r) => r.status === 'ACTIVE').length;
  if (active >= ctx.env.quotas.vpcConnectors) {
    throw fail.quota(`You have reached the maximum of ${ctx.env.quotas.vpcConnectors} VPC connectors.`);
  }
  const subnets = Array.isArray(input.Subnets) ? input.Subnets : [];
  if (subnets.length === 0) throw fail.invalid('Subnets must name at least one subnet.');
  const rec = createRevision(
    ctx,
    ctx.rs.vpcConnectors,
    { kind: 'vpcconnector', label: LABEL, maxNames: Number.POSITIVE_INFINITY, maxRevisions: Number.POSITIVE_INFINITY },
    reqStr(input, 'VpcConnectorName'),
    { Subnets: subnets, SecurityGroups: Array.isArray(input.SecurityGroups) ? input.SecurityGroups : [] },
  );
  applyTags(ctx, rec.arn, tagList(input));
  return { VpcConnector: vpcConnectorView(rec) };
}

/** DescribeVpcConnector. */
export function describeVpcConnector(input: JsonObject, ctx: Ctx): JsonObject {
  return { VpcConnector: vpcConnectorView(getRevision(ctx.rs.vpcConnectors, reqStr(input, 'VpcConnectorArn'), LABEL)) };
}

/** DeleteVpcConnector; refused while a service uses it. */
export function deleteVpcConnector(input: JsonObject, ctx: Ctx): JsonObject {
  const r = getRevision(ctx.rs.vpcConnectors, reqStr(input, 'VpcConnectorArn'), LABEL);
  deactivate(ctx, r, LABEL, r.status === 'ACTIVE' && used(ctx, r.arn));
  return { VpcConnector: vpcConnectorView(r) };
}

/** ListVpcConnectors (ACTIVE ones). */
export function listVpcConnectors(input: JsonObject, ctx: Ctx): JsonObject {
  const all = [...ctx.rs.vpcConnectors.values()].filter((r) => r.status === 'ACTIVE');
  const page = paginate(all, input.MaxResults, input.NextToken);
  return { VpcConnectors: page.items.map(vpcConnectorView), NextToken: page.nextToken };
}
