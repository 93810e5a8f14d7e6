import { describe, expect, it } from 'vitest';
import { expr, strip } from './helpers.js';

const lit = (value: number) => ({ kind: 'Literal', value, raw: String(value) });
const v = (name: string) => ({ kind: 'Variable', name });

describe('operator precedence', () => {
  it('binds * tighter than + and + tighter than comparison', () => {
    expect(strip(expr('1 + 2 * 3 < 4'))).toEqual({
      kind: 'BinaryOp',
      op: '<',
      left: {
        kind: 'BinaryOp',
        op: '+',
        left: lit(1),
        right: { kind: 'BinaryOp', op: '*', left: lit(2), right: lit(3) },
      },
      right: lit(4),
    });
  });

  it('is left-associative within a level', () => {
    expect(strip(expr('a - b - c'))).toEqual({
      kind: 'BinaryOp',
      op: '-',
      left: { kind: 'BinaryOp', op: '-', left: v('a'), right: v('b') },
      right: v('c'),
    });
  });

  it('orders || below && below == below comparison', () => {
    expect(strip(expr('a || b && c == d > e'))).toEqual({
      kind: 'BinaryOp',
      op: '||',
      left: v('a'),
      right: {
        kind: 'BinaryOp',
        op: '&&',
        left: v('b'),
        right: {
          kind: 'BinaryOp',
          op: '==',
          left: v('c'),
          right: { kind: 'BinaryOp', op: '>', left: v('d'), right: v('e') },
        },
      },
    });
  });

  it('applies unary minus to the traversal, not to a following binary operation', () => {
    expect(strip(expr('-a.b + 1'))).toEqual({
      kind: 'BinaryOp',
      op: '+',
      left: { kind: 'UnaryOp', op: '-', operand: { kind: 'GetAttr', object: v('a'), name: 'b' } },
      right: lit(1),
    });
  });

  it('chains conditionals to the right', () => {
    expect(strip(expr('a ? b : c ? d : e'))).toEqual({
      kind: 'Conditional',
      cond: v('a'),
      // biome-ignore lint/suspicious/noThenProperty: the syntax tree contract names this field
      then: v('b'),
      // biome-ignore lint/suspicious/noThenProperty: the syntax tree contract names this field
      else: { kind: 'Conditional', cond: v('c'), then: v('d'), else: v('e') },
    });
  });
});

describe('traversals and splats', () => {
  it('parses the legacy .0 index as an Index marked legacy', () => {
    expect(strip(expr('x.0.y'))).toEqual({
      kind: 'GetAttr',
      object: { kind: 'Index', collection: v('x'), key: lit(0), legacy: true },
      name: 'y',
    });
  });

  it('parses a bracket index as a non-legacy Index', () => {
    expect(strip(expr('x["k"]'))).toMatchObject({ kind: 'Index', legacy: false, key: { kind: 'Template' } });
  });

  it('lets a full splat take attribute and index steps', () => {
    expect(strip(expr('x[*].y[0]'))).toEqual({
      kind: 'Splat',
      style: 'full',
      source: v('x'),
      each: {
        kind: 'Index',
        collection: { kind: 'GetAttr', object: { kind: 'SplatItem' }, name: 'y' },
        key: lit(0),
        legacy: false,
      },
    });
  });

  it('ends an attribute splat before an index step', () => {
    expect(strip(expr('x.*.y[0]'))).toEqual({
      kind: 'Index',
      collection: {
        kind: 'Splat',
        style: 'attr',
        source: v('x'),
        each: { kind: 'GetAttr', object: { kind: 'SplatItem' }, name: 'y' },
      },
      key: lit(0),
      legacy: false,
    });
  });

  it('uses the bare SplatItem when nothing follows the splat', () => {
    expect(strip(expr('x[*]'))).toEqual({ kind: 'Splat', style: 'full', source: v('x'), each: { kind: 'SplatItem' } });
  });
});

describe('function calls', () => {
  it('keeps the whole provider::ns::fn name and its arguments', () => {
    expect(strip(expr('provider::aws::arn_parse(a, 2)'))).toEqual({
      kind: 'FunctionCall',
      name: 'provider::aws::arn_parse',
      args: [v('a'), lit(2)],
      expandFinal: false,
    });
  });

  it('marks expansion of the final argument', () => {
    expect(strip(expr('max(1, xs...)'))).toMatchObject({ name: 'max', args: [lit(1), v('xs')], expandFinal: true });
  });

  it('gives the name range of a namespaced call from its first to last name', () => {
    const e = expr('provider::aws::f()');
    expect(e.kind === 'FunctionCall' && [e.nameRange.start.column, e.nameRange.end.column]).toEqual([1, 17]);
  });
});

describe('collections and for expressions', () => {
  it('parses a tuple for with index, value and condition', () => {
    expect(strip(expr('[for i, x in xs : x if i > 0]'))).toEqual({
      kind: 'ForExpr',
      keyVar: 'i',
      valueVar: 'x',
      collection: v('xs'),
      valueExpr: v('x'),
      condExpr: { kind: 'BinaryOp', op: '>', left: v('i'), right: lit(0) },
      group: false,
    });
  });

  it('parses an object for with key, grouping and no condition', () => {
    expect(strip(expr('{for k, v in m : v => k...}'))).toEqual({
      kind: 'ForExpr',
      keyVar: 'k',
      valueVar: 'v',
      collection: v('m'),
      keyExpr: v('v'),
      valueExpr: v('k'),
      group: true,
    });
  });

  it('marks bare identifier object keys, and treats a parenthesised key as an expression', () => {
    const e = expr('{ a = 1, "b" = 2, (c) = 3, null: 4 }');
    expect(e.kind === 'ObjectCons' && e.items.map((i) => [i.key.kind, i.bareKey, i.separator])).toEqual([
      ['Variable', true, '='],
      ['Template', false, '='],
      ['Parens', false, '='],
      ['Variable', true, ':'],
    ]);
  });

  it('reads true, false and null as literals outside object keys', () => {
    expect(strip(expr('[true, false, null]'))).toEqual({
      kind: 'TupleCons',
      items: [
        { kind: 'Literal', value: true, raw: 'true' },
        { kind: 'Literal', value: false, raw: 'false' },
        { kind: 'Literal', value: null, raw: 'null' },
      ],
    });
  });

  it('keeps the source text of numbers for exact integer checks', () => {
    expect(strip(expr('[1.5e3, 01, 123456789012345678901]'))).toEqual({
      kind: 'TupleCons',
      items: [
        { kind: 'Literal', value: 1500, raw: '1.5e3' },
        { kind: 'Literal', value: 1, raw: '01' },
        { kind: 'Literal', value: Number('123456789012345678901'), raw: '123456789012345678901' },
      ],
    });
  });
});
