// The App Runner resource and data source schemas, read at run time from the generated files under
// schemas/apprunner/resources, and the normalisers their attributes name.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import type { AttributeMeta, JsonValue, ResourceSchema, SchemaKind, TimeoutKind } from '../provider.js';

/** Where the generated schemas live, relative to the package root. */
export const RESOURCE_SCHEMA_DIR = join('schemas', 'apprunner', 'resources');

const DATA_PREFIX = 'data.';

// CPU and memory are accepted as App Runner's numeric units or as human sizes; App Runner always
// answers with the numbers, so both normalise to the numeric string.
function scaled(value: JsonValue, unit: RegExp): JsonValue {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return String(value);
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (/^\d+$/.test(text)) return String(Number(text));
  const m = unit.exec(text);
  if (!m) return value;
  const units = Number(m[1]) * 1024;
  return Number.isInteger(units) ? String(units) : value;
}

/** `cpu` normaliser: "1 vCPU" and "1024" are the same size; both become "1024". Other values pass unchanged. */
export function normalizeCpu(value: JsonValue): JsonValue {
  return scaled(value, /^(\d+(?:\.\d+)?|\.\d+) ?vcpu$/i);
}

/** `memory` normaliser: "2 GB" and "2048" are the same size; both become "2048". Other values pass unchanged. */
export function normalizeMemory(value: JsonValue): JsonValue {
  return scaled(value, /^(\d+(?:\.\d+)?|\.\d+) ?gb$/i);
}

/** The normalisers by the names the schemas use, for ResourceType.normalizers. */
export const NORMALIZERS: Readonly<Record<string, (value: JsonValue) => JsonValue>> = {
  cpu: normalizeCpu,
  memory: normalizeMemory,
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const META_KEYS: Readonly<Record<keyof AttributeMeta, 'string' | 'boolean' | 'json'>> = {
  description: 'string',
  block: 'boolean',
  computed: 'boolean',
  optional: 'boolean',
  forcesReplacement: 'boolean',
  sensitive: 'boolean',
  default: 'json',
  normalize: 'string',
  alwaysRefresh: 'boolean',
  sideEffect: 'boolean',
};

const TIMEOUT_KINDS: readonly TimeoutKind[] = ['create', 'update', 'delete'];

function checkAttributes(file: string, attributes: unknown): void {
  if (!isRecord(attributes)) throw new Error(`${file}: attributes is not an object`);
  for (const [path, meta] of Object.entries(attributes)) {
    if (!isRecord(meta)) throw new Error(`${file}: attribute ${path} is not an object`);
    for (const [key, value] of Object.entries(meta)) {
      const kind = (META_KEYS as Record<string, string | undefined>)[key];
      if (!kind) throw new Error(`${file}: attribute ${path} has unknown key ${key}`);
      if (kind !== 'json' && typeof value !== kind) throw new Error(`${file}: ${path}.${key} is not a ${kind}`);
      if (key === 'normalize' && !(String(value) in NORMALIZERS)) {
        throw new Error(`${file}: ${path} names unknown normaliser ${String(value)}`);
      }
    }
  }
}

/** Checks the shape of one generated file; a broken file is a programmer error, so it throws. */
export function parseSchemaFile(
  file: string,
  text: string,
  expected: { type: string; kind: SchemaKind },
): ResourceSchema {
  const raw: unknown = JSON.parse(text);
  if (!isRecord(raw)) throw new Error(`${file}: not a JSON object`);
  const { $comment: _comment, ...rest } = raw;
  if (rest.type !== expected.type) throw new Error(`${file}: type ${String(rest.type)} does not match the file name`);
  if (rest.kind !== expected.kind) throw new Error(`${file}: kind ${String(rest.kind)}, expected ${expected.kind}`);
  if (typeof rest.description !== 'string') throw new Error(`${file}: description is not a string`);
  if (!isRecord(rest.args) || rest.args.type !== 'object' || rest.args.additionalProperties !== false) {
    throw new Error(`${file}: args is not a closed object schema`);
  }
  checkAttributes(file, rest.attributes);
  if (rest.createBeforeDestroyByDefault !== undefined && typeof rest.createBeforeDestroyByDefault !== 'boolean') {
    throw new Error(`${file}: createBeforeDestroyByDefault is not a boolean`);
  }
  if (rest.timeouts !== undefined) {
    if (!isRecord(rest.timeouts)) throw new Error(`${file}: timeouts is not an object`);
    for (const [k, v] of Object.entries(rest.timeouts)) {
      if (!TIMEOUT_KINDS.includes(k as TimeoutKind) || typeof v !== 'number' || v <= 0) {
        throw new Error(`${file}: bad timeout ${k}`);
      }
    }
  }
  return rest as unknown as ResourceSchema;
}

/** Reads every schema file of a folder, keyed by type, split into resources and data sources. */
export function loadSchemaDir(dir: string): {
  resources: Map<string, ResourceSchema>;
  data: Map<string, ResourceSchema>;
} {
  const resources = new Map<string, ResourceSchema>();
  const data = new Map<string, ResourceSchema>();
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const isData = name.startsWith(DATA_PREFIX);
    const type = name.slice(isData ? DATA_PREFIX.length : 0, -'.json'.length);
    const file = join(dir, name);
    const schema = parseSchemaFile(file, readFileSync(file, 'utf8'), { type, kind: isData ? 'data' : 'resource' });
    (isData ? data : resources).set(type, schema);
  }
  if (resources.size === 0) throw new Error(`${dir}: no resource schemas`);
  return { resources, data };
}

let loaded: ReturnType<typeof loadSchemaDir> | undefined;

function schemas(): ReturnType<typeof loadSchemaDir> {
  loaded ??= loadSchemaDir(join(packageRoot(), RESOURCE_SCHEMA_DIR));
  return loaded;
}

/** The resource type schemas by type name (read once, then cached). */
export function resourceSchemas(): ReadonlyMap<string, ResourceSchema> {
  return schemas().resources;
}

/** The data source schemas by type name (read once, then cached). */
export function dataSourceSchemas(): ReadonlyMap<string, ResourceSchema> {
  return schemas().data;
}
