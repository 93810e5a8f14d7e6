import type { Argv } from 'yargs';
import { parseDuration } from '../../engine/eval/index.js';

// The state lock options that plan, apply and destroy share.

/** `--lock-timeout` as written on the command line. */
export interface LockTimeoutArgs {
  'lock-timeout'?: string;
}

/** Adds `--lock-timeout`. */
export function lockTimeoutOption<T>(y: Argv<T>): Argv<T & LockTimeoutArgs> {
  return y.option('lock-timeout', {
    type: 'string',
    default: '0s',
    describe: 'How long to wait for the state lock, e.g. 30s or 2m',
  }) as Argv<T & LockTimeoutArgs>;
}

/** The lock timeout in milliseconds; undefined (after saying why on stderr, exit code 1) when malformed. */
export function lockTimeoutOf(args: LockTimeoutArgs): number | undefined {
  const ms = parseDuration(args['lock-timeout'] ?? '0s');
  if (ms === undefined) {
    process.stderr.write(
      `Error: --lock-timeout must be a duration such as 0s, 30s or 2m, not "${args['lock-timeout']}".\n`,
    );
    process.exitCode = 1;
  }
  return ms;
}
