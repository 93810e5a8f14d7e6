import type { Diagnostic } from '../diag/index.js';
import { isDigit, isIdStart } from './chars.js';
import type { Positions } from './positions.js';
import {
  BAD_ENCODING,
  C_BRACE,
  C_HEREDOC,
  C_QUOTED,
  C_SEQ,
  INVALID_CHAR,
  isGarbage,
  isLoneSurrogate,
  Scanner,
  type Tokens,
} from './scanner.js';
import { F_REPORTED, F_STRIP, T } from './token.js';

export { MAX_DIAGNOSTICS, release, type Tokens } from './scanner.js';

// The lexer turns the whole file into a flat token stream in one pass, switching between normal,
// quoted-template and heredoc modes with an explicit stack (never recursion, so any nesting depth
// lexes). Errors about single characters are reported here, once; the parser stays quiet about
// tokens flagged F_REPORTED.

/** Lexes a whole source text. Call `release` on the result when done, so its buffers can be reused. */
export function lex(text: string, positions: Positions, diags: Diagnostic[]): Tokens {
  return new Lexer(text, positions, diags).run();
}

class Lexer extends Scanner {
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

  /** Scans normal-mode tokens until the mode changes or the text ends; returns the new offset. */
  private normal(from: number): number {
    const text = this.text;
    const n = this.n;
    let i = from;
    while (i < n) {
      const c = text.charCodeAt(i);
      // Spaces and identifiers are most of a file. A switch is a chain of comparisons once compiled,
      // so they are tested before it rather than reached at its end.
      if (c === 0x20 || c === 0x09) {
        i++;
        continue;
      }
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f) {
        i = this.ident(i);
        continue;
      }
      switch (c) {
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
}
