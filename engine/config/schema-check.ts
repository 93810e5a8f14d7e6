import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { JsonValue, ResourceSchema } from '../../providers/provider.js';
import { type Diagnostic, error, type Range } from '../diag/index.js';
import { argumentHint, type BodyJSON } from './args.js';

// Checks a resource's argument JSON against its generated JSON Schema and maps each error back
// to the attribute that caused it, so `validate` can say file:line:col before any API call.

// Scalars convert as HCL converts them (1 → "1" for a string argument); nulls are dropped first
// because an argument set to null counts as not set.
// Loaded on first use: only `validate` checks schemas, and every command would otherwise pay for
// loading the validator at start.
let ajv: Ajv | undefined;
const compiled = new WeakMap<ResourceSchema, ValidateFunction>();

function validator(schema: ResourceSchema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    ajv ??= new (createRequire(import.meta.url)('ajv') as typeof import('ajv')).Ajv({
      allErrors: true,
      strict: false,
      unicodeRegExp: false,
      coerceTypes: true,
    });
    v = ajv.compile(schema.args);
    compiled.set(schema, v);
  }
  return v;
}

/**
 * True when an evaluated body (nulls and unknown values left out) meets its schema: the quick
 * test before looking for where it does not. The value is not changed.
 */
export function fitsSchema(value: JsonValue, schema: ResourceSchema): boolean {
  // A schema that asks only for an object needs no validator (nor the validator library).
  if (constrainsNothing(schema)) return value !== null && typeof value === 'object' && !Array.isArray(value);
  // withoutNulls copies, so that the validator's type coercion never touches `value`.
  return validator(schema)(withoutNulls(value)) as boolean;
}

const constrainsNothing = (schema: ResourceSchema): boolean =>
  Object.keys(schema.args).every((k) => k === 'type' || k === 'description') && schema.args.type === 'object';

/** Schema problems in a resource body, each at the range of the attribute or block concerned. */
export function checkAgainstSchema(json: BodyJSON, schema: ResourceSchema, headerRange: Range): Diagnostic[] {
  const validate = validator(schema);
  if (validate(withoutNulls(json.value))) return [];
  const diags: Diagnostic[] = [];
  // One value error per attribute reads best: the first constraint it breaks.
  const valueErrorAt = new Set<string>();
  for (const e of validate.errors ?? []) {
    if (isUnderUnknown(e.instancePath, json.unknown)) continue;
    const d = toDiagnostic(e, json, schema, headerRange);
    if (!d) continue;
    if (d.summary.startsWith('Invalid value')) {
      if (valueErrorAt.has(e.instancePath)) continue;
      valueErrorAt.add(e.instancePath);
    }
    diags.push(d);
  }
  return diags;
}

function isUnderUnknown(pointer: string, unknown: ReadonlySet<string>): boolean {
  for (let p = pointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) if (unknown.has(p)) return true;
  return false;
}

/** The range of the longest written prefix of a pointer, else the resource header. */
function rangeOf(pointer: string, json: BodyJSON, fallback: Range): Range {
  for (let p = pointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
    const r = json.ranges.get(p);
    if (r) return r;
  }
  return fallback;
}

/** `source_configuration.image_repository.port` from `/source_configuration/image_repository/port`. */
function dotted(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function toDiagnostic(e: ErrorObject, json: BodyJSON, schema: ResourceSchema, header: Range): Diagnostic | undefined {
  const where = dotted(e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const p = `${e.instancePath}/${name}`;
      const meta = schema.attributes[where ? `${where}.${name}` : name];
      const detail = meta?.computed
        ? `"${name}" is set by App Runner and cannot be written in the configuration.`
        : `An argument named "${name}" is not expected ${where ? `in ${where}` : 'here'}.${argumentHint(name, schema, where)}`;
      return error('Unsupported argument', json.names.get(p) ?? rangeOf(p, json, header), detail);
    }
    case 'required': {
      const name = String(params.missingProperty);
      const inside = where ? `the ${where} block` : 'this resource';
      return error(
        'Missing required argument',
        rangeOf(e.instancePath, json, header),
        `The argument "${name}" is required in ${inside}.`,
      );
    }
    case 'if':
    case 'anyOf':
    case 'oneOf':
      // The branch errors that follow say what is wrong more precisely.
      return undefined;
    default:
      return error(`Invalid value for "${where || 'resource'}"`, rangeOf(e.instancePath, json, header), describe(e));
  }
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'enum':
      return `Must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'maxLength':
      return `Must be at most ${p.limit} characters long.`;
    case 'minLength':
      return `Must be at least ${p.limit} characters long.`;
    case 'pattern':
      return `Must match the pattern ${p.pattern}.`;
    case 'minimum':
      return `Must be at least ${p.limit}.`;
    case 'maximum':
      return `Must be at most ${p.limit}.`;
    case 'type':
      return `Must be of type ${p.type}.`;
    case 'maxItems':
      return `Must have at most ${p.limit} items.`;
    case 'minItems':
      return `Must have at least ${p.limit} items.`;
    default:
      return `The value ${e.message ?? 'is not valid'}.`;
  }
}

function withoutNulls(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v === null || typeof v !== 'object') return v;
  const out: { [key: string]: JsonValue } = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = withoutNulls(x);
  return out;
}
