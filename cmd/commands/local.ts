// `runform local`: runs the local App Runner emulator in the foreground until SIGINT or SIGTERM.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { type LatencyProfile, startEmulator } from '../../providers/apprunner/emulator/index.js';

interface LocalArgs {
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

function builder(y: Argv): Argv<LocalArgs> {
  return y
    .option('port', { type: 'number', default: 4566, describe: 'TCP port to listen on (0 picks a free one)' })
    .option('host', { type: 'string', default: '127.0.0.1', describe: 'interface to bind' })
    .option('data', { type: 'string', describe: 'persist the whole emulated account to this file' })
    .option('latency', {
      choices: ['instant', 'fast', 'realistic'] as const,
      default: 'fast' as LatencyProfile,
      describe: 'how long asynchronous operations take',
    })
    .option('time-scale', { type: 'number', default: 1, describe: 'divide every realistic duration by N' })
    .option('jitter', { type: 'number', default: 0, describe: 'random spread on durations, 0..1' })
    .option('throttle', { type: 'number', default: 0, describe: 'requests per second before throttling (0: none)' })
    .option('fault-rate', { type: 'number', default: 0, describe: 'probability of an injected 500, 0..1' })
    .option('seed', { type: 'number', describe: 'seed for ids, jitter and faults (reproducible runs)' })
    .option('account-id', { type: 'string', default: '123456789012', describe: 'the emulated AWS account id' })
    .option('strict-auth', { type: 'boolean', default: false, describe: 'verify SigV4 signatures' })
    .option('auto-handshake', { type: 'boolean', default: false, describe: 'connections become AVAILABLE at once' })
    .option('access-key-id', { type: 'string', default: 'test', describe: 'access key accepted by --strict-auth' })
    .option('secret-access-key', { type: 'string', default: 'test', describe: 'secret key of --access-key-id' })
    .strict() as unknown as Argv<LocalArgs>;
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

async function handler(a: ArgumentsCamelCase<LocalArgs>): Promise<void> {
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

/** `runform local`. */
export const localCommand: CommandModule<object, LocalArgs> = {
  command: 'local',
  describe: 'Run the local App Runner emulator (no AWS account needed)',
  builder,
  handler,
};
