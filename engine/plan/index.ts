// Planning: the pure planner (configuration + prior state + refreshed values + schemas → Plan),
// the Change and Plan types, refresh (the only I/O before planning) and plan files.
export * from './change.js';
export * from './checks.js';
export * from './drift.js';
export * from './file.js';
export * from './instance.js';
export * from './lifecycle.js';
export * from './plan.js';
export * from './planner.js';
export * from './prior.js';
export * from './provider-source.js';
export * from './providers.js';
export * from './redact.js';
export * from './refresh.js';
export * from './schema.js';
