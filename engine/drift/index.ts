// Drift detection: every managed resource read again and compared with the state, without a lock
// or a write; known noise filtered out by --ignore; the report that text, json and markdown render.
export * from './ignore.js';
export * from './report.js';
export * from './run.js';
