// The dependency graph: a string-keyed DAG with ordering and cycle reporting, and the parallel
// walker that runs work in dependency order, skipping what lies downstream of a failure.
export * from './dag.js';
export * from './walk.js';
