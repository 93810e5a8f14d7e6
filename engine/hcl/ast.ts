import type { Range } from '../diag/index.js';

// The syntax tree of HCL's native syntax. Every node carries the source range it was parsed from.
// The parser produces it; engine/lang evaluates expressions; the formatter prints it back.

/** A parsed file: its top-level body and every comment, in source order. */
export interface File {
  readonly kind: 'File';
  readonly body: Body;
  readonly comments: readonly Comment[];
  readonly range: Range;
}

/** A comment as written, including its markers (`#`, `//` or `/* *\/`). */
export interface Comment {
  readonly kind: 'Comment';
  readonly text: string;
  /** `line` for `#` and `//` comments, `block` for `/* *\/`. */
  readonly style: 'line' | 'block';
  readonly range: Range;
}

/** A sequence of attributes and blocks. `items` keeps source order; `attributes`/`blocks` are views of it. */
export interface Body {
  readonly kind: 'Body';
  readonly items: readonly (Attribute | Block)[];
  readonly attributes: readonly Attribute[];
  readonly blocks: readonly Block[];
  readonly range: Range;
}

/** `name = expr` */
export interface Attribute {
  readonly kind: 'Attribute';
  readonly name: string;
  readonly nameRange: Range;
  readonly expr: Expression;
  /** From the name to the end of the expression. */
  readonly range: Range;
}

/** `type "label" label { body }` */
export interface Block {
  readonly kind: 'Block';
  readonly type: string;
  readonly typeRange: Range;
  readonly labels: readonly BlockLabel[];
  readonly body: Body;
  readonly openBraceRange: Range;
  readonly closeBraceRange: Range;
  readonly range: Range;
}

/** A block label, either a quoted string or a bare identifier. */
export interface BlockLabel {
  readonly value: string;
  readonly quoted: boolean;
  readonly range: Range;
}

/** Every expression node. */
export type Expression =
  | Literal
  | TemplateExpr
  | Variable
  | GetAttr
  | Index
  | Splat
  | SplatItem
  | FunctionCall
  | Conditional
  | BinaryOp
  | UnaryOp
  | TupleCons
  | ObjectCons
  | ForExpr
  | Parens;

/** Closed set of expression kinds. */
export type ExpressionKind = Expression['kind'];

/**
 * A literal number, bool or null (strings are always TemplateExpr, even without interpolation).
 * `raw` keeps the number's source text so that evaluation can refuse integers beyond 2^53 exactly.
 */
export interface Literal {
  readonly kind: 'Literal';
  readonly value: number | boolean | null;
  readonly raw: string;
  readonly range: Range;
}

/**
 * A quoted string or heredoc. Escapes are already decoded, `$${`/`%%{` already turned into
 * literal `${`/`%{`, and `~` strip markers already applied to the neighbouring literal parts.
 * A template whose only part is one interpolation evaluates to that value unconverted (HCL's rule).
 */
export interface TemplateExpr {
  readonly kind: 'Template';
  readonly parts: readonly TemplatePart[];
  /** `quoted` for "…", `heredoc` for <<EOF / <<-EOF. */
  readonly form: 'quoted' | 'heredoc';
  readonly range: Range;
}

/** One piece of a template. */
export type TemplatePart = TemplateLiteral | TemplateInterp | TemplateIf | TemplateFor;

/** Literal text inside a template. */
export interface TemplateLiteral {
  readonly kind: 'TemplateLiteral';
  readonly value: string;
  readonly range: Range;
}

/** `${ expr }` */
export interface TemplateInterp {
  readonly kind: 'TemplateInterp';
  readonly expr: Expression;
  readonly range: Range;
}

/** `%{ if cond } … %{ else } … %{ endif }` */
export interface TemplateIf {
  readonly kind: 'TemplateIf';
  readonly cond: Expression;
  readonly then: readonly TemplatePart[];
  readonly else?: readonly TemplatePart[];
  readonly range: Range;
}

