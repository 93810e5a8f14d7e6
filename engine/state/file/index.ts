// The state file format: a versioned JSON envelope (read the version, then that version's reader)
// with shape validation, and the line format of the change journal.
export * from './journal-line.js';
export * from './read.js';
export { VERSION_1, VERSION_2 } from './v1.js';
