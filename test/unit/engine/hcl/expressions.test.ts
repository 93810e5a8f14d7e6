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
