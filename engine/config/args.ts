import type { AttributeMeta, JsonValue, ResourceSchema } from '../../providers/provider.js';
import { type Diagnostic, didYouMean, error, type Range } from '../diag/index.js';
import type { Attribute, Block, Body, Expression } from '../hcl/index.js';
import {
  attributes,
  builtinFunctions,
  DYNAMIC_UNKNOWN,
  type EvalContext,
  elements,
  evaluate,
  isKnown,
  isNull,
  type Scope,
  type Value,
} from '../lang/index.js';
import { at } from './body.js';

// Turns a resource body into the JSON its schema checks. At validate time anything that depends
// on a variable, a local or another resource is unknown and left out of the checks, so only what
// is certain already is reported; at plan time the same checks run on the evaluated body.

/** Marks a leaf whose value is not known yet; schema errors at or below it are dropped. */
export const UNKNOWN_LEAF = '\u0000unknown';

/** The argument JSON of a body plus the source range of every JSON pointer in it. */
export interface BodyJSON {
  readonly value: { [key: string]: JsonValue };
  /** JSON pointer (`/a/b`) → where its value was written; a block's pointer maps to its header. */
  readonly ranges: ReadonlyMap<string, Range>;
  /** JSON pointer → where its name was written (an argument's name, a block's type). */
  readonly names: ReadonlyMap<string, Range>;
  /** JSON pointers whose value is unknown. */
  readonly unknown: ReadonlySet<string>;
}

/** A scope in which every declared name is an unknown value. */
export function unknownScope(names: readonly string[]): Scope {
  const set = new Set(names);
  return { lookup: (n) => (set.has(n) ? DYNAMIC_UNKNOWN : undefined), names: () => set };
}

/**
 * Builds the argument JSON of a resource body. Attributes the schema marks as blocks must be
 * written as blocks, and blocks may appear once. Evaluation problems become diagnostics.
 */
export function bodyJSON(body: Body, schema: ResourceSchema, ctx: EvalContext, diags: Diagnostic[]): BodyJSON {
  const source: ValueSource = { of: (a) => evaluate(a.expr, ctx), block: () => source };
  return walk(body, schema, source, diags);
}

/**
 * The same for a body already evaluated to `value` (an object, its blocks nested objects), as the
 * planner has it: values from variables and from other resources are checked too, once known.
 */
export function evaluatedBodyJSON(body: BodyParts, schema: ResourceSchema, value: Value): BodyJSON {
  // The body's own problems (duplicate blocks and such) were reported when it was validated.
  return walk(body, schema, evaluatedSource(value), []);
}

/** What walking a body reads of it: a parsed body, or a resource's configuration body. */
type BodyParts = Pick<Body, 'attributes' | 'blocks'>;

/** Where the value of each argument comes from: evaluated now, or taken from an evaluated body. */
interface ValueSource {
  of(a: Attribute): { readonly value: Value; readonly diagnostics: readonly Diagnostic[] };
  block(b: Block): ValueSource;
}

function evaluatedSource(v: Value): ValueSource {
  const fields = isKnown(v) && !isNull(v) && v.payload instanceof Map ? attributes(v) : new Map<string, Value>();
  // A name missing from the value was left out over an error already reported: nothing to check.
  const field = (name: string) => fields.get(name) ?? DYNAMIC_UNKNOWN;
  return {
    of: (a) => ({ value: field(a.name), diagnostics: [] }),
    block: (b) => evaluatedSource(field(b.type)),
  };
}

function walk(body: BodyParts, schema: ResourceSchema, source: ValueSource, diags: Diagnostic[]): BodyJSON {
  const ranges = new Map<string, Range>();
  const names = new Map<string, Range>();
  const unknown = new Set<string>();
  const value = walkBody(body, '', '', schema.attributes, source, { ranges, names, unknown }, diags);
  return { value, ranges, names, unknown };
}

