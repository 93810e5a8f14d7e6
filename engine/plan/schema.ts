import type { AttributeMeta, JsonObject, JsonValue, ResourceSchema, ResourceType } from '../../providers/provider.js';
import type { AttrPath } from './change.js';

// Reading a schema's per-attribute metadata by value path, and comparing a configuration with
// live attributes the way the schema says: defaults fill omissions, normalisers make spellings equal.

/** A schema with the normalisers its attributes name. */
export interface SchemaInfo {
  readonly schema: ResourceSchema;
  readonly normalizers?: ResourceType['normalizers'];
}

/** The metadata pattern of a child: `parent.name` when the schema has it, else `parent.*` (map key or list element). */
export function childPattern(schema: ResourceSchema, parent: string, step: string | number): string {
  if (typeof step === 'string') {
    const named = parent === '' ? step : `${parent}.${step}`;
    if (Object.hasOwn(schema.attributes, named) || parent === '') return named;
  }
  const star = parent === '' ? '*' : `${parent}.*`;
  return star;
}

/** The metadata pattern of a path. */
export function patternOf(schema: ResourceSchema, path: AttrPath): string {
  let pat = '';
  for (const s of path) pat = childPattern(schema, pat, s);
  return pat;
}

/** The metadata of a path, if the schema describes it. */
export function metaAt(schema: ResourceSchema, path: AttrPath): AttributeMeta | undefined {
  return schema.attributes[patternOf(schema, path)];
}

/** True for attributes only the provider sets (not arguments). */
export function isComputedOnly(meta: AttributeMeta | undefined): boolean {
  return meta?.computed === true && meta.optional !== true;
}

/** What a schema says once, kept per schema so that per-instance work does not scan it again. */
interface SchemaFacts {
  /** Patterns that are sensitive, or lead to one: only these are walked for sensitive paths. */
  readonly towardSensitive: ReadonlySet<string>;
  /** For each object pattern (`''` for the top), its direct named children: [name, pattern, meta]. */
  readonly children: ReadonlyMap<string, readonly (readonly [string, string, AttributeMeta])[]>;
  /** The same, only the children that have a default or are blocks: what `withDefaults` looks at. */
  readonly filled: ReadonlyMap<string, readonly (readonly [string, string, AttributeMeta])[]>;
  readonly computedTopLevel: [string, AttributeMeta][];
}

const factsMemo = new WeakMap<ResourceSchema, SchemaFacts>();

function facts(schema: ResourceSchema): SchemaFacts {
  const hit = factsMemo.get(schema);
  if (hit) return hit;
  const towardSensitive = new Set<string>();
  const children = new Map<string, [string, string, AttributeMeta][]>();
  for (const [p, meta] of Object.entries(schema.attributes)) {
    const dot = p.lastIndexOf('.');
    const parent = dot < 0 ? '' : p.slice(0, dot);
    const name = p.slice(dot + 1);
    if (name !== '*') {
      const l = children.get(parent);
      if (l) l.push([name, p, meta]);
      else children.set(parent, [[name, p, meta]]);
    }
    if (meta.sensitive) {
      const parts = p.split('.');
      for (let i = 1; i <= parts.length; i++) towardSensitive.add(parts.slice(0, i).join('.'));
    }
  }
  const filled = new Map<string, (readonly [string, string, AttributeMeta])[]>();
  for (const [parent, list] of children) {
    const l = list.filter(([, , meta]) => meta.default !== undefined || meta.block);
    if (l.length > 0) filled.set(parent, l);
  }
  const f: SchemaFacts = {
    towardSensitive,
    children,
    filled,
    computedTopLevel: Object.entries(schema.attributes).filter(([k, m]) => !k.includes('.') && m.computed === true),
  };
  factsMemo.set(schema, f);
  return f;
}

/** The top-level names the schema marks computed (set by the provider), with whether the user may set them too. */
export function computedTopLevel(schema: ResourceSchema): [string, AttributeMeta][] {
  return facts(schema).computedTopLevel;
}

/** Paths in a JSON object whose schema metadata says `sensitive`. */
export function schemaSensitivePaths(value: JsonObject, schema: ResourceSchema): AttrPath[] {
  const out: AttrPath[] = [];
  const toward = facts(schema).towardSensitive;
  if (toward.size === 0) return out;
  const walk = (v: JsonValue | undefined, pat: string, path: (string | number)[]) => {
    if (!toward.has(pat)) return;
    if (schema.attributes[pat]?.sensitive) {
      out.push([...path]);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const step = (k: string | number, e: JsonValue) => {
      path.push(k);
      walk(e, childPattern(schema, pat, k), path);
      path.pop();
    };
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) step(i, v[i]);
    else for (const k in v) if (Object.hasOwn(v, k)) step(k, v[k]);
  };
  // Only the top-level names on the way to a sensitive attribute are walked.
  for (const k in value) if (Object.hasOwn(value, k) && toward.has(k)) walk(value[k], k, [k]);
  return out;
}

const isEmpty = (v: JsonValue | undefined): boolean =>
  v === undefined ||
  v === null ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);

