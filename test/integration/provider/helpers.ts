// Shared set-up for the provider's integration tests: an emulator, the provider configured
// against it with the real SDK, and an OpContext that records progress and logs.
import { AppRunnerClient } from '@aws-sdk/client-apprunner';
import {
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from '../../../providers/apprunner/emulator/index.js';
import { createProvider, type ProviderOptions } from '../../../providers/apprunner/index.js';
import type { ConfiguredProvider, OpContext, ProgressEvent, TimeoutKind } from '../../../providers/provider.js';

/** The region the tests use. */
export const REGION = 'eu-west-1';

/** A running emulator with the provider configured against it. */
export interface Harness {
  readonly em: RunningEmulator;
  readonly provider: ConfiguredProvider;
  /** A raw SDK client, for changes behind the provider's back. */
  readonly sdk: AppRunnerClient;
  close(): Promise<void>;
}

/** Starts an emulator and configures the provider against it. */
export async function harness(emulator: EmulatorOptions = {}, options: ProviderOptions = {}): Promise<Harness> {
  const em = await startEmulator({ latency: 'fast', seed: 11, ...emulator });
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const provider = await createProvider({ waitScale: 1000, client: { credentials }, ...options }).configure(
    { values: { region: REGION, endpoint: em.url } },
    new AbortController().signal,
  );
  const sdk = new AppRunnerClient({ endpoint: em.url, region: REGION, credentials, maxAttempts: 1 });
  return {
    em,
    provider,
    sdk,
    async close() {
      await provider.close();
      sdk.destroy();
      await em.close();
    },
  };
}

/** An OpContext whose progress events and log lines are kept for assertions. */
export interface RecordingContext extends OpContext {
  readonly events: ProgressEvent[];
  readonly lines: string[];
}

/** A context with generous timeouts (or the given ones) and an optional signal. */
export function context(
  address: string,
  extra: { signal?: AbortSignal; timeouts?: Partial<Record<TimeoutKind, number>> } = {},
): RecordingContext {
  const events: ProgressEvent[] = [];
  const lines: string[] = [];
  const record = (message: string, fields?: Record<string, unknown>) =>
    lines.push(fields ? `${message} ${JSON.stringify(fields)}` : message);
  return {
    signal: extra.signal ?? new AbortController().signal,
    address,
    progress: (e) => events.push(e),
    timeouts: { create: 60_000, update: 60_000, delete: 60_000, ...extra.timeouts },
    log: { debug: record, info: record, warn: record },
    events,
    lines,
  };
}

/** Minimal arguments of a public-image service. */
export function serviceArgs(name: string, extra: Record<string, unknown> = {}) {
  return {
    service_name: name,
    source_configuration: {
      image_repository: {
        image_identifier: 'public.ecr.aws/nginx/nginx:latest',
        image_repository_type: 'ECR_PUBLIC',
        image_configuration: { port: '80' },
      },
      auto_deployments_enabled: false,
    },
    ...extra,
  } as const;
}

/** The error a promise rejects with. */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Error) return e;
    throw new Error(`rejected with a non-error: ${String(e)}`);
  }
  throw new Error('expected a rejection');
}
