import { type Diagnostic, error, type Range } from '../diag/index.js';
import { MAX_DIAGNOSTICS, type Tokens } from './lexer.js';
import { type Positions, SourceRange } from './positions.js';
import { F_REPORTED, T, type TokenType } from './token.js';

// Shared state of one parse: the token cursor, the newline-sensitivity stack, nesting depth and
// diagnostics. The grammar lives in body.ts, expr.ts and template.ts as functions over this state.

/** How deeply blocks and expressions may nest before the parser refuses, instead of overflowing the stack. */
export const MAX_DEPTH = 500;

// Identifier strings are interned across parses: configurations repeat the same few names
// (var, local, each, attribute names) thousands of times, and one string each saves memory.
const INTERN_SIZE = 4096;
const interned: (string | undefined)[] = new Array(INTERN_SIZE).fill(undefined);

/** Thrown to abandon the current body item after a syntax error; the body loop catches it and resyncs. */
export class Bail extends Error {}
const BAIL = new Bail('syntax error');

/** Parser state over one token stream. */
export class Parser {
  readonly types: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  /** Index of the current token. */
  i = 0;
  /** Index of the token where the last hard error was found, for recovery. */
  errAt = 0;
  private readonly nlStack: boolean[] = [true];
  private includeNewlines = true;
  private depth = 0;
  private dropped: number;
  // Lists under construction (body items, labels, arguments, tuple and object items, template
  // parts) share one stack, and each finished list is copied out at its exact length. A list grown
  // by push keeps room for 17 elements, and a large file has tens of thousands of short lists that
  // would otherwise carry that slack for as long as the syntax tree lives.
  private readonly stack: unknown[] = [];
  private top = 0;

  constructor(
    readonly text: string,
    readonly pos: Positions,
    readonly tokens: Tokens,
    readonly diags: Diagnostic[],
  ) {
    this.types = tokens.types;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.flags = tokens.flags;
    this.dropped = tokens.dropped;
  }

  /** The type of the next significant token (skipping newlines where they are not significant). */
  peek(): TokenType {
    let i = this.i;
    if (!this.includeNewlines) {
      while (this.types[i] === T.Newline) i++;
      this.i = i;
    }
    return this.types[i] as TokenType;
  }

  /** Consumes the next significant token and returns its index. */
  read(): number {
    this.peek();
    const k = this.i;
    if (this.types[k] !== T.EOF) this.i++;
    return k;
  }

  /** The index of the next significant token, without consuming it. */
  at(): number {
    this.peek();
    return this.i;
  }

  /** True when the next token is the identifier `word` (HCL's keywords are contextual). */
  peekKeyword(word: string): boolean {
    if (this.peek() !== T.Ident) return false;
    const s = this.starts[this.i];
    return this.ends[this.i] - s === word.length && this.text.startsWith(word, s);
  }

  /** Makes newlines significant (body, object) or not (brackets, templates) until the matching pop. */
  pushNewlines(include: boolean): void {
    this.nlStack.push(include);
    this.includeNewlines = include;
  }

  /** Restores the newline sensitivity of the enclosing construct. */
  popNewlines(): void {
    this.nlStack.pop();
    this.includeNewlines = this.nlStack[this.nlStack.length - 1];
  }

  /** The current depth of the newline stack, to restore after recovery. */
  get newlineDepth(): number {
    return this.nlStack.length;
  }

  /** Cuts the newline stack back to a saved depth after recovery. */
  resetNewlines(depth: number): void {
    this.nlStack.length = depth;
    this.includeNewlines = this.nlStack[depth - 1];
  }

  /** Where the list about to be built starts on the shared stack; pass it to `take`. */
  get mark(): number {
    return this.top;
  }

  /** Adds an element to the list under construction. */
  push(x: unknown): void {
    this.stack[this.top++] = x;
  }

  /** The element at a stack position, between a mark and the current top. */
  stacked<X>(at: number): X {
    return this.stack[at] as X;
  }