/** Fills omitted arguments that have a schema default, at every level whose parent object is present. */
export function withDefaults(value: JsonObject, schema: ResourceSchema): JsonObject {
  const { filled } = facts(schema);
  const fill = (obj: JsonObject, pat: string): JsonObject => {
    const out: JsonObject = { ...obj };
    for (const [name, p, meta] of filled.get(pat) ?? []) {
      if (meta.default !== undefined && (out[name] === undefined || out[name] === null)) out[name] = meta.default;
      if (!meta.block) continue;
      const child = out[name];
      if (child && typeof child === 'object' && !Array.isArray(child)) out[name] = fill(child, p);
    }
    return out;
  };
  return fill(value, '');
}

/**
 * The shallowest paths at which the configuration and the live value differ. `unknown` holds the
 * keys (JSON of the path) of unknown configuration leaves: an unknown always counts as a change.
 */
export function differences(
  config: JsonObject,
  prior: JsonObject,
  info: SchemaInfo,
  unknown: ReadonlySet<string>,
  topLevel: Iterable<string>,
): AttrPath[] {
  const { schema } = info;
  const out: AttrPath[] = [];
  const norm = (v: JsonValue | undefined, pat: string): JsonValue | undefined => {
    const meta = schema.attributes[pat];
    if ((v === undefined || v === null) && meta?.default !== undefined) v = meta.default;
    const fn = meta?.normalize ? info.normalizers?.[meta.normalize] : undefined;
    return fn && v !== undefined && v !== null ? fn(v) : v;
  };
  // `path` is one array, pushed and popped on the way down; a difference records a copy.
  const cmp = (c: JsonValue | undefined, p: JsonValue | undefined, pat: string, path: (string | number)[]) => {
    if (unknown.size > 0 && unknown.has(JSON.stringify(path))) {
      out.push([...path]);
      return;
    }
    const meta = schema.attributes[pat];
    if ((c === undefined || c === null) && meta?.computed && meta.default === undefined) return;
    const cv = norm(c, pat);
    const pv = norm(p, pat);
    if (isEmpty(cv) && isEmpty(pv)) return;
    if (cv && pv && typeof cv === 'object' && typeof pv === 'object') {
      if (Array.isArray(cv) !== Array.isArray(pv)) {
        out.push([...path]);
        return;
      }
      if (Array.isArray(cv) && Array.isArray(pv)) {
        if (cv.length !== pv.length) out.push([...path]);
        else
          for (const [i, e] of cv.entries()) {
            path.push(i);
            cmp(e, pv[i], childPattern(schema, pat, i), path);
            path.pop();
          }
        return;
      }
      const co = cv as JsonObject;
      const po = pv as JsonObject;
      // The configured keys, then the live ones the configuration lacks.
      const visit = (k: string) => {
        const childPat = childPattern(schema, pat, k);
        if (!Object.hasOwn(co, k) && !Object.hasOwn(schema.attributes, childPat) && meta?.block) return;
        path.push(k);
        cmp(co[k], po[k], childPat, path);
        path.pop();
      };
      for (const k of Object.keys(co)) visit(k);
      for (const k of Object.keys(po)) if (!Object.hasOwn(co, k)) visit(k);
      return;
    }
    if (cv === pv || ((cv ?? null) === null && (pv ?? null) === null)) return;
    if (typeof cv !== 'object' && typeof pv !== 'object') {
      out.push([...path]);
      return;
    }
    if (JSON.stringify(cv ?? null) !== JSON.stringify(pv ?? null)) out.push([...path]);
  };
  for (const k of topLevel) cmp(config[k], prior[k], k, [k]);
  return out;
}

/**
 * The configuration with each leaf that equals the live value once normalised ("1 vCPU" and
 * "1024") written as the live value spells it, so that an update shows and sends only what
 * really differs, and equivalent spellings never reappear as a change.
 */
export function alignToPrior(config: JsonObject, prior: JsonObject, info: SchemaInfo): JsonObject {
  const { schema } = info;
  const walk = (c: JsonValue | undefined, p: JsonValue | undefined, pat: string): JsonValue | undefined => {
    if (c === undefined || c === null || p === undefined || p === null) return c;
    if (Array.isArray(c)) {
      if (!Array.isArray(p) || p.length !== c.length) return c;
      return c.map((e, i) => walk(e, p[i], childPattern(schema, pat, i)) ?? null);
    }
    if (typeof c === 'object') {
      if (typeof p !== 'object' || Array.isArray(p)) return c;
      const out: JsonObject = {};
      for (const [k, v] of Object.entries(c)) {
        const w = walk(v, p[k], childPattern(schema, pat, k));
        if (w !== undefined) out[k] = w;
      }
      return out;
    }
    const meta = schema.attributes[pat];
    const fn = meta?.normalize ? info.normalizers?.[meta.normalize] : undefined;
    if (!fn || typeof p === 'object') return c;
    return JSON.stringify(fn(c)) === JSON.stringify(fn(p)) ? p : c;
  };
  return walk(config, prior, '') as JsonObject;
}

/** True when a path or one of its ancestors forces replacement. */
export function forcesReplacement(schema: ResourceSchema, path: AttrPath): boolean {
  let pat = '';
  for (const s of path) {
    pat = childPattern(schema, pat, s);
    if (schema.attributes[pat]?.forcesReplacement) return true;
  }
  return false;
}
