// Regular expressions in RE2 syntax (as Terraform uses), translated to JavaScript RegExp:
// `(?P<name>…)` named groups, leading `(?flags)`, `\A`, `\z`, `\pL` and POSIX classes.
import { tList, tMap, tString } from '../types.js';
import { asString, list, map, nullOf, str, type Value } from '../values.js';
import { param } from './params.js';
import { FuncError, type FunctionSpec } from './spec.js';

const POSIX: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** A compiled pattern and the kind of result its groups call for. */
interface Compiled {
  readonly re: RegExp;
  readonly named: readonly string[];
  readonly unnamed: number;
}

/** Translates and compiles an RE2 pattern; throws FuncError (for argument `arg`) when it is invalid. */
export function compileRE2(pattern: string, arg: number, global = false): Compiled {
  let src = pattern;
  let flags = 'u';
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    if (lead[1].includes('U'))
      throw new FuncError('invalid regular expression: the U (ungreedy) flag is not supported', arg);
    flags += [...new Set(lead[1])].join('');
    src = src.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  let unnamed = 0;
  const named: string[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1];
      if (n === 'A' && !inClass) out += '^';
      else if (n === 'z' && !inClass) out += '$(?![\\s\\S])';
      else if ((n === 'p' || n === 'P') && /[A-Za-z]/.test(src[i + 2] ?? '') && src[i + 2] !== '{') {
        out += `\\${n}{${src[i + 2]}}`;
        i++;
      } else out += c + (n ?? '');
      i++;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(i));
      if (posix && POSIX[posix[2]]) {
        if (posix[1]) throw new FuncError('invalid regular expression: negated POSIX classes are not supported', arg);
        out += POSIX[posix[2]];
        i += posix[0].length - 1;
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (src[i + 1] === '^') out += src[++i];
      if (src[i + 1] === ']') out += `\\${src[++i]}`;
      continue;
    }
    if (c === '(') {
      const rest = src.slice(i);
      const m = /^\(\?P?<([A-Za-z_]\w*)>/.exec(rest);
      if (m) {
        named.push(m[1]);
        out += `(?<${m[1]}>`;
        i += m[0].length - 1;
        continue;
      }
      if (src[i + 1] !== '?') unnamed++;
    }
    out += c;
  }
  try {
    return { re: new RegExp(out, global ? `${flags}g` : flags), named, unnamed };
  } catch (e) {
    throw new FuncError(`invalid regular expression: ${(e as Error).message}`, arg);
  }
}

function matchValue(c: Compiled, m: RegExpExecArray): Value {
  const group = (g: string | undefined): Value => (g === undefined ? nullOf(tString) : str(g));
  if (c.named.length > 0)
    return map(
      tString,
      c.named.map((n) => [n, group(m.groups?.[n])] as const),
    );
  if (c.unnamed > 0) return list(tString, m.slice(1).map(group));
  return str(m[0]);
}

/** Replaces every match, expanding Go-style `$1`, `${1}`, `$name`, `${name}` and `$$` in the replacement. */
export function regexReplace(text: string, pattern: string, replacement: string, arg: number): string {
  const c = compileRE2(pattern, arg, true);
  return text.replace(c.re, (...m: unknown[]) => {
    const last = m[m.length - 1];
    const groups = typeof last === 'object' && last !== null ? (last as Record<string, string | undefined>) : {};
    const positional = m.slice(0, m.length - (typeof last === 'object' && last !== null ? 3 : 2)) as (
      | string
      | undefined
    )[];
    return replacement.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_all, tok: string, braced?: string, bare?: string) => {
      if (tok === '$') return '$';
      const name = braced ?? bare ?? '';
      if (/^\d+$/.test(name)) return positional[Number(name)] ?? '';
      return groups[name] ?? '';
    });
  });
}

/** regex, regexall */
export const regexFunctions: Record<string, FunctionSpec> = {
  regex: {
    params: [param('pattern', tString), param('string', tString)],
    impl: ([p, s]) => {
      const c = compileRE2(asString(p), 0);
      const m = c.re.exec(asString(s));
      if (!m) throw new FuncError('pattern did not match any part of the given string');
      return matchValue(c, m);
    },
  },
  regexall: {
    params: [param('pattern', tString), param('string', tString)],
    impl: ([p, s]) => {
      const c = compileRE2(asString(p), 0, true);
      const out: Value[] = [];
      for (const m of asString(s).matchAll(c.re)) out.push(matchValue(c, m as RegExpExecArray));
      const elem = c.named.length > 0 ? tMap(tString) : c.unnamed > 0 ? tList(tString) : tString;
      return list(elem, out);
    },
  },
};
