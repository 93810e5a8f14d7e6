import { type Diagnostic, error } from '../diag/index.js';
import { isDigit, isIdContinue, isIdStart, isUnicodeSpace } from './chars.js';
import type { Positions } from './positions.js';
import { F_FLUSH, F_REPORTED, F_STRIP, T, type TokenType } from './token.js';

// The lexer turns the whole file into a flat token stream in one pass, switching between normal,
// quoted-template and heredoc modes with an explicit stack (never recursion, so any nesting depth
// lexes). Errors about single characters are reported here, once; the parser stays quiet about
// tokens flagged F_REPORTED.

/** The token stream of one file, stored column-wise. */
export interface Tokens {
  readonly types: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  readonly count: number;
  /** Comments in source order: start and end offsets, and whether each is a block comment. */
  readonly commentStarts: readonly number[];
  readonly commentEnds: readonly number[];
  readonly commentBlock: readonly boolean[];
  /** Diagnostics the lexer dropped because the file already had too many. */
  readonly dropped: number;
}

// Entries of the context stack.
const C_BRACE = 0;
const C_SEQ = 1;
const C_QUOTED = 2;
const C_HEREDOC = 3;

/** More diagnostics than this for one file are dropped; the first ones are the useful ones. */
export const MAX_DIAGNOSTICS = 100;

const INVALID_CHAR = 'This character is not used within the language.';
const BAD_ENCODING = 'All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.';

/** Lexes a whole source text. Call `release` on the result when done, so its buffers can be reused. */
export function lex(text: string, positions: Positions, diags: Diagnostic[]): Tokens {
  return new Lexer(text, positions, diags).run();
}

// Token buffers are kept between parses: allocating megabytes of typed arrays per file costs more
// than lexing. Only one parse at a time holds them; a nested use gets fresh ones.
interface Buffers {
  types: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
}
let spare: Buffers | undefined;
const KEEP_LIMIT = 1 << 22;

function takeBuffers(capacity: number): Buffers {
  const s = spare;
  if (s && s.types.length >= capacity) {
    spare = undefined;
    return s;
  }
  return {
    types: new Uint8Array(capacity),
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    flags: new Uint8Array(capacity),
  };
}

/** Hands a token stream's buffers back for the next parse; the stream must not be used afterwards. */
export function release(tokens: Tokens): void {
  if (tokens.types.length <= KEEP_LIMIT && (!spare || spare.types.length < tokens.types.length)) {
    spare = { types: tokens.types, starts: tokens.starts, ends: tokens.ends, flags: tokens.flags };
  }
}

class Lexer {
  private types: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private flags: Uint8Array;
  private count = 0;
  private readonly ctx: number[] = [];
  private readonly markers: string[] = [];
  private readonly lineStartFlags: boolean[] = [];
  private readonly commentStarts: number[] = [];
  private readonly commentEnds: number[] = [];
  private readonly commentBlock: boolean[] = [];
  private readonly n: number;
  private dropped = 0;

  constructor(
    private readonly text: string,
    private readonly positions: Positions,
    private readonly diags: Diagnostic[],
  ) {
    this.n = text.length;
    // Real configurations have about one token per four characters.
    const b = takeBuffers(Math.max(1024, (text.length >> 2) + 64));
    this.types = b.types;
    this.starts = b.starts;
    this.ends = b.ends;
    this.flags = b.flags;
  }

  run(): Tokens {
    // A byte order mark at the very start is tolerated, as HashiCorp's implementation does.
    let i = this.n > 0 && this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (i < this.n) {
      const top = this.ctx.length > 0 ? this.ctx[this.ctx.length - 1] : C_BRACE;
      if (top === C_QUOTED) i = this.quoted(i);
      else if (top === C_HEREDOC) i = this.heredoc(i);
      else i = this.normal(i);
    }
    const top = this.ctx.length > 0 ? this.ctx[this.ctx.length - 1] : C_BRACE;
    if (top === C_QUOTED) this.quoted(i);
    else if (top === C_HEREDOC) this.heredoc(i);
    this.emit(T.EOF, this.n, this.n, 0);
    return {
      types: this.types,
      starts: this.starts,
      ends: this.ends,
      flags: this.flags,
      count: this.count,
      commentStarts: this.commentStarts,
      commentEnds: this.commentEnds,
      commentBlock: this.commentBlock,
      dropped: this.dropped,
    };
  }

