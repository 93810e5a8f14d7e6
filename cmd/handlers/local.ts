// `runform local`: runs the local App Runner emulator in the foreground until SIGINT or SIGTERM.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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

/** The options that take a value; given twice, yargs collects them into an array. */
const VALUE_OPTIONS = [
  'port',
  'host',
  'data',
  'latency',
  'time-scale',
  'jitter',
  'throttle',
  'fault-rate',
  'seed',
  'account-id',
  'access-key-id',
  'secret-access-key',
] as const;

/** The largest seed: the generator keeps 32 bits, so a larger one would repeat a smaller one's runs. */
const MAX_SEED = 0xffffffff;
/** The largest time scale and throttle rate, the same bounds as the admin API's settings. */
const MAX_RATE = 1e9;

/** The data file's problem, if any: it must name a file whose folder already exists. */
function dataProblem(file: string): string | undefined {
  if (file === '') return '--data needs a file name';
  const folder = dirname(resolve(file));
  if (!existsSync(folder)) return `--data: the folder ${folder} does not exist; create it first`;
  if (!statSync(folder).isDirectory()) return `--data: ${folder} is not a folder`;
  if (existsSync(file) && statSync(file).isDirectory()) return `--data must name a file, and ${file} is a folder`;
  return undefined;
}

/** Range checks yargs cannot express; a message for the user, never a stack trace. */
function problems(a: LocalArgs): string | undefined {
  for (const name of VALUE_OPTIONS) {
    if (Array.isArray(a[name])) return `--${name} was given more than once`;
  }
  if (!(a.jitter >= 0 && a.jitter <= 1)) return '--jitter must be between 0 and 1';
  if (!(a['fault-rate'] >= 0 && a['fault-rate'] <= 1)) return '--fault-rate must be between 0 and 1';
  if (!(a['time-scale'] > 0 && a['time-scale'] <= MAX_RATE)) {
    return '--time-scale must be greater than 0 and at most 1e9';
  }
  if (!(a.throttle >= 0 && a.throttle <= MAX_RATE)) return '--throttle must be between 0 and 1e9';
  if (!(Number.isInteger(a.port) && a.port >= 0 && a.port <= 65535)) return '--port must be an integer in 0..65535';
  if (a.seed !== undefined && !(Number.isInteger(a.seed) && a.seed >= 0 && a.seed <= MAX_SEED)) {
    return `--seed must be an integer in 0..${MAX_SEED}`;
  }
  if (a.host === '') return '--host needs an interface name or address';
  if (!/^\d{12}$/.test(a['account-id'])) return '--account-id must be 12 digits';
  if (a.data !== undefined) return dataProblem(a.data);
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
