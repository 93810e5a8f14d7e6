// JSON values as they cross the wire, and small narrowing helpers for untyped input.

/** Any JSON value. */
export type Json = string | number | boolean | null | Json[] | JsonObject;
/** A JSON object. */
export type JsonObject = { [key: string]: Json | undefined };

/** True for a plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep copy of a JSON-compatible value, so stored state never aliases request bodies. */
export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Epoch milliseconds to the wire form: epoch seconds as a number, which is what the SDKs parse. */
export function epochSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}
