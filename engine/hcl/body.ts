import type { Attribute, Block, BlockLabel, Body } from './ast.js';
import { parseExpression } from './expr.js';
import { AttributeNode, BlockLabelNode, BlockNode, BodyNode } from './nodes.js';
import { Bail, type Parser, rangeString } from './parser.js';
import { type DecodeProblem, decodeLiteral } from './strings.js';
import { F_REPORTED, T } from './token.js';

// Bodies, attributes and blocks, with HCL's layout rules: one argument per line, a block's
// content starts on a new line unless the whole block is the single-line `b { a = 1 }` form.

/** Parses a body up to `end` (EOF at the top level, `}` in a block). Leaves `end` unconsumed. */
export function parseBody(p: Parser, end: typeof T.EOF | typeof T.CBrace, startOffset: number): Body {
  // Items go on the parser's list stack; the attribute and block views are copied out at the end.
  const mark = p.mark;
  let attributeCount = 0;
  let blockCount = 0;
  // Most bodies are small: scan them, and index the attribute names only once a body grows large.
  let index: Map<string, Attribute> | undefined;
  for (;;) {
    const t = p.peek();
    if (t === end || t === T.EOF) break;
    if (t === T.Newline) {
      p.i++;
      continue;
    }
    const start = p.i;
    const nl = p.newlineDepth;
    const depth = p.currentDepth;
    try {
      if (t !== T.Ident) {
        if (t === T.OQuote) p.fail('Invalid argument name', 'Argument names must not be quoted.', start);
        p.fail('Argument or block definition required', 'An argument or block definition is required here.', start);
      }
      const item = parseBodyItem(p);
      if (item.kind === 'Block') blockCount++;
      else {
        if (index === undefined && attributeCount >= 32) index = indexAttributes(p, mark);
        const prev = index ? index.get(item.name) : findAttribute(p, mark, item.name);
        if (prev) {
          p.report(
            'Attribute redefined',
            `The argument "${item.name}" was already set at ${rangeString(prev.nameRange)}. Each argument may be set only once.`,
            item.nameRange,
          );
        } else index?.set(item.name, item);
        attributeCount++;
      }
      p.push(item);
    } catch (e) {
      if (!(e instanceof Bail)) throw e;
      p.dropTo(mark + attributeCount + blockCount);
      p.resetNewlines(nl);
      p.setDepth(depth);
      recoverAfterItem(p, start, end);
    }
  }
  const endOffset = p.starts[p.at()];
  if (attributeCount === 0 && blockCount === 0) return new BodyNode(p.pos, startOffset, endOffset, NONE, NONE, NONE);
  // When a body holds only one kind of item, that view is the item list itself.
  if (blockCount === 0) {
    const items = p.take<Attribute>(mark);
    return new BodyNode(p.pos, startOffset, endOffset, items, items, NONE);
  }
  if (attributeCount === 0) {
    const items = p.take<Block>(mark);
    return new BodyNode(p.pos, startOffset, endOffset, items, NONE, items);
  }
  const top = mark + attributeCount + blockCount;
  for (let k = mark; k < top; k++) if (p.stacked<Attribute | Block>(k).kind === 'Attribute') p.push(p.stacked(k));
  const attributes = p.take<Attribute>(top);
  for (let k = mark; k < top; k++) if (p.stacked<Attribute | Block>(k).kind === 'Block') p.push(p.stacked(k));
  const blocks = p.take<Block>(top);
  return new BodyNode(p.pos, startOffset, endOffset, p.take<Attribute | Block>(mark), attributes, blocks);
}

// Shared by every empty body: nothing to allocate or keep.
const NONE: readonly never[] = Object.freeze([]);

/** The attribute of that name among the body's items so far. Bodies are small, so a scan beats a map per body. */
function findAttribute(p: Parser, mark: number, name: string): Attribute | undefined {
  for (let k = mark; k < p.mark; k++) {
    const x = p.stacked<Attribute | Block>(k);
    if (x.kind === 'Attribute' && x.name === name) return x;
  }
  return undefined;
}

/** The body's attributes so far by name (the first of each name), once a body has grown large. */
function indexAttributes(p: Parser, mark: number): Map<string, Attribute> {
  const index = new Map<string, Attribute>();
  for (let k = mark; k < p.mark; k++) {
    const x = p.stacked<Attribute | Block>(k);
    if (x.kind === 'Attribute' && !index.has(x.name)) index.set(x.name, x);
  }
  return index;
}

/**
 * Skips the rest of a broken body item: from its first token, counting brackets, to the first
 * newline at nesting level zero after the error. A `}` that closes the enclosing block is left alone.
 */
function recoverAfterItem(p: Parser, start: number, end: typeof T.EOF | typeof T.CBrace): void {
  const types = p.types;
  let depth = 0;
  let k = start;
  for (;;) {
    const t = types[k];
    if (t === T.EOF) break;
    if (t === T.Newline && depth <= 0 && k >= p.errAt) {
      k++;
      break;
    }
    switch (t) {
      case T.OBrace:
      case T.OBrack:
      case T.OParen:
      case T.OQuote:
      case T.OHeredoc:
      case T.TemplateInterp:
      case T.TemplateControl:
        depth++;
        break;
      case T.CBrace:
        if (depth <= 0 && end === T.CBrace && k >= p.errAt) {
          p.i = k;
          return;
        }
        depth--;
        break;
      case T.CBrack:
      case T.CParen:
      case T.CQuote:
      case T.CHeredoc:
      case T.TemplateSeqEnd:
        depth--;
        break;
    }
    k++;
  }
  p.i = k;
}

