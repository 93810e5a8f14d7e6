import { type Diagnostic, didYouMean, error, type Range } from '../diag/index.js';
import type { Attribute, Block, Body, Expression } from '../hcl/index.js';

/** What a body may contain: its arguments and its nested block types. */
export interface BodySpec {
  readonly attributes: Readonly<Record<string, { readonly required?: boolean }>>;
  readonly blocks: Readonly<Record<string, { readonly labels: readonly string[]; readonly single?: boolean }>>;
  /** Accept arguments and blocks not named here and leave them to the caller (resource bodies). */
  readonly open?: boolean;
}

/** A body checked against a spec: known arguments by name, blocks by type, and the rest when open. */
export interface CheckedBody {
  readonly attrs: ReadonlyMap<string, Attribute>;
  readonly blocks: ReadonlyMap<string, readonly Block[]>;
  readonly otherAttrs: readonly Attribute[];
  readonly otherBlocks: readonly Block[];
}

/**
 * Checks a body against a spec, reporting unknown arguments and block types (with a close
 * name when there is one), missing required arguments, wrong label counts and repeated
 * single blocks. `what` names the enclosing construct in messages, e.g. `a variable block`;
 * `missingAt` is where a missing argument is reported (the block header reads best).
 */
export function checkBody(
  body: Body,
  spec: BodySpec,
  what: string,
  diags: Diagnostic[],
  missingAt?: Range,
): CheckedBody {
  // Most resource bodies hold none of the meta-arguments: their maps are made only when needed.
  let attrs: Map<string, Attribute> | undefined;
  let blocks: Map<string, Block[]> | undefined;
  const otherAttrs: Attribute[] = [];
  const otherBlocks: Block[] = [];
  for (const a of body.attributes) {
    if (Object.hasOwn(spec.attributes, a.name)) {
      attrs ??= new Map();
      attrs.set(a.name, a);
    } else if (spec.open) otherAttrs.push(a);
    else {
      const hint = didYouMean(a.name, Object.keys(spec.attributes));
      diags.push(
        error('Unsupported argument', a.nameRange, `An argument named "${a.name}" is not expected in ${what}.${hint}`),
      );
    }
  }
  for (const b of body.blocks) {
    const bs = spec.blocks[b.type];
    if (!bs || !Object.hasOwn(spec.blocks, b.type)) {
      if (spec.open) {
        otherBlocks.push(b);
        continue;
      }
      const hint = didYouMean(b.type, Object.keys(spec.blocks));
      diags.push(
        error('Unsupported block type', b.typeRange, `Blocks of type "${b.type}" are not expected in ${what}.${hint}`),
      );
      continue;
    }
    if (!checkLabels(b, bs.labels, diags)) continue;
    blocks ??= new Map();
    const list = blocks.get(b.type) ?? [];
    if (bs.single && list.length > 0) {
      diags.push(
        error(
          `Duplicate ${b.type} block`,
          b.typeRange,
          `Only one "${b.type}" block is allowed in ${what}; the first is at ${at(list[0].typeRange)}.`,
        ),
      );
      continue;
    }
    list.push(b);
    blocks.set(b.type, list);
  }
  for (const name of requiredNames(spec)) {
    if (!attrs?.has(name)) {
      diags.push(
        error(
          'Missing required argument',
          missingAt ?? body.range,
          `The argument "${name}" is required in ${what}, but no definition was found.`,
        ),
      );
    }
  }
  return { attrs: attrs ?? NO_ATTRS, blocks: blocks ?? NO_BLOCKS, otherAttrs, otherBlocks };
}

const NO_ATTRS: ReadonlyMap<string, Attribute> = new Map();
const NO_BLOCKS: ReadonlyMap<string, readonly Block[]> = new Map();

// A spec's required argument names, listed once per spec: bodies are checked by the thousand.
const required = new WeakMap<BodySpec, readonly string[]>();

function requiredNames(spec: BodySpec): readonly string[] {
  let names = required.get(spec);
  if (!names) {
    names = Object.keys(spec.attributes).filter((n) => spec.attributes[n]!.required);
    required.set(spec, names);
  }
  return names;
}

