import type { Expression, ForExpr, ObjectCons, ObjectItem, TupleCons } from './ast.js';
import { parseExpression } from './expr.js';
import { endOf, ObjectConsNode, ObjectItemNode, startOf, TupleConsNode, VariableNode } from './nodes.js';
import type { Parser } from './parser.js';
import { T } from './token.js';

// Collection constructors: tuples, objects, and the `for` expressions that build either. Newlines
// are insignificant inside brackets, but separate items inside an object's braces.

/** Parses `[ … ]` or `[for …]` at the opening bracket. */
export function parseTuple(p: Parser): TupleCons | ForExpr {
  const open = p.read();
  p.pushNewlines(false);
  if (p.peekKeyword('for')) {
    const f = parseFor(p, open, false);
    p.popNewlines();
    return f;
  }
  const mark = p.mark;
  let close: number;
  for (;;) {
    if (p.peek() === T.CBrack) {
      close = p.read();
      break;
    }
    p.push(parseExpression(p));
    const t = p.peek();
    if (t === T.CBrack) {
      close = p.read();
      break;
    }
    if (t === T.Comma) {
      p.i++;
      continue;
    }
    if (t === T.EOF) {
      p.fail(
        'Unterminated tuple constructor expression',
        'There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.',
        p.i,
        p.range(open),
      );
    }
    p.fail('Missing item separator', 'Expected a comma to mark the beginning of the next item.', p.i);
  }
  p.popNewlines();
  return new TupleConsNode(p.pos, p.starts[open], p.ends[close], p.take<Expression>(mark));
}

const UNTERMINATED_OBJECT =
  'There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.';

/** Parses `{ … }` or `{for …}` at the opening brace. */
export function parseObject(p: Parser): ObjectCons | ForExpr {
  const open = p.read();
  p.pushNewlines(false);
  const isFor = p.peekKeyword('for');
  if (isFor) {
    const f = parseFor(p, open, true);
    p.popNewlines();
    return f;
  }
  p.popNewlines();
  // Inside an object constructor newlines separate items, so they are significant again.
  p.pushNewlines(true);
  const mark = p.mark;
  let close: number;
  for (;;) {
    const t = p.peek();
    if (t === T.Newline) {
      p.i++;
      continue;
    }
    if (t === T.CBrace) {
      close = p.read();
      break;
    }
    let key = parseExpression(p);
    let bareKey = key.kind === 'Variable';
    if (key.kind === 'Literal' && key.raw === String(key.value) && typeof key.value !== 'number') {
      // `true`, `false` and `null` as keys are names, like any other bare identifier.
      key = new VariableNode(p.pos, startOf(key), endOf(key), key.raw);
      bareKey = true;
    }
    const sep = p.peek();
    if (sep !== T.Equal && sep !== T.Colon) {
      if (sep === T.Newline || sep === T.Comma) {
        p.fail('Missing attribute value', 'Expected an attribute value, introduced by an equals sign ("=").', p.i);
      }
      if (sep === T.EOF) p.fail('Unterminated object constructor expression', UNTERMINATED_OBJECT, p.i, p.range(open));
      p.fail(
        'Missing key/value separator',
        sep === T.Ident
          ? 'Expected an equals sign ("=") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.'
          : 'Expected an equals sign ("=") to mark the beginning of the attribute value.',
        p.i,
      );
    }
    p.i++;
    const value = parseExpression(p);
    p.push(new ObjectItemNode(p.pos, key, bareKey, sep === T.Equal ? '=' : ':', value));
    const after = p.peek();
    if (after === T.CBrace) {
      close = p.read();
      break;
    }
    if (after === T.Comma || after === T.Newline) {
      p.i++;
      continue;
    }
    if (after === T.EOF) p.fail('Unterminated object constructor expression', UNTERMINATED_OBJECT, p.i, p.range(open));
    p.fail(
      'Missing attribute separator',
      'Expected a newline or comma to mark the beginning of the next attribute.',
      p.i,
    );
  }
  p.popNewlines();
  return new ObjectConsNode(p.pos, p.starts[open], p.ends[close], p.take<ObjectItem>(mark));
}

function parseFor(p: Parser, open: number, isObject: boolean): ForExpr {
  const bad = (detail: string): never => p.fail("Invalid 'for' expression", detail, p.at());
  p.read(); // for
  if (p.peek() !== T.Ident) bad("For expression requires variable name after 'for'.");
  let valueVar = p.text_(p.read());
  let keyVar: string | undefined;
  if (p.peek() === T.Comma) {
    p.i++;
    keyVar = valueVar;
    if (p.peek() !== T.Ident) bad('For expression requires value variable name after comma.');
    valueVar = p.text_(p.read());
  }
  if (!p.peekKeyword('in')) bad("For expression requires the 'in' keyword after its name declarations.");
  p.i++;
  const collection = parseExpression(p);
  if (p.peek() !== T.Colon) bad('For expression requires a colon after the collection expression.');
  p.i++;
  let keyExpr: Expression | undefined;
  let valueExpr = parseExpression(p);
  if (p.peek() === T.FatArrow) {
    p.i++;
    keyExpr = valueExpr;
    valueExpr = parseExpression(p);
  }
  let group = false;
  let ellipsis = -1;
  if (p.peek() === T.Ellipsis) {
    ellipsis = p.read();
    group = true;
  }
  let condExpr: Expression | undefined;
  if (p.peekKeyword('if')) {
    p.i++;
    condExpr = parseExpression(p);
  }
  if (p.peek() !== (isObject ? T.CBrace : T.CBrack)) bad("Extra characters after the end of the 'for' expression.");
  const close = p.read();
  if (!isObject) {
    if (keyExpr)
      p.report("Invalid 'for' expression", 'Key expression is not valid when building a tuple.', keyExpr.range);
    if (group) {
      p.report(
        "Invalid 'for' expression",
        'Grouping ellipsis (...) cannot be used when building a tuple.',
        p.range(ellipsis),
      );
    }
    keyExpr = undefined;
    group = false;
  } else if (!keyExpr) {
    p.report("Invalid 'for' expression", 'Key expression is required when building an object.', valueExpr.range);
  }
  return {
    kind: 'ForExpr',
    ...(keyVar !== undefined ? { keyVar } : {}),
    valueVar,
    collection,
    ...(keyExpr ? { keyExpr } : {}),
    valueExpr,
    ...(condExpr ? { condExpr } : {}),
    group,
    range: p.rangeTokens(open, close),
  };
}
