// The applier: runs a Plan through the providers in dependency order and in parallel, records
// every finished change durably, and stops gracefully or aborts on request.
export * from './apply.js';
export * from './graph.js';
export * from './operations.js';
export * from './run.js';
export * from './values.js';
