// Type constraints as written in `variable { type = … }`: string, number, bool, any, list(T), set(T),
// map(T), tuple([…]) and object({…}) with optional(T) and optional(T, default) attributes.
import { type Diagnostic, error, type Range } from '../diag/index.js';
import type { Expression } from '../hcl/ast.js';
import { ConvertError, conversionMessage, convertOrThrow } from './convert.js';
import { evaluate } from './eval.js';
import { builtinFunctions } from './functions/index.js';
import { EMPTY_SCOPE } from './scope.js';
import { type Type, tBool, tDynamic, tList, tMap, tNumber, tObject, tSet, tString, tTuple } from './types.js';
import { attributes, elements, isKnown, isNull, list, map, object, set, tuple, type Value } from './values.js';

/** Default values for optional attributes, mirroring the type's shape: `children` keys are attribute names, or "" for collection elements, or tuple positions. */
export interface Defaults {
  readonly values: ReadonlyMap<string, Value>;
  readonly children: ReadonlyMap<string, Defaults>;
}

/** A parsed type constraint. */
export interface TypeConstraint {
  readonly type: Type;
  /** Present when some optional attribute (at any depth) declares a default. */
  readonly defaults?: Defaults;
}

const KEYWORDS: Readonly<Record<string, Type>> = { string: tString, number: tNumber, bool: tBool, any: tDynamic };
const COLLECTIONS: Readonly<Record<string, (t: Type) => Type>> = { list: tList, set: tSet, map: tMap };

class TypeError_ extends Error {
  constructor(
    readonly detail: string,
    readonly range: Range,
  ) {
    super(detail);
  }
}

/** Parses a type constraint expression. On error the type is `any` and a diagnostic explains. */
export function parseTypeConstraint(expr: Expression): TypeConstraint & { diagnostics: Diagnostic[] } {
  try {
    const r = parse(expr, false);
    return { ...r, diagnostics: [] };
  } catch (e) {
    if (!(e instanceof TypeError_)) throw e;
    return { type: tDynamic, diagnostics: [error('Invalid type specification', e.range, e.detail)] };
  }
}

function parse(expr: Expression, inObjectAttr: boolean): TypeConstraint & { optional?: boolean; default?: Value } {
  if (expr.kind === 'Parens') return parse(expr.expr, inObjectAttr);
  if (expr.kind === 'Variable') {
    const t = KEYWORDS[expr.name];
    if (t) return { type: t };
    throw new TypeError_(`The keyword "${expr.name}" is not a valid type specification.`, expr.range);
  }
  if (expr.kind === 'Template' && expr.parts.length === 1 && expr.parts[0].kind === 'TemplateLiteral') {
    throw new TypeError_(
      'A type specification is written without quotes, e.g. string rather than "string".',
      expr.range,
    );
  }
  if (expr.kind !== 'FunctionCall')
    throw new TypeError_(
      'A type specification is either a primitive type keyword (bool, number, string), "any", or a type constructor call such as list(string).',
      expr.range,
    );
  const { name, args } = expr;
  const arity = (n: number, what: string) => {
    if (args.length !== n) throw new TypeError_(`The ${name} type constructor requires ${what}.`, expr.range);
  };
  if (COLLECTIONS[name]) {
    arity(1, 'one argument specifying the element type');
    const inner = parse(args[0], false);
    return {
      type: COLLECTIONS[name](inner.type),
      defaults: inner.defaults && { values: new Map(), children: new Map([['', inner.defaults]]) },
    };
  }
  if (name === 'tuple') {
    arity(1, 'one argument specifying the element types as a list');
    const list = args[0];
    if (list.kind !== 'TupleCons')
      throw new TypeError_('The tuple type constructor requires a list of element types.', list.range);
    const parts = list.items.map((i) => parse(i, false));
    const children = new Map<string, Defaults>();
    parts.forEach((p, i) => {
      if (p.defaults) children.set(String(i), p.defaults);
    });
    return {
      type: tTuple(parts.map((p) => p.type)),
      defaults: children.size ? { values: new Map(), children } : undefined,
    };
  }
  if (name === 'object') {
    arity(1, 'one argument specifying the attribute types as an object');
    const obj = args[0];
    if (obj.kind !== 'ObjectCons')
      throw new TypeError_('The object type constructor requires an object of attribute types.', obj.range);
    const attrs: [string, Type][] = [];
    const optional: string[] = [];
    const values = new Map<string, Value>();
    const children = new Map<string, Defaults>();
    for (const item of obj.items) {
      const key = item.key.kind === 'Variable' && item.bareKey ? item.key.name : literalString(item.key);
      if (key === undefined)
        throw new TypeError_('Object constructor map keys must be attribute names.', item.key.range);
      if (attrs.some(([k]) => k === key))
        throw new TypeError_(`Attribute "${key}" is declared more than once.`, item.key.range);
      const p = parse(item.value, true);
      attrs.push([key, p.type]);
      if (p.optional) optional.push(key);
      if (p.default) values.set(key, p.default);
      if (p.defaults) children.set(key, p.defaults);
    }
    const defaults = values.size || children.size ? { values, children } : undefined;
    return { type: tObject(attrs, optional), defaults };
  }
  if (name === 'optional') {
    if (!inObjectAttr)
      throw new TypeError_('Keyword "optional" is valid only as a modifier for object type attributes.', expr.range);
    if (args.length < 1 || args.length > 2)
      throw new TypeError_(
        'The optional modifier requires the attribute type and, optionally, a default value.',
        expr.range,
      );
    const inner = parse(args[0], false);
    if (args.length === 1) return { ...inner, optional: true };
    const { value, diagnostics } = evaluate(args[1], { scope: EMPTY_SCOPE, functions: builtinFunctions() });
    if (diagnostics.length > 0 || !isKnown(value))
      throw new TypeError_(
        `The default value for an optional attribute must be a constant: ${diagnostics[0]?.detail ?? 'it is not known'}`,
        args[1].range,
      );
    let def: Value;
    try {
      def = convertOrThrow(value, inner.type);
    } catch (e) {
      if (e instanceof ConvertError)
        throw new TypeError_(`Invalid default value for optional attribute: ${conversionMessage(e)}.`, args[1].range);
      throw e;
    }
    if (inner.defaults) def = applyDefaults(def, inner.defaults);
    return { ...inner, optional: true, default: def };
  }
  throw new TypeError_(`Keyword "${name}" is not a valid type constructor.`, expr.nameRange);
}

