// Configuration: a folder of .hcl files decoded into a Module (variables, locals, providers,
// resources, data, outputs, moved, import), with static validation that needs no API call.
export * from './body.js';
export * from './decode.js';
export * from './load.js';
export type * from './module.js';
export * from './values.js';
