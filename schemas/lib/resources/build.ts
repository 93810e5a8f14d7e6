// Turning a hand-written definition into the ResourceSchema the provider hands to the engine.
import type { AttributeMeta, JsonValue, ResourceSchema } from '../../../providers/provider.js';
import { DIALECT, type JsonSchema } from '../json-schema.js';
import { getShape, type SmithyModel } from '../smithy.js';
import { type ModelArgs, shapeId, structureArgs } from './from-model.js';
import type { AttrDef, ComputedDef, DataSourceDef, ResourceDef } from './types.js';

type Meta = { -readonly [K in keyof AttributeMeta]: AttributeMeta[K] };

/** Writes metadata keys in one fixed order, leaving out what is unset, so output is stable. */
function meta(m: Meta): AttributeMeta {
  const out: Meta = {};
  if (m.description !== undefined) out.description = m.description;
  if (m.block) out.block = true;
  if (m.computed) out.computed = true;
  if (m.optional) out.optional = true;
  if (m.forcesReplacement) out.forcesReplacement = true;
  if (m.sensitive) out.sensitive = true;
  if (m.default !== undefined) out.default = m.default;
  if (m.normalize !== undefined) out.normalize = m.normalize;
  if (m.alwaysRefresh) out.alwaysRefresh = true;
  if (m.sideEffect) out.sideEffect = true;
  return out;
}

function argMeta(d: AttrDef, block: boolean, modelDefault: JsonValue | undefined, replaces: boolean): AttributeMeta {
  return meta({
    description: d.description,
    block,
    computed: d.computed,
    optional: d.computed,
    forcesReplacement: d.forcesReplacement || replaces,
    sensitive: d.sensitive,
    default: d.default ?? modelDefault,
    normalize: d.normalize,
    alwaysRefresh: d.alwaysRefresh,
  });
}

function computedMeta(d: ComputedDef): AttributeMeta {
  const { description, sensitive, alwaysRefresh, sideEffect } = d;
  return meta({ description, computed: true, sensitive, alwaysRefresh, sideEffect });
}

function parentPath(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? '' : path.slice(0, i);
}

/** True when an ancestor of the path (a block it sits in) is marked as forcing replacement. */
function inheritsReplacement(def: ResourceDef, path: string): boolean {
  for (let p = parentPath(path); p !== ''; p = parentPath(p)) if (def.attributes[p]?.forcesReplacement) return true;
  return false;
}

/** Throws unless `Shape$Member` names a member of a structure in the model. */
function checkMember(model: SmithyModel, what: string, ref: string): void {
  const [shape, member] = ref.split('$');
  const id = shapeId(model, shape);
  if (!model.shapes.has(id) || !member || !getShape(model, id).members?.[member]) {
    throw new Error(`${what} is read from ${ref}, which the model does not have`);
  }
}

/** Builds a resource type's schema; throws on a definition that does not fit the model. */
export function buildResource(model: SmithyModel, def: ResourceDef): ResourceSchema {
  const found: ModelArgs = { attrs: new Map(), nodes: new Map() };
  const args: JsonSchema = def.input
    ? structureArgs(model, shapeId(model, def.input), def.members, '', found)
    : { type: 'object', properties: {}, additionalProperties: false };
  const properties = args.properties as JsonSchema;
  const required = Array.isArray(args.required) ? [...args.required] : [];
  const attributes: Record<string, AttributeMeta> = {};
  for (const [path, m] of found.attrs) {
    const d = def.attributes[path];
    if (!d) throw new Error(`${def.type}: argument ${path} has no description`);
    attributes[path] = argMeta(d, m.block, m.default, inheritsReplacement(def, path));
    if (d.schema) Object.assign(found.nodes.get(path) as JsonSchema, d.schema);
    // Map entries (`name.*`) exist only to carry metadata about the values, such as sensitivity.
    const entry = def.attributes[`${path}.*`];
    if (entry) attributes[`${path}.*`] = argMeta(entry, false, undefined, inheritsReplacement(def, `${path}.*`));
  }
  const stray = Object.keys(def.attributes).filter((p) => !attributes[p]);
  if (stray.length > 0) throw new Error(`${def.type}: not arguments taken from the model: ${stray.join(', ')}`);
  for (const [name, d] of Object.entries(def.extraArgs ?? {})) {
    properties[name] = d.schema;
    if (d.required) required.push(name);
    attributes[name] = argMeta(d, false, undefined, false);
  }
  for (const [path, d] of Object.entries(def.computed)) {
    if (attributes[path]) throw new Error(`${def.type}: ${path} is both an argument and computed-only`);
    if (d.from) checkMember(model, `${def.type}: ${path}`, d.from);
    attributes[path] = computedMeta(d);
  }
  const argsOut: JsonSchema = { $schema: DIALECT, type: 'object', properties };
  if (required.length > 0) argsOut.required = required;
  argsOut.additionalProperties = false;
  Object.assign(argsOut, def.argsSchema ?? {});
  return {
    type: def.type,
    kind: 'resource',
    description: def.description,
    args: argsOut,
    attributes,
    ...(def.createBeforeDestroyByDefault ? { createBeforeDestroyByDefault: true } : {}),
    timeouts: def.timeouts,
  };
}

/** Builds a data source's schema from the resource it mirrors: lookup arguments, the rest computed. */
export function buildDataSource(def: DataSourceDef, resource: ResourceSchema): ResourceSchema {
  const resourceProps = (resource.args.properties ?? {}) as JsonSchema;
  const properties: JsonSchema = {};
  const required: string[] = [];
  const attributes: Record<string, AttributeMeta> = {};
  for (const [name, d] of Object.entries(def.lookup)) {
    const schema = resourceProps[d.sameAs ?? name];
    if (schema === undefined) throw new Error(`${def.type}: lookup argument ${name} needs a schema`);
    properties[name] = schema;
    if (d.required) required.push(name);
    attributes[name] = meta({ description: d.description, computed: !d.required, optional: !d.required });
  }
  const skipped = (path: string): boolean => def.skip?.some((s) => path === s || path.startsWith(`${s}.`)) ?? false;
  for (const [path, m] of Object.entries(resource.attributes)) {
    if (attributes[path] || skipped(path)) continue;
    const { description, sensitive, normalize, alwaysRefresh, sideEffect } = m;
    attributes[path] = meta({ description, computed: true, sensitive, normalize, alwaysRefresh, sideEffect });
  }
  const args: JsonSchema = { $schema: DIALECT, type: 'object', properties };
  if (required.length > 0) args.required = required;
  args.additionalProperties = false;
  Object.assign(args, def.argsSchema ?? {});
  return { type: def.type, kind: 'data', description: def.description, args, attributes };
}
