// The state: the in-memory model indexed by address, the versioned file format, the backend
// interfaces (reader, writer, locker, journal), the local and pg backends with their registry and
// workspaces, and the durable session.
export * from './backend.js';
export * from './change.js';
export * from './errors.js';
export * from './file/index.js';
export * from './json.js';
export * from './local/index.js';
export * from './lock-wait.js';
export * from './pg/index.js';
export * from './registry.js';
export * from './replay.js';
export * from './session.js';
export * from './settings.js';
export * from './state.js';
export * from './workspace.js';
