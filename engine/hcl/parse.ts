import { type Diagnostic, error } from '../diag/index.js';
import type { Comment, Expression, File } from './ast.js';
import { parseBody } from './body.js';
import { parseExpression as parseExpr } from './expr.js';
import { lex, release } from './lexer.js';
import { CommentNode } from './nodes.js';
import { Bail, Parser } from './parser.js';
import { Positions } from './positions.js';
import { T } from './token.js';

// The public entry points. Neither throws: syntax errors are diagnostics, and an internal failure
// (a bug) is turned into one error diagnostic rather than escaping to the caller.

/** Parses a whole HCL file into its syntax tree, with every syntax error as a diagnostic. */
export function parseHCL(text: string, filename: string): { file: File; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const pos = new Positions(text, filename);
  try {
    const tokens = lex(text, pos, diagnostics);
    const p = new Parser(text, pos, tokens, diagnostics);
    const body = parseBody(p, T.EOF, 0);
    p.finish();
    release(tokens);
    const comments: Comment[] = [];
    for (let c = 0; c < tokens.commentStarts.length; c++) {
      const s = tokens.commentStarts[c];
      const e = tokens.commentEnds[c];
      comments.push(new CommentNode(pos, s, e, text.slice(s, e), tokens.commentBlock[c] ? 'block' : 'line'));
    }
    return { file: { kind: 'File', body, comments, range: pos.range(0, text.length) }, diagnostics };
  } catch (e) {
    diagnostics.push(internalError(e));
    return { file: emptyFile(pos), diagnostics };
  }
}

/** Parses one standalone expression (a `--var` value, a test input); the whole text must be the expression. */
export function parseExpression(text: string, filename: string): { expr: Expression; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const pos = new Positions(text, filename);
  const placeholder: Expression = { kind: 'Literal', value: null, raw: '', range: pos.range(0, 0) };
  try {
    const tokens = lex(text, pos, diagnostics);
    const p = new Parser(text, pos, tokens, diagnostics);
    // Newlines are insignificant around a standalone expression.
    p.pushNewlines(false);
    let expr: Expression = placeholder;
    try {
      expr = parseExpr(p);
      if (p.peek() !== T.EOF) {
        p.fail(
          'Extra characters after expression',
          'An expression was successfully parsed, but extra characters were found after it.',
          p.i,
        );
      }
    } catch (e) {
      if (!(e instanceof Bail)) throw e;
    }
    p.finish();
    release(tokens);
    return { expr, diagnostics };
  } catch (e) {
    diagnostics.push(internalError(e));
    return { expr: placeholder, diagnostics };
  }
}

function internalError(e: unknown): Diagnostic {
  const why = e instanceof RangeError ? 'the input is nested too deeply' : String(e);
  return error('Internal parser error', undefined, `The parser failed unexpectedly (${why}). Please report this.`);
}

function emptyFile(pos: Positions): File {
  const range = pos.range(0, 0);
  return {
    kind: 'File',
    body: { kind: 'Body', items: [], attributes: [], blocks: [], range },
    comments: [],
    range,
  };
}
