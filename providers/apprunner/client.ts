// Builds the App Runner SDK client from the provider configuration: region, endpoint override,
// the standard credential chain (with an optional profile), standard retries, and a pacer that keeps
// the request rate just under what the service allows once it starts throttling.
import { AppRunnerClient } from '@aws-sdk/client-apprunner';
import { installPacer, Pacer } from './client-pacer.js';

/** The provider settings that shape the client. */
export interface ClientSettings {
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
  /** Test hook: explicit credentials instead of the default chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Test hook: attempts per request (the SDK default is 3). */
  readonly maxAttempts?: number;
  /** Test hook: the pacer to install (to watch its figures or tune its controller). */
  readonly pacer?: Pacer;
}

/**
 * The endpoint to use: the configured one, else the App Runner-specific variable, else the global
 * one. The SDK reads these variables too, but resolving them here lets us report which one applies.
 */
export function resolveEndpoint(
  configured: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return configured || env.AWS_ENDPOINT_URL_APPRUNNER || env.AWS_ENDPOINT_URL || undefined;
}

/** The region to use: the configured one, else the SDK's own resolution (AWS_REGION, profile). */
export function resolveRegion(
  configured: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return configured || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

/**
 * A client that throttling slows down rather than fails. Its pacer, one per client and so per region
 * and credentials, retries every throttled attempt itself and learns the rate the account allows; the
 * SDK's standard retry handles the other transient failures. (The SDK's adaptive mode was the first
 * choice, but after a throttle it held the rate far below the limit for seconds.)
 */
export function createClient(settings: ClientSettings): AppRunnerClient {
  const endpoint = resolveEndpoint(settings.endpoint);
  const region = resolveRegion(settings.region);
  const client = new AppRunnerClient({
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    retryMode: 'standard',
    maxAttempts: settings.maxAttempts ?? 8,
  });
  installPacer(client, settings.pacer ?? new Pacer());
  return client;
}
