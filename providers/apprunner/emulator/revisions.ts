// Revisioned resources (auto scaling, observability, VPC connectors): a name owns numbered revisions.
import { type ArnKind, arn, resourceId } from './arn.js';
import type { Ctx } from './context.js';
import { fail } from './errors.js';
import type { JsonObject } from './json.js';
import type { RevisionRecord } from './store.js';

/** The limits and names that differ between revisioned kinds. */
export interface RevisionKind {
  readonly kind: ArnKind;
  /** Human name for messages, e.g. "auto scaling configuration". */
  readonly label: string;
  readonly maxNames: number;
  /** Revisions per name; Infinity where the kind has no per-name limit. */
  readonly maxRevisions: number;
  /** Names that do not count against the quota (the built-in default). */
  readonly exempt?: string;
}

/** Every ACTIVE revision of a name, oldest first. */
export function activeRevisions<T extends RevisionRecord>(map: Map<string, T>, name: string): T[] {
  return [...map.values()].filter((r) => r.name === name && r.status === 'ACTIVE');
}

/** True when `r` is the highest ACTIVE revision of its name. */
export function isLatest<T extends RevisionRecord>(map: Map<string, T>, r: T): boolean {
  if (r.status !== 'ACTIVE') return false;
  return activeRevisions(map, r.name).every((o) => o.revision <= r.revision);
}

/** Creates the next revision of `name`, enforcing the per-name and per-account quotas. */
export function createRevision(
  ctx: Ctx,
  map: Map<string, RevisionRecord>,
  k: RevisionKind,
  name: string,
  body: JsonObject,
): RevisionRecord {
  const active = activeRevisions(map, name);
  if (active.length >= k.maxRevisions) {
    throw fail.quota(`You have reached the maximum of ${k.maxRevisions} revisions of ${k.label} ${name}.`);
  }
  if (active.length === 0 && k.maxNames !== Number.POSITIVE_INFINITY) {
    const names = new Set(
      [...map.values()].filter((r) => r.status === 'ACTIVE' && r.name !== k.exempt).map((r) => r.name),
    );
    if (names.size >= k.maxNames) throw fail.quota(`You have reached the maximum of ${k.maxNames} ${k.label}s.`);
  }
  let revision = 1;
  for (const r of map.values()) if (r.name === name && r.revision >= revision) revision = r.revision + 1;
  const rec: RevisionRecord = {
    arn: arn(ctx, k.kind, name, revision, resourceId(ctx)),
    name,
    revision,
    createdAt: ctx.now,
    status: 'ACTIVE',
    body,
  };
  map.set(rec.arn, rec);
  return rec;
}

/** Finds a revision by ARN (INACTIVE ones included, as Describe shows them). */
export function getRevision<T extends RevisionRecord>(map: Map<string, T>, arnValue: string, label: string): T {
  const r = map.get(arnValue);
  if (!r) throw fail.notFound(`The ${label} ${arnValue} does not exist.`);
  return r;
}

/** Marks a revision INACTIVE; `inUse` refuses the deletion while a service still references it. */
export function deactivate(ctx: Ctx, r: RevisionRecord, label: string, inUse: boolean): void {
  if (r.status !== 'ACTIVE') throw fail.notFound(`The ${label} ${r.arn} was already deleted.`);
  if (inUse) throw fail.invalid(`The ${label} ${r.arn} is used by a service and can't be deleted.`);
  r.status = 'INACTIVE';
  r.deletedAt = ctx.now;
}
