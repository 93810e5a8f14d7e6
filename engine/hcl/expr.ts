import type { BinaryOperator, Expression, FunctionCall, Splat, SplatItem } from './ast.js';
import { parseObject, parseTuple } from './collections.js';
import { endOf, FunctionCallNode, GetAttrNode, IndexNode, LiteralNode, startOf, VariableNode } from './nodes.js';
import type { Parser } from './parser.js';
import { parseTemplate } from './template.js';
import { T, type TokenType } from './token.js';

// Expressions, following HCL's grammar: the conditional is lowest and right-associative, binary
// operators climb by precedence (iteratively, so long chains cost no stack), unary operators bind
// tighter than any binary one, and traversals (.attr, [index], splats) bind tightest.

const PRECEDENCE: Partial<Record<TokenType, number>> = {
  [T.Or]: 1,
  [T.And]: 2,
  [T.EqualOp]: 3,
  [T.NotEqual]: 3,
  [T.Lt]: 4,
  [T.Gt]: 4,
  [T.Lte]: 4,
  [T.Gte]: 4,
  [T.Plus]: 5,
  [T.Minus]: 5,
  [T.Star]: 6,
  [T.Slash]: 6,
  [T.Percent]: 6,
};

const OPERATORS: Partial<Record<TokenType, BinaryOperator>> = {
  [T.Or]: '||',
  [T.And]: '&&',
  [T.EqualOp]: '==',
  [T.NotEqual]: '!=',
  [T.Lt]: '<',
  [T.Gt]: '>',
  [T.Lte]: '<=',
  [T.Gte]: '>=',
  [T.Plus]: '+',
  [T.Minus]: '-',
  [T.Star]: '*',
  [T.Slash]: '/',
  [T.Percent]: '%',
};

/** Parses one expression, conditional included. */
export function parseExpression(p: Parser): Expression {
  p.enter(p.i);
  const cond = parseBinary(p);
  if (p.peek() !== T.Question) {
    p.leave();
    return cond;
  }
  p.read();
  const then = parseExpression(p);
  if (p.peek() !== T.Colon) {
    p.fail(
      'Missing false expression in conditional',
      'The conditional operator (...?...:...) requires a false expression, delimited by a colon.',
      p.i,
    );
  }
  p.read();
  const els = parseExpression(p);
  p.leave();
  return { kind: 'Conditional', cond, then, else: els, range: p.pos.range(startOf(cond), endOf(els)) };
}

function parseBinary(p: Parser): Expression {
  const first = parseOperand(p);
  let prec = PRECEDENCE[p.peek()];
  if (prec === undefined) return first;
  const operands: Expression[] = [first];
  const ops: TokenType[] = [];
  const reduce = (): void => {
    const right = operands.pop()!;
    const left = operands.pop()!;
    const op = OPERATORS[ops.pop()!]!;
    operands.push({ kind: 'BinaryOp', op, left, right, range: p.pos.range(startOf(left), endOf(right)) });
  };
  for (let n = 1; prec !== undefined; n++) {
    const t = p.types[p.i] as TokenType;
    p.chained(n, p.i);
    while (ops.length > 0 && PRECEDENCE[ops[ops.length - 1]]! >= prec) reduce();
    ops.push(t);
    p.i++;
    operands.push(parseOperand(p));
    prec = PRECEDENCE[p.peek()];
  }
  while (ops.length > 0) reduce();
  return operands[0];
}

/** A term with its traversals, after any number of prefix `!` and `-`. */
function parseOperand(p: Parser): Expression {
  let t = p.peek();
  if (t !== T.Minus && t !== T.Bang) return parseTraversals(p, parseTerm(p));
  const prefixes: number[] = [];
  while (t === T.Minus || t === T.Bang) {
    prefixes.push(p.i);
    p.enter(p.i);
    p.i++;
    t = p.peek();
  }
  let e = parseTraversals(p, parseTerm(p));
  for (let k = prefixes.length - 1; k >= 0; k--) {
    const tok = prefixes[k];
    const range = p.pos.range(p.starts[tok], endOf(e));
    e = { kind: 'UnaryOp', op: p.types[tok] === T.Bang ? '!' : '-', operand: e, range };
    p.leave();
  }
  return e;
}

function parseTerm(p: Parser): Expression {
  const t = p.peek();
  const k = p.i;
  switch (t) {
    case T.OParen: {
      p.i++;
      p.pushNewlines(false);
      const inner = parseExpression(p);
      if (p.peek() !== T.CParen) {
        p.fail('Unbalanced parentheses', 'Expected a closing parenthesis to terminate the expression.', p.i);
      }
      const close = p.read();
      p.popNewlines();
      return { kind: 'Parens', expr: inner, range: p.rangeTokens(k, close) };
    }
    case T.Number: {
      p.i++;
      const raw = p.text_(k);
      return new LiteralNode(p.pos, p.starts[k], p.ends[k], Number(raw), raw);
    }
    case T.Ident: {
      p.i++;
      const next = p.peek();
      if (next === T.OParen || next === T.DoubleColon) return parseCall(p, k);
      const name = p.name(k);
      const from = p.starts[k];
      const to = p.ends[k];
      if (name === 'true') return new LiteralNode(p.pos, from, to, true, name);
      if (name === 'false') return new LiteralNode(p.pos, from, to, false, name);
      if (name === 'null') return new LiteralNode(p.pos, from, to, null, name);
      return new VariableNode(p.pos, from, to, name);
    }
    case T.OQuote:
    case T.OHeredoc:
      return parseTemplate(p);
    case T.OBrack:
      return parseTuple(p);
    case T.OBrace:
      return parseObject(p);
    case T.EOF:
      return p.fail('Missing expression', 'Expected the start of an expression, but found the end of the file.', k);
    default:
      return p.fail(
        'Invalid expression',
        'Expected the start of an expression, but found an invalid expression token.',
        k,
      );
  }
}

