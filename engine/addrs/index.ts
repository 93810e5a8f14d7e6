// Resource addresses (`type.name`, `type.name[0]`, `type.name["k"]`, `data.type.name`) as branded
// canonical strings: parsing with diagnostics, formatting, and `--target` matching; plus branded ARNs.
export * from './arn.js';
export * from './parse.js';
export * from './resource.js';
