import type { ResourceSchema } from '../../providers/provider.js';
import type { ConfigBody } from '../config/index.js';
import { type Diagnostic, didYouMean, error } from '../diag/index.js';
import type { Attribute, Block } from '../hcl/index.js';
import { objectOfDistinct, type Value } from '../lang/index.js';
import type { Evaluator, InstanceNames } from './evaluator.js';

// A resource body evaluated to one object value: arguments by name, nested blocks as objects
// (the schema's `block` metadata says which names are blocks), checked against the schema.

/** Evaluates an instance's configuration body against its schema. Unknown leaves stay unknown. */
export function evalResourceBody(
  body: ConfigBody,
  schema: ResourceSchema | undefined,
  ev: Evaluator,
  names: InstanceNames,
): { value: Value; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const value = evalBody(body.attributes, body.blocks, '', schema, ev, names, diagnostics);
  return { value, diagnostics };
}

function evalBody(
  attrs: readonly Attribute[],
  blocks: readonly Block[],
  prefix: string,
  schema: ResourceSchema | undefined,
  ev: Evaluator,
  names: InstanceNames,
  diags: Diagnostic[],
): Value {
  const out = new Map<string, Value>();
  const known = schema ? childNames(schema, prefix) : undefined;
  const where = prefix === '' ? `a ${schema?.type ?? ''} resource` : `the ${prefix} block`;
  for (const a of attrs) {
    const path = prefix === '' ? a.name : `${prefix}.${a.name}`;
    const meta = schema?.attributes[path];
    if (known && !known.has(a.name)) {
      diags.push(
        error('Unsupported argument', a.nameRange, `${where} has no argument "${a.name}".${didYouMean(a.name, known)}`),
      );
      continue;
    }
    if (meta?.computed && !meta.optional) {
      diags.push(error('Cannot set a computed attribute', a.nameRange, `"${a.name}" is set by the provider.`));
      continue;
    }
    if (meta?.block) {
      diags.push(error('Unsupported argument', a.nameRange, `"${a.name}" is written as a block: ${a.name} { … }.`));
      continue;
    }
    const r = ev.evaluate(a.expr, names);
    diags.push(...r.diagnostics);
    out.set(a.name, r.value);
  }
  for (const b of blocks) {
    const path = prefix === '' ? b.type : `${prefix}.${b.type}`;
    const meta = schema?.attributes[path];
    if (schema && !meta?.block) {
      const blockNames = known ? [...known].filter((n) => schema.attributes[prefix ? `${prefix}.${n}` : n]?.block) : [];
      diags.push(
        error(
          'Unsupported block type',
          b.typeRange,
          `${where} has no block "${b.type}".${didYouMean(b.type, blockNames)}`,
        ),
      );
      continue;
    }
    if (out.has(b.type)) {
      diags.push(error(`Duplicate ${b.type} block`, b.typeRange, `Only one "${b.type}" block is allowed here.`));
      continue;
    }
    out.set(b.type, evalBody(b.body.attributes, b.body.blocks, path, schema, ev, names, diags));
  }
  return objectOfDistinct([...out]);
}

// Schemas do not change while runform runs: each prefix's names are worked out once per schema.
const childMemo = new WeakMap<ResourceSchema, Map<string, ReadonlySet<string>>>();

/** The attribute names directly under a path prefix, per the schema. */
function childNames(schema: ResourceSchema, prefix: string): ReadonlySet<string> {
  let bySchema = childMemo.get(schema);
  if (!bySchema) {
    bySchema = new Map();
    childMemo.set(schema, bySchema);
  }
  const hit = bySchema.get(prefix);
  if (hit) return hit;
  const out = new Set<string>();
  bySchema.set(prefix, out);
  const start = prefix === '' ? '' : `${prefix}.`;
  for (const p of Object.keys(schema.attributes)) {
    if (!p.startsWith(start)) continue;
    const rest = p.slice(start.length);
    const name = rest.split('.')[0];
    if (name !== '' && name !== '*') out.add(name);
  }
  return out;
}
