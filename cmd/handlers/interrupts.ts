// How plan and apply hear SIGINT and SIGTERM. SIGHUP keeps its default: a run started with nohup
// must outlive its terminal.

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Ends the process when an interrupt arrives after a command has finished its work: the exit code
 * the command chose stands (1 for a cancelled apply), and only a process that chose none reports
 * the interrupt as 130. Without it, an interrupt landing while the process winds down would kill it
 * by signal and hide that code.
 */
function late(): void {
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 130);
}

/**
 * Sends SIGINT and SIGTERM to `onSignal` until the returned function is called. From then until the
 * process ends, an interrupt ends it at once with the exit code already chosen.
 */
export function onInterrupt(onSignal: () => void): () => void {
  for (const s of SIGNALS) process.on(s, onSignal);
  return () => {
    for (const s of SIGNALS) {
      process.off(s, onSignal);
      if (!process.listeners(s).includes(late)) process.on(s, late);
    }
  };
}
