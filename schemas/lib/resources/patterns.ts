// Making the model's regular expressions usable by ajv, which compiles patterns with the `u` flag.

// Characters that may follow a backslash in a `u`-mode pattern without meaning something else.
const SYNTAX = new Set([...'^$\\.*+?()[]{}|/-']);

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes escapes in front of punctuation that needs none (`\:`): legal in legacy regular
 * expressions, a syntax error with the `u` flag, and the same character either way.
 */
function dropIdentityEscapes(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const next = pattern[i + 1];
    if (c === '\\' && next !== undefined) {
      out += SYNTAX.has(next) || /[A-Za-z0-9]/.test(next) ? c + next : next;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * The pattern to emit for a model pattern: unchanged when it compiles with `u`, with needless
 * escapes removed when that is enough, and undefined (dropped) when it says nothing (`.*`) or
 * still cannot be compiled — the API then remains the only check of that value.
 */
export function unicodePattern(pattern: string): string | undefined {
  if (pattern === '.*' || pattern === '^.*$') return undefined;
  if (compiles(pattern)) return pattern;
  const fixed = dropIdentityEscapes(pattern);
  return compiles(fixed) ? fixed : undefined;
}

function splitTopLevel(s: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === '|' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) return undefined;
  }
  parts.push(s.slice(start));
  return depth === 0 ? parts : undefined;
}

const LITERAL = /^[A-Za-z0-9. ]+$/;

/**
 * The values of a pattern that is only an alternation of literals, such as the model's CPU sizes
 * `^256|512|…|(0.25|0.5|1) vCPU$`. There `^` and `$` bind to the first and last alternatives only
 * and `.` matches any character, so the pattern accepts far more than it means; the closed set
 * it lists is emitted as an enum instead. Undefined for any other pattern.
 */
export function literalAlternatives(pattern: string): string[] | undefined {
  if (!pattern.startsWith('^') || !pattern.endsWith('$')) return undefined;
  const parts = splitTopLevel(pattern.slice(1, -1));
  if (!parts || parts.length < 2) return undefined;
  const values: string[] = [];
  for (const part of parts) {
    if (LITERAL.test(part)) {
      values.push(part);
      continue;
    }
    const group = /^\(([^()]+)\)([A-Za-z0-9. ]*)$/.exec(part);
    const inner = group?.[1].split('|');
    if (!group || !inner?.every((v) => LITERAL.test(v))) return undefined;
    for (const v of inner) values.push(v + group[2]);
  }
  return values;
}
