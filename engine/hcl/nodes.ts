import type { Range } from '../diag/index.js';
import type {
  Attribute,
  Block,
  BlockLabel,
  Body,
  Comment,
  Expression,
  FunctionCall,
  GetAttr,
  Index,
  Literal,
  ObjectCons,
  ObjectItem,
  TemplateExpr,
  TemplateInterp,
  TemplateLiteral,
  TemplatePart,
  TupleCons,
  Variable,
} from './ast.js';
import { type Positions, SourceRange } from './positions.js';

// The parser's own classes for the commonest syntax nodes. Each keeps its ranges as offsets into
// the file and builds the Range object only when a reader asks for it: a large file has hundreds of
// thousands of ranges that are never read, and one object per node instead of two (or five, for a
// block) is most of what keeps parsing out of the garbage collector. To readers they are the plain
// interfaces of ast.ts; `range` and the other ranges are getters and `kind` is a constant of the
// prototype, so copy them field by field rather than spreading a node or a range. A name that is an
// identifier token's own text gives its own length, so the offset where it ends is not kept.
//
// The offsets live under symbol keys, which JSON and Object.keys leave out. There are no class
// field declarations: V8 runs those through a separate initializer on every construction, which
// costs more than the plain assignments below. Each constructor makes its own stores, even the
// three every class shares: one helper storing into sixteen kinds of node is slower by far.

const POSITIONS = Symbol('positions');
const FROM = Symbol('from');
const TO = Symbol('to');
// A third offset: where a function call's name (with any `::` namespaces) ends.
const MID = Symbol('mid');
// Block braces.
const OPEN = Symbol('open');
const CLOSE = Symbol('close');

/** What every node class keeps: its file's positions and its two offsets. */
interface Offsets {
  readonly [POSITIONS]: Positions;
  readonly [FROM]: number;
  readonly [TO]: number;
}

/** Another range in the node's file (a name, a brace). */
function rangeIn(node: Offsets, from: number, to: number): Range {
  return new SourceRange(node[POSITIONS], from, to);
}

function isOffsets(node: object): node is Offsets {
  return (node as Partial<Offsets>)[FROM] !== undefined;
}

/** Where a node starts, as an offset into its file (every node the parser makes has a SourceRange). */
export function startOf(node: { readonly range: Range }): number {
  return isOffsets(node) ? node[FROM] : (node.range as SourceRange).startOffset;
}

/** Where a node ends, as an offset into its file. */
export function endOf(node: { readonly range: Range }): number {
  return isOffsets(node) ? node[TO] : (node.range as SourceRange).endOffset;
}

/** A node with its fields writable, for its constructor to set them once. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

export class VariableNode implements Variable, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly kind: 'Variable';
  declare readonly name: string;
  constructor(positions: Positions, from: number, to: number, name: string) {
    const w = this as Writable<VariableNode>;
    w[POSITIONS] = positions;
    w[FROM] = from;
    w[TO] = to;
    w.name = name;
  }
}

export class LiteralNode implements Literal, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly kind: 'Literal';
  declare readonly value: number | boolean | null;
  declare readonly raw: string;
  constructor(positions: Positions, from: number, to: number, value: number | boolean | null, raw: string) {
    const w = this as Writable<LiteralNode>;
    w[POSITIONS] = positions;
    w[FROM] = from;
    w[TO] = to;
    w.value = value;
    w.raw = raw;
  }
}

/** `object.name`: the range runs from the object's start to the end of the name. */
export class GetAttrNode implements GetAttr, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly kind: 'GetAttr';
  declare readonly object: Expression;
  declare readonly name: string;
  /** The name is an identifier token's own text, so it starts `name.length` before the end. */
  constructor(positions: Positions, object: Expression, name: string, to: number) {
    const w = this as Writable<GetAttrNode>;
    w[POSITIONS] = positions;
    w[FROM] = startOf(object);
    w[TO] = to;
    w.object = object;
    w.name = name;
  }

  get nameRange(): Range {
    return rangeIn(this, this[TO] - this.name.length, this[TO]);
  }
}

export class IndexNode implements Index, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly kind: 'Index';
  declare readonly collection: Expression;
  declare readonly key: Expression;
  declare readonly legacy: boolean;
  constructor(positions: Positions, to: number, collection: Expression, key: Expression, legacy: boolean) {
    const w = this as Writable<IndexNode>;
    w[POSITIONS] = positions;
    w[FROM] = startOf(collection);
    w[TO] = to;
    w.collection = collection;
    w.key = key;
    w.legacy = legacy;
  }
}

