// Input validation against the generated API schemas: every request is checked before any handler runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ApiError } from './errors.js';
import { isObject } from './json.js';
import { apiSchemaDir } from './root.js';

/** What the emulator learns from the generated service index. */
export interface ServiceIndex {
  readonly targetPrefix: string;
  readonly operations: ReadonlySet<string>;
  readonly paginated: ReadonlySet<string>;
  /** HTTP status per model error code, from @httpError. */
  readonly errorStatus: ReadonlyMap<string, number>;
}

/** Reads `_service.json`, narrowing it field by field. */
export function loadServiceIndex(dir = apiSchemaDir()): ServiceIndex {
  const raw: unknown = JSON.parse(readFileSync(join(dir, '_service.json'), 'utf8'));
  if (!isObject(raw) || !isObject(raw.operations) || !isObject(raw.errors) || typeof raw.targetPrefix !== 'string') {
    throw new Error('schemas/apprunner/api/_service.json is malformed; run npm run schemas');
  }
  const paginated = new Set<string>();
  for (const [name, op] of Object.entries(raw.operations)) if (isObject(op) && op.paginated) paginated.add(name);
  const errorStatus = new Map<string, number>();
  for (const [name, e] of Object.entries(raw.errors)) {
    if (isObject(e) && typeof e.httpStatus === 'number') errorStatus.set(name, e.httpStatus);
  }
  return {
    targetPrefix: raw.targetPrefix,
    operations: new Set(Object.keys(raw.operations)),
    paginated,
    errorStatus,
  };
}

const compiled = new Map<string, Map<string, ValidateFunction>>();

/**
 * One validator per operation, compiled once per process and schema folder (emulators started side by side in
 * tests share them). The model's patterns are Java-flavoured, so ajv's unicode mode is off.
 */
export function compileValidators(operations: Iterable<string>, dir = apiSchemaDir()): Map<string, ValidateFunction> {
  const ops = [...operations];
  const key = `${dir}\n${ops.join(',')}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const ajv = new Ajv({ strict: false, allErrors: false, unicodeRegExp: false });
  const out = new Map<string, ValidateFunction>();
  for (const op of ops) {
    const schema: unknown = JSON.parse(readFileSync(join(dir, `${op}.json`), 'utf8'));
    if (!isObject(schema)) throw new Error(`schema of ${op} is not an object`);
    out.set(op, ajv.compile(schema));
  }
  compiled.set(key, out);
  return out;
}

/** The dotted member path of an ajv error, e.g. `SourceConfiguration.ImageRepository.ImageIdentifier`. */
export function memberPath(e: ErrorObject): string {
  const parts = e.instancePath.split('/').filter((p) => p !== '');
  const missing = e.params.missingProperty;
  if (e.keyword === 'required' && typeof missing === 'string') parts.push(missing);
  const name = e.keyword === 'propertyNames' ? e.params.propertyName : undefined;
  if (typeof name === 'string') parts.push(name);
  return parts.length > 0 ? parts.join('.') : '(request)';
}

function describe(e: ErrorObject): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return 'is required but was not supplied';
    case 'pattern':
      return `must match the pattern ${String(p.pattern)}`;
    case 'minLength':
      return `must have a length of at least ${String(p.limit)}`;
    case 'maxLength':
      return `must have a length of at most ${String(p.limit)}`;
    case 'minimum':
      return `must be at least ${String(p.limit)}`;
    case 'maximum':
      return `must be at most ${String(p.limit)}`;
    case 'enum':
      return `must be one of ${Array.isArray(p.allowedValues) ? p.allowedValues.join(', ') : 'the allowed values'}`;
    case 'type':
      return `must be of type ${String(p.type)}`;
    default:
      return e.message ?? 'is not valid';
  }
}

/** Validates an input, throwing an InvalidRequestException that names the offending member. */
export function validateInput(op: string, input: unknown, validators: ReadonlyMap<string, ValidateFunction>): void {
  const v = validators.get(op);
  if (!v) throw new Error(`no validator for ${op}`);
  if (v(input)) return;
  const first = v.errors?.find((e) => e.keyword !== 'allOf' && e.keyword !== 'if') ?? v.errors?.[0];
  if (!first) throw new ApiError('InvalidRequestException', 'The request is not valid.');
  // Values are not echoed: some members (environment variables, secrets, commands) are sensitive.
  throw new ApiError(
    'InvalidRequestException',
    `1 validation error detected: member '${memberPath(first)}' ${describe(first)}.`,
  );
}
