// Builds the App Runner SDK client from the provider configuration: region, endpoint override,
// the standard credential chain (with an optional profile) and adaptive retries.
import { AppRunnerClient } from '@aws-sdk/client-apprunner';

/** The provider settings that shape the client. */
export interface ClientSettings {
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
  /** Test hook: explicit credentials instead of the default chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Test hook: attempts per request (the SDK default is 3). */
  readonly maxAttempts?: number;
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

/** A client that throttling slows down (adaptive retry) rather than fails. */
export function createClient(settings: ClientSettings): AppRunnerClient {
  const endpoint = resolveEndpoint(settings.endpoint);
  const region = resolveRegion(settings.region);
  return new AppRunnerClient({
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    retryMode: 'adaptive',
    maxAttempts: settings.maxAttempts ?? 8,
  });
}
