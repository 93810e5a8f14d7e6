// What every resource type of one configured provider shares: the client, the batching poller,
// the learned durations, and helpers for timeouts and tags.
import {
  type AppRunnerClient,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-apprunner';
import type { JsonObject, JsonValue, OpContext, ResourceSchema, TimeoutKind } from '../provider.js';
import { tagDiff, tagsFromApi } from './convert.js';
import type { ServiceListing } from './resources/service-listing.js';
import { isNotFound } from './sdk.js';
import type { WaitEnv } from './wait/index.js';

/** The per-provider state the resource types close over. */
export interface Runtime extends WaitEnv {
  readonly client: AppRunnerClient;
  /** ListServices sweeps shared by the service reads of one refresh. */
  readonly listing: ServiceListing;
}

/**
 * The timeout to honour: ctx.timeouts, except that a value equal to the schema default is divided
 * by RUNFORM_WAIT_SCALE (a user's explicit timeout is left alone).
 */
export function timeoutFor(rt: Runtime, ctx: OpContext, schema: ResourceSchema, kind: TimeoutKind): number {
  const given = ctx.timeouts[kind];
  const def = schema.timeouts?.[kind];
  if (given === undefined) return (def ?? 300_000) / rt.scale;
  return def !== undefined && given === def ? given / rt.scale : given;
}

/** The resource's tags as a map; a resource that vanished meanwhile has none. */
export async function readTags(rt: Runtime, arn: string, signal: AbortSignal): Promise<JsonObject> {
  try {
    const r = await rt.client.send(new ListTagsForResourceCommand({ ResourceArn: arn }), { abortSignal: signal });
    return tagsFromApi(r.Tags);
  } catch (e) {
    if (isNotFound(e)) return {};
    throw e;
  }
}

/** Brings the resource's tags from `before` to `after` with TagResource/UntagResource. */
export async function applyTags(
  rt: Runtime,
  arn: string,
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  signal: AbortSignal,
): Promise<void> {
  const { set, remove } = tagDiff(before, after);
  if (remove.length) {
    await rt.client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: remove }), { abortSignal: signal });
  }
  if (set.length)
    await rt.client.send(new TagResourceCommand({ ResourceArn: arn, Tags: set }), { abortSignal: signal });
}

/**
 * The update of a resource that can only change its tags in place (revisions, connectors): every
 * other argument forces replacement in its schema, so any other change reaching here is an engine bug.
 */
export async function updateTagsOnly(
  rt: Runtime,
  what: string,
  req: { readonly args: JsonObject; readonly prior: JsonObject; readonly changed: readonly string[] },
  signal: AbortSignal,
  read: (arn: string, signal: AbortSignal) => Promise<JsonObject>,
): Promise<JsonObject> {
  const arn = priorString(req.prior, 'arn');
  const other = req.changed.filter((k) => k !== 'tags');
  if (other.length) throw new Error(`${what} cannot change ${other.join(', ')} in place`);
  if (req.changed.includes('tags')) await applyTags(rt, arn, req.prior.tags, req.args.tags, signal);
  return read(arn, signal);
}

/** A string attribute of a prior state, or an error naming it (a programmer error in the engine). */
export function priorString(prior: JsonObject, key: string): string {
  const v = prior[key];
  if (typeof v !== 'string' || !v) throw new Error(`the prior state has no ${key}`);
  return v;
}
