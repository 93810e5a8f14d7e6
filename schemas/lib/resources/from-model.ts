// Arguments taken from the model: a structure's members as snake_case JSON Schema, written inline
// (no $ref) so that ajv's instancePath and the docs both follow the attribute paths directly.
import { constraintKeywords, type JsonSchema, type JsonValue, shapeSchema } from '../json-schema.js';
import { getShape, localName, type SmithyMember, type SmithyModel } from '../smithy.js';
import { snakeCase } from './naming.js';
import { literalAlternatives, unicodePattern } from './patterns.js';

/** What the model says about one argument path besides its schema. */
export interface ModelAttr {
  readonly block: boolean;
  readonly default?: JsonValue;
}

/** The argument paths found while converting, in walk order, and each path's schema node. */
export interface ModelArgs {
  readonly attrs: Map<string, ModelAttr>;
  readonly nodes: Map<string, JsonSchema>;
}

/** The absolute id of a shape named locally, in the service's namespace. */
export function shapeId(model: SmithyModel, local: string): string {
  return `${model.serviceId.slice(0, model.serviceId.indexOf('#') + 1)}${local}`;
}

/** A string, number or boolean argument, with the constraints of its target and of the member. */
function leafSchema(model: SmithyModel, m: SmithyMember): JsonSchema {
  const target = getShape(model, m.target);
  const s: JsonSchema = { ...shapeSchema(model, m.target), ...constraintKeywords(target.type, m.traits) };
  if (typeof s.pattern !== 'string') return s;
  const values = literalAlternatives(s.pattern);
  if (values) {
    const { pattern: _p, minLength: _min, maxLength: _max, ...rest } = s;
    return { ...rest, enum: values };
  }
  const { pattern, ...rest } = s;
  const usable = unicodePattern(pattern);
  return usable === undefined ? rest : { ...rest, pattern: usable };
}

/** True for the API's tag lists: a list of `{Key, Value}` structures. */
function isKeyValueList(model: SmithyModel, m: SmithyMember): SmithyMember | undefined {
  const s = getShape(model, m.target);
  if (s.type !== 'list' || !s.member) return undefined;
  const item = getShape(model, s.member.target);
  const names = Object.keys(item.members ?? {}).sort();
  return item.type === 'structure' && names.join(',') === 'Key,Value' ? s.member : undefined;
}

function memberArg(model: SmithyModel, m: SmithyMember, path: string, out: ModelArgs): JsonSchema {
  const target = getShape(model, m.target);
  // A required member is never omitted from a configuration, so its model default could never apply.
  const dflt =
    'smithy.api#required' in m.traits ? undefined : (m.traits['smithy.api#default'] as JsonValue | undefined);
  const attr: ModelAttr = dflt === undefined ? { block: target.type === 'structure' } : { block: false, default: dflt };
  out.attrs.set(path, attr);
  let schema: JsonSchema;
  const tag = isKeyValueList(model, m);
  if (tag) {
    // Tags are written as a map, as Terraform users expect; the provider turns it back into a list.
    const item = getShape(model, tag.target).members ?? {};
    schema = {
      type: 'object',
      propertyNames: leafSchema(model, item.Key),
      additionalProperties: leafSchema(model, item.Value),
    };
  } else if (target.type === 'structure') {
    schema = structureArgs(model, m.target, undefined, `${path}.`, out);
  } else if (target.type === 'list') {
    if (!target.member || getShape(model, target.member.target).type === 'structure') {
      throw new Error(`${path}: lists of structures are not supported as arguments`);
    }
    schema = { type: 'array', items: leafSchema(model, target.member), ...constraintKeywords('list', target.traits) };
  } else if (target.type === 'map') {
    if (!target.key || !target.value) throw new Error(`${path}: map without key or value`);
    schema = {
      type: 'object',
      propertyNames: leafSchema(model, target.key),
      additionalProperties: leafSchema(model, target.value),
    };
  } else {
    schema = leafSchema(model, m);
  }
  out.nodes.set(path, schema);
  return schema;
}

/**
 * The object schema of a structure's members (all of them, or those named in `pick`, in that
 * order), closed to unknown properties; paths found are recorded in `out` under `prefix`.
 */
export function structureArgs(
  model: SmithyModel,
  id: string,
  pick: readonly string[] | undefined,
  prefix: string,
  out: ModelArgs,
): JsonSchema {
  const members = getShape(model, id).members ?? {};
  const names = pick ?? Object.keys(members);
  const properties: JsonSchema = {};
  const required: string[] = [];
  for (const name of names) {
    const m = members[name];
    if (!m) throw new Error(`${localName(id)} has no member ${name}`);
    const snake = snakeCase(name);
    properties[snake] = memberArg(model, m, prefix + snake, out);
    if ('smithy.api#required' in m.traits) required.push(snake);
  }
  const schema: JsonSchema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  schema.additionalProperties = false;
  return schema;
}
