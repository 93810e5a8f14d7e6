import { type Diagnostic, error, type Range } from '../diag/index.js';
import { type IndexKey, type InstanceAddr, type InstanceRef, instanceAddr, type ResourceMode } from './resource.js';

/** The outcome of parsing an address: the address, or error diagnostics explaining why not. */
export type ParseResult<T> =
  | { readonly ok: true; readonly value: T; readonly diags: readonly Diagnostic[] }
  | { readonly ok: false; readonly diags: readonly Diagnostic[] };

const identRe = /^[A-Za-z_][A-Za-z0-9_-]*/;
const wholeIdentRe = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** True when `s` can stand as a type or a name in an address (the parts `parseInstance` accepts). */
export function isAddressPart(s: string): boolean {
  return wholeIdentRe.test(s);
}

const fail = (text: string, why: string, range?: Range): ParseResult<never> => ({
  ok: false,
  diags: [
    error(
      `Invalid resource address "${text}"`,
      range,
      `${why}. Expected TYPE.NAME, TYPE.NAME[0], TYPE.NAME["key"] or data.TYPE.NAME (with an optional index).`,
    ),
  ],
});

/**
 * Parses an instance address (an address with an optional index). Bad user input yields
 * diagnostics, never an exception; `range` is attached to them when the text came from a file.
 */
export function parseInstance(text: string, range?: Range): ParseResult<InstanceRef> {
  let rest = text;
  const take = (): string | undefined => {
    const m = identRe.exec(rest);
    if (!m) return undefined;
    rest = rest.slice(m[0].length);
    return m[0];
  };
  let mode: ResourceMode = 'managed';
  let type = take();
  if (type === undefined) return fail(text, 'It must start with a resource type', range);
  if (!rest.startsWith('.')) return fail(text, `"${type}" must be followed by a dot and a resource name`, range);
  rest = rest.slice(1);
  let name = take();
  if (name === undefined) return fail(text, 'A resource name must follow the dot', range);
  if (type === 'data' && rest.startsWith('.')) {
    rest = rest.slice(1);
    mode = 'data';
    type = name;
    name = take();
    if (name === undefined) return fail(text, 'A data source name must follow its type', range);
  }
  let key: IndexKey | undefined;
  if (rest.startsWith('[')) {
    const parsed = parseKey(rest.slice(1));
    if (typeof parsed === 'string') return fail(text, parsed, range);
    key = parsed.key;
    rest = parsed.rest;
  }
  if (rest !== '') return fail(text, `Unexpected "${rest}" after the address`, range);
  const value: InstanceRef = key === undefined ? { mode, type, name } : { mode, type, name, key };
  return { ok: true, value, diags: [] };
}

/** Parses a config-level resource address; an index is an error here. */
export function parseResource(text: string, range?: Range): ParseResult<InstanceRef> {
  const r = parseInstance(text, range);
  if (r.ok && r.value.key !== undefined) return fail(text, 'A resource address takes no index here', range);
  return r;
}

/** Parses text and returns its canonical instance address, or undefined when it is not one. */
export function canonicalInstance(text: string): InstanceAddr | undefined {
  const r = parseInstance(text);
  return r.ok ? instanceAddr(r.value) : undefined;
}

// Parses what follows `[` up to and including `]`; returns an explanation string on failure.
function parseKey(s: string): { key: IndexKey; rest: string } | string {
  const num = /^(0|[1-9][0-9]*)\]/.exec(s);
  if (num) {
    const n = Number(num[1]);
    if (!Number.isSafeInteger(n)) return 'The index is too large';
    return { key: n, rest: s.slice(num[0].length) };
  }
  if (!s.startsWith('"')) return 'An index must be a non-negative whole number or a quoted string';
  let i = 1;
  while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
  if (i >= s.length) return 'The quoted key is not closed';
  let key: unknown;
  try {
    key = JSON.parse(s.slice(0, i + 1));
  } catch {
    return 'The quoted key has an invalid escape';
  }
  if (typeof key !== 'string') return 'The quoted key has an invalid escape';
  if (s[i + 1] !== ']') return 'The index must be closed with "]"';
  return { key, rest: s.slice(i + 2) };
}

/** Parses a `--target` value into the canonical address that `contains` matches against. */
export function parseTarget(text: string, range?: Range): ParseResult<InstanceAddr> {
  const r = parseInstance(text, range);
  return r.ok ? { ok: true, value: instanceAddr(r.value), diags: [] } : r;
}
