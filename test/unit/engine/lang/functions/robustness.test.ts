// Property: every built-in function, given any arguments (of any type, null, unknown, sensitive, too many
// or too few), returns a value or a diagnostic and never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  builtinFunctions,
  markSensitive,
  nullOf,
  str,
  tList,
  tMap,
  tNumber,
  tSet,
  tString,
  tuple,
  unknown,
  type Value,
} from '../../../../../engine/lang/index.js';
import { call } from '../ast-helpers.js';
import { val } from '../values-helpers.js';

const NAMES = [...builtinFunctions().keys()].filter((n) => !n.startsWith('file') && n !== 'templatefile');

const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  j: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(
      null,
      true,
      false,
      0,
      1,
      -1,
      2.5,
      1e300,
      '',
      'a',
      '1',
      'true',
      '%d',
      '/x/',
      '2024-01-01T00:00:00Z',
      '1h',
    ),
    fc.array(tie('j'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'k'), tie('j'), { maxKeys: 3 }),
  ),
})).j;

const value: fc.Arbitrary<Value> = fc.oneof(
  json.map((j) => val(j as never)),
  json.map((j) => markSensitive(val(j as never))),
  fc.constantFrom(unknown(), unknown(tString), tuple([unknown(), str('a')])),
  fc.constantFrom(
    nullOf(tList(tString)),
    nullOf(tMap(tNumber)),
    nullOf(tSet(tString)),
    tuple([nullOf(tList(tString))]),
  ),
);

describe('function robustness', () => {
  it('never throws, whatever the arguments', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.array(value, { maxLength: 4 }), fc.boolean(), (name, args, expand) => {
        const r = call(name, args, { expandFinal: expand && args.length > 0 });
        expect(r.value).toBeDefined();
      }),
      { numRuns: 400, seed: 424242 },
    );
  });
});
