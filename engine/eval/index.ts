// Evaluation of a configuration: the dependency graph, variables and locals, count/for_each
// expansion, and instance bodies evaluated to values with unknown and sensitive marks.
export * from './body.js';
export * from './evaluator.js';
export * from './expand.js';
export * from './graph.js';
export * from './planned.js';
export * from './timeouts.js';