/** `%{ for k, v in coll } … %{ endfor }` */
export interface TemplateFor {
  readonly kind: 'TemplateFor';
  readonly keyVar?: string;
  readonly valueVar: string;
  readonly collection: Expression;
  readonly body: readonly TemplatePart[];
  readonly range: Range;
}

/** A bare root name: `var`, `local`, `count`, `aws_thing`, a for-expression variable. */
export interface Variable {
  readonly kind: 'Variable';
  readonly name: string;
  readonly range: Range;
}

/** `object.name` */
export interface GetAttr {
  readonly kind: 'GetAttr';
  readonly object: Expression;
  readonly name: string;
  readonly nameRange: Range;
  readonly range: Range;
}

/** `collection[key]`, or the legacy `collection.0` form (`legacy: true`). */
export interface Index {
  readonly kind: 'Index';
  readonly collection: Expression;
  readonly key: Expression;
  readonly legacy: boolean;
  readonly range: Range;
}

/**
 * `source[*].a.b` or `source.*.a`. `each` is evaluated once per element of `source`, with
 * the SplatItem node standing for the element. A non-list source is wrapped in a one-element
 * tuple; null becomes an empty tuple.
 */
export interface Splat {
  readonly kind: 'Splat';
  readonly source: Expression;
  readonly each: Expression;
  /** `full` for `[*]` (attribute and index steps may follow), `attr` for `.*` (attribute steps only). */
  readonly style: 'full' | 'attr';
  readonly range: Range;
}

/** Stands for the current element inside a Splat's `each`. */
export interface SplatItem {
  readonly kind: 'SplatItem';
  readonly range: Range;
}

/** `name(args…)`, `name(args…, list...)`, or `provider::ns::fn(…)` (name then holds the whole `provider::ns::fn`). */
export interface FunctionCall {
  readonly kind: 'FunctionCall';
  readonly name: string;
  readonly nameRange: Range;
  readonly args: readonly Expression[];
  /** True when the last argument is followed by `...` and expands into several arguments. */
  readonly expandFinal: boolean;
  readonly range: Range;
}

/** `cond ? a : b` (right-associative when chained). */
export interface Conditional {
  readonly kind: 'Conditional';
  readonly cond: Expression;
  readonly then: Expression;
  readonly else: Expression;
  readonly range: Range;
}

/** Closed set of binary operators. */
export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

/** `left op right` */
export interface BinaryOp {
  readonly kind: 'BinaryOp';
  readonly op: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
  readonly range: Range;
}

/** `!x` or `-x` */
export interface UnaryOp {
  readonly kind: 'UnaryOp';
  readonly op: '!' | '-';
  readonly operand: Expression;
  readonly range: Range;
}

/** `[a, b, c]` */
export interface TupleCons {
  readonly kind: 'TupleCons';
  readonly items: readonly Expression[];
  readonly range: Range;
}

/** `{ key = value, … }` */
export interface ObjectCons {
  readonly kind: 'ObjectCons';
  readonly items: readonly ObjectItem[];
  readonly range: Range;
}

/**
 * One object item. A bare identifier key (`foo = 1`) is parsed as a Variable with `bareKey: true`
 * and means the literal string "foo"; any other key expression (including `(foo)`) is evaluated.
 */
export interface ObjectItem {
  readonly key: Expression;
  readonly bareKey: boolean;
  /** `=` or `:` as written (for the formatter). */
  readonly separator: '=' | ':';
  readonly value: Expression;
  readonly range: Range;
}

/** `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}` */
export interface ForExpr {
  readonly kind: 'ForExpr';
  readonly keyVar?: string;
  readonly valueVar: string;
  readonly collection: Expression;
  /** Present for object `for`; absent for tuple `for`. */
  readonly keyExpr?: Expression;
  readonly valueExpr: Expression;
  readonly condExpr?: Expression;
  /** `...` after the value: group values that share a key into lists (object `for` only). */
  readonly group: boolean;
  readonly range: Range;
}

/** `( expr )`, kept so that object keys and the formatter can tell it apart. */
export interface Parens {
  readonly kind: 'Parens';
  readonly expr: Expression;
  readonly range: Range;
}
