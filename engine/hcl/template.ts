import type { Range } from '../diag/index.js';
import type { Expression, TemplateExpr, TemplatePart } from './ast.js';
import { isUnicodeSpace, trimSpaceEnd, trimSpaceStart } from './chars.js';
import { parseExpression } from './expr.js';
import { TemplateInterpNode, TemplateLiteralNode, TemplateNode } from './nodes.js';
import type { Parser } from './parser.js';
import { rangeString, span } from './parser.js';
import { type DecodeProblem, decodeLiteral } from './strings.js';
import { F_FLUSH, F_STRIP, T } from './token.js';

// Templates (quoted strings and heredocs) are parsed in three steps, as HCL does: a flat list of
// pieces (literal tokens, interpolations, directive markers) with `~` stripping applied to the
// neighbouring literal tokens; then `<<-` indentation removal; then nesting of if/for directives.

type Piece =
  | { kind: 'lit'; value: string; start: number; end: number }
  | { kind: 'interp'; expr: Expression; start: number; end: number }
  | { kind: 'if'; cond: Expression; start: number; end: number }
  | { kind: 'for'; keyVar?: string; valueVar: string; collection: Expression; start: number; end: number }
  | { kind: 'else' | 'endif' | 'endfor'; start: number; end: number };

/** Parses a quoted template or heredoc starting at the opening token. */
export function parseTemplate(p: Parser): TemplateExpr {
  const open = p.read();
  const heredoc = p.types[open] === T.OHeredoc;
  const closer = heredoc ? T.CHeredoc : T.CQuote;
  if (!heredoc) {
    // Most strings are plain literals: skip the general machinery for them.
    const k = p.i;
    if (p.types[k] === T.CQuote) {
      p.i++;
      return new TemplateNode(p.pos, p.starts[open], p.ends[k], [], 'quoted');
    }
    if (p.types[k] === T.QuotedLit && p.types[k + 1] === T.CQuote) {
      const value = decode(p, k, true);
      p.i += 2;
      const parts = [new TemplateLiteralNode(p.pos, p.starts[k], p.ends[k], value)];
      return new TemplateNode(p.pos, p.starts[open], p.ends[k + 1], parts, 'quoted');
    }
  }
  const pieces: Piece[] = [];
  let directives = false;
  let trimNext = false;
  let close: number;
  for (;;) {
    const k = p.i;
    const t = p.types[k];
    if (t === closer) {
      close = k;
      p.i++;
      break;
    }
    if (t === T.QuotedLit || t === T.StringLit) {
      let value = decode(p, k, t === T.QuotedLit);
      if (trimNext) value = trimSpaceStart(value);
      trimNext = false;
      pieces.push({ kind: 'lit', value, start: p.starts[k], end: p.ends[k] });
      p.i++;
      continue;
    }
    if (t === T.TemplateInterp || t === T.TemplateControl) {
      if ((p.flags[k] & F_STRIP) !== 0) {
        const prev = pieces[pieces.length - 1];
        if (prev?.kind === 'lit') prev.value = trimSpaceEnd(prev.value);
      }
      trimNext = false;
      p.i++;
      p.pushNewlines(false);
      const piece = t === T.TemplateInterp ? interpolation(p, k) : directive(p, k);
      if (piece.kind !== 'interp') directives = true;
      const end = p.peek();
      if (end !== T.TemplateSeqEnd) {
        if (piece.kind === 'interp') {
          p.fail(
            'Extra characters after interpolation expression',
            'Expected a closing brace to end the interpolation expression, but found extra characters.',
            p.i,
          );
        }
        p.fail(
          `Extra characters in ${piece.kind} marker`,
          'Expected a closing brace to end the sequence, but found extra characters.',
          p.i,
        );
      }
      const seqEnd = p.read();
      p.popNewlines();
      trimNext = (p.flags[seqEnd] & F_STRIP) !== 0;
      piece.end = p.ends[seqEnd];
      pieces.push(piece);
      continue;
    }
    // Only reachable at the end of the file inside an unfinished template; the lexer has reported it.
    p.fail('Unterminated template string', 'No closing marker was found for the string.', k);
  }
  if (heredoc && (p.flags[open] & F_FLUSH) !== 0) flushIndent(pieces);
  const parts = directives ? nest(p, pieces) : flat(p, pieces);
  return new TemplateNode(p.pos, p.starts[open], p.ends[close], parts, heredoc ? 'heredoc' : 'quoted');
}

