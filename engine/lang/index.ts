// Configuration values (types, unknowns, sensitive marks), conversion, expression evaluation,
// references for the dependency graph, type constraints, JSON round-trips, and the function library.
export { ConvertError, conversionMessage, convert, convertOrThrow, formatPath, parseNumber } from './convert.js';
export { displayValue, SENSITIVE_TEXT, UNKNOWN_TEXT } from './display.js';
export { equals, rawEquals, type Tristate } from './equality.js';
export { evaluate } from './eval.js';
export {
  builtinFunctions,
  type CallContext,
  FuncError,
  type FunctionSpec,
  type FunctionTable,
  type MarkMode,
  type Param,
  withFunctions,
} from './functions/index.js';
export { fromJSON, type Json, toJSON, typeFromJSON, typeToJSON, unknownPaths } from './json.js';
export {
  applySensitivePaths,
  containsSensitive,
  markSensitive,
  type Path,
  type PathStep,
  sensitivePaths,
  unmarkDeep,
} from './marks.js';
export { type Reference, references } from './refs.js';
export { EMPTY_SCOPE, type EvalContext, type Scope, scopeOf } from './scope.js';
export { closestName, didYouMean, editDistance } from './suggest.js';
export {
  applyDefaults,
  convertToConstraint,
  type Defaults,
  parseTypeConstraint,
  type TypeConstraint,
} from './typeexpr.js';
export * from './types.js';
export * from './values.js';
