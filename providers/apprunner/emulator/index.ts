// The local App Runner: an HTTP server speaking App Runner's real awsJson1_0 protocol, backed by an in-memory
// (optionally persisted) account, with an admin API for tests. Public surface: startEmulator and its types.
import type { AdminHandle } from './admin.js';
import { createAdmin } from './admin.js';
import { Emulator, type EmulatorOptions } from './emulator.js';
import { listen } from './server.js';

export type { AdminHandle, SettingsPatch } from './admin.js';
export {
  DELETED_RETENTION_SECONDS,
  FAST_DIVISOR,
  type LatencyProfile,
  nominalDurationMs,
  REALISTIC_DURATIONS_SECONDS,
  type TimedAction,
} from './clock.js';
export { DEFAULT_QUOTAS, type FailureTarget, type Quotas, type ScheduledFailure, type Settings } from './context.js';
export type { EmulatorOptions, RecordedCall, Stats } from './emulator.js';
export type { Credentials } from './sigv4.js';

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:4566; use it as the SDK endpoint. */
  readonly url: string;
  readonly port: number;
  /** Programmatic access to the admin operations. */
  readonly admin: AdminHandle;
  /** Stops listening (persisting first when a data file is set). */
  close(): Promise<void>;
}

/** Starts an emulator on 127.0.0.1 and a free port unless told otherwise. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const em = new Emulator(options);
  const admin = createAdmin(em);
  const { server, url, port } = await listen(em, admin, options.host ?? '127.0.0.1', options.port ?? 0);
  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    admin,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        em.persist();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