// Decoding problems are reported as soon as each literal is decoded, so one scratch list serves all.
const problems: DecodeProblem[] = [];

function decode(p: Parser, k: number, quoted: boolean): string {
  const value = decodeLiteral(p.text, p.starts[k], p.ends[k], quoted, problems);
  if (problems.length > 0) {
    for (const d of problems) p.report(d.summary, d.detail, p.pos.range(d.start, d.end));
    problems.length = 0;
  }
  return value;
}

/** Parts of a template without directives: literals (adjacent ones merged) and interpolations. */
function flat(p: Parser, pieces: Piece[]): TemplatePart[] {
  const mark = p.mark;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece.kind === 'interp') {
      p.push(new TemplateInterpNode(p.pos, piece.start, piece.end, piece.expr));
    } else if (piece.kind === 'lit') {
      let value = piece.value;
      let end = piece.end;
      while (i + 1 < pieces.length) {
        const next = pieces[i + 1];
        if (next.kind !== 'lit') break;
        value += next.value;
        end = next.end;
        i++;
      }
      p.push(new TemplateLiteralNode(p.pos, piece.start, end, value));
    }
  }
  return p.take<TemplatePart>(mark);
}

function interpolation(p: Parser, open: number): Piece {
  const expr = parseExpression(p);
  return { kind: 'interp', expr, start: p.starts[open], end: 0 };
}

function directive(p: Parser, open: number): Piece {
  const start = p.starts[open];
  if (p.peek() !== T.Ident) {
    p.fail(
      'Invalid template directive',
      'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.',
      p.i,
    );
  }
  const kw = p.read();
  const word = p.text_(kw);
  switch (word) {
    case 'if':
      return { kind: 'if', cond: parseExpression(p), start, end: 0 };
    case 'else':
    case 'endif':
    case 'endfor':
      return { kind: word, start, end: 0 };
    case 'for': {
      const bad = (detail: string): never => p.fail("Invalid 'for' directive", detail, p.at());
      if (p.peek() !== T.Ident) bad("For directive requires variable name after 'for'.");
      let valueVar = p.text_(p.read());
      let keyVar: string | undefined;
      if (p.peek() === T.Comma) {
        p.i++;
        keyVar = valueVar;
        if (p.peek() !== T.Ident) bad('For directive requires value variable name after comma.');
        valueVar = p.text_(p.read());
      }
      if (!p.peekKeyword('in')) bad("For directive requires 'in' keyword after names.");
      p.i++;
      const collection = parseExpression(p);
      return { kind: 'for', ...(keyVar !== undefined ? { keyVar } : {}), valueVar, collection, start, end: 0 };
    }
    default:
      return p.fail(
        'Invalid template control keyword',
        `"${word}" is not a valid template control keyword.${suggest(word)}`,
        kw,
      );
  }
}

