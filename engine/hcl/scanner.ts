import { type Diagnostic, error } from '../diag/index.js';
import { isIdContinue, isIdStart, isUnicodeSpace } from './chars.js';
import type { Positions } from './positions.js';
import { F_FLUSH, F_REPORTED, F_STRIP, T, type TokenType } from './token.js';

// The lexer's state, token storage and template modes (quoted strings and heredocs, one literal
// token per piece, `${`/`%{` switching back to normal mode through an explicit context stack).
// lexer.ts adds normal mode on top.

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

/** Context stack entry: a `{` in normal mode. */
export const C_BRACE = 0;
/** Context stack entry: a `${` or `%{` sequence inside a template. */
export const C_SEQ = 1;
/** Context stack entry: a quoted template. */
export const C_QUOTED = 2;
/** Context stack entry: a heredoc template. */
export const C_HEREDOC = 3;

/** More diagnostics than this for one file are dropped; the first ones are the useful ones. */
export const MAX_DIAGNOSTICS = 100;

/** Detail for characters the language does not use. */
export const INVALID_CHAR = 'This character is not used within the language.';
/** Detail for text that is not valid Unicode. */
export const BAD_ENCODING =
  'All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.';

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

/** Token buffers of at least `capacity` entries, reusing the spare set when it is big enough. */
export function takeBuffers(capacity: number): Buffers {
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

/** Lexer state, token emission and the template modes. */
export class Scanner {
  protected types: Uint8Array;
  protected starts: Int32Array;
  protected ends: Int32Array;
  protected flags: Uint8Array;
  protected count = 0;
  protected readonly ctx: number[] = [];
  protected readonly markers: string[] = [];
  protected readonly lineStartFlags: boolean[] = [];
  protected readonly commentStarts: number[] = [];
  protected readonly commentEnds: number[] = [];
  protected readonly commentBlock: boolean[] = [];
  protected readonly n: number;
  protected dropped = 0;

  constructor(
    protected readonly text: string,
    protected readonly positions: Positions,
    protected readonly diags: Diagnostic[],
  ) {
    this.n = text.length;
    // Real configurations have about one token per four characters.
    const b = takeBuffers(Math.max(1024, (text.length >> 2) + 64));
    this.types = b.types;
    this.starts = b.starts;
    this.ends = b.ends;
    this.flags = b.flags;
  }

  protected emit(type: TokenType, start: number, end: number, flags: number): void {
    if (this.count === this.types.length) this.grow();
    const k = this.count++;
    this.types[k] = type;
    this.starts[k] = start;
    this.ends[k] = end;
    this.flags[k] = flags;
  }

  protected grow(): void {
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

  protected report(summary: string, detail: string, start: number, end: number): void {
    if (this.diags.length >= MAX_DIAGNOSTICS) {
      this.dropped++;
      return;
    }
    this.diags.push(error(summary, this.positions.range(start, end), detail));
  }

  protected invalid(start: number, end: number, summary: string, detail: string): number {
    this.report(summary, detail, start, end);
    this.emit(T.Invalid, start, end, F_REPORTED);
    return end;
  }

  /** The end offset of an identifier starting at `from` (which holds an identifier start). */
  protected identEnd(from: number): number {
    const text = this.text;
    const n = this.n;
    const first = text.charCodeAt(from);
    let i = from + (first >= 0xd800 && first <= 0xdbff && text.codePointAt(from)! > 0xffff ? 2 : 1);
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (ASCII_ID_CONTINUE[c] === 0) break;
        i++;
        continue;
      }
      const cp = text.codePointAt(i)!;
      if (!isIdContinue(cp)) break;
      i += cp > 0xffff ? 2 : 1;
    }
    return i;
  }

  /** Recognises `<<EOF` / `<<-EOF` followed by a newline; returns the body's start offset, or 0. */
  protected heredocOpener(i: number): number {
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
  protected quoted(from: number): number {
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

  protected openSeq(i: number, c: number): number {
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
  protected heredoc(from: number): number {
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

  protected popHeredoc(): void {
    this.ctx.pop();
    this.markers.pop();
    this.lineStartFlags.pop();
  }
}

/** 1 for the ASCII characters that may continue an identifier: letters, digits, `_` and `-`. */
const ASCII_ID_CONTINUE = new Uint8Array(0x80);
for (let c = 0; c < 0x80; c++) ASCII_ID_CONTINUE[c] = isIdContinue(c) ? 1 : 0;

/** True when the code unit at i is half of a surrogate pair without its other half. */
export function isLoneSurrogate(text: string, i: number): boolean {
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
export function isGarbage(text: string, i: number): boolean {
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
