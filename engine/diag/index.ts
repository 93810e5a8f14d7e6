// Diagnostics: the problems the engine reports to users, with source ranges, and their text rendering.
// Every engine boundary returns these rather than throwing.
export * from './diagnostic.js';
export * from './format.js';
export * from './suggest.js';
