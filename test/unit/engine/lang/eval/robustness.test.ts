// Property: evaluation never throws, whatever the expression and values; every failure is a diagnostic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Range } from '../../../../../engine/diag/index.js';
import type { BinaryOperator, Expression } from '../../../../../engine/hcl/ast.js';
import {
  builtinFunctions,
  evaluate,
  markSensitive,
  scopeOf,
  set,
  str,
  tString,
  tuple,
  unknown,
} from '../../../../../engine/lang/index.js';
import { val } from '../values-helpers.js';

const range: Range = {
  filename: 'p.hcl',
  start: { line: 1, column: 1, byte: 0 },
  end: { line: 1, column: 2, byte: 1 },
};
const OPS: BinaryOperator[] = ['||', '&&', '==', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%'];
const FUNCS = [...builtinFunctions().keys()].filter((n) => !n.startsWith('file') && n !== 'templatefile');

const scope = scopeOf({
  s: markSensitive(val({ a: 'x', l: [1, 2] })),
  u: unknown(),
  us: unknown(tString),
  m: val({ k: ['a', 'b'], n: null, o: { p: 1 } }),
  t: tuple([unknown(tString), markSensitive(str('x')), val({ a: [1] })]),
  st: set(tString, [str('a'), str('b')]),
});

const leaf: fc.Arbitrary<Expression> = fc.oneof(
  fc
    .constantFrom(0, 1, -3, 2.5, 9007199254740992)
    .map((n) => ({ kind: 'Literal', value: n, raw: String(n), range }) as Expression),
  fc.constantFrom(true, false, null).map((v) => ({ kind: 'Literal', value: v, raw: String(v), range }) as Expression),
  fc.constantFrom('', 'a', '1', 'true', '%s').map(
    (s) =>
      ({
        kind: 'Template',
        form: 'quoted',
        parts: [{ kind: 'TemplateLiteral', value: s, range }],
        range,
      }) as Expression,
  ),
  fc
    .constantFrom('s', 'u', 'us', 'm', 't', 'st', 'nope')
    .map((name) => ({ kind: 'Variable', name, range }) as Expression),
);

const { expr } = fc.letrec<{ expr: Expression }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .record({ op: fc.constantFrom(...OPS), left: tie('expr'), right: tie('expr') })
      .map((r) => ({ kind: 'BinaryOp', ...r, range }) as Expression),
    fc
      .record({
        name: fc.constantFrom(...FUNCS, 'try', 'can'),
        args: fc.array(tie('expr'), { maxLength: 4 }),
        expandFinal: fc.boolean(),
      })
      .map((r) => ({ kind: 'FunctionCall', ...r, nameRange: range, range }) as Expression),
    fc
      .tuple(tie('expr'), tie('expr'), tie('expr'))
      // biome-ignore lint/suspicious/noThenProperty: the syntax tree's Conditional node names its first branch "then"
      .map(([cond, a, b]) => ({ kind: 'Conditional', cond, then: a, else: b, range }) as Expression),
    fc
      .record({ object: tie('expr'), name: fc.constantFrom('a', 'k', 'o', 'zz') })
      .map((r) => ({ kind: 'GetAttr', ...r, nameRange: range, range }) as Expression),
    fc
      .record({ collection: tie('expr'), key: tie('expr') })
      .map((r) => ({ kind: 'Index', ...r, legacy: false, range }) as Expression),
    fc.array(tie('expr'), { maxLength: 3 }).map((items) => ({ kind: 'TupleCons', items, range }) as Expression),
    fc.array(fc.record({ key: tie('expr'), value: tie('expr') }), { maxLength: 3 }).map(
      (items) =>
        ({
          kind: 'ObjectCons',
          items: items.map((i) => ({ ...i, bareKey: false, separator: '=', range })),
          range,
        }) as Expression,
    ),
    fc
      .record({ op: fc.constantFrom('!', '-'), operand: tie('expr') })
      .map((r) => ({ kind: 'UnaryOp', ...r, range }) as Expression),
    fc
      .record({ collection: tie('expr'), keyExpr: tie('expr'), valueExpr: tie('expr'), group: fc.boolean() })
      .map((r) => ({ kind: 'ForExpr', keyVar: 'k', valueVar: 'v', ...r, range }) as Expression),
    fc
      .record({ collection: tie('expr'), valueExpr: tie('expr') })
      .map((r) => ({ kind: 'ForExpr', valueVar: 'u', group: false, ...r, range }) as Expression),
    fc.record({ source: tie('expr') }).map(
      (r) =>
        ({
          kind: 'Splat',
          style: 'full',
          source: r.source,
          each: { kind: 'GetAttr', object: { kind: 'SplatItem', range }, name: 'a', nameRange: range, range },
          range,
        }) as Expression,
    ),
    fc.array(tie('expr'), { maxLength: 3 }).map(
      (exprs) =>
        ({
          kind: 'Template',
          form: 'quoted',
          parts: exprs.map((e) => ({ kind: 'TemplateInterp', expr: e, range })),
          range,
        }) as Expression,
    ),
  ),
}));

describe('evaluation robustness', () => {
  it('never throws and never returns an error without a diagnostic', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const r = evaluate(e, { scope, functions: builtinFunctions() });
        expect(r.value).toBeDefined();
        for (const d of r.diagnostics) expect(d.summary.length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
