// The concrete providers runform ships, wired for the commands. cmd/ is the only place that knows
// both the engine and the providers.
import type { SchemaSet } from '../engine/config/index.js';
import { dataSourceSchemas, resourceSchemas } from '../providers/apprunner/schemas.js';
import type { Provider } from '../providers/provider.js';

// Each provider runform ships, by name, loaded on demand: the App Runner provider brings the AWS
// SDK, which commands that only read configuration or state, or a configuration and state that use
// no App Runner resource, never need.
const SHIPPED: ReadonlyMap<string, () => Promise<Provider>> = new Map([
  ['apprunner', async () => (await import('../providers/apprunner/index.js')).apprunnerProvider],
]);

/** The names of the providers runform ships. */
export const SHIPPED_NAMES: ReadonlySet<string> = new Set(SHIPPED.keys());

/** The providers runform ships, or only those of them named in `names`. */
export async function shippedProviders(names?: ReadonlySet<string>): Promise<Provider[]> {
  const out: Provider[] = [];
  for (const [name, load] of SHIPPED) if (!names || names.has(name)) out.push(await load());
  return out;
}

/** The resource and data source schemas of every shipped provider, for `validate` and planning. */
export function providerSchemas(): SchemaSet {
  return { resources: resourceSchemas(), dataSources: dataSourceSchemas() };
}