/** Checks a block's label count against the expected label names; false when it is unusable. */
export function checkLabels(b: Block, labels: readonly string[], diags: Diagnostic[]): boolean {
  if (b.labels.length < labels.length) {
    const missing = labels.slice(b.labels.length).join(' and ');
    diags.push(
      error(
        `Missing ${missing} for ${b.type}`,
        b.typeRange,
        `A ${b.type} block needs ${labels.length} label(s): ${labels.join(', ')}.`,
      ),
    );
    return false;
  }
  if (b.labels.length > labels.length) {
    const extra = b.labels[labels.length];
    const expect = labels.length === 0 ? 'no labels' : `only ${labels.join(' and ')}`;
    diags.push(error(`Extraneous label for ${b.type}`, extra.range, `A ${b.type} block expects ${expect}.`));
    return false;
  }
  return true;
}

/** `file:line:col` of a range, for messages that point at a second place. */
export function at(r: Range): string {
  return `${r.filename}:${r.start.line}:${r.start.column}`;
}

/** The string of a template with no interpolation, or undefined when it is not a static string. */
export function staticString(e: Expression): string | undefined {
  if (e.kind !== 'Template') return undefined;
  let s = '';
  for (const p of e.parts) {
    if (p.kind !== 'TemplateLiteral') return undefined;
    s += p.value;
  }
  return s;
}

/** A static string argument, or a diagnostic explaining that one is required. */
export function requireString(a: Attribute, diags: Diagnostic[]): string | undefined {
  const s = staticString(a.expr);
  if (s === undefined)
    diags.push(error('Invalid value', a.expr.range, `The argument "${a.name}" must be a literal string.`));
  return s;
}

/** A literal `true` or `false` argument, or a diagnostic explaining that one is required. */
export function requireBool(a: Attribute, diags: Diagnostic[]): boolean | undefined {
  const e = a.expr.kind === 'Parens' ? a.expr.expr : a.expr;
  if (e.kind === 'Literal' && typeof e.value === 'boolean') return e.value;
  diags.push(
    error('Invalid value', a.expr.range, `The argument "${a.name}" must be true or false, written literally.`),
  );
  return undefined;
}

/** One step of a static traversal: an attribute name or a literal index. */
export type Step = string | number | { readonly key: string };

/**
 * The steps of a static reference such as `aws_x.name["k"].attr`, or undefined when the
 * expression is not a plain reference (it calls a function, uses a variable index, …).
 */
export function staticTraversal(e: Expression): { root: string; steps: Step[]; range: Range } | undefined {
  const steps: Step[] = [];
  let cur: Expression = e;
  for (;;) {
    switch (cur.kind) {
      case 'Variable':
        return { root: cur.name, steps: steps.reverse(), range: e.range };
      case 'GetAttr':
        steps.push(cur.name);
        cur = cur.object;
        break;
      case 'Index': {
        const k = literalKey(cur.key);
        if (k === undefined) return undefined;
        steps.push(k);
        cur = cur.collection;
        break;
      }
      default:
        return undefined;
    }
  }
}

/** Renders a static traversal as an address text. */
export function traversalAddress(root: string, steps: readonly Step[]): string {
  let s = root;
  for (const st of steps) {
    if (typeof st === 'string') s += `.${st}`;
    else if (typeof st === 'number') s += `[${st}]`;
    else s += `[${JSON.stringify(st.key)}]`;
  }
  return s;
}

function literalKey(e: Expression): number | { key: string } | undefined {
  if (e.kind === 'Literal' && typeof e.value === 'number') return e.value;
  const s = staticString(e);
  return s === undefined ? undefined : { key: s };
}

/** The elements of a `[ … ]` list written literally, or a diagnostic. */
export function requireTuple(a: Attribute, diags: Diagnostic[]): readonly Expression[] | undefined {
  if (a.expr.kind === 'TupleCons') return a.expr.items;
  diags.push(error('Invalid value', a.expr.range, `The argument "${a.name}" must be a list written as [ … ].`));
  return undefined;
}
