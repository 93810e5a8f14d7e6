// Encoding functions: JSON, YAML, base64 and URL encoding.
import { createRequire } from 'node:module';
import { isInexactInteger } from '../convert.js';
import { fromJSON, type Json, toJSON } from '../json.js';
import { tDynamic, tString } from '../types.js';
import { asString, formatNumber, str, type Value } from '../values.js';
import { nullable, param } from './params.js';
import { FuncError, type FunctionSpec } from './spec.js';

// The YAML library is loaded on the first yamldecode or yamlencode: most runs never call them,
// and every command would otherwise pay for loading it at start.
let yamlLib: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => {
  yamlLib ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yamlLib;
};

/** Serializes JSON the way Go's encoder does (what Terraform emits): sorted keys, `<>&` escaped, integers in full. */
export function jsonStringify(j: Json): string {
  if (j === null) return 'null';
  if (typeof j === 'number') return formatNumber(j);
  if (typeof j === 'boolean') return j ? 'true' : 'false';
  if (typeof j === 'string')
    return JSON.stringify(j).replace(
      /[<>&\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  if (Array.isArray(j)) return `[${j.map(jsonStringify).join(',')}]`;
  return `{${Object.keys(j)
    .sort()
    .map((k) => `${jsonStringify(k)}:${jsonStringify(j[k])}`)
    .join(',')}}`;
}

/** The JSON text of a wholly known value. */
export function jsonText(v: Value): string {
  return jsonStringify(toJSON(v));
}

/** The first integer literal in JSON text (outside strings) too large to hold exactly, if any. */
function inexactJSONInteger(text: string): string | undefined {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    if (c !== '-' && (c < '0' || c > '9')) continue;
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m) {
      if (isInexactInteger(m[0])) return m[0];
      i += m[0].length - 1;
    }
  }
  return undefined;
}

/** Plain data with big integers (from YAML) narrowed to numbers, refusing those a number cannot hold exactly. */
function narrowBigInts(data: unknown, arg: number): unknown {
  if (typeof data === 'bigint') {
    if (isInexactInteger(data.toString()))
      throw new FuncError(`the integer ${data} cannot be represented exactly (the limit is 2^53)`, arg);
    return Number(data);
  }
  if (Array.isArray(data)) return data.map((d) => narrowBigInts(d, arg));
  if (data && typeof data === 'object')
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, narrowBigInts(v, arg)]));
  return data;
}

function decodeText(text: string, arg: number, what: 'JSON' | 'YAML'): Value {
  let data: unknown;
  try {
    data =
      what === 'JSON' ? JSON.parse(text) : yaml().parse(text, { version: '1.2', uniqueKeys: true, intAsBigInt: true });
  } catch (e) {
    throw new FuncError(`invalid ${what}: ${(e as Error).message}`, arg);
  }
  const inexact = what === 'JSON' ? inexactJSONInteger(text) : undefined;
  if (inexact) throw new FuncError(`the integer ${inexact} cannot be represented exactly (the limit is 2^53)`, arg);
  try {
    data = narrowBigInts(data, arg);
    return fromJSON(data);
  } catch (e) {
    if (e instanceof FuncError) throw e;
    // YAML's aliases can make a value that contains itself (`&a [*a]`): walking it never ends.
    if (e instanceof RangeError)
      throw new FuncError(`${what} nests too deeply, or contains itself through an alias`, arg);
    throw new FuncError(`${what} contains a value that cannot be represented`, arg);
  }
}

function yamlText(j: Json): string {
  return yaml().stringify(j, {
    lineWidth: 0,
    sortMapEntries: true,
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'QUOTE_DOUBLE',
    indentSeq: false,
  });
}

/** Encoding functions by name. */
export const encodingFunctions: Record<string, FunctionSpec> = {
  jsonencode: {
    params: [nullable('val', tDynamic)],
    returns: tString,
    impl: ([v]) => str(jsonText(v)),
  },
  jsondecode: {
    params: [param('str', tString)],
    impl: ([s]) => decodeText(asString(s), 0, 'JSON'),
  },
  yamlencode: {
    params: [nullable('value', tDynamic)],
    returns: tString,
    impl: ([v]) => str(yamlText(toJSON(v))),
  },
  yamldecode: {
    params: [param('src', tString)],
    impl: ([s]) => decodeText(asString(s), 0, 'YAML'),
  },
  base64encode: {
    params: [param('str', tString)],
    returns: tString,
    impl: ([s]) => str(Buffer.from(asString(s), 'utf8').toString('base64')),
  },
  base64decode: {
    params: [param('str', tString)],
    returns: tString,
    impl: ([s]) => {
      const text = asString(s);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
        throw new FuncError('failed to decode base64 data: the string is not valid base64', 0);
      const bytes = Buffer.from(text, 'base64');
      const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      if (!Buffer.from(decoded, 'utf8').equals(bytes))
        throw new FuncError('the result of decoding the provided string is not valid UTF-8', 0);
      return str(decoded);
    },
  },
  urlencode: {
    params: [param('str', tString)],
    returns: tString,
    impl: ([s]) =>
      str(
        encodeURIComponent(asString(s))
          .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
          .replace(/%20/g, '+'),
      ),
  },
};
