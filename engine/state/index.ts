// The state: the in-memory model indexed by address, the versioned file format, the backend
// interfaces (reader, writer, locker, journal) with the local backend, and the durable session.
export * from './backend.js';
export * from './change.js';
export * from './errors.js';
export * from './file/index.js';
export * from './json.js';
export * from './local/index.js';
export * from './lock-wait.js';
export * from './pg/index.js';
export * from './replay.js';
export * from './session.js';
export * from './state.js';
