// The built-in function library, assembled from its families.
import { collectionFunctions } from './collections.js';
import { cryptoFunctions } from './crypto.js';
import { datetimeFunctions } from './datetime.js';
import { encodingFunctions } from './encoding.js';
import { filesystemFunctions } from './filesystem.js';
import { formatFunctions } from './format.js';
import { numericFunctions } from './numeric.js';
import { regexFunctions } from './regex.js';
import { reshapeFunctions } from './reshape.js';
import { setFunctions } from './sets.js';
import type { FunctionSpec, FunctionTable } from './spec.js';
import { stringFunctions } from './strings.js';
import { typeconvFunctions } from './typeconv.js';

/** Every built-in function; `try` and `can` are handled by the evaluator and are not listed here. */
export function builtinFunctions(): Map<string, FunctionSpec> {
  return new Map(
    Object.entries({
      ...collectionFunctions,
      ...cryptoFunctions,
      ...datetimeFunctions,
      ...encodingFunctions,
      ...filesystemFunctions,
      ...formatFunctions,
      ...numericFunctions,
      ...regexFunctions,
      ...reshapeFunctions,
      ...setFunctions,
      ...stringFunctions,
      ...typeconvFunctions,
    }),
  );
}

/** A table with extra functions (such as `provider::ns::fn` ones) added to the built-ins. */
export function withFunctions(base: FunctionTable, extra: Readonly<Record<string, FunctionSpec>>): FunctionTable {
  return new Map([...base, ...Object.entries(extra)]);
}

export type { CallContext, FunctionSpec, FunctionTable, MarkMode, Param } from './spec.js';
export { FuncError } from './spec.js';
