// The App Runner provider: its configuration schema, and configure(), which builds one client,
// one shared poller and the resource types over them.
import type { ConfiguredProvider, JsonSchema, Provider, ProviderConfig, ResourceSchema } from '../provider.js';
import { type ClientSettings, createClient } from './client.js';
import { autoScalingDataSource, connectionDataSource, serviceDataSource } from './data/index.js';
import { autoScalingResource } from './resources/auto-scaling.js';
import { connectionResource } from './resources/connection.js';
import { customDomainResource } from './resources/custom-domain.js';
import { defaultAutoScalingResource } from './resources/default-auto-scaling.js';
import { guarded } from './resources/guard.js';
import { observabilityResource } from './resources/observability.js';
import { serviceResource } from './resources/service.js';
import { ServiceListing } from './resources/service-listing.js';
import { vpcConnectorResource } from './resources/vpc-connector.js';
import { vpcIngressResource } from './resources/vpc-ingress.js';
import type { Runtime } from './runtime.js';
import { dataSourceSchemas, resourceSchemas } from './schemas.js';
import { DurationModel, ServicePoller, waitScale } from './wait/index.js';

/** JSON Schema of `provider "apprunner" { … }`. */
export const CONFIG_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    region: { type: 'string', minLength: 1, description: 'AWS region; else AWS_REGION or the profile’s region.' },
    profile: { type: 'string', minLength: 1, description: 'Named profile of the shared AWS config and credentials.' },
    endpoint: {
      type: 'string',
      minLength: 1,
      description: 'App Runner endpoint URL; else AWS_ENDPOINT_URL_APPRUNNER or AWS_ENDPOINT_URL.',
    },
    alias: { type: 'string', minLength: 1, description: 'Name of this additional provider configuration.' },
  },
  additionalProperties: false,
};

/** Options for tests and embedders, beyond what a configuration block can say. */
export interface ProviderOptions {
  /** Overrides RUNFORM_WAIT_SCALE. */
  readonly waitScale?: number;
  /** Explicit credentials and attempts (tests against the emulator). */
  readonly client?: Pick<ClientSettings, 'credentials' | 'maxAttempts'>;
  /** Fewest services due together that the poller batches through ListServices. */
  readonly batchThreshold?: number;
  /** Fewest concurrent service reads that share one ListServices sweep (Infinity: never). */
  readonly listingThreshold?: number;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

function schemaRecord(m: ReadonlyMap<string, ResourceSchema>, prefix = ''): Record<string, ResourceSchema> {
  return Object.fromEntries([...m].map(([type, schema]) => [prefix + type, schema]));
}

/** Builds the provider; `apprunnerProvider` is the default instance. */
export function createProvider(options: ProviderOptions = {}): Provider {
  return {
    name: 'apprunner',
    configSchema: CONFIG_SCHEMA,
    // Data sources share type names with resources, so they are keyed `data.<type>` (as their files are).
    get schemas() {
      return { ...schemaRecord(resourceSchemas()), ...schemaRecord(dataSourceSchemas(), 'data.') };
    },
    async configure(config: ProviderConfig, signal: AbortSignal): Promise<ConfiguredProvider> {
      signal.throwIfAborted();
      const client = createClient({
        region: str(config.values.region),
        profile: str(config.values.profile),
        endpoint: str(config.values.endpoint),
        ...options.client,
      });
      const scale = options.waitScale ?? waitScale();
      const poller = new ServicePoller(client, { batchThreshold: options.batchThreshold });
      const listing = new ServiceListing(
        client,
        options.listingThreshold ? { threshold: options.listingThreshold } : {},
      );
      const rt: Runtime = { client, poller, listing, durations: new DurationModel(scale), scale };
      return {
        resources: {
          apprunner_service: guarded(serviceResource(rt)),
          apprunner_auto_scaling_configuration: guarded(autoScalingResource(rt)),
          apprunner_connection: guarded(connectionResource(rt)),
          apprunner_custom_domain: guarded(customDomainResource(rt)),
          apprunner_observability_configuration: guarded(observabilityResource(rt)),
          apprunner_vpc_connector: guarded(vpcConnectorResource(rt)),
          apprunner_vpc_ingress_connection: guarded(vpcIngressResource(rt)),
          apprunner_default_auto_scaling_configuration: guarded(defaultAutoScalingResource(rt)),
        },
        dataSources: {
          apprunner_service: serviceDataSource(rt),
          apprunner_auto_scaling_configuration: autoScalingDataSource(rt),
          apprunner_connection: connectionDataSource(rt),
        },
        async close() {
          poller.close();
          client.destroy();
        },
      };
    },
  };
}

/** The App Runner provider, configured from the environment's AWS settings. */
export const apprunnerProvider: Provider = createProvider();