  private emit(type: TokenType, start: number, end: number, flags: number): void {
    if (this.count === this.types.length) this.grow();
    const k = this.count++;
    this.types[k] = type;
    this.starts[k] = start;
    this.ends[k] = end;
    this.flags[k] = flags;
  }

  private grow(): void {
    const size = this.types.length * 2;
    const types = new Uint8Array(size);
    types.set(this.types);
    this.types = types;
    const starts = new Int32Array(size);
    starts.set(this.starts);
    this.starts = starts;
    const ends = new Int32Array(size);
    ends.set(this.ends);
    this.ends = ends;
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    this.flags = flags;
  }

  private report(summary: string, detail: string, start: number, end: number): void {
    if (this.diags.length >= MAX_DIAGNOSTICS) {
      this.dropped++;
      return;
    }
    this.diags.push(error(summary, this.positions.range(start, end), detail));
  }

  private invalid(start: number, end: number, summary: string, detail: string): number {
    this.report(summary, detail, start, end);
    this.emit(T.Invalid, start, end, F_REPORTED);
    return end;
  }

  /** Scans normal-mode tokens until the mode changes or the text ends; returns the new offset. */
  private normal(from: number): number {
    const text = this.text;
    const n = this.n;
    let i = from;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (c) {
        case 0x20:
        case 0x09:
          i++;
          continue;
        case 0x0a:
          this.emit(T.Newline, i, i + 1, 0);
          i++;
          continue;
        case 0x0d:
          if (text.charCodeAt(i + 1) === 0x0a) {
            this.emit(T.Newline, i, i + 2, 0);
            i += 2;
          } else i = this.invalid(i, i + 1, 'Invalid character', INVALID_CHAR);
          continue;
        case 0x23: // #
          i = this.lineComment(i);
          continue;
        case 0x2f: // /
          if (text.charCodeAt(i + 1) === 0x2f) i = this.lineComment(i);
          else if (text.charCodeAt(i + 1) === 0x2a) i = this.blockComment(i);
          else this.emit(T.Slash, i, ++i, 0);
          continue;
        case 0x22: // "
          this.emit(T.OQuote, i, i + 1, 0);
          this.ctx.push(C_QUOTED);
          return i + 1;
        case 0x3c: {
          // <
          const h = this.heredocOpener(i);
          if (h > 0) return h;
          if (text.charCodeAt(i + 1) === 0x3d) {
            this.emit(T.Lte, i, i + 2, 0);
            i += 2;
          } else this.emit(T.Lt, i, ++i, 0);
          continue;
        }
        case 0x3e: // >
          if (text.charCodeAt(i + 1) === 0x3d) {
            this.emit(T.Gte, i, i + 2, 0);
            i += 2;
          } else this.emit(T.Gt, i, ++i, 0);
          continue;
        case 0x7b: // {
          this.emit(T.OBrace, i, ++i, 0);
          this.ctx.push(C_BRACE);
          continue;
        case 0x7d: {
          // }
          const top = this.ctx.length > 0 ? this.ctx[this.ctx.length - 1] : -1;
          if (top === C_SEQ) {
            this.ctx.pop();
            this.emit(T.TemplateSeqEnd, i, i + 1, 0);
            return i + 1;
          }
          if (top === C_BRACE) this.ctx.pop();
          this.emit(T.CBrace, i, ++i, 0);
          continue;
        }
        case 0x7e: // ~
          if (text.charCodeAt(i + 1) === 0x7d && this.ctx.length > 0 && this.ctx[this.ctx.length - 1] === C_SEQ) {
            this.ctx.pop();
            this.emit(T.TemplateSeqEnd, i, i + 2, F_STRIP);
            return i + 2;
          }
          i = this.invalid(
            i,
            i + 1,
            'Unsupported operator',
            'Bitwise operators are not supported. Did you mean boolean NOT ("!")?',
          );
          continue;
        case 0x5b:
          this.emit(T.OBrack, i, ++i, 0);
          continue;
        case 0x5d:
          this.emit(T.CBrack, i, ++i, 0);
          continue;
        case 0x28:
          this.emit(T.OParen, i, ++i, 0);
          continue;
        case 0x29:
          this.emit(T.CParen, i, ++i, 0);
          continue;
        case 0x2c:
          this.emit(T.Comma, i, ++i, 0);
          continue;
        case 0x3f:
          this.emit(T.Question, i, ++i, 0);
          continue;
        case 0x2b:
          this.emit(T.Plus, i, ++i, 0);
          continue;
        case 0x2d:
          this.emit(T.Minus, i, ++i, 0);
          continue;
        case 0x2a:
          this.emit(T.Star, i, ++i, 0);
          continue;
        case 0x25:
          this.emit(T.Percent, i, ++i, 0);
          continue;
        case 0x2e: // .
          if (text.charCodeAt(i + 1) === 0x2e && text.charCodeAt(i + 2) === 0x2e) {
            this.emit(T.Ellipsis, i, i + 3, 0);
            i += 3;
          } else this.emit(T.Dot, i, ++i, 0);
          continue;
        case 0x3d: {
          // =
          const d = text.charCodeAt(i + 1);
          if (d === 0x3d) {
            this.emit(T.EqualOp, i, i + 2, 0);
            i += 2;
          } else if (d === 0x3e) {
            this.emit(T.FatArrow, i, i + 2, 0);
            i += 2;
          } else this.emit(T.Equal, i, ++i, 0);
          continue;
        }
        case 0x21: // !
          if (text.charCodeAt(i + 1) === 0x3d) {
            this.emit(T.NotEqual, i, i + 2, 0);
            i += 2;
          } else this.emit(T.Bang, i, ++i, 0);
          continue;
        case 0x3a: // :
          if (text.charCodeAt(i + 1) === 0x3a) {
            this.emit(T.DoubleColon, i, i + 2, 0);
            i += 2;
          } else this.emit(T.Colon, i, ++i, 0);
          continue;
        case 0x26: // &
          if (text.charCodeAt(i + 1) === 0x26) {
            this.emit(T.And, i, i + 2, 0);
            i += 2;
          } else {
            i = this.invalid(
              i,
              i + 1,
              'Unsupported operator',
              'Bitwise operators are not supported. Did you mean boolean AND ("&&")?',
            );
          }
          continue;
        case 0x7c: // |
          if (text.charCodeAt(i + 1) === 0x7c) {
            this.emit(T.Or, i, i + 2, 0);
            i += 2;
          } else {
            i = this.invalid(
              i,
              i + 1,
              'Unsupported operator',
              'Bitwise operators are not supported. Did you mean boolean OR ("||")?',
            );
          }
          continue;
        case 0x5e:
          i = this.invalid(i, i + 1, 'Unsupported operator', 'Bitwise operators are not supported.');
          continue;
        case 0x3b:
          i = this.invalid(
            i,
            i + 1,
            'Invalid character',
            'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
          );
          continue;
        case 0x27:
          i = this.invalid(
            i,
            i + 1,
            'Invalid character',
            'Single quotes are not valid. Use double quotes (") to enclose strings.',
          );
          continue;
        case 0x60:
          i = this.invalid(
            i,
            i + 1,
            'Invalid character',
            'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".',
          );
          continue;
        default:
          if (c >= 0x30 && c <= 0x39) {
            i = this.number(i);
            continue;
          }
          if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f) {
            i = this.ident(i);
            continue;
          }
          i = this.other(i, c);
      }
    }
    return i;
  }

  private number(from: number): number {
    const text = this.text;
    let i = from;
    while (isDigit(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 0x2e && isDigit(text.charCodeAt(i + 1))) {
      i += 2;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      let j = i + 1;
      const s = text.charCodeAt(j);
      if (s === 0x2b || s === 0x2d) j++;
      if (isDigit(text.charCodeAt(j))) {
        while (isDigit(text.charCodeAt(j))) j++;
        i = j;
      }
    }
    this.emit(T.Number, from, i, 0);
    return i;
  }

  /** The end offset of an identifier starting at `from` (which holds an identifier start). */
  private identEnd(from: number): number {
    const text = this.text;
    const n = this.n;
    let i = from + (text.codePointAt(from)! > 0xffff ? 2 : 1);
    while (i < n) {
      const c = text.charCodeAt(i);
      if (
        (c >= 0x61 && c <= 0x7a) ||
        (c >= 0x41 && c <= 0x5a) ||
        (c >= 0x30 && c <= 0x39) ||
        c === 0x5f ||
        c === 0x2d
      ) {
        i++;
        continue;
      }
      if (c < 0x80) break;
      const cp = text.codePointAt(i)!;
      if (!isIdContinue(cp)) break;
      i += cp > 0xffff ? 2 : 1;
    }
    return i;
  }

  private ident(from: number): number {
    const end = this.identEnd(from);
    this.emit(T.Ident, from, end, 0);
    return end;
  }

  /** Non-ASCII characters and anything else not handled by the main switch. */
  private other(i: number, c: number): number {
    const cp = this.text.codePointAt(i)!;
    if (c >= 0x80 && isIdStart(cp)) return this.ident(i);
    const width = cp > 0xffff ? 2 : 1;
    if (c >= 0xd800 && c <= 0xdfff && width === 1) {
      let j = i + 1;
      while (j < this.n && isLoneSurrogate(this.text, j)) j++;
      return this.invalid(i, j, 'Invalid character encoding', BAD_ENCODING);
    }
    if (c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019) {
      return this.invalid(
        i,
        i + 1,
        'Invalid character',
        '"Curly quotes" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a "straight quote".',
      );
    }
    // Runs of unusable characters (binary garbage) become one diagnostic, not one per character.
    let j = i + width;
    while (j < this.n && isGarbage(this.text, j)) j += this.text.codePointAt(j)! > 0xffff ? 2 : 1;
    return this.invalid(i, j, 'Invalid character', INVALID_CHAR);
  }

  private lineComment(from: number): number {
    const text = this.text;
    let end = text.indexOf('\n', from);
    if (end < 0) end = this.n;
    // The newline is not part of the comment: it stays a Newline token, which ends an argument.
    const stop = end < this.n && end > from && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    this.commentStarts.push(from);
    this.commentEnds.push(stop);
    this.commentBlock.push(false);
    return stop;
  }

  private blockComment(from: number): number {
    const close = this.text.indexOf('*/', from + 2);
    if (close < 0) {
      this.report(
        'Unterminated comment',
        'There is no closing "*/" for this comment before the end of the file.',
        from,
        from + 2,
      );
      this.emit(T.Invalid, from, this.n, F_REPORTED);
      return this.n;
    }
    this.commentStarts.push(from);
    this.commentEnds.push(close + 2);
    this.commentBlock.push(true);
    return close + 2;
  }

  /** Recognises `<<EOF` / `<<-EOF` followed by a newline; returns the body's start offset, or 0. */
  private heredocOpener(i: number): number {
    const text = this.text;
    if (text.charCodeAt(i + 1) !== 0x3c) return 0;
    let j = i + 2;
    const flush = text.charCodeAt(j) === 0x2d;
    if (flush) j++;
    const cp = text.codePointAt(j);
    if (cp === undefined || !isIdStart(cp)) return 0;
    const idEnd = this.identEnd(j);
    let k = idEnd;
    if (text.charCodeAt(k) === 0x0d) k++;
    if (text.charCodeAt(k) !== 0x0a) return 0;
    this.emit(T.OHeredoc, i, k + 1, flush ? F_FLUSH : 0);
    this.ctx.push(C_HEREDOC);
    this.markers.push(text.slice(j, idEnd));
    this.lineStartFlags.push(true);
    return k + 1;
  }

  /** Scans a quoted template's literal parts; returns at a template sequence or the closing quote. */
  private quoted(from: number): number {
    const text = this.text;
    const n = this.n;
    let i = from;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        if (i > from) this.emit(T.QuotedLit, from, i, 0);
        this.emit(T.CQuote, i, i + 1, 0);
        this.ctx.pop();
        return i + 1;
      }
      if (c === 0x5c) {
        const d = text.charCodeAt(i + 1);
        i += d === 0x0a || d === 0x0d || Number.isNaN(d) ? 1 : 2;
        continue;
      }
      if (c === 0x24 || c === 0x25) {
        const d = text.charCodeAt(i + 1);
        if (d === 0x7b) {
          if (i > from) this.emit(T.QuotedLit, from, i, 0);
          return this.openSeq(i, c);
        }
        i += d === c && text.charCodeAt(i + 2) === 0x7b ? 3 : 1;
        continue;
      }
      if (c === 0x0a || c === 0x0d) {
        if (i > from) this.emit(T.QuotedLit, from, i, 0);
        const nl = c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
        this.report(
          'Invalid multi-line string',
          'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
          i,
          nl,
        );
        // End the string here so that the next line parses on its own.
        this.emit(T.CQuote, i, i, F_REPORTED);
        this.ctx.pop();
        return c === 0x0d && nl === i + 1 ? nl : i;
      }
      if (c >= 0xd800 && c <= 0xdfff && isLoneSurrogate(text, i)) {
        this.report('Invalid character encoding', BAD_ENCODING, i, i + 1);
      }
      i++;
    }
    if (i > from) this.emit(T.QuotedLit, from, i, 0);
    this.report('Unterminated template string', 'No closing marker was found for the string.', n, n);
    this.emit(T.CQuote, n, n, F_REPORTED);
    this.ctx.pop();
    return n;
  }

  private openSeq(i: number, c: number): number {
    const strip = this.text.charCodeAt(i + 2) === 0x7e;
    const end = strip ? i + 3 : i + 2;
    this.emit(c === 0x24 ? T.TemplateInterp : T.TemplateControl, i, end, strip ? F_STRIP : 0);
    this.ctx.push(C_SEQ);
    const h = this.lineStartFlags.length;
    if (h > 0 && this.ctx.length >= 2 && this.ctx[this.ctx.length - 2] === C_HEREDOC) {
      this.lineStartFlags[h - 1] = false;
    }
    return end;
  }

  /** Scans heredoc lines: one literal token per line (or per piece around template sequences). */
  private heredoc(from: number): number {
    const text = this.text;
    const n = this.n;
    const h = this.markers.length - 1;
    const marker = this.markers[h];
    let i = from;
    while (i < n) {
      if (this.lineStartFlags[h]) {
        const nl = text.indexOf('\n', i);
        if (nl >= 0 && trimmedEquals(text, i, nl, marker)) {
          const contentEnd = nl > i && text.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl;
          this.emit(T.CHeredoc, i, contentEnd, 0);
          this.emit(T.Newline, contentEnd, nl + 1, 0);
          this.popHeredoc();
          return nl + 1;
        }
      }
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 0x0a) break;
        if (c === 0x24 || c === 0x25) {
          const d = text.charCodeAt(j + 1);
          if (d === 0x7b) {
            if (j > i) this.emit(T.StringLit, i, j, 0);
            return this.openSeq(j, c);
          }
          j += d === c && text.charCodeAt(j + 2) === 0x7b ? 3 : 1;
          continue;
        }
        if (c >= 0xd800 && c <= 0xdfff && isLoneSurrogate(text, j)) {
          this.report('Invalid character encoding', BAD_ENCODING, j, j + 1);
        } else if (c === 0x0d && text.charCodeAt(j + 1) !== 0x0a) {
          this.report(
            'Invalid character',
            'A carriage return is only allowed as part of a CRLF line ending.',
            j,
            j + 1,
          );
        }
        j++;
      }
      if (j >= n) {
        if (j > i) this.emit(T.StringLit, i, j, 0);
        i = j;
        break;
      }
      this.emit(T.StringLit, i, j + 1, 0);
      this.lineStartFlags[h] = true;
      i = j + 1;
    }
    this.report(
      'Unterminated template string',
      `No closing marker "${marker}" was found for the heredoc. The marker must be on a line of its own, followed by a newline.`,
      n,
      n,
    );
    this.emit(T.CHeredoc, n, n, F_REPORTED);
    this.popHeredoc();
    return n;
  }

  private popHeredoc(): void {
    this.ctx.pop();
    this.markers.pop();
    this.lineStartFlags.pop();
  }
}

function isLoneSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    return !(d >= 0xdc00 && d <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const b = i > 0 ? text.charCodeAt(i - 1) : 0;
    return !(b >= 0xd800 && b <= 0xdbff);
  }
  return false;
}

/** Characters that can start no token at all, grouped so garbage gives one diagnostic per run. */
function isGarbage(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x20) return c !== 0x09 && c !== 0x0a && c !== 0x0d;
  if (c < 0x7f) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  if (c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019) return false;
  return !isIdStart(text.codePointAt(i)!);
}

/** True when text[start, end) trimmed of Unicode whitespace equals the marker. */
function trimmedEquals(text: string, start: number, end: number, marker: string): boolean {
  let s = start;
  let e = end;
  while (s < e && isUnicodeSpace(text.charCodeAt(s))) s++;
  while (e > s && isUnicodeSpace(text.charCodeAt(e - 1))) e--;
  return e - s === marker.length && text.startsWith(marker, s);
}
