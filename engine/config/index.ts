// Configuration: a folder of .hcl files decoded into a Module (variables, locals, providers,
// resources, data, outputs, moved, import), with static validation that needs no API call.

export * from './args.js';
export * from './body.js';
export * from './decode.js';
export * from './depgraph.js';
export * from './imports.js';
export * from './load.js';
export type * from './module.js';
export * from './references.js';
export { checkAgainstSchema, fitsSchema } from './schema-check.js';
export * from './source.js';
export * from './validate.js';
export * from './values.js';
