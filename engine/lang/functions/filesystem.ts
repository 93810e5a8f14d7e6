// File functions. They read only inside the configuration folder: a path that leaves it, directly,
// through `..`, or through a symlink, is refused.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { tBool, tDynamic, tString } from '../types.js';
import { asString, attributes, bool, str, type Value } from '../values.js';
import { param } from './params.js';
import { type CallContext, FuncError, type FunctionSpec } from './spec.js';

function inside(base: string, p: string): boolean {
  const rel = relative(base, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of `p` inside the configuration folder, or undefined when nothing exists there. */
function locate(ctx: CallContext, p: string, arg: number): string | undefined {
  if (ctx.baseDir === undefined) throw new FuncError('file functions are not available in this context', arg);
  const base = realpathSync(ctx.baseDir);
  const lexical = resolve(base, p);
  if (!inside(base, lexical)) throw new FuncError(`the path "${p}" is outside the configuration folder`, arg);
  let real: string;
  try {
    real = realpathSync(lexical);
  } catch {
    return undefined;
  }
  if (!inside(base, real))
    throw new FuncError(`the path "${p}" resolves (through a symbolic link) outside the configuration folder`, arg);
  return real;
}

function readBytes(ctx: CallContext, p: string, arg: number): Buffer {
  const real = locate(ctx, p, arg);
  if (!real) throw new FuncError(`no file exists at "${p}"`, arg);
  try {
    if (statSync(real).isDirectory()) throw new FuncError(`"${p}" is a directory, not a file`, arg);
    return readFileSync(real);
  } catch (e) {
    if (e instanceof FuncError) throw e;
    throw new FuncError(`failed to read "${p}": ${(e as Error).message}`, arg);
  }
}

function readText(ctx: CallContext, p: string, arg: number, fn: string): string {
  const bytes = readBytes(ctx, p, arg);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FuncError(
      `contents of "${p}" are not valid UTF-8; use filebase64 to read it${fn === 'templatefile' ? ' as bytes' : ''}`,
      arg,
    );
  }
}

/** File functions by name. */
export const filesystemFunctions: Record<string, FunctionSpec> = {
  file: {
    params: [param('path', tString)],
    returns: tString,
    impl: ([p], ctx) => str(readText(ctx, asString(p), 0, 'file')),
  },
  filebase64: {
    params: [param('path', tString)],
    returns: tString,
    impl: ([p], ctx) => str(readBytes(ctx, asString(p), 0).toString('base64')),
  },
  fileexists: {
    params: [param('path', tString)],
    returns: tBool,
    impl: ([p], ctx) => {
      const real = locate(ctx, asString(p), 0);
      if (!real) return bool(false);
      if (!statSync(real).isFile()) throw new FuncError(`"${asString(p)}" is not a regular file`, 0);
      return bool(true);
    },
  },
  templatefile: {
    params: [param('path', tString), param('vars', tDynamic)],
    impl: ([p, vars], ctx) => {
      if (vars.type.kind !== 'map' && vars.type.kind !== 'object') throw new FuncError('must be a map or object', 1);
      const bindings = new Map<string, Value>();
      for (const [k, v] of attributes(vars)) {
        if (!/^[A-Za-z_][\w-]*$/.test(k))
          throw new FuncError(
            `invalid template variable name "${k}": must start with a letter or underscore, followed by letters, digits, underscores or dashes`,
            1,
          );
        bindings.set(k, v);
      }
      const path = asString(p);
      const text = readText(ctx, path, 0, 'templatefile');
      if (!ctx.renderTemplate) throw new FuncError('templates cannot be rendered in this context');
      return ctx.renderTemplate(text, path, bindings);
    },
  },
};
