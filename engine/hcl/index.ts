// HCL native syntax: the syntax tree (every node with its source range), the lexer and parser
// that build it, and the canonical formatter behind `runform fmt`.
export type * from './ast.js';
export { type FormatResult, formatHCL } from './format.js';
export { parseExpression, parseHCL } from './parse.js';
export { coverRanges } from './positions.js';