/** Attribute access, indexing and splats after a term. */
function parseTraversals(p: Parser, from: Expression): Expression {
  let e = from;
  for (let steps = 1; ; steps++) {
    const t = p.peek();
    if (t === T.Dot || t === T.OBrack) p.chained(steps, p.i);
    if (t === T.Dot) {
      p.i++;
      const a = p.peek();
      const k = p.i;
      if (a === T.Ident) {
        p.i++;
        e = new GetAttrNode(p.pos, e, p.name(k), p.ends[k]);
      } else if (a === T.Number) {
        p.i++;
        e = legacyIndex(p, e, k);
      } else if (a === T.Star) {
        p.i++;
        e = attrSplat(p, e, k);
      } else {
        p.fail('Invalid attribute name', 'An attribute name is required after a dot.', k);
      }
    } else if (t === T.OBrack) {
      const open = p.i;
      p.i++;
      if (p.peek() === T.Star) {
        p.i++;
        const close = p.i;
        if (p.peek() !== T.CBrack) {
          p.fail(
            'Missing close bracket on splat index',
            'The star for a full splat operator must be immediately followed by a closing bracket ("]").',
            p.i,
          );
        }
        p.i++;
        p.enter(open);
        const item: SplatItem = { kind: 'SplatItem', range: p.rangeTokens(open, close) };
        const each = parseTraversals(p, item);
        p.leave();
        const range = p.pos.range(startOf(e), endOf(each));
        const splat: Splat = { kind: 'Splat', source: e, each, style: 'full', range };
        e = splat;
      } else {
        p.pushNewlines(false);
        const key = parseExpression(p);
        if (p.peek() !== T.CBrack) {
          p.fail('Missing close bracket on index', 'The index operator must end with a closing bracket ("]").', p.i);
        }
        const close = p.read();
        p.popNewlines();
        e = new IndexNode(p.pos, p.ends[close], e, key, false);
      }
    } else return e;
  }
}

/** The legacy `.0` index form inherited from HIL. */
function legacyIndex(p: Parser, e: Expression, k: number): Expression {
  const raw = p.text_(k);
  const dot = raw.indexOf('.');
  if (dot >= 0) {
    p.report(
      'Invalid legacy index syntax',
      `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [${raw.slice(0, dot)}][${raw.slice(dot + 1)}].`,
      p.range(k),
    );
  }
  const key = new LiteralNode(p.pos, p.starts[k], p.ends[k], Number(raw), raw);
  return new IndexNode(p.pos, p.ends[k], e, key, true);
}

/** `.*` followed by attribute (and legacy index) steps only. */
function attrSplat(p: Parser, source: Expression, star: number): Splat {
  const item: SplatItem = { kind: 'SplatItem', range: p.rangeTokens(star - 1, star) };
  let each: Expression = item;
  let last = p.ends[star];
  while (p.peek() === T.Dot) {
    p.i++;
    const a = p.peek();
    const k = p.i;
    if (a === T.Number) {
      p.i++;
      each = legacyIndex(p, each, k);
    } else if (a === T.Ident) {
      p.i++;
      each = new GetAttrNode(p.pos, each, p.name(k), p.ends[k]);
    } else if (a === T.Star) {
      p.fail(
        'Nested splat expression not allowed',
        'A splat expression (*) cannot be used inside another attribute-only splat expression.',
        k,
      );
    } else p.fail('Invalid attribute name', 'An attribute name is required after a dot.', k);
    last = p.ends[k];
  }
  return { kind: 'Splat', source, each, style: 'attr', range: p.pos.range(startOf(source), last) };
}

function parseCall(p: Parser, nameTok: number): FunctionCall {
  let name = p.name(nameTok);
  let lastName = nameTok;
  while (p.peek() === T.DoubleColon) {
    p.i++;
    if (p.peek() !== T.Ident) {
      p.fail(
        'Missing function name',
        'Function scope resolution symbol :: must be followed by a function name in this scope.',
        p.i,
      );
    }
    lastName = p.read();
    name += `::${p.text_(lastName)}`;
  }
  if (p.peek() !== T.OParen) {
    p.fail(
      'Missing open parenthesis',
      'Function selector must be followed by an open parenthesis to begin the function call.',
      p.i,
    );
  }
  const open = p.read();
  p.pushNewlines(false);
  const mark = p.mark;
  let expandFinal = false;
  let close: number;
  for (;;) {
    if (p.peek() === T.CParen) {
      close = p.read();
      break;
    }
    p.push(parseExpression(p));
    const sep = p.peek();
    if (sep === T.CParen) {
      close = p.read();
      break;
    }
    if (sep === T.Ellipsis) {
      p.i++;
      expandFinal = true;
      if (p.peek() !== T.CParen) {
        p.fail(
          'Missing closing parenthesis',
          'An expanded function argument (with ...) must be immediately followed by closing parentheses.',
          p.i - 1,
        );
      }
      close = p.read();
      break;
    }
    if (sep === T.Comma) {
      p.i++;
      continue;
    }
    if (sep === T.EOF) {
      p.fail(
        'Unterminated function call',
        'There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.',
        p.i,
        p.rangeTokens(nameTok, open),
      );
    }
    p.fail('Missing argument separator', 'A comma is required to separate each function argument from the next.', p.i);
  }
  p.popNewlines();
  const args = p.take<Expression>(mark);
  return new FunctionCallNode(p.pos, p.starts[nameTok], p.ends[lastName], p.ends[close], name, args, expandFinal);
}
