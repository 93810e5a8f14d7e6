import { createLogUpdate } from 'log-update';
import type { ApplyEvent } from '../../engine/apply/index.js';
import type { ProgressEvent } from '../../providers/provider.js';
import { elapsedText, type HookAction, hookAction, idSuffix, wordsFor } from './apply-words.js';

// Progress of apply and destroy. On a terminal: a live block of the changes in flight (address,
// action, the provider's operation status, elapsed time) redrawn in place, with each finished
// change printed above it as it ends. Elsewhere (CI logs): one plain line when a change starts,
// one when it ends, and a "Still creating..." line at a fixed interval, never a control character.

/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
  readonly rows?: number;
  on?(event: string, listener: (...args: unknown[]) => void): unknown;
  off?(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Options of createProgressView. */
export interface ProgressOptions {
  /** Colour on a terminal (already false with NO_COLOR or --no-color). */
  readonly color: boolean;
  /** Interval of the "Still creating..." lines off a terminal, and of redraws on one. */
  readonly intervalMs: number;
  /** The clock in milliseconds (tests). */
  readonly now?: () => number;
}

/** A progress view: feed it the applier's events; close it when the apply ends. */
export interface ProgressView {
  onEvent(e: ApplyEvent): void;
  close(): void;
}

interface InFlight {
  readonly address: string;
  readonly action: HookAction;
  readonly started: number;
  status?: ProgressEvent;
}

/** The status a provider reported, as shown after a change in flight. */
export function statusText(p: ProgressEvent | undefined): string {
  if (!p) return '';
  return p.resourceStatus ? `${p.status}, ${p.resourceStatus}` : p.status;
}

const flightKey = (e: ApplyEvent) => `${e.address}#${e.action === 'destroy' ? 'destroy' : 'apply'}`;

/** Picks the live view on a terminal, the line view elsewhere. */
export function createProgressView(stream: ProgressStream, opts: ProgressOptions): ProgressView {
  return stream.isTTY ? liveView(stream, opts) : lineView(stream, opts);
}

/** The CI form: plain lines only. */
export function lineView(stream: ProgressStream, opts: ProgressOptions): ProgressView {
  const now = opts.now ?? Date.now;
  const flights = new Map<string, InFlight & { timer: NodeJS.Timeout }>();
  const line = (s: string) => stream.write(`${s}\n`);
  const stop = (k: string) => {
    const f = flights.get(k);
    if (f) clearInterval(f.timer);
    flights.delete(k);
  };
  return {
    onEvent(e) {
      const k = flightKey(e);
      const action = hookAction(e.action);
      const w = wordsFor(action);
      switch (e.kind) {
        case 'start': {
          stop(k);
          const started = now();
          const timer = setInterval(() => {
            const f = flights.get(k);
            const st = statusText(f?.status);
            line(`${e.address}: ${w.still} [${elapsedText(now() - started)} elapsed]${st ? ` (${st})` : ''}`);
          }, opts.intervalMs);
          timer.unref();
          flights.set(k, { address: e.address, action, started, timer });
          line(`${e.address}: ${w.start}${idSuffix(e.id)}`);
          return;
        }
        case 'progress': {
          const f = flights.get(k);
          if (f) f.status = e.progress;
          return;
        }
        case 'done':
          stop(k);
          line(`${e.address}: ${w.done} after ${elapsedText(e.ms)}${idSuffix(e.id)}`);
          return;
        case 'failed':
          stop(k);
          line(`${e.address}: ${w.failed} after ${elapsedText(e.ms)}`);
          return;
      }
    },
    close() {
      for (const k of [...flights.keys()]) stop(k);
    },
  };
}

const VERB: Record<HookAction, string> = {
  create: 'creating',
  update: 'modifying',
  delete: 'destroying',
  read: 'reading',
  noop: 'checking',
};

/** The live block: one line per change in flight, oldest first. */
export function renderInFlight(flights: Iterable<InFlight>, at: number, paint: (code: string, s: string) => string) {
  const lines: string[] = [];
  for (const f of flights) {
    const st = statusText(f.status);
    lines.push(
      `  ${paint('1', f.address)}  ${VERB[f.action]}${st ? `  ${paint('36', st)}` : ''}  ${paint('2', elapsedText(at - f.started))}`,
    );
  }
  return lines.join('\n');
}

/** The terminal form: the in-flight block redrawn in place, finished lines printed above it. */
export function liveView(stream: ProgressStream, opts: ProgressOptions): ProgressView {
  const now = opts.now ?? Date.now;
  const paint = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  // A terminal that reports no size (some CI pseudo-terminals say 0×0) is taken as 80×24, or
  // the live block would never show.
  const sized = {
    isTTY: true,
    write: (chunk: string) => stream.write(chunk),
    get columns() {
      return stream.columns || 80;
    },
    get rows() {
      return stream.rows || 24;
    },
  };
  const log = createLogUpdate(sized as unknown as NodeJS.WriteStream, { showCursor: true });
  const flights = new Map<string, InFlight>();
  const draw = () => {
    if (flights.size === 0) log.clear();
    else log(renderInFlight(flights.values(), now(), paint));
  };
  // Redrawn every second so elapsed times tick, and at most as often as the interval asks.
  const timer = setInterval(draw, Math.min(1000, opts.intervalMs));
  timer.unref();
  const finished = (text: string) => {
    log.clear();
    stream.write(`${text}\n`);
    draw();
  };
  return {
    onEvent(e) {
      const k = flightKey(e);
      const action = hookAction(e.action);
      const w = wordsFor(action);
      switch (e.kind) {
        case 'start':
          flights.set(k, { address: e.address, action, started: now() });
          draw();
          return;
        case 'progress': {
          const f = flights.get(k);
          if (f) f.status = e.progress;
          draw();
          return;
        }
        case 'done':
          flights.delete(k);
          finished(`${paint('32', `${e.address}: ${w.done}`)} after ${elapsedText(e.ms)}${idSuffix(e.id)}`);
          return;
        case 'failed':
          flights.delete(k);
          finished(`${paint('31', `${e.address}: ${w.failed}`)} after ${elapsedText(e.ms)}`);
          return;
      }
    },
    close() {
      clearInterval(timer);
      log.clear();
      log.done();
    },
  };
}
