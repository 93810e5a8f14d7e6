// Source code connections: PENDING_HANDSHAKE until the owner completes the handshake (admin API here).
import { arn, resourceId } from './arn.js';
import type { Ctx } from './context.js';
import { fail } from './errors.js';
import { reqStr, str, tagList } from './input.js';
import { epochSeconds, type JsonObject } from './json.js';
import { paginate } from './pagination.js';
import type { ConnectionRecord, RegionState } from './store.js';
import { applyTags } from './tags.js';

/** The Connection structure. */
export function connectionView(c: ConnectionRecord): JsonObject {
  return {
    ConnectionName: c.name,
    ConnectionArn: c.arn,
    ProviderType: c.providerType,
    Status: c.status,
    CreatedAt: epochSeconds(c.createdAt),
  };
}

/** A connection by ARN, or ResourceNotFoundException. */
export function getConnection(rs: RegionState, arnValue: string): ConnectionRecord {
  const c = rs.connections.get(arnValue);
  if (!c) throw fail.notFound(`The connection ${arnValue} does not exist.`);
  return c;
}

/** CreateConnection. */
export function createConnection(input: JsonObject, ctx: Ctx): JsonObject {
  const name = reqStr(input, 'ConnectionName');
  const all = [...ctx.rs.connections.values()];
  if (all.some((c) => c.name === name)) throw fail.invalid(`A connection named ${name} already exists.`);
  if (all.length >= ctx.env.quotas.connections) {
    throw fail.quota(`You have reached the maximum of ${ctx.env.quotas.connections} connections.`);
  }
  const rec: ConnectionRecord = {
    arn: arn(ctx, 'connection', name, resourceId(ctx)),
    name,
    providerType: reqStr(input, 'ProviderType'),
    createdAt: ctx.now,
    status: ctx.env.settings.autoHandshake ? 'AVAILABLE' : 'PENDING_HANDSHAKE',
  };
  ctx.rs.connections.set(rec.arn, rec);
  applyTags(ctx, rec.arn, tagList(input));
  return { Connection: connectionView(rec) };
}

/** DeleteConnection: the response shows it DELETED, and it is gone afterwards. */
export function deleteConnection(input: JsonObject, ctx: Ctx): JsonObject {
  const c = getConnection(ctx.rs, reqStr(input, 'ConnectionArn'));
  ctx.rs.connections.delete(c.arn);
  ctx.rs.tags.delete(c.arn);
  return { Connection: connectionView({ ...c, status: 'DELETED' }) };
}

/** ListConnections, optionally for one name. */
export function listConnections(input: JsonObject, ctx: Ctx): JsonObject {
  const name = str(input, 'ConnectionName');
  const all = [...ctx.rs.connections.values()].filter((c) => name === undefined || c.name === name);
  const page = paginate(all, input.MaxResults, input.NextToken);
  return { ConnectionSummaryList: page.items.map(connectionView), NextToken: page.nextToken };
}

/** The admin handshake: the connection becomes AVAILABLE. */
export function handshake(rs: RegionState, arnValue: string): ConnectionRecord {
  const c = getConnection(rs, arnValue);
  c.status = 'AVAILABLE';
  return c;
}
