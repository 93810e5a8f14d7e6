import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./child.mjs', import.meta.url));

/** One JSON line a child printed. */
export type ChildEvent = Record<string, unknown> & { event: string };

/** A child runform process and the events it has printed so far. */
export interface Child {
  readonly proc: ChildProcess;
  readonly events: ChildEvent[];
  /** Resolves with the first event matching `pred` (already printed or yet to come). */
  next(pred: (e: ChildEvent) => boolean): Promise<ChildEvent>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<number | null>;
}

/** Starts child.mjs with a command and the spec of the store it must open. */
export function startChild(command: string, spec: unknown, ...args: string[]): Child {
  const proc = spawn(process.execPath, [script, command, JSON.stringify(spec), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const events: ChildEvent[] = [];
  const waiters: { pred: (e: ChildEvent) => boolean; resolve: (e: ChildEvent) => void }[] = [];
  let stderr = '';
  proc.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    const e = JSON.parse(line) as ChildEvent;
    events.push(e);
    for (const w of [...waiters]) {
      if (w.pred(e)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  });
  const next = (pred: (e: ChildEvent) => boolean) =>
    new Promise<ChildEvent>((resolve, reject) => {
      const seen = events.find(pred);
      if (seen) return resolve(seen);
      waiters.push({ pred, resolve });
      exited.then((code) => reject(new Error(`child exited (${code}) before the awaited event: ${stderr}`)));
    });
  return { proc, events, next, exited };
}
