import { parseDuration } from '../../engine/eval/index.js';
import type { LockTimeoutArgs } from '../commands/options.js';
import { type Fail, failer } from './report.js';

// The state lock options that plan, apply and destroy share.

/** The lock timeout in milliseconds; undefined (after `fail` said why, exit code 1) when malformed. */
export function lockTimeoutOf(args: LockTimeoutArgs, fail: Fail = failer()): number | undefined {
  const ms = parseDuration(args['lock-timeout'] ?? '0s');
  if (ms === undefined) {
    fail(
      'Invalid --lock-timeout',
      `--lock-timeout must be a duration such as 0s, 30s or 2m, not "${args['lock-timeout']}".`,
    );
  }
  return ms;
}
