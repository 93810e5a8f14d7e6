// The concrete providers runform ships, wired for the commands. cmd/ is the only place that knows
// both the engine and the providers.
import type { SchemaSet } from '../engine/config/index.js';
import { dataSourceSchemas, resourceSchemas } from '../providers/apprunner/schemas.js';
import type { Provider } from '../providers/provider.js';

/**
 * Every provider runform ships. Loaded on demand: the App Runner provider brings the AWS SDK,
 * which commands that only read configuration or state never need.
 */
export async function shippedProviders(): Promise<Provider[]> {
  const { apprunnerProvider } = await import('../providers/apprunner/index.js');
  return [apprunnerProvider];
}

/** The resource and data source schemas of every shipped provider, for `validate` and planning. */
export function providerSchemas(): SchemaSet {
  return { resources: resourceSchemas(), dataSources: dataSourceSchemas() };
}
