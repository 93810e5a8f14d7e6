// The concrete providers runform ships, wired for the commands. cmd/ is the only place that knows
// both the engine and the providers.
import type { SchemaSet } from '../engine/config/index.js';
import { dataSourceSchemas, resourceSchemas } from '../providers/apprunner/schemas.js';

/** The resource and data source schemas of every shipped provider, for `validate` and planning. */
export function providerSchemas(): SchemaSet {
  return { resources: resourceSchemas(), dataSources: dataSourceSchemas() };
}
