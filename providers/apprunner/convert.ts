// Conversion between our snake_case argument JSON and App Runner's PascalCase shapes, driven by
// the resource's JSON Schema so that map keys (environment variables) are never renamed.
import type { JsonObject, JsonSchema, JsonValue } from '../provider.js';
import { isRecord } from './sdk.js';

/** `repository_url` → `RepositoryUrl`. */
export function pascal(snake: string): string {
  return snake
    .split('_')
    .map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w))
    .join('');
}

/** An App Runner tag list, as the API takes and returns it. */
export type ApiTag = { Key: string; Value: string };

/** `{a: "1"}` → `[{Key: "a", Value: "1"}]`. */
export function tagsToApi(tags: JsonValue | undefined): ApiTag[] {
  if (!isRecord(tags)) return [];
  return Object.entries(tags).map(([Key, v]) => ({ Key, Value: String(v) }));
}

/** `[{Key, Value}]` → `{Key: Value}`; anything malformed is skipped. */
export function tagsFromApi(list: unknown): JsonObject {
  const out: JsonObject = {};
  if (!Array.isArray(list)) return out;
  for (const t of list) {
    if (isRecord(t) && typeof t.Key === 'string') out[t.Key] = typeof t.Value === 'string' ? t.Value : '';
  }
  return out;
}

function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> | undefined {
  const p = schema?.properties;
  return isRecord(p) ? (p as Record<string, JsonSchema>) : undefined;
}

function itemsOf(schema: JsonSchema | undefined): JsonSchema | undefined {
  const i = schema?.items;
  return isRecord(i) ? i : undefined;
}

/** Our value → the API's, following `schema`; keys the schema does not list keep their spelling (maps). */
export function toApi(schema: JsonSchema | undefined, value: JsonValue): unknown {
  if (Array.isArray(value)) return value.map((v) => toApi(itemsOf(schema), v));
  if (!isRecord(value)) return value;
  const props = propertiesOf(schema);
  if (!props) return { ...value };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    out[pascal(k)] = toApi(props[k], v);
  }
  return out;
}

/** The API's value → ours, keeping only what `schema` describes; maps keep their keys. */
export function fromApi(schema: JsonSchema | undefined, value: unknown): JsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const items = itemsOf(schema);
    return value.map((v) => fromApi(items, v)).filter((v): v is JsonValue => v !== undefined);
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (!isRecord(value)) return undefined;
  const props = propertiesOf(schema);
  const out: JsonObject = {};
  if (!props) {
    for (const [k, v] of Object.entries(value)) {
      const c = fromApi(undefined, v);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  for (const [k, s] of Object.entries(props)) {
    const c = fromApi(s, value[pascal(k)]);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/** The API members for the listed top-level arguments (tags and provider-only arguments excluded). */
export function argsToApi(
  argsSchema: JsonSchema,
  args: JsonObject,
  keys: readonly string[],
  skip: readonly string[] = ['tags'],
): Record<string, unknown> {
  const props = propertiesOf(argsSchema) ?? {};
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (skip.includes(k)) continue;
    const v = args[k];
    if (v === undefined || v === null) continue;
    out[pascal(k)] = toApi(props[k], v);
  }
  return out;
}

/** The top-level arguments of `argsSchema` read back from an API object, except those in `skip`. */
export function argsFromApi(argsSchema: JsonSchema, api: unknown, skip: readonly string[] = ['tags']): JsonObject {
  const props = propertiesOf(argsSchema) ?? {};
  const out: JsonObject = {};
  if (!isRecord(api)) return out;
  for (const [k, s] of Object.entries(props)) {
    if (skip.includes(k)) continue;
    const c = fromApi(s, api[pascal(k)]);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/** Tag changes between two tag maps: keys to (re)set and keys to remove. */
export function tagDiff(
  before: JsonValue | undefined,
  after: JsonValue | undefined,
): { set: ApiTag[]; remove: string[] } {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const set = tagsToApi(Object.fromEntries(Object.entries(a).filter(([k, v]) => b[k] !== v)) as JsonObject);
  const remove = Object.keys(b).filter((k) => !(k in a));
  return { set, remove };
}
