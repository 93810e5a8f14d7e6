import type { Argv, CommandModule } from 'yargs';
import type { LatencyProfile } from '../../providers/apprunner/emulator/index.js';
import type { LocalArgs } from '../handlers/local.js';

function builder(y: Argv): Argv<LocalArgs> {
  return y
    .option('port', {
      requiresArg: true,
      type: 'number',
      default: 4566,
      describe: 'TCP port to listen on (0 picks a free one)',
    })
    .option('host', { requiresArg: true, type: 'string', default: '127.0.0.1', describe: 'interface to bind' })
    .option('data', {
      requiresArg: true,
      type: 'string',
      describe: 'persist the whole emulated account to this file (its folder must exist)',
    })
    .option('latency', {
      requiresArg: true,
      choices: ['instant', 'fast', 'realistic'] as const,
      default: 'fast' as LatencyProfile,
      describe: 'how long asynchronous operations take',
    })
    .option('time-scale', {
      requiresArg: true,
      type: 'number',
      default: 1,
      describe: 'divide every realistic duration by N',
    })
    .option('jitter', { requiresArg: true, type: 'number', default: 0, describe: 'random spread on durations, 0..1' })
    .option('throttle', {
      requiresArg: true,
      type: 'number',
      default: 0,
      describe: 'requests per second before throttling (0: none)',
    })
    .option('fault-rate', {
      requiresArg: true,
      type: 'number',
      default: 0,
      describe: 'probability of an injected 500, 0..1',
    })
    .option('seed', {
      requiresArg: true,
      type: 'number',
      describe: 'seed for ids, jitter and faults, an integer in 0..4294967295 (reproducible runs)',
    })
    .option('account-id', {
      requiresArg: true,
      type: 'string',
      default: '123456789012',
      describe: 'the emulated AWS account id',
    })
    .option('strict-auth', { type: 'boolean', default: false, describe: 'verify SigV4 signatures' })
    .option('auto-handshake', { type: 'boolean', default: false, describe: 'connections become AVAILABLE at once' })
    .option('access-key-id', {
      requiresArg: true,
      type: 'string',
      default: 'test',
      describe: 'access key accepted by --strict-auth',
    })
    .option('secret-access-key', {
      requiresArg: true,
      type: 'string',
      default: 'test',
      describe: 'secret key of --access-key-id',
    })
    .strict() as unknown as Argv<LocalArgs>;
}

/** `runform local`. */
export const localCommand: CommandModule<object, LocalArgs> = {
  command: 'local',
  describe: 'Run the local App Runner emulator (no AWS account needed)',
  builder,
  handler: async (a) => (await import('../handlers/local.js')).localHandler(a),
};
