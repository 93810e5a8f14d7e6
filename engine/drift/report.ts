import type { JsonObject, JsonValue } from '../../providers/provider.js';
import { type AttrPath, type Change, type Drift, getPath, type SchemaLookup, setPath } from '../plan/index.js';
import { alignPath, changedLeaves, formatPath, type IgnoreRule, ignoredPaths, isUnder } from './ignore.js';

// The drift report: what `runform drift --format json` prints, and what the text view reads.
// Values are redacted here, so no renderer can leak a sensitive one.

/** One attribute changed outside runform. Sensitive values are replaced by REDACTED. */
export interface DriftAttribute {
  readonly path: string;
  readonly before: JsonValue;
  readonly after: JsonValue;
}

/** A managed resource instance that differs from the state. */
export interface DriftedResource {
  readonly address: string;
  readonly type: string;
  readonly change: 'updated' | 'deleted';
  /** The attributes that changed (empty for a deleted resource). */
  readonly attributes: readonly DriftAttribute[];
}

/** A configuration change that was never applied: what `runform apply` would do besides undoing drift. */
export interface UnappliedChange {
  readonly address: string;
  readonly action: 'create' | 'update' | 'replace' | 'delete';
}

/** The whole report (the JSON shape of `runform drift --format json`). */
export interface DriftReport {
  readonly drifted: boolean;
  readonly resources: readonly DriftedResource[];
  readonly unapplied: readonly UnappliedChange[];
  /** How many managed resource instances were read. */
  readonly checked: number;
  readonly duration_ms: number;
}

/** What a sensitive value is shown as. */
export const REDACTED = '(sensitive value)';

/** Attributes that move as a side effect of runform's own changes: never drift. */
function sideEffects(d: Drift, schemas: SchemaLookup): AttrPath[] {
  const info = schemas(d.provider, 'managed', d.type);
  return Object.entries(info?.schema.attributes ?? {})
    .filter(([k, m]) => m.sideEffect && !k.includes('.'))
    .map(([k]) => [k]);
}

/**
 * The drift left once `--ignore` rules are applied: an ignored path takes its value from the
 * state, so the renderers see no difference there; a drift with nothing left is dropped.
 */
export function filterDrift(drift: readonly Drift[], rules: readonly IgnoreRule[], schemas: SchemaLookup): Drift[] {
  const out: Drift[] = [];
  for (const d of drift) {
    const ignored = [...ignoredPaths(rules, d.address), ...sideEffects(d, schemas)];
    if (ignored.some((p) => p.length === 0)) continue;
    if (!d.after) {
      out.push(d);
      continue;
    }
    let value: JsonObject = d.after.value;
    for (const p of ignored) {
      const at = alignPath(d.before.value, p);
      value = setPath(value, at, getPath(d.before.value, at));
    }
    if (changedLeaves(d.before.value, value).length > 0) out.push({ ...d, after: { ...d.after, value } });
  }
  return out;
}

/** The value at `p` with every sensitive part of it replaced by REDACTED (wholly, when `p` itself is sensitive). */
function shown(object: JsonObject, sensitive: readonly AttrPath[], p: AttrPath): JsonValue {
  if (sensitive.some((s) => isUnder(p, s))) return REDACTED;
  let value = getPath(object, p) ?? null;
  for (const s of sensitive) {
    if (!isUnder(s, p) || value === null || typeof value !== 'object') continue;
    const rest = s.slice(p.length);
    if (getPath(value, rest) !== undefined) value = setPath({ v: value }, ['v', ...rest], REDACTED).v ?? null;
  }
  return value;
}

/** One drifted instance as a report entry, with sensitive values redacted. */
export function driftedResource(d: Drift): DriftedResource {
  if (!d.after) return { address: d.address, type: d.type, change: 'deleted', attributes: [] };
  const after = d.after;
  // A path sensitive on either side is hidden on both.
  const sensitive = [...d.before.sensitivePaths, ...after.sensitivePaths];
  const attributes = changedLeaves(d.before.value, after.value).map((p) => ({
    path: formatPath(p),
    before: shown(d.before.value, sensitive, p),
    after: shown(after.value, sensitive, p),
  }));
  return { address: d.address, type: d.type, change: 'updated', attributes };
}

/**
 * The changes a plan would make that are not only the undoing of drift: those planned both
 * against the live resources and against the state as runform last recorded it.
 */
export function unappliedChanges(refreshed: readonly Change[], againstState: readonly Change[]): Change[] {
  const pending = new Set(againstState.filter(isChange).map((c) => c.address));
  return refreshed.filter((c) => isChange(c) && pending.has(c.address));
}

const isChange = (c: Change) => c.action !== 'no-op' && c.action !== 'read';

/** The report of a drift run. */
export function driftReport(
  drift: readonly Drift[],
  unapplied: readonly Change[],
  checked: number,
  durationMs: number,
): DriftReport {
  return {
    drifted: drift.length > 0,
    resources: drift.map(driftedResource),
    unapplied: unapplied.map((c) => ({ address: c.address, action: c.action as UnappliedChange['action'] })),
    checked,
    duration_ms: Math.round(durationMs),
  };
}
