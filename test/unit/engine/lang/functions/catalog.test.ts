// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are HCL source, where ${} is interpolation
// Every required function, checked the same three ways: a valid call, an invalid one that fails with a
// positioned message, and propagation of unknown and sensitive first arguments.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinFunctions, isKnown, unknown } from '../../../../../engine/lang/index.js';
import { evalText } from '../eval-helpers.js';

const dir = resolve(import.meta.dirname, '../../../../fixtures/lang/files');

interface Case {
  /** The arguments of a valid call, as HCL. */
  readonly args: readonly string[];
  /** A call that must fail, and a fragment of its message. */
  readonly bad: readonly [string, string];
  /** The result of the valid call is not sensitive even if the first argument is. */
  readonly dropsMark?: boolean;
}

const CASES: Readonly<Record<string, Case>> = {
  try: { args: ['1', '2'], bad: ['try([][0])', 'no expression succeeded'] },
  can: { args: ['1'], bad: ['can()', 'exactly one argument'], dropsMark: true },
  merge: { args: ['{a = 1}', '{b = 2}'], bad: ['merge({}, 1)', 'must be maps or objects'] },
  coalesce: { args: ['"a"', '"b"'], bad: ['coalesce(null)', 'no non-null'] },
  coalescelist: { args: ['["a"]', '["b"]'], bad: ['coalescelist(1)', 'must be lists or tuples'] },
  lookup: { args: ['{a = 1}', '"a"'], bad: ['lookup({}, "k")', 'failed to find key'] },
  element: { args: ['["a"]', '0'], bad: ['element(["a"], -1)', 'negative index'] },
  length: { args: ['["a"]'], bad: ['length(1)', 'collection type'] },
  concat: { args: ['["a"]', '["b"]'], bad: ['concat(1)', 'must be lists or tuples'] },
  compact: { args: ['["a", ""]'], bad: ['compact([[1]])', 'string required'] },
  flatten: { args: ['[["a"]]'], bad: ['flatten("x")', 'can only flatten'] },
  slice: { args: ['["a", "b"]', '0', '1'], bad: ['slice(["a"], 0, 5)', 'end index'] },
  keys: { args: ['{a = 1}'], bad: ['keys([1])', 'must be a map or object'] },
  values: { args: ['{a = 1}'], bad: ['values([1])', 'must be a map or object'] },
  contains: { args: ['["a"]', '"a"'], bad: ['contains("a", "a")', 'must be a list, set or tuple'] },
  distinct: { args: ['["a", "a"]'], bad: ['distinct("a")', 'list'] },
  index: { args: ['["a"]', '"a"'], bad: ['index(["a"], "b")', 'item not found'] },
  reverse: { args: ['["a"]'], bad: ['reverse("a")', 'can only reverse'] },
  sort: { args: ['["b", "a"]'], bad: ['sort(["a", null])', 'null string cannot be sorted'] },
  join: { args: ['","', '["a"]'], bad: ['join(",", "a")', 'list of string required'] },
  split: { args: ['","', '"a,b"'], bad: ['split(",", ["a"])', 'string required'] },
  format: { args: ['"%s"', '"a"'], bad: ['format("%s %s", "a")', 'not enough arguments'] },
  formatlist: { args: ['"%s"', '["a"]'], bad: ['formatlist("%s%s", ["a"], ["b", "c"])', 'inconsistent'] },
  replace: { args: ['"ab"', '"a"', '"c"'], bad: ['replace("a", "/[/", "")', 'invalid regular expression'] },
  lower: { args: ['"A"'], bad: ['lower([])', 'string required'] },
  upper: { args: ['"a"'], bad: ['upper({})', 'string required'] },
  title: { args: ['"a b"'], bad: ['title(null)', 'must not be null'] },
  trimspace: { args: ['" a "'], bad: ['trimspace([])', 'string required'] },
  trim: { args: ['"xax"', '"x"'], bad: ['trim("a")', 'Missing value for "cutset"'] },
  trimprefix: { args: ['"ab"', '"a"'], bad: ['trimprefix("a", [])', 'string required'] },
  trimsuffix: { args: ['"ab"', '"b"'], bad: ['trimsuffix("a", [])', 'string required'] },
  substr: { args: ['"abc"', '0', '1'], bad: ['substr("abc", 0.5, 1)', 'whole number'] },
  regex: { args: ['"a"', '"abc"'], bad: ['regex("z", "abc")', 'did not match'] },
  regexall: { args: ['"a"', '"aba"'], bad: ['regexall("(", "abc")', 'invalid regular expression'] },
  startswith: { args: ['"ab"', '"a"'], bad: ['startswith("a", [])', 'string required'] },
  endswith: { args: ['"ab"', '"b"'], bad: ['endswith("a", [])', 'string required'] },
  strcontains: { args: ['"ab"', '"b"'], bad: ['strcontains("a", [])', 'string required'] },
  jsonencode: { args: ['{a = 1}'], bad: ['jsonencode()', 'Missing value for "val"'] },
  jsondecode: { args: ['"{}"'], bad: ['jsondecode("{")', 'invalid JSON'] },
  yamlencode: { args: ['{a = 1}'], bad: ['yamlencode()', 'Missing value for "value"'] },
  yamldecode: { args: ['"a: 1"'], bad: ['yamldecode("a: [")', 'invalid YAML'] },
  base64encode: { args: ['"a"'], bad: ['base64encode([])', 'string required'] },
  base64decode: { args: ['"YQ=="'], bad: ['base64decode("!")', 'not valid base64'] },
  tostring: { args: ['1'], bad: ['tostring([])', 'cannot convert'] },
  tonumber: { args: ['"1"'], bad: ['tonumber("a")', 'cannot convert "a" to number'] },
  tobool: { args: ['"true"'], bad: ['tobool(1)', 'cannot convert number to bool'] },
  tolist: { args: ['["a"]'], bad: ['tolist("a")', 'cannot convert'] },
  tomap: { args: ['{a = 1}'], bad: ['tomap([1])', 'cannot convert'] },
  toset: { args: ['["a"]'], bad: ['toset(["a", ["b"]])', 'same type'] },
  min: { args: ['1', '2'], bad: ['min("a")', 'a number is required'] },
  max: { args: ['1', '2'], bad: ['max()', 'at least one number'] },
  abs: { args: ['-1'], bad: ['abs("x")', 'a number is required'] },
  ceil: { args: ['1.5'], bad: ['ceil([])', 'number required'] },
  floor: { args: ['1.5'], bad: ['floor(null)', 'must not be null'] },
  range: { args: ['3'], bad: ['range(1, 2, 3, 4)', 'one, two, or three'] },
  zipmap: { args: ['["a"]', '[1]'], bad: ['zipmap(["a"], [])', 'does not match'] },
  setunion: { args: ['["a"]', '["b"]'], bad: ['setunion(["a"], "b")', 'set'] },
  setintersection: { args: ['["a"]', '["a"]'], bad: ['setintersection(1, ["a"])', 'set'] },
  setsubtract: { args: ['["a"]', '["b"]'], bad: ['setsubtract(["a"])', 'Missing value for "b"'] },
  one: { args: ['["a"]'], bad: ['one([1, 2])', 'zero or one'] },
  alltrue: { args: ['[true]'], bad: ['alltrue(["x"])', 'a bool is required'] },
  anytrue: { args: ['[true]'], bad: ['anytrue(true)', 'list of bool required'] },
  sum: { args: ['[1, 2]'], bad: ['sum([])', 'empty list'] },
  sha256: { args: ['"a"'], bad: ['sha256([])', 'string required'] },
  md5: { args: ['"a"'], bad: ['md5(null)', 'must not be null'] },
  file: { args: ['"hello.txt"'], bad: ['file("nope.txt")', 'no file exists'] },
  filebase64: { args: ['"hello.txt"'], bad: ['filebase64("../x")', 'outside the configuration folder'] },
  templatefile: {
    args: ['"sub/inline.tftpl"', '{a = 1}'],
    bad: ['templatefile("sub/inline.tftpl", {})', 'undeclared'],
  },
  fileexists: { args: ['"hello.txt"'], bad: ['fileexists("/etc/passwd")', 'outside the configuration folder'] },
  sensitive: { args: ['"a"'], bad: ['sensitive()', 'Missing value for "value"'] },
  nonsensitive: { args: ['"a"'], bad: ['nonsensitive()', 'Missing value for "value"'], dropsMark: true },
  timeadd: { args: ['"2024-01-01T00:00:00Z"', '"1h"'], bad: ['timeadd("2024-01-01T00:00:00Z", "1x")', 'unknown unit'] },
  formatdate: { args: ['"YYYY"', '"2024-01-01T00:00:00Z"'], bad: ['formatdate("YYYY", "2024")', 'RFC3339'] },
};

