// Binary and unary operators with HCL semantics: numbers for arithmetic and comparison (strings
// convert), bools for logic, and equality across any types. Unknowns give unknown; marks carry over.
import type { Range } from '../diag/index.js';
import type { BinaryOperator } from '../hcl/ast.js';
import { ConvertError, convertOrThrow } from './convert.js';
import { equals } from './equality.js';
import { fail } from './failure.js';
import { type Type, tBool, tNumber } from './types.js';
import { bool, isNull, num, UNKNOWN, unknown, type Value, withSensitive } from './values.js';

type Side = 'left' | 'right';
type Arith = '+' | '-' | '*' | '/' | '%';
type Compare = '<' | '>' | '<=' | '>=';

const arith: Record<Arith, (a: number, b: number, range: Range) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b, r) => (b === 0 ? fail('Operation failed', r, "Error during operation: can't divide by zero.") : a / b),
  '%': (a, b, r) => {
    if (b === 0)
      fail('Operation failed', r, "Error during operation: can't compute the remainder of division by zero.");
    return a % b;
  },
};
const compare: Record<Compare, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
};

/** True when whole-number `x op y` stays within ±2^53, where every integer is exact. */
function exact(op: '+' | '-' | '*', x: number, y: number): boolean {
  const [a, b] = [BigInt(x), BigInt(y)];
  const r = op === '+' ? a + b : op === '-' ? a - b : a * b;
  return (r < 0n ? -r : r) <= 2n ** 53n;
}

function operand(v: Value, t: Type, side: Side | 'operand', range: Range): Value {
  const label = side === 'operand' ? 'operand' : `${side} operand`;
  if (isNull(v)) fail('Invalid operand', range, `Unsuitable value for ${label}: argument must not be null.`);
  try {
    return convertOrThrow(v, t);
  } catch (e) {
    if (e instanceof ConvertError) fail('Invalid operand', range, `Unsuitable value for ${label}: ${e.message}.`);
    throw e;
  }
}

/** Applies a binary operator; `ranges` locate each operand for error messages, `whole` the expression. */
export function binaryOp(op: BinaryOperator, l: Value, r: Value, lr: Range, rr: Range, whole: Range): Value {
  const sensitive = l.sensitive || r.sensitive;
  const mark = (v: Value): Value => (sensitive ? withSensitive(v, true) : v);
  switch (op) {
    case '==':
    case '!=': {
      const eq = equals(l, r);
      if (eq === 'unknown') return mark(unknown(tBool));
      return mark(bool(op === '==' ? eq : !eq));
    }
    case '&&':
    case '||': {
      const a = operand(l, tBool, 'left', lr);
      const b = operand(r, tBool, 'right', rr);
      if (a.payload === UNKNOWN || b.payload === UNKNOWN) return mark(unknown(tBool));
      return mark(
        bool(op === '&&' ? a.payload === true && b.payload === true : a.payload === true || b.payload === true),
      );
    }
    case '<':
    case '>':
    case '<=':
    case '>=': {
      const a = operand(l, tNumber, 'left', lr);
      const b = operand(r, tNumber, 'right', rr);
      if (a.payload === UNKNOWN || b.payload === UNKNOWN) return mark(unknown(tBool));
      return mark(bool(compare[op](a.payload as number, b.payload as number)));
    }
    case '+':
    case '-':
    case '*':
    case '/':
    case '%': {
      const a = operand(l, tNumber, 'left', lr);
      const b = operand(r, tNumber, 'right', rr);
      if (a.payload === UNKNOWN || b.payload === UNKNOWN) return mark(unknown(tNumber));
      const x = a.payload as number;
      const y = b.payload as number;
      const n = arith[op](x, y, whole);
      if (!Number.isFinite(n))
        fail('Operation failed', whole, 'Error during operation: the result is too large to represent as a number.');
      // Whole-number arithmetic must stay exact; past 2^53 a double would silently round.
      if (Number.isInteger(x) && Number.isInteger(y) && (op === '+' || op === '-' || op === '*') && !exact(op, x, y))
        fail(
          'Operation failed',
          whole,
          'Error during operation: the integer result exceeds 2^53 and cannot be represented exactly.',
        );
      return mark(num(n));
    }
  }
}

/** Applies `!` or unary `-`. */
export function unaryOp(op: '!' | '-', v: Value, range: Range): Value {
  const t = op === '!' ? tBool : tNumber;
  const a = operand(v, t, 'operand', range);
  if (a.payload === UNKNOWN) return withSensitive(unknown(t), v.sensitive);
  const out = op === '!' ? bool(!(a.payload as boolean)) : num(-(a.payload as number));
  return withSensitive(out, v.sensitive);
}
