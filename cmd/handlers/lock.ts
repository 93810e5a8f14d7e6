import { parseDuration } from '../../engine/eval/index.js';
import type { LockTimeoutArgs } from '../commands/options.js';

// The state lock options that plan, apply and destroy share.

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