const roots = { u: unknown() };
const run = (text: string) => evalText(text, roots, dir);

describe('the required function catalogue', () => {
  it('is fully available', () => {
    const table = builtinFunctions();
    const missing = Object.keys(CASES).filter((n) => n !== 'try' && n !== 'can' && !table.has(n));
    expect(missing).toEqual([]);
  });
  for (const [name, c] of Object.entries(CASES)) {
    describe(name, () => {
      it('accepts a valid call', () => {
        const r = run(`${name}(${c.args.join(', ')})`);
        expect(r.diagnostics).toEqual([]);
        expect(isKnown(r.value)).toBe(true);
      });
      it('fails an invalid call with a positioned explanation', () => {
        const r = run(c.bad[0]);
        expect(r.diagnostics.length).toBeGreaterThan(0);
        const d = r.diagnostics[0];
        expect(`${d.summary}: ${d.detail}`).toContain(c.bad[1]);
        expect(d.range).toBeDefined();
      });
      it('is unknown when its first argument is unknown', () => {
        const r = run(`${name}(${['u', ...c.args.slice(1)].join(', ')})`);
        expect(r.diagnostics).toEqual([]);
        expect(isKnown(r.value)).toBe(false);
      });
      it(c.dropsMark ? 'drops the sensitive mark by design' : 'is sensitive when its first argument is', () => {
        const r = run(`${name}(${[`sensitive(${c.args[0]})`, ...c.args.slice(1)].join(', ')})`);
        expect(r.diagnostics).toEqual([]);
        expect(r.value.sensitive).toBe(!c.dropsMark);
      });
    });
  }
});
