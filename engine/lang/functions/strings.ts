// String functions: splitting, joining, case, trimming, prefixes and substrings.
import { tBool, tList, tNumber, tString } from '../types.js';
import { asNumber, asString, bool, elements, isNull, list, str, type Value } from '../values.js';
import { param } from './params.js';
import { regexReplace } from './regex.js';
import { FuncError, type FunctionSpec } from './spec.js';

const s = (v: Value): string => asString(v);

// Made on first use: creating a segmenter loads break rules, which took about 15 ms at start-up.
let segmenter: Intl.Segmenter | undefined;
/** The user-perceived characters of a string: Terraform counts and slices by grapheme cluster. */
export function graphemes(x: string): string[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(x), (g) => g.segment);
}
const strFn = (f: (x: string) => string): FunctionSpec => ({
  params: [param('str', tString)],
  returns: tString,
  impl: ([a]) => str(f(s(a))),
});
const predicate = (name: string, f: (x: string, y: string) => boolean): FunctionSpec => ({
  params: [param('str', tString), param(name, tString)],
  returns: tBool,
  impl: ([a, b]) => bool(f(s(a), s(b))),
});

function trimSet(x: string, cutset: string): string {
  const cut = new Set([...cutset]);
  const chars = [...x];
  let i = 0;
  let j = chars.length;
  while (i < j && cut.has(chars[i])) i++;
  while (j > i && cut.has(chars[j - 1])) j--;
  return chars.slice(i, j).join('');
}

/** Upper-cases the first letter of each word, where letters, digits, `_` and `'` continue a word. */
function title(x: string): string {
  return x.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, pre: string, ch: string) => pre + ch.toUpperCase());
}

/** String functions by name. */
export const stringFunctions: Record<string, FunctionSpec> = {
  lower: strFn((x) => x.toLowerCase()),
  upper: strFn((x) => x.toUpperCase()),
  title: strFn(title),
  trimspace: strFn((x) => x.replace(/^\s+|\s+$/gu, '')),
  chomp: strFn((x) => x.replace(/(\r\n|\n|\r)+$/, '')),
  strrev: strFn((x) => graphemes(x).reverse().join('')),
  trim: {
    params: [param('str', tString), param('cutset', tString)],
    returns: tString,
    impl: ([a, b]) => str(trimSet(s(a), s(b))),
  },
  trimprefix: {
    params: [param('str', tString), param('prefix', tString)],
    returns: tString,
    impl: ([a, b]) => str(s(a).startsWith(s(b)) ? s(a).slice(s(b).length) : s(a)),
  },
  trimsuffix: {
    params: [param('str', tString), param('suffix', tString)],
    returns: tString,
    impl: ([a, b]) => str(s(b) !== '' && s(a).endsWith(s(b)) ? s(a).slice(0, -s(b).length) : s(a)),
  },
  startswith: predicate('prefix', (x, y) => x.startsWith(y)),
  endswith: predicate('suffix', (x, y) => x.endsWith(y)),
  strcontains: predicate('substr', (x, y) => x.includes(y)),
  join: {
    params: [param('separator', tString)],
    variadic: param('lists', tList(tString)),
    returns: tString,
    impl: (args) => {
      if (args.length < 2) throw new FuncError('at least one list is required');
      const parts: string[] = [];
      args.slice(1).forEach((l, li) => {
        elements(l).forEach((e, i) => {
          if (isNull(e)) throw new FuncError(`element ${i} is null; cannot concatenate null values`, li + 1);
          parts.push(s(e));
        });
      });
      return str(parts.join(s(args[0])));
    },
  },
  split: {
    params: [param('separator', tString), param('str', tString)],
    returns: tList(tString),
    impl: ([sep, x]) => {
      const text = s(x);
      const parts = s(sep) === '' ? [...text] : text.split(s(sep));
      return list(tString, parts.map(str));
    },
  },
  replace: {
    params: [param('str', tString), param('substr', tString), param('replace', tString)],
    returns: tString,
    impl: ([a, b, c]) => {
      const pat = s(b);
      if (pat.length > 1 && pat.startsWith('/') && pat.endsWith('/'))
        return str(regexReplace(s(a), pat.slice(1, -1), s(c), 1));
      return str(pat === '' ? s(a) : s(a).split(pat).join(s(c)));
    },
  },
  substr: {
    params: [param('str', tString), param('offset', tNumber), param('length', tNumber)],
    returns: tString,
    impl: ([a, o, l]) => {
      const chars = graphemes(s(a));
      let off = asNumber(o);
      let len = asNumber(l);
      if (!Number.isInteger(off)) throw new FuncError('must be a whole number', 1);
      if (!Number.isInteger(len)) throw new FuncError('must be a whole number', 2);
      if (off < 0) {
        off += chars.length;
        if (off < 0) throw new FuncError('offset out of range', 1);
      }
      if (off > chars.length) return str('');
      if (len < 0) {
        if (len !== -1) throw new FuncError('length must be -1 (meaning "to the end") or a non-negative number', 2);
        len = chars.length - off;
      }
      return str(chars.slice(off, off + len).join(''));
    },
  },
  indent: {
    params: [param('spaces', tNumber), param('str', tString)],
    returns: tString,
    impl: ([n, x]) => str(s(x).replace(/\n/g, `\n${' '.repeat(Math.max(0, asNumber(n)))}`)),
  },
};