  /**
   * Finishes the list that started at `mark`: returns it at its exact length and pops it. Short
   * lists, which are most of them, are built as array literals: V8 tracks where a literal is
   * allocated, sees that these all outlive the young generation, and soon allocates them directly
   * in the old one, so the garbage collector no longer copies them there.
   */
  take<X>(mark: number): X[] {
    const s = this.stack;
    const n = this.top - mark;
    this.top = mark;
    switch (n) {
      case 0:
        return [];
      case 1:
        return [s[mark]] as X[];
      case 2:
        return [s[mark], s[mark + 1]] as X[];
      case 3:
        return [s[mark], s[mark + 1], s[mark + 2]] as X[];
      case 4:
        return [s[mark], s[mark + 1], s[mark + 2], s[mark + 3]] as X[];
      case 5:
        return [s[mark], s[mark + 1], s[mark + 2], s[mark + 3], s[mark + 4]] as X[];
      case 6:
        return [s[mark], s[mark + 1], s[mark + 2], s[mark + 3], s[mark + 4], s[mark + 5]] as X[];
      default:
        return s.slice(mark, mark + n) as X[];
    }
  }

  /** Drops what a list abandoned by a syntax error left on the stack above `mark`. */
  dropTo(mark: number): void {
    this.top = mark;
  }

  /** The source text of token k. */
  text_(k: number): string {
    return this.text.slice(this.starts[k], this.ends[k]);
  }

  /** The text of an identifier token, interned. */
  name(k: number): string {
    const text = this.text;
    const s = this.starts[k];
    const e = this.ends[k];
    const len = e - s;
    if (len > 32) return text.slice(s, e);
    let h = len;
    for (let i = s; i < e; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
    const slot = h & (INTERN_SIZE - 1);
    const c = interned[slot];
    if (c !== undefined && c.length === len && text.startsWith(c, s)) return c;
    const v = text.slice(s, e);
    interned[slot] = v;
    return v;
  }

  /** The range of token k. */
  range(k: number): Range {
    return this.pos.range(this.starts[k], this.ends[k]);
  }

  /** A range from the start of token a to the end of token b. */
  rangeTokens(a: number, b: number): Range {
    return this.pos.range(this.starts[a], this.ends[b]);
  }

  /** Reports an error that does not stop parsing. */
  report(summary: string, detail: string, range: Range): void {
    if (this.diags.length >= MAX_DIAGNOSTICS) {
      this.dropped++;
      return;
    }
    this.diags.push(error(summary, range, detail));
  }

  /** Reports an error at token k (unless the lexer already did) and abandons the current body item. */
  fail(summary: string, detail: string, k: number, range?: Range): never {
    this.errAt = Math.max(k, this.i);
    if ((this.flags[k] & F_REPORTED) === 0) this.report(summary, detail, range ?? this.range(k));
    throw BAIL;
  }

  /** Enters one nesting level; refuses beyond MAX_DEPTH. */
  enter(k: number): void {
    if (++this.depth > MAX_DEPTH) {
      this.fail('Nesting too deep', `Blocks and expressions may be nested at most ${MAX_DEPTH} levels deep.`, k);
    }
  }

  /**
   * Refuses the `count`th operator or traversal step of one chain at token k when the chain would
   * nest the syntax tree deeper than MAX_DEPTH: `a + b + c` is a tree as deep as it is long, and
   * everything that walks it later (references, evaluation, formatting) recurses through it.
   */
  chained(count: number, k: number): void {
    if (this.depth + count > MAX_DEPTH) {
      this.fail(
        'Expression too long',
        `An expression may chain at most ${MAX_DEPTH} operators or attribute and index steps in a row. Split it, with locals for instance.`,
        k,
      );
    }
  }

  /** Leaves one nesting level. */
  leave(): void {
    this.depth--;
  }

  /** Resets the depth counter after recovery (enter/leave pairs were cut short by Bail). */
  setDepth(d: number): void {
    this.depth = d;
  }

  /** The current nesting depth, to restore after recovery. */
  get currentDepth(): number {
    return this.depth;
  }

  /** Adds a final note when diagnostics were dropped. */
  finish(): void {
    if (this.dropped > 0) {
      this.diags.push(error('Too many errors', undefined, `${this.dropped} more errors in this file were not shown.`));
    }
  }
}

/** The range from the start of a to the end of b. */
export function span(a: Range, b: Range): Range {
  // Every range the parser makes is a SourceRange; the plain form is for ranges built elsewhere.
  if (a instanceof SourceRange && b instanceof SourceRange) return a.through(b);
  return { filename: a.filename, start: a.start, end: b.end };
}

/** Renders a range as HCL does in diagnostic details: `file:line,col-col` or `file:line,col-line,col`. */
export function rangeString(r: Range): string {
  const end = r.start.line === r.end.line ? `${r.end.column}` : `${r.end.line},${r.end.column}`;
  return `${r.filename}:${r.start.line},${r.start.column}-${end}`;
}
