// Typed reads from an already-validated request body; the schemas guarantee types, these narrow them for TypeScript.
import { isObject, type JsonObject } from './json.js';

/** A string member, if present. */
export function str(o: JsonObject | undefined, k: string): string | undefined {
  const v = o?.[k];
  return typeof v === 'string' ? v : undefined;
}

/** A number member, if present. */
export function num(o: JsonObject | undefined, k: string): number | undefined {
  const v = o?.[k];
  return typeof v === 'number' ? v : undefined;
}

/** A boolean member, if present. */
export function bool(o: JsonObject | undefined, k: string): boolean | undefined {
  const v = o?.[k];
  return typeof v === 'boolean' ? v : undefined;
}

/** An object member, if present. */
export function obj(o: JsonObject | undefined, k: string): JsonObject | undefined {
  const v = o?.[k];
  return isObject(v) ? (v as JsonObject) : undefined;
}

/** A required string member (the schema has already enforced presence). */
export function reqStr(o: JsonObject, k: string): string {
  const v = str(o, k);
  if (v === undefined) throw new Error(`validated input lacks ${k}`);
  return v;
}

/** The Tags member as key/value pairs. */
export function tagList(o: JsonObject, k = 'Tags'): { Key: string; Value: string }[] {
  const v = o[k];
  if (!Array.isArray(v)) return [];
  return v.flatMap((t) =>
    isObject(t) && typeof t.Key === 'string' ? [{ Key: t.Key, Value: String(t.Value ?? '') }] : [],
  );
}
