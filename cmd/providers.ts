// The concrete providers runform ships, wired for the commands. cmd/ is the only place that knows
// both the engine and the providers.
import type { SchemaSet } from '../engine/config/index.js';
import { apprunnerProvider } from '../providers/apprunner/index.js';
import { dataSourceSchemas, resourceSchemas } from '../providers/apprunner/schemas.js';
import type { Provider } from '../providers/provider.js';

/** Every provider runform ships. */
export function shippedProviders(): Provider[] {
  return [apprunnerProvider];
}

/** The resource and data source schemas of every shipped provider, for `validate` and planning. */
export function providerSchemas(): SchemaSet {
  return { resources: resourceSchemas(), dataSources: dataSourceSchemas() };
}
