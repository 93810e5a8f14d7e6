// Shared set-up for the emulator's wire tests: a fresh emulator per file and real SDK clients pointed at it.
import { AppRunnerClient } from '@aws-sdk/client-apprunner';
import {
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from '../../../providers/apprunner/emulator/index.js';

/** The region the tests sign for; it must show up in ARNs and URLs. */
export const REGION = 'eu-west-1';

/** Starts an emulator with the instant profile unless the test asks otherwise. */
export function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ latency: 'instant', seed: 7, ...options });
}

/** A real SDK client with fake static credentials. */
export function client(em: RunningEmulator, extra: { maxAttempts?: number; region?: string } = {}): AppRunnerClient {
  return new AppRunnerClient({
    endpoint: em.url,
    region: extra.region ?? REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: extra.maxAttempts ?? 1,
  });
}

/** A minimal public-image source configuration. */
export const PUBLIC_IMAGE = {
  ImageRepository: {
    ImageIdentifier: 'public.ecr.aws/nginx/nginx:latest',
    ImageRepositoryType: 'ECR_PUBLIC' as const,
    ImageConfiguration: { Port: '80' },
  },
  AutoDeploymentsEnabled: false,
};

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The error name a rejected SDK call carries (the protocol's __type). */
export async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}
