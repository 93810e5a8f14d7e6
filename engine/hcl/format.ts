import { type Diagnostic, hasErrors } from '../diag/index.js';
import { lex, release } from './lexer.js';
import { parseHCL } from './parse.js';
import { Positions } from './positions.js';
import { T, type TokenType } from './token.js';

// The canonical layout behind `runform fmt`, computed on the token stream (so every comment and
// every line break the user chose survives): two-space indentation from bracket nesting, spacing
// normalised between tokens, and `=` (and trailing comments) aligned over runs of adjacent
// single-line attributes. String and heredoc text is copied verbatim.

/** Result of formatting: the new text, or no output when the file has syntax errors. */
export interface FormatResult {
  readonly output: string | undefined;
  readonly diagnostics: Diagnostic[];
}

// A comment is not a token of the grammar; the formatter gives it its own pseudo-type.
const COMMENT = 255;
type ItemType = TokenType | typeof COMMENT;

interface Item {
  readonly type: ItemType;
  readonly text: string;
  /** Spaces before this item on its line (the indent, for the first item). */
  spaces: number;
}

interface Line {
  readonly items: Item[];
  /** Index of the `=` that starts the assignment cell, or -1. */
  assign: number;
  /** Index of the trailing comment, or -1. */
  comment: number;
}

/** Formats an HCL file canonically; refuses (output undefined) when it has syntax errors. */
export function formatHCL(text: string, filename: string): FormatResult {
  const parsed = parseHCL(text, filename);
  if (hasErrors(parsed.diagnostics)) return { output: undefined, diagnostics: parsed.diagnostics };
  const lines = splitLines(text, filename);
  for (const line of lines) findCells(line);
  indent(lines);
  for (const line of lines) space(line);
  align(lines);
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const out = lines.map(render);
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return { output: out.length === 0 ? bom : `${bom}${out.join('\n')}\n`, diagnostics: parsed.diagnostics };
}

/** Tokens and comments in source order, cut into lines at newline tokens. */
function splitLines(text: string, filename: string): Line[] {
  const tokens = lex(text, new Positions(text, filename), []);
  const lines: Line[] = [];
  let items: Item[] = [];
  let c = 0;
  const comments = tokens.commentStarts.length;
  const pushComment = (k: number): void => {
    // Line comments lose trailing whitespace; CRLF inside block comments becomes LF.
    const raw = text.slice(tokens.commentStarts[k], tokens.commentEnds[k]);
    items.push({ type: COMMENT, text: tokens.commentBlock[k] ? lf(raw) : raw.trimEnd(), spaces: 0 });
  };
  for (let k = 0; k < tokens.count; k++) {
    const start = tokens.starts[k];
    while (c < comments && tokens.commentStarts[c] < start) pushComment(c++);
    const type = tokens.types[k] as TokenType;
    if (type === T.EOF) break;
    if (type === T.Newline) {
      lines.push({ items, assign: -1, comment: -1 });
      items = [];
      continue;
    }
    items.push({ type, text: lf(text.slice(start, tokens.ends[k])), spaces: 0 });
  }
  while (c < comments) pushComment(c++);
  lines.push({ items, assign: -1, comment: -1 });
  release(tokens);
  return lines;
}

function lf(s: string): string {
  return s.indexOf('\r') < 0 ? s : s.replace(/\r\n/g, '\n');
}

function bracketChange(t: ItemType): number {
  switch (t) {
    case T.OBrace:
    case T.OBrack:
    case T.OParen:
    case T.TemplateInterp:
    case T.TemplateControl:
      return 1;
    case T.CBrace:
    case T.CBrack:
    case T.CParen:
    case T.TemplateSeqEnd:
      return -1;
    default:
      return 0;
  }
}

/** Net bracket change of items[from, to), not looking into a heredoc's text. */
function netBrackets(items: Item[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    n += bracketChange(items[i].type);
    if (items[i].type === T.OHeredoc) break;
  }
  return n;
}

/** The assignment cell exists only when the value closes on the same line (a single-line attribute). */
function findCells(line: Line): void {
  const items = line.items;
  let end = items.length;
  if (end > 1 && items[end - 1].type === COMMENT) {
    line.comment = end - 1;
    end--;
  }
  for (let i = 1; i < end; i++) {
    if (items[i].type === T.Equal) {
      if (netBrackets(items, i, end) === 0) line.assign = i;
      return;
    }
  }
}

