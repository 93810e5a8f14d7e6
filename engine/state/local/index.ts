// The local backend (the default): the state file in the configuration folder, written atomically,
// with a backup, an exclusive lock file and an append-only change journal beside it.
export * from './atomic.js';
export * from './backend.js';
export * from './journal.js';
export { currentUser } from './lockfile.js';
export * from './workspaces.js';
