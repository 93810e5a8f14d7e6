// format and formatlist: printf-style verbs as Terraform documents them (%s %d %f %q %v %t %x %e %g, flags, width, precision, %[n]).
import { ConvertError, convertOrThrow } from '../convert.js';
import { tList, tNumber, tString } from '../types.js';
import { asString, elements, formatNumber, isNull, list, str, type Value } from '../values.js';
import { jsonText } from './encoding.js';
import { param } from './params.js';
import { FuncError, type FunctionSpec } from './spec.js';

interface Verb {
  readonly flags: string;
  readonly width?: number;
  readonly precision?: number;
  readonly argIndex?: number;
  readonly verb: string;
}

type Token = string | Verb;

function parse(fmt: string): Token[] {
  const out: Token[] = [];
  const re = /%(?:%|([-+# 0]*)(?:\[(\d+)\])?(\d+)?(?:\.(\d*))?([a-zA-Z]))/g;
  let last = 0;
  for (const m of fmt.matchAll(re)) {
    if (m.index > last) out.push(fmt.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[0] === '%%') {
      out.push('%');
      continue;
    }
    out.push({
      flags: m[1] ?? '',
      argIndex: m[2] !== undefined ? Number(m[2]) : undefined,
      width: m[3] !== undefined ? Number(m[3]) : undefined,
      precision: m[4] !== undefined ? Number(m[4] || '0') : undefined,
      verb: m[5],
    });
  }
  if (last < fmt.length) {
    const rest = fmt.slice(last);
    if (rest.includes('%')) throw new FuncError(`invalid format verb at "${rest.slice(rest.indexOf('%'))}"`, 0);
    out.push(rest);
  }
  return out;
}

function pad(s: string, v: Verb, numeric: boolean): string {
  const w = v.width ?? 0;
  if (s.length >= w) return s;
  if (v.flags.includes('-')) return s + ' '.repeat(w - s.length);
  if (numeric && v.flags.includes('0')) {
    const sign = /^[+\- ]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(w - s.length) + s.slice(sign.length);
  }
  return ' '.repeat(w - s.length) + s;
}

function toNum(v: Value, argNo: number, verb: string): number {
  try {
    return convertOrThrow(v, tNumber).payload as number;
  } catch (e) {
    if (e instanceof ConvertError)
      throw new FuncError(`unsupported value for "%${verb}" at ${argNo}: ${e.message}`, argNo);
    throw e;
  }
}

function signed(n: number, body: string, v: Verb): string {
  if (n < 0 || Object.is(n, -0)) return body.startsWith('-') ? body : `-${body}`;
  if (v.flags.includes('+')) return `+${body}`;
  if (v.flags.includes(' ')) return ` ${body}`;
  return body;
}

function exp(n: number, prec: number, upper: boolean): string {
  const s = Math.abs(n)
    .toExponential(prec)
    .replace(/e([+-])(\d)$/, 'e$10$2');
  return upper ? s.toUpperCase() : s;
}

function formatOne(v: Verb, arg: Value, argNo: number): string {
  const verb = v.verb;
  switch (verb) {
    case 'v':
    case 's':
    case 'q': {
      if (verb === 'v' && v.flags.includes('#')) return pad(jsonText(arg), v, false);
      if (isNull(arg)) {
        if (verb === 'v') return pad('null', v, false);
        throw new FuncError(`unsupported value for "%${verb}" at ${argNo}: null value cannot be formatted`, argNo);
      }
      if (verb === 'v' && !['string', 'number', 'bool'].includes(arg.type.kind)) return pad(jsonText(arg), v, false);
      let s: string;
      try {
        s = asString(convertOrThrow(arg, tString));
      } catch (e) {
        if (e instanceof ConvertError)
          throw new FuncError(`unsupported value for "%${verb}" at ${argNo}: ${e.message}`, argNo);
        throw e;
      }
      if (v.precision !== undefined) s = [...s].slice(0, v.precision).join('');
      return pad(verb === 'q' ? JSON.stringify(s) : s, v, false);
    }
    case 't': {
      if (arg.type.kind !== 'bool' && !(arg.type.kind === 'string' && /^(true|false)$/.test(arg.payload as string)))
        throw new FuncError(`unsupported value for "%t" at ${argNo}: bool required`, argNo);
      return pad(String(arg.payload), v, false);
    }
    case 'd':
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      if (verb === 'x' || verb === 'X') {
        if (arg.type.kind === 'string') {
          const hex = Buffer.from(asString(arg), 'utf8').toString('hex');
          return pad(verb === 'X' ? hex.toUpperCase() : hex, v, false);
        }
      }
      const n = toNum(arg, argNo, verb);
      if (!Number.isInteger(n))
        throw new FuncError(`unsupported value for "%${verb}" at ${argNo}: an integer is required`, argNo);
      const radix = { d: 10, b: 2, o: 8, x: 16, X: 16 }[verb];
      let body = BigInt(Math.abs(n)).toString(radix);
      if (verb === 'X') body = body.toUpperCase();
      return pad(signed(n, body, v), v, true);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      const n = toNum(arg, argNo, verb);
      const a = Math.abs(n);
      let body: string;
      if (verb === 'f' || verb === 'F') body = a.toFixed(v.precision ?? 6);
      else if (verb === 'e' || verb === 'E') body = exp(a, v.precision ?? 6, verb === 'E');
      else {
        const p = v.precision;
        if (p === undefined) body = formatNumber(a);
        else {
          const e = a === 0 ? 0 : Math.floor(Math.log10(a));
          body =
            e < -4 || e >= (p || 1)
              ? exp(a, Math.max((p || 1) - 1, 0), verb === 'G')
              : String(Number(a.toPrecision(p || 1)));
        }
      }
      return pad(signed(n, body, v), v, true);
    }
    default:
      throw new FuncError(`unrecognized format verb "%${verb}"`, 0);
  }
}

/** Applies a format string to arguments; `argOffset` maps positions back to the call's argument indexes. */
export function formatString(fmt: string, args: readonly Value[], argOffset = 1): string {
  const tokens = parse(fmt);
  let next = 0;
  let maxUsed = 0;
  let out = '';
  for (const t of tokens) {
    if (typeof t === 'string') {
      out += t;
      continue;
    }
    const i = t.argIndex !== undefined ? t.argIndex - 1 : next;
    if (i < 0 || i >= args.length)
      throw new FuncError(`not enough arguments for "%${t.verb}" at ${i + 1}: need ${i + 1}, have ${args.length}`, 0);
    next = i + 1;
    maxUsed = Math.max(maxUsed, next);
    out += formatOne(t, args[i], i + argOffset);
  }
  if (maxUsed < args.length) throw new FuncError(`too many arguments; only ${maxUsed} used by format string`);
  return out;
}

/** format, formatlist */
export const formatFunctions: Record<string, FunctionSpec> = {
  format: {
    params: [param('format', tString)],
    variadic: { name: 'args', type: { kind: 'dynamic' }, allowNull: true },
    returns: tString,
    impl: ([f, ...args]) => str(formatString(asString(f), args)),
  },
  formatlist: {
    params: [param('format', tString)],
    variadic: { name: 'args', type: { kind: 'dynamic' }, allowNull: true },
    returns: tList(tString),
    impl: ([f, ...args]) => {
      let n: number | undefined;
      args.forEach((a, i) => {
        const k = a.type.kind;
        if (k !== 'list' && k !== 'tuple' && k !== 'set') return;
        if (isNull(a)) throw new FuncError('argument must not be null', i + 1);
        const len = elements(a).length;
        if (n !== undefined && len !== n)
          throw new FuncError(
            `argument ${i + 1} has length ${len}, which is inconsistent with argument 1 of length ${n}`,
            i + 1,
          );
        n = len;
      });
      const count = n ?? 1;
      const rows: Value[] = [];
      for (let r = 0; r < count; r++) {
        const row = args.map((a) => (['list', 'tuple', 'set'].includes(a.type.kind) ? elements(a)[r] : a));
        rows.push(str(formatString(asString(f), row)));
      }
      return list(tString, rows);
    },
  },
};