/** Indents each line by two spaces per level of brackets left open by earlier lines. */
function indent(lines: Line[]): void {
  const stack: number[] = [];
  for (const line of lines) {
    if (line.items.length === 0) continue;
    const net = netBrackets(line.items, 0, line.items.length);
    if (net > 0) {
      line.items[0].spaces = 2 * stack.length;
      stack.push(net);
    } else if (net < 0) {
      let closed = -net;
      while (closed > 0 && stack.length > 0) {
        const top = stack[stack.length - 1];
        if (closed >= top) {
          closed -= top;
          stack.pop();
        } else {
          stack[stack.length - 1] = top - closed;
          closed = 0;
        }
      }
      line.items[0].spaces = 2 * stack.length;
    } else line.items[0].spaces = 2 * stack.length;
  }
}

function space(line: Line): void {
  const items = line.items;
  for (let i = 1; i < items.length; i++) {
    const before = i >= 2 ? items[i - 2].type : undefined;
    items[i].spaces = spaceBetween(items[i - 1], before, items[i]) ? 1 : 0;
  }
  // `3 .14` is a number indexed by 14 (the legacy form); written `3.14` it would be one number.
  for (let i = 1; i + 1 < items.length; i++) {
    if (items[i].type === T.Dot && items[i - 1].type === T.Number && items[i + 1].type === T.Number) {
      items[i + 1].spaces = 1;
    }
  }
}

const NEGATION_CONTEXT = new Set<ItemType>([
  T.OParen,
  T.OBrace,
  T.OBrack,
  T.Equal,
  T.Colon,
  T.Comma,
  T.Question,
  T.Plus,
  T.Star,
  T.Slash,
  T.Percent,
  T.Minus,
  T.EqualOp,
  T.NotEqual,
  T.Gt,
  T.Gte,
  T.Lt,
  T.Lte,
  T.And,
  T.Or,
  T.Bang,
  T.TemplateInterp,
  T.TemplateControl,
  T.FatArrow,
]);

/** Whether one space goes between two adjacent items of a line. */
function spaceBetween(subject: Item, before: ItemType | undefined, after: Item): boolean {
  const s = subject.type;
  const a = after.type;
  if (s === T.Ident && (a === T.OParen || a === T.DoubleColon)) return false;
  if (s === T.DoubleColon) return false;
  if (s === T.Dot || a === T.Dot) return false;
  if (a === T.Comma || a === T.Ellipsis) return false;
  if (s === T.Comma) return true;
  if (s === T.QuotedLit || s === T.StringLit || s === T.OQuote || s === T.OHeredoc) return false;
  if (a === T.QuotedLit || a === T.StringLit || a === T.CQuote || a === T.CHeredoc) return false;
  if (s === T.Ident && subject.text === 'in' && before === T.Ident) return true;
  if (a === T.OBrack && (s === T.Ident || s === T.Number || bracketChange(s) < 0 || s === T.CQuote)) return false;
  if (s === T.Bang) return false;
  if (s === T.Minus) return !(before === undefined || NEGATION_CONTEXT.has(before));
  if (s === T.OBrace || a === T.CBrace) return !(s === T.OBrace && a === T.CBrace);
  if ((s === T.TemplateInterp || s === T.TemplateControl) && a === T.OBrace) return true;
  if (s === T.CBrace && a === T.TemplateSeqEnd) return true;
  if (s === T.TemplateSeqEnd && (a === T.TemplateInterp || a === T.TemplateControl)) return false;
  if (bracketChange(s) > 0) return false;
  if (bracketChange(a) < 0) return false;
  return true;
}

/** Width of items[0, to) as rendered, indentation included. */
function columns(items: Item[], to: number): number {
  let n = 0;
  for (let i = 0; i < to; i++) n += items[i].spaces + [...items[i].text].length;
  return n;
}

/** Aligns `=` over runs of lines with an assignment cell, then trailing comments over their runs. */
function align(lines: Line[]): void {
  alignRuns(
    lines,
    (l) => l.assign,
    (l) => columns(l.items, l.assign),
  );
  alignRuns(
    lines,
    (l) => l.comment,
    (l) => columns(l.items, l.comment),
  );
}

function alignRuns(lines: Line[], cell: (l: Line) => number, width: (l: Line) => number): void {
  let start = -1;
  let max = 0;
  const close = (end: number): void => {
    for (let k = start; k < end; k++) {
      const l = lines[k];
      const i = cell(l);
      const w = width(l) - l.items[i].spaces;
      l.items[i].spaces = max - w + 1;
    }
    start = -1;
    max = 0;
  };
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k];
    const i = cell(l);
    if (i < 0) {
      if (start >= 0) close(k);
      continue;
    }
    if (start < 0) start = k;
    const w = width(l) - l.items[i].spaces;
    if (w > max) max = w;
  }
  if (start >= 0) close(lines.length);
}

function render(line: Line): string {
  let s = '';
  for (const item of line.items) s += ' '.repeat(item.spaces) + item.text;
  return s;
}
