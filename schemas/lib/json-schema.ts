// Converting Smithy shapes into JSON Schema (draft-07 with $defs, the dialect ajv 8 reads by default).
// Each shape becomes one entry of $defs so that recursive or shared shapes are written once.
import { getShape, localName, type SmithyMember, type SmithyModel, type SmithyShape } from './smithy.js';

/** A JSON Schema object as the generators write it. */
export type JsonSchema = { [key: string]: JsonValue };
/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The dialect every generated file declares. */
export const DIALECT = 'http://json-schema.org/draft-07/schema#';

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function rangeTrait(traits: Readonly<Record<string, unknown>>, name: string): { min?: number; max?: number } {
  const t = traits[name];
  if (typeof t !== 'object' || t === null) return {};
  const r = t as Record<string, unknown>;
  return { min: num(r.min), max: num(r.max) };
}

/** The constraint keywords carried by the traits of a shape or of a member that targets it. */
export function constraintKeywords(type: string, traits: Readonly<Record<string, unknown>>): JsonSchema {
  const out: JsonSchema = {};
  const len = rangeTrait(traits, 'smithy.api#length');
  const [minKey, maxKey] =
    type === 'string'
      ? ['minLength', 'maxLength']
      : type === 'list'
        ? ['minItems', 'maxItems']
        : type === 'map'
          ? ['minProperties', 'maxProperties']
          : [undefined, undefined];
  if (minKey && len.min !== undefined) out[minKey] = len.min;
  if (maxKey && len.max !== undefined) out[maxKey] = len.max;
  const range = rangeTrait(traits, 'smithy.api#range');
  if (range.min !== undefined) out.minimum = range.min;
  if (range.max !== undefined) out.maximum = range.max;
  const pattern = traits['smithy.api#pattern'];
  if (typeof pattern === 'string') out.pattern = pattern;
  return out;
}

function enumValues(s: SmithyShape): string[] {
  return Object.entries(s.members ?? {}).map(([name, m]) => {
    const v = m.traits['smithy.api#enumValue'];
    return typeof v === 'string' ? v : name;
  });
}

/** The $defs key of a shape id. */
export function defName(id: string): string {
  return localName(id);
}

function ref(id: string): JsonSchema {
  return { $ref: `#/$defs/${defName(id)}` };
}

/** A member's schema: a reference to its target, narrowed by any constraint traits on the member itself. */
function memberSchema(model: SmithyModel, m: SmithyMember): JsonSchema {
  const target = getShape(model, m.target);
  const extra = constraintKeywords(target.type, m.traits);
  return Object.keys(extra).length === 0 ? ref(m.target) : { allOf: [ref(m.target), extra] };
}

/** The schema of one shape, referencing the shapes it contains through $defs. */
export function shapeSchema(model: SmithyModel, id: string): JsonSchema {
  const s = getShape(model, id);
  const constraints = constraintKeywords(s.type, s.traits);
  switch (s.type) {
    case 'string':
      return { type: 'string', ...constraints };
    case 'enum':
      return { type: 'string', enum: enumValues(s) };
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
      return { type: 'integer', ...constraints };
    case 'float':
    case 'double':
      return { type: 'number', ...constraints };
    case 'boolean':
      return { type: 'boolean' };
    case 'timestamp':
      return { type: 'number' };
    case 'blob':
      return { type: 'string' };
    case 'list':
      if (!s.member) throw new Error(`list ${id} has no member`);
      return { type: 'array', items: memberSchema(model, s.member), ...constraints };
    case 'map':
      if (!s.key || !s.value) throw new Error(`map ${id} lacks a key or value`);
      return {
        type: 'object',
        propertyNames: memberSchema(model, s.key),
        additionalProperties: memberSchema(model, s.value),
        ...constraints,
      };
    case 'structure': {
      const properties: JsonSchema = {};
      const required: string[] = [];
      for (const [name, m] of Object.entries(s.members ?? {})) {
        properties[name] = memberSchema(model, m);
        if ('smithy.api#required' in m.traits) required.push(name);
      }
      return required.length > 0 ? { type: 'object', properties, required } : { type: 'object', properties };
    }
    default:
      throw new Error(`shape ${id} has type ${s.type}, which the generator does not handle`);
  }
}

/** Every shape reachable from `root`, root first, then in first-visit order. */
export function reachableShapes(model: SmithyModel, root: string): string[] {
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id) || id.startsWith('smithy.api#')) return;
    seen.add(id);
    const s = getShape(model, id);
    if (s.type === 'enum') return;
    for (const m of Object.values(s.members ?? {})) visit(m.target);
    for (const m of [s.member, s.key, s.value]) if (m) visit(m.target);
  };
  visit(root);
  return [...seen];
}

/** A self-contained schema document for `root`: its own schema at the top, every dependency under $defs. */
export function documentFor(model: SmithyModel, root: string, header: JsonSchema): JsonSchema {
  const defs: JsonSchema = {};
  for (const id of reachableShapes(model, root)) defs[defName(id)] = shapeSchema(model, id);
  return { ...header, $schema: DIALECT, $id: defName(root), ...ref(root), $defs: defs };
}