function walkBody(
  body: BodyParts,
  pointer: string,
  metaPath: string,
  meta: Readonly<Record<string, AttributeMeta>>,
  source: ValueSource,
  acc: { ranges: Map<string, Range>; names: Map<string, Range>; unknown: Set<string> },
  diags: Diagnostic[],
): { [key: string]: JsonValue } {
  const { ranges, names, unknown } = acc;
  const out: { [key: string]: JsonValue } = {};
  for (const a of body.attributes) {
    const path = metaPath ? `${metaPath}.${a.name}` : a.name;
    const p = `${pointer}/${a.name}`;
    if (meta[path]?.block) {
      diags.push(
        error('Unsupported argument', a.nameRange, `"${a.name}" is written as a block: ${a.name} { … }, without "=".`),
      );
      continue;
    }
    ranges.set(p, a.expr.range);
    names.set(p, a.nameRange);
    const r = source.of(a);
    diags.push(...r.diagnostics);
    out[a.name] = toJSON(r.value, p, a.expr, ranges, unknown);
  }
  const seen = new Map<string, Block>();
  for (const b of body.blocks) {
    const path = metaPath ? `${metaPath}.${b.type}` : b.type;
    const p = `${pointer}/${b.type}`;
    const prev = seen.get(b.type);
    if (prev) {
      diags.push(
        error(
          `Duplicate ${b.type} block`,
          b.typeRange,
          `Only one "${b.type}" block is allowed here; the first is at ${at(prev.typeRange)}.`,
        ),
      );
      continue;
    }
    seen.set(b.type, b);
    if (b.labels.length > 0) {
      diags.push(error(`Extraneous label for ${b.type}`, b.labels[0].range, `A ${b.type} block takes no labels.`));
      continue;
    }
    if (meta[path] && !meta[path].block) {
      diags.push(error('Unsupported block type', b.typeRange, `"${b.type}" is an argument: write ${b.type} = …`));
      continue;
    }
    ranges.set(p, b.typeRange);
    names.set(p, b.typeRange);
    out[b.type] = walkBody(b.body, p, path, meta, source.block(b), acc, diags);
  }
  return out;
}

function toJSON(
  v: Value,
  pointer: string,
  expr: Expression | undefined,
  ranges: Map<string, Range>,
  unknown: Set<string>,
): JsonValue {
  if (!isKnown(v)) {
    unknown.add(pointer);
    return UNKNOWN_LEAF;
  }
  if (isNull(v)) return null;
  const p = v.payload;
  if (typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean') return p;
  const itemByKey = new Map<string, Expression>();
  if (expr?.kind === 'ObjectCons') {
    for (const it of expr.items) if (it.bareKey && it.key.kind === 'Variable') itemByKey.set(it.key.name, it.value);
  }
  if (Array.isArray(p)) {
    const tupleItems = expr?.kind === 'TupleCons' ? expr.items : undefined;
    return elements(v).map((e, i) => {
      const sub = `${pointer}/${i}`;
      const itemExpr = tupleItems?.[i];
      if (itemExpr) ranges.set(sub, itemExpr.range);
      return toJSON(e, sub, itemExpr, ranges, unknown);
    });
  }
  const out: { [key: string]: JsonValue } = {};
  for (const [k, e] of attributes(v)) {
    const sub = `${pointer}/${escapePointer(k)}`;
    const item = itemByKey.get(k);
    if (item) ranges.set(sub, item.range);
    out[k] = toJSON(e, sub, item, ranges, unknown);
  }
  return out;
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** An evaluation context for validate time: every declared root name is unknown. */
export function validateContext(names: readonly string[], baseDir: string | undefined): EvalContext {
  return { scope: unknownScope(names), functions: builtinFunctions(), ...(baseDir ? { baseDir } : {}) };
}

/** The closest known argument name, as a hint for a misspelt one. */
export function argumentHint(name: string, schema: ResourceSchema, parentPath: string): string {
  const prefix = parentPath ? `${parentPath}.` : '';
  const siblings = Object.keys(schema.attributes)
    .filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('.'))
    .filter((k) => !schema.attributes[k].computed || schema.attributes[k].optional)
    .map((k) => k.slice(prefix.length));
  return didYouMean(name, siblings);
}
