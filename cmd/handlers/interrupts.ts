import { constants } from 'node:os';

// How plan and apply hear SIGINT and SIGTERM. SIGHUP keeps its default: a run started with nohup
// must outlive its terminal.

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
let lateSeen = 0;

/**
 * An interrupt that arrives once a command has finished its work, while the process winds down. The
 * exit code the command chose stands (1 for a cancelled apply); a process that chose none reports
 * the signal (130 for SIGINT, 143 for SIGTERM). The process is left to finish writing its output and
 * end by itself; a second such interrupt, or a second gone by, ends it at once. Without this, the
 * signal would kill the process and hide the code the command chose.
 */
function late(signal: NodeJS.Signals): void {
  if (typeof process.exitCode !== 'number') process.exitCode = 128 + constants.signals[signal];
  const exit = () => process.exit(process.exitCode as number);
  if (++lateSeen > 1) exit();
  else setTimeout(exit, 1_000).unref();
}

/**
 * Sends SIGINT and SIGTERM to `onSignal` until the returned function is called. From then until the
 * process ends (or handlers are installed again), an interrupt is a late one (see `late`).
 */
export function onInterrupt(onSignal: () => void): () => void {
  lateSeen = 0;
  for (const s of SIGNALS) {
    process.off(s, late);
    process.on(s, onSignal);
  }
  return () => {
    for (const s of SIGNALS) {
      process.off(s, onSignal);
      if (!process.listeners(s).includes(late)) process.on(s, late);
    }
  };
}
