// "Did you mean …?" suggestions for misspelt names: one implementation, in engine/diag, shared
// by the evaluator and the configuration checks so both suggest the same names.
export { closest as closestName, didYouMean, editDistance } from '../diag/index.js';