export class FunctionCallNode implements FunctionCall, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly kind: 'FunctionCall';
  declare readonly name: string;
  declare readonly args: readonly Expression[];
  declare readonly expandFinal: boolean;
  declare readonly [MID]: number;
  constructor(
    positions: Positions,
    from: number,
    nameTo: number,
    to: number,
    name: string,
    args: readonly Expression[],
    expandFinal: boolean,
  ) {
    const w = this as Writable<FunctionCallNode>;
    w[POSITIONS] = positions;
    w[FROM] = from;
    w[TO] = to;
    w.name = name;
    w.args = args;
    w.expandFinal = expandFinal;
    w[MID] = nameTo;
  }

  get nameRange(): Range {
    return rangeIn(this, this[FROM], this[MID]);
  }
}

export class TupleConsNode implements TupleCons, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly kind: 'TupleCons';
  declare readonly items: readonly Expression[];
  constructor(positions: Positions, from: number, to: number, items: readonly Expression[]) {
    const w = this as Writable<TupleConsNode>;
    w[POSITIONS] = positions;
    w[FROM] = from;
    w[TO] = to;
    w.items = items;
  }
}

export class ObjectConsNode implements ObjectCons, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly kind: 'ObjectCons';
  declare readonly items: readonly ObjectItem[];
  constructor(positions: Positions, from: number, to: number, items: readonly ObjectItem[]) {
    const w = this as Writable<ObjectConsNode>;
    w[POSITIONS] = positions;
    w[FROM] = from;
    w[TO] = to;
    w.items = items;
  }
}

/** An object item: its range runs from the key's start to the value's end. */
export class ObjectItemNode implements ObjectItem, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly key: Expression;
  declare readonly bareKey: boolean;
  declare readonly separator: '=' | ':';
  declare readonly value: Expression;
  constructor(positions: Positions, key: Expression, bareKey: boolean, separator: '=' | ':', value: Expression) {
    const w = this as Writable<ObjectItemNode>;
    w[POSITIONS] = positions;
    w[FROM] = startOf(key);
    w[TO] = endOf(value);
    w.key = key;
    w.bareKey = bareKey;
    w.separator = separator;
    w.value = value;
  }
}

export class TemplateNode implements TemplateExpr, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly kind: 'Template';
  declare readonly parts: readonly TemplatePart[];
  declare readonly form: 'quoted' | 'heredoc';
  constructor(
    positions: Positions,
    from: number,
    to: number,
    parts: readonly TemplatePart[],
    form: 'quoted' | 'heredoc',
  ) {
    const w = this as Writable<TemplateNode>;
    w[POSITIONS] = positions;
    w[FROM] = from;
    w[TO] = to;
    w.parts = parts;
    w.form = form;
  }
}

export class TemplateLiteralNode implements TemplateLiteral, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly kind: 'TemplateLiteral';
  declare readonly value: string;
  constructor(positions: Positions, from: number, to: number, value: string) {
    const w = this as Writable<TemplateLiteralNode>;
    w[POSITIONS] = positions;
    w[FROM] = from;
    w[TO] = to;
    w.value = value;
  }
}

export class TemplateInterpNode implements TemplateInterp, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly kind: 'TemplateInterp';
  declare readonly expr: Expression;
  constructor(positions: Positions, from: number, to: number, expr: Expression) {
    const w = this as Writable<TemplateInterpNode>;
    w[POSITIONS] = positions;
    w[FROM] = from;
    w[TO] = to;
    w.expr = expr;
  }
}

/** `name = expr`: the range runs from the name to the end of the expression. */
export class AttributeNode implements Attribute, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly kind: 'Attribute';
  declare readonly name: string;
  declare readonly expr: Expression;
  /** The name is an identifier token's own text, so it ends `name.length` after the start. */
  constructor(positions: Positions, from: number, name: string, expr: Expression) {
    const w = this as Writable<AttributeNode>;
    w[POSITIONS] = positions;
    w[FROM] = from;
    w[TO] = endOf(expr);
    w.name = name;
    w.expr = expr;
  }

  get nameRange(): Range {
    return rangeIn(this, this[FROM], this[FROM] + this.name.length);
  }
}

export class BodyNode implements Body, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly kind: 'Body';
  declare readonly items: readonly (Attribute | Block)[];
  declare readonly attributes: readonly Attribute[];
  declare readonly blocks: readonly Block[];
  constructor(
    positions: Positions,
    from: number,
    to: number,
    items: readonly (Attribute | Block)[],
    attributes: readonly Attribute[],
    blocks: readonly Block[],
  ) {
    const w = this as Writable<BodyNode>;
    w[POSITIONS] = positions;
    w[FROM] = from;
    w[TO] = to;
    w.items = items;
    w.attributes = attributes;
    w.blocks = blocks;
  }
}

