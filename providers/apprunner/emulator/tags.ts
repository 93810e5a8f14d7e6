// Tags on every taggable ARN: TagResource, UntagResource, ListTagsForResource.
import type { Ctx } from './context.js';
import { fail } from './errors.js';
import { reqStr, tagList } from './input.js';
import type { JsonObject } from './json.js';
import { settleService } from './lifecycle.js';

/** True when the ARN names a resource of this region that can carry tags. */
function exists(ctx: Ctx, arn: string): boolean {
  const svc = ctx.rs.services.get(arn);
  if (svc) return settleService(ctx, svc);
  const rs = ctx.rs;
  return (
    rs.autoScaling.has(arn) ||
    rs.observability.has(arn) ||
    rs.vpcConnectors.has(arn) ||
    rs.ingress.has(arn) ||
    rs.connections.has(arn)
  );
}

/** Merges tags into a resource's set, replacing values of existing keys. */
export function applyTags(ctx: Ctx, arn: string, tags: { Key: string; Value: string }[]): void {
  const current = ctx.rs.tags.get(arn) ?? [];
  for (const t of tags) {
    const i = current.findIndex((c) => c.Key === t.Key);
    if (i >= 0) current[i] = t;
    else current.push(t);
  }
  if (current.length > 50) throw fail.invalid('A resource can carry at most 50 tags.');
  ctx.rs.tags.set(arn, current);
}

function target(ctx: Ctx, input: JsonObject): string {
  const arn = reqStr(input, 'ResourceArn');
  if (!exists(ctx, arn)) throw fail.notFound(`Resource ${arn} does not exist.`);
  return arn;
}

/** TagResource. */
export function tagResource(input: JsonObject, ctx: Ctx): JsonObject {
  applyTags(ctx, target(ctx, input), tagList(input));
  return {};
}

/** UntagResource. */
export function untagResource(input: JsonObject, ctx: Ctx): JsonObject {
  const arn = target(ctx, input);
  const keys = new Set(Array.isArray(input.TagKeys) ? input.TagKeys.filter((k) => typeof k === 'string') : []);
  ctx.rs.tags.set(
    arn,
    (ctx.rs.tags.get(arn) ?? []).filter((t) => !keys.has(t.Key)),
  );
  return {};
}

/** ListTagsForResource. */
export function listTagsForResource(input: JsonObject, ctx: Ctx): JsonObject {
  const arn = target(ctx, input);
  return { Tags: (ctx.rs.tags.get(arn) ?? []).map((t) => ({ Key: t.Key, Value: t.Value })) };
}