function literalString(e: Expression): string | undefined {
  if (e.kind === 'Template' && e.parts.length === 1 && e.parts[0].kind === 'TemplateLiteral') return e.parts[0].value;
  if (e.kind === 'Template' && e.parts.length === 0) return '';
  return undefined;
}

/** Fills null optional attributes with their defaults, at every depth. Apply it after conversion to the constraint's type. */
export function applyDefaults(v: Value, d: Defaults | undefined): Value {
  if (!d || isNull(v) || !isKnown(v)) return v;
  const t = v.type;
  switch (t.kind) {
    case 'object': {
      const out = [...attributes(v)].map(([k, a]) => {
        let x = a;
        const def = d.values.get(k);
        if (def && isNull(x)) x = def;
        const child = d.children.get(k);
        return [k, child ? applyDefaults(x, child) : x] as const;
      });
      return { ...object(out), sensitive: v.sensitive };
    }
    case 'list':
    case 'set':
    case 'map': {
      const child = d.children.get('');
      if (!child) return v;
      if (t.kind === 'map')
        return {
          ...map(
            t.elem,
            [...attributes(v)].map(([k, e]) => [k, applyDefaults(e, child)] as const),
          ),
          sensitive: v.sensitive,
        };
      const items = elements(v).map((e) => applyDefaults(e, child));
      const elem = items[0]?.type ?? t.elem;
      return { ...(t.kind === 'list' ? list(elem, items) : set(elem, items)), sensitive: v.sensitive };
    }
    case 'tuple':
      return {
        ...tuple(elements(v).map((e, i) => applyDefaults(e, d.children.get(String(i))))),
        sensitive: v.sensitive,
      };
    default:
      return v;
  }
}

/** Converts a value to a constraint and fills in defaults: what a variable's value goes through. */
export function convertToConstraint(
  v: Value,
  c: TypeConstraint,
  range?: Range,
): { value: Value; diagnostics: Diagnostic[] } {
  try {
    return { value: applyDefaults(convertOrThrow(v, c.type), c.defaults), diagnostics: [] };
  } catch (e) {
    if (!(e instanceof ConvertError)) throw e;
    return { value: v, diagnostics: [error('Invalid value for variable', range, `${conversionMessage(e)}.`)] };
  }
}