/** `type labels { body }`: the range runs from the type name to the closing brace (or the end of the file). */
export class BlockNode implements Block, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly kind: 'Block';
  declare readonly type: string;
  declare readonly labels: readonly BlockLabel[];
  declare readonly body: Body;
  declare readonly [OPEN]: number;
  declare readonly [CLOSE]: number;
  /** The type is an identifier token's own text, so it ends `type.length` after its start. */
  constructor(
    positions: Positions,
    typeFrom: number,
    /** The opening brace, always one character. */
    openFrom: number,
    closeFrom: number,
    closeTo: number,
    type: string,
    labels: readonly BlockLabel[],
    body: Body,
  ) {
    const w = this as Writable<BlockNode>;
    w[POSITIONS] = positions;
    w[FROM] = typeFrom;
    w[TO] = closeTo;
    w.type = type;
    w.labels = labels;
    w.body = body;
    w[OPEN] = openFrom;
    w[CLOSE] = closeFrom;
  }

  get typeRange(): Range {
    return rangeIn(this, this[FROM], this[FROM] + this.type.length);
  }

  get openBraceRange(): Range {
    return rangeIn(this, this[OPEN], this[OPEN] + 1);
  }

  get closeBraceRange(): Range {
    return rangeIn(this, this[CLOSE], this[TO]);
  }
}

export class BlockLabelNode implements BlockLabel, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly value: string;
  declare readonly quoted: boolean;
  constructor(positions: Positions, from: number, to: number, value: string, quoted: boolean) {
    const w = this as Writable<BlockLabelNode>;
    w[POSITIONS] = positions;
    w[FROM] = from;
    w[TO] = to;
    w.value = value;
    w.quoted = quoted;
  }
}

export class CommentNode implements Comment, Offsets {
  declare readonly range: Range;
  declare readonly [POSITIONS]: Positions;
  declare readonly [FROM]: number;
  declare readonly [TO]: number;
  declare readonly kind: 'Comment';
  declare readonly text: string;
  declare readonly style: 'line' | 'block';
  constructor(positions: Positions, from: number, to: number, text: string, style: 'line' | 'block') {
    const w = this as Writable<CommentNode>;
    w[POSITIONS] = positions;
    w[FROM] = from;
    w[TO] = to;
    w.text = text;
    w.style = style;
  }
}

// Every class shares one `range` getter: the range of the node's own two offsets.
const rangeGetter: PropertyDescriptor = {
  get(this: Offsets): Range {
    return new SourceRange(this[POSITIONS], this[FROM], this[TO]);
  },
  configurable: true,
};

/** JSON of a node: its kind, its fields and every one of its ranges, as a plain object node would give. */
function toJSONWith(kind: string | undefined, ranges: readonly string[]): (this: object) => Record<string, unknown> {
  return function toJSON(this: object) {
    const node = this as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    if (kind !== undefined) out.kind = kind;
    for (const k of Object.keys(node)) out[k] = node[k];
    for (const k of ranges) out[k] = node[k];
    return out;
  };
}

// Each class's `kind` is a constant, so it lives on the prototype: one field less in every node.
const KINDS: readonly [{ readonly prototype: object }, string | undefined][] = [
  [VariableNode, 'Variable'],
  [LiteralNode, 'Literal'],
  [GetAttrNode, 'GetAttr'],
  [IndexNode, 'Index'],
  [FunctionCallNode, 'FunctionCall'],
  [TupleConsNode, 'TupleCons'],
  [ObjectConsNode, 'ObjectCons'],
  [ObjectItemNode, undefined],
  [TemplateNode, 'Template'],
  [TemplateLiteralNode, 'TemplateLiteral'],
  [TemplateInterpNode, 'TemplateInterp'],
  [AttributeNode, 'Attribute'],
  [BodyNode, 'Body'],
  [BlockNode, 'Block'],
  [BlockLabelNode, undefined],
  [CommentNode, 'Comment'],
];

for (const [c, kind] of KINDS) {
  const proto = c.prototype;
  const ranges = Object.getOwnPropertyNames(proto).filter((k) => Object.getOwnPropertyDescriptor(proto, k)?.get);
  if (kind !== undefined) Object.defineProperty(proto, 'kind', { value: kind, enumerable: true, configurable: true });
  Object.defineProperty(proto, 'range', rangeGetter);
  Object.defineProperty(proto, 'toJSON', { value: toJSONWith(kind, ['range', ...ranges]), configurable: true });
}
