// The PostgreSQL backend: states as jsonb rows keyed by workspace, written by compare-and-set on
// the serial, session advisory locks with their holder in a table, and the journal as rows.
export * from './backend.js';
export * from './journal.js';
export * from './settings.js';
export * from './workspaces.js';