function suggest(word: string): string {
  for (const k of ['if', 'for', 'else', 'endif', 'endfor']) {
    if (distance(word, k) < 3) return ` Did you mean "${k}"?`;
  }
  return '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/**
 * `<<-` heredocs: remove the smallest indentation found at the start of any line. Lines holding
 * only whitespace do not count (and keep theirs); a line starting with a template sequence counts
 * as unindented.
 */
function flushIndent(pieces: Piece[]): void {
  let min = Number.MAX_SAFE_INTEGER;
  let newline = true;
  const adjust: { kind: 'lit'; value: string; start: number; end: number }[] = [];
  for (const piece of pieces) {
    if (newline) {
      newline = false;
      let spaces: number;
      if (piece.kind === 'lit') {
        const v = piece.value;
        let n = 0;
        while (n < v.length && isUnicodeSpace(v.charCodeAt(n))) n++;
        if (n === v.length && v.endsWith('\n')) spaces = Number.MAX_SAFE_INTEGER;
        else {
          spaces = n;
          adjust.push(piece);
        }
      } else spaces = 0;
      if (spaces < min) min = spaces;
    }
    if (piece.kind === 'lit' && piece.value.endsWith('\n')) newline = true;
  }
  if (min === Number.MAX_SAFE_INTEGER || min === 0) return;
  for (const piece of adjust) {
    piece.value = piece.value.slice(min);
    piece.start += min;
  }
}

interface Frame {
  readonly kind: 'if' | 'for';
  readonly open: Piece;
  readonly main: TemplatePart[];
  else?: TemplatePart[];
}

/** Builds the nested parts from the flat pieces, merging adjacent literals. */
function nest(p: Parser, pieces: Piece[]): TemplatePart[] {
  const root: TemplatePart[] = [];
  const stack: Frame[] = [];
  const target = (): TemplatePart[] => {
    const f = stack[stack.length - 1];
    if (!f) return root;
    return f.else ?? f.main;
  };
  const fail = (summary: string, detail: string, piece: Piece): never =>
    p.fail(summary, detail, p.i, p.pos.range(piece.start, piece.end));
  for (const piece of pieces) {
    switch (piece.kind) {
      case 'lit': {
        const out = target();
        const last = out[out.length - 1];
        if (last?.kind === 'TemplateLiteral') {
          out[out.length - 1] = {
            kind: 'TemplateLiteral',
            value: last.value + piece.value,
            range: span(last.range, p.pos.range(piece.end, piece.end)),
          };
        } else out.push({ kind: 'TemplateLiteral', value: piece.value, range: p.pos.range(piece.start, piece.end) });
        break;
      }
      case 'interp':
        target().push({ kind: 'TemplateInterp', expr: piece.expr, range: p.pos.range(piece.start, piece.end) });
        break;
      case 'if':
      case 'for':
        stack.push({ kind: piece.kind, open: piece, main: [] });
        break;
      case 'else': {
        const f = stack[stack.length - 1];
        if (f?.kind !== 'if') {
          fail('Unexpected else directive', 'An else directive must appear inside an if directive.', piece);
        }
        if (f.else) fail('Unexpected else directive', 'An if directive may have only one else clause.', piece);
        f.else = [];
        break;
      }
      case 'endif':
      case 'endfor': {
        const want = piece.kind === 'endif' ? 'if' : 'for';
        const f = stack[stack.length - 1];
        if (f?.kind !== want) {
          fail(
            `Unexpected ${piece.kind} directive`,
            `An ${piece.kind} directive must close a preceding ${want} directive.`,
            piece,
          );
        }
        stack.pop();
        const range: Range = p.pos.range(f.open.start, piece.end);
        const o = f.open;
        if (o.kind === 'if') {
          const part: TemplatePart = {
            kind: 'TemplateIf',
            cond: o.cond,
            // biome-ignore lint/suspicious/noThenProperty: the syntax tree contract names this field
            then: f.main,
            ...(f.else ? { else: f.else } : {}),
            range,
          };
          target().push(part);
        } else if (o.kind === 'for') {
          target().push({
            kind: 'TemplateFor',
            ...(o.keyVar !== undefined ? { keyVar: o.keyVar } : {}),
            valueVar: o.valueVar,
            collection: o.collection,
            body: f.main,
            range,
          });
        }
        break;
      }
    }
  }
  const open = stack[stack.length - 1];
  if (open) {
    const at = p.pos.range(open.open.start, open.open.end);
    fail(
      'Unexpected end of template',
      `The ${open.kind} directive at ${rangeString(at)} is missing its corresponding end${open.kind} directive.`,
      open.open,
    );
  }
  return root;
}
