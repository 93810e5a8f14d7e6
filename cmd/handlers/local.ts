// `runform local`: runs the local App Runner emulator in the foreground until SIGINT or SIGTERM.
import { type LatencyProfile, startEmulator } from '../../providers/apprunner/emulator/index.js';

export interface LocalArgs {
  port: number;
  host: string;
  data?: string;
  latency: LatencyProfile;
  'time-scale': number;
  jitter: number;
  throttle: number;
  'fault-rate': number;
  seed?: number;
  'account-id': string;
  'strict-auth': boolean;
  'auto-handshake': boolean;
  'access-key-id': string;
  'secret-access-key': string;
}

/** Range checks yargs cannot express; a message for the user, never a stack trace. */
function problems(a: LocalArgs): string | undefined {
  if (!(a.jitter >= 0 && a.jitter <= 1)) return '--jitter must be between 0 and 1';
  if (!(a['fault-rate'] >= 0 && a['fault-rate'] <= 1)) return '--fault-rate must be between 0 and 1';
  if (!(a['time-scale'] > 0)) return '--time-scale must be greater than 0';
  if (!(a.throttle >= 0)) return '--throttle must be 0 or more';
  if (!(Number.isInteger(a.port) && a.port >= 0 && a.port <= 65535)) return '--port must be an integer in 0..65535';
  if (!/^\d{12}$/.test(a['account-id'])) return '--account-id must be 12 digits';
  return undefined;
}

/** Runs `runform local`. */
export async function localHandler(a: LocalArgs): Promise<void> {
  const problem = problems(a);
  if (problem) {
    process.stderr.write(`Error: ${problem}\n`);
    process.exitCode = 1;
    return;
  }
  let em: Awaited<ReturnType<typeof startEmulator>>;
  try {
    em = await startEmulator({
      port: a.port,
      host: a.host,
      dataFile: a.data,
      latency: a.latency,
      timeScale: a['time-scale'],
      jitter: a.jitter,
      throttleRps: a.throttle,
      faultRate: a['fault-rate'],
      seed: a.seed,
      accountId: a['account-id'],
      strictAuth: a['strict-auth'],
      autoHandshake: a['auto-handshake'],
      credentials: [{ accessKeyId: a['access-key-id'], secretAccessKey: a['secret-access-key'] }],
    });
  } catch (e) {
    process.stderr.write(`Error: the emulator could not start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
    return;
  }
  // Keep the command pending until a signal: cli.ts then returns the exit code to main.ts.
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stdout.write(`Received ${signal}; stopping.\n`);
      em.close().then(
        () => {
          process.exitCode = 0;
          resolve();
        },
        (e: unknown) => {
          process.stderr.write(`Error while stopping: ${String(e)}\n`);
          process.exitCode = 1;
          resolve();
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    // Announce only once the handlers are in place, so a signal sent on seeing the URL is always handled.
    process.stdout.write(`Local App Runner listening on ${em.url}\n`);
    process.stdout.write(`export AWS_ENDPOINT_URL_APPRUNNER=${em.url}\n`);
    if (a.data) process.stdout.write(`Persisting the account to ${a.data}\n`);
  });
}