function parseBodyItem(p: Parser): Attribute | Block {
  const ident = p.read();
  const t = p.peek();
  if (t === T.Equal) return parseAttribute(p, ident, false);
  if (t === T.OQuote || t === T.OBrace || t === T.Ident) return parseBlock(p, ident);
  return p.fail(
    'Argument or block definition required',
    'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
    p.i,
  );
}

function parseAttribute(p: Parser, ident: number, singleLine: boolean): Attribute {
  p.read(); // =
  const expr = parseExpression(p);
  if (!singleLine) {
    const t = p.peek();
    if (t === T.Newline) p.i++;
    else if (t !== T.EOF) {
      if (t === T.Comma) {
        p.fail(
          'Unexpected comma after argument',
          'Argument definitions must be separated by newlines, not commas. An argument definition must end with a newline.',
          p.i,
        );
      }
      p.fail('Missing newline after argument', 'An argument definition must end with a newline.', p.i);
    }
  }
  return new AttributeNode(p.pos, p.starts[ident], p.name(ident), expr);
}

function parseBlock(p: Parser, ident: number): Block {
  const mark = p.mark;
  for (;;) {
    const t = p.peek();
    if (t === T.OBrace) break;
    if (t === T.OQuote) p.push(parseLabel(p));
    else if (t === T.Ident) {
      const k = p.read();
      p.push(new BlockLabelNode(p.pos, p.starts[k], p.ends[k], p.name(k), false));
    } else if (t === T.Equal) {
      p.fail(
        'Invalid block definition',
        'The equals sign "=" indicates an argument definition, and must not be used when defining a block.',
        p.i,
      );
    } else if (t === T.Newline) {
      p.fail(
        'Invalid block definition',
        'A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
        p.i,
      );
    } else {
      p.fail(
        'Invalid block definition',
        'Either a quoted string block label or an opening brace ("{") is expected here.',
        p.i,
      );
    }
  }
  const labels = mark === p.mark ? NONE : p.take<BlockLabel>(mark);
  const open = p.read();
  p.enter(open);
  const t = p.peek();
  const body =
    t === T.Newline || t === T.EOF || t === T.CBrace
      ? parseBody(p, T.CBrace, p.ends[open])
      : parseSingleAttrBody(p, p.ends[open]);
  let close = p.at();
  if (p.types[close] === T.CBrace) p.i++;
  else {
    // The body stopped at the end of the file: report it at the brace that was never closed.
    p.report(
      'Unclosed configuration block',
      'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
      p.range(open),
    );
    close = p.i;
  }
  p.leave();
  const after = p.peek();
  if (after === T.Newline) p.i++;
  else if (after !== T.EOF) {
    p.fail('Missing newline after block definition', 'A block definition must end with a newline.', p.i);
  }
  const type = p.name(ident);
  const s = p.starts;
  return new BlockNode(p.pos, s[ident], s[open], s[close], p.ends[close], type, labels, body);
}

function parseSingleAttrBody(p: Parser, startOffset: number): Body {
  const t = p.peek();
  if (t !== T.Ident) {
    p.fail('Argument or block definition required', 'An argument or block definition is required here.', p.i);
  }
  const ident = p.read();
  const next = p.peek();
  if (next === T.OQuote || next === T.OBrace || next === T.Ident) {
    const name = p.text_(ident);
    p.fail(
      'Argument definition required',
      `A single-line block definition can contain only a single argument. If you meant to define argument "${name}", use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.`,
      p.i,
      p.rangeTokens(ident, p.i),
    );
  }
  if (next !== T.Equal) {
    p.fail(
      'Argument or block definition required',
      'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
      p.i,
    );
  }
  const attr = parseAttribute(p, ident, true);
  const after = p.peek();
  if (after !== T.CBrace) {
    if (after === T.Newline) {
      p.fail(
        'Invalid single-argument block definition',
        "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
        p.i,
      );
    }
    p.fail(
      'Invalid single-argument block definition',
      'Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.',
      p.i,
    );
  }
  const items = [attr];
  return new BodyNode(p.pos, startOffset, p.starts[p.i], items, items, NONE);
}

/** A quoted block label: a string literal, where template sequences are not allowed. */
function parseLabel(p: Parser): BlockLabel {
  const open = p.read();
  let value = '';
  const problems: DecodeProblem[] = [];
  for (;;) {
    const k = p.i;
    const t = p.types[k];
    if (t === T.CQuote) {
      p.i++;
      break;
    }
    if (t === T.QuotedLit) {
      value += decodeLiteral(p.text, p.starts[k], p.ends[k], true, problems);
      p.i++;
      continue;
    }
    if (t === T.TemplateInterp || t === T.TemplateControl) {
      const which = t === T.TemplateInterp ? '$' : '%';
      p.report(
        'Invalid string literal',
        `Template sequences are not allowed in this string. To include a literal "${which}", double it (as "${which}${which}") to escape it.`,
        p.range(k),
      );
      skipSequence(p);
      continue;
    }
    // Only the end of the file can get here; the lexer has reported the unterminated string.
    if ((p.flags[k] & F_REPORTED) === 0) {
      p.report(
        'Unterminated string literal',
        'Unable to find the closing quote mark before the end of the file.',
        p.range(k),
      );
    }
    break;
  }
  for (const d of problems) p.report(d.summary, d.detail, p.pos.range(d.start, d.end));
  return new BlockLabelNode(p.pos, p.starts[open], p.ends[p.i - 1], value, true);
}

/** Skips a `${ … }` or `%{ … }` sequence, including nested ones. */
function skipSequence(p: Parser): void {
  let depth = 0;
  for (;;) {
    const t = p.types[p.i];
    if (t === T.EOF) return;
    p.i++;
    if (t === T.TemplateInterp || t === T.TemplateControl) depth++;
    else if (t === T.TemplateSeqEnd && --depth === 0) return;
  }
}
