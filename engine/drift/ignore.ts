import type { JsonValue } from '../../providers/provider.js';
import { configAddr, type InstanceAddr, instanceAddr, parseInstance } from '../addrs/index.js';
import { type Diagnostic, error } from '../diag/index.js';
import type { AttrPath } from '../plan/index.js';

// `--ignore ADDR` and `--ignore ADDR.attr.path`: drift a team already knows about and does not
// want reported on this run. An address without an index covers every instance of the resource.

/** One parsed `--ignore`: an address, and an attribute path under it (empty: the whole resource). */
export interface IgnoreRule {
  readonly text: string;
  readonly address: string;
  readonly path: AttrPath;
}

const ADDRESS = /^[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?/;
const SEGMENT = /^(?:\.([A-Za-z_][A-Za-z0-9_-]*)|\.(\d+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;

const bad = (text: string, why: string): Diagnostic =>
  error(
    `Invalid --ignore value "${text}"`,
    undefined,
    `${why}. Expected TYPE.NAME, TYPE.NAME[KEY], or one of those followed by an attribute path such as .tags.owner or .instance_configuration[0].cpu.`,
  );

/** Parses every `--ignore` value; a malformed one is an error diagnostic naming it. */
export function parseIgnores(texts: readonly string[]): { rules: IgnoreRule[]; diagnostics: Diagnostic[] } {
  const rules: IgnoreRule[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const text of texts) {
    const m = ADDRESS.exec(text);
    const parsed = m ? parseInstance(m[0]) : undefined;
    if (!m || !parsed?.ok) {
      diagnostics.push(bad(text, 'It does not start with a resource address'));
      continue;
    }
    const path: (string | number)[] = [];
    let rest = text.slice(m[0].length);
    while (rest !== '') {
      const s = SEGMENT.exec(rest);
      if (!s) break;
      if (s[1] !== undefined) path.push(s[1]);
      else if (s[2] !== undefined || s[3] !== undefined) path.push(Number(s[2] ?? s[3]));
      else path.push(JSON.parse(s[4]) as string);
      rest = rest.slice(s[0].length);
    }
    if (rest !== '') {
      diagnostics.push(bad(text, `"${rest}" is not an attribute path`));
      continue;
    }
    rules.push({ text, address: instanceAddr(parsed.value), path });
  }
  return { rules, diagnostics };
}

/** The attribute paths ignored on an instance; `[[]]` (the empty path) when the whole instance is. */
export function ignoredPaths(rules: readonly IgnoreRule[], address: string): AttrPath[] {
  return rules
    .filter((r) => r.address === address || r.address === configAddr(address as InstanceAddr))
    .map((r) => r.path);
}

/**
 * The path as it applies to a value: a block may be held as one object where the configuration
 * reads as a list of one (`source_configuration[0]`), so an index step on an object is skipped.
 */
export function alignPath(value: JsonValue | undefined, path: AttrPath): AttrPath {
  const out: (string | number)[] = [];
  let cur = value;
  for (const s of path) {
    const isObject = cur !== null && typeof cur === 'object' && !Array.isArray(cur);
    if (typeof s === 'number' && isObject) continue;
    out.push(s);
    cur =
      cur !== null && typeof cur === 'object'
        ? Array.isArray(cur)
          ? cur[Number(s)]
          : (cur as Record<string, JsonValue>)[String(s)]
        : undefined;
  }
  return out;
}

/** True when `path` is `prefix` or lies under it. */
export function isUnder(path: AttrPath, prefix: AttrPath): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
}

/** An attribute path as the report and `--ignore` write it: `source_configuration[0].image_repository`. */
export function formatPath(path: AttrPath): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** The leaves where two JSON values differ (a whole list when its length changed). */
export function changedLeaves(before: JsonValue | undefined, after: JsonValue | undefined, path: AttrPath = []) {
  const out: AttrPath[] = [];
  const walk = (b: JsonValue | undefined, a: JsonValue | undefined, p: AttrPath) => {
    if (b === a) return;
    const bo = b !== null && typeof b === 'object';
    const ao = a !== null && typeof a === 'object';
    if (bo && ao && Array.isArray(b) === Array.isArray(a)) {
      if (Array.isArray(b) && Array.isArray(a)) {
        if (b.length !== a.length) out.push(p);
        else for (let i = 0; i < b.length; i++) walk(b[i], a[i], [...p, i]);
        return;
      }
      const bb = b as Record<string, JsonValue>;
      const aa = a as Record<string, JsonValue>;
      for (const k of [...new Set([...Object.keys(bb), ...Object.keys(aa)])].sort()) walk(bb[k], aa[k], [...p, k]);
      return;
    }
    // A missing attribute and a null one say the same thing.
    if ((b ?? null) !== (a ?? null)) out.push(p);
  };
  walk(before, after, path);
  return out;
}
