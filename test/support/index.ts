// The in-memory test provider used by engine tests: schemas with every kind of metadata,
// injectable delays and failures, recorded calls, and an optional file-backed cloud.
export * from './cloud.js';
export * from './provider.js';
export * from './schemas.js';
