import { afterEach, describe, expect, it } from 'vitest';
import { elapsedText, progressIntervalMs } from '../../../../cmd/views/apply-words.js';
import { createProgressView, type ProgressView } from '../../../../cmd/views/progress.js';

// The progress views driven directly: a fake stream that says it is a terminal gets the live
// block (redrawn in place, finished lines above it); one that does not gets plain lines.

/** A writable that records what is written, as a terminal or not. */
function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, columns: 120, rows: 40, write: (s: string) => chunks.push(s), text: () => chunks.join('') };
}

// Strips ANSI escape sequences: what a reader of the terminal would see, written line by line.
const ESC = String.fromCharCode(27);
const plain = (s: string) =>
  s
    .split(ESC)
    .map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;?]*[A-Za-z]/, '')))
    .join('');
/** True when the text holds a control character other than a newline. */
const hasControl = (s: string) => [...s].some((c) => c !== '\n' && (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127));

let view: ProgressView | undefined;
afterEach(() => view?.close());

describe('live progress on a terminal', () => {
  it('shows each change in flight with its action, provider status and elapsed time', () => {
    let t = 1_000_000;
    const out = fakeStream(true);
    view = createProgressView(out, { color: false, intervalMs: 10_000, now: () => t });
    view.onEvent({ kind: 'start', address: 'apprunner_service.web', action: 'create' });
    view.onEvent({ kind: 'start', address: 'apprunner_vpc_connector.c', action: 'destroy' });
    t += 65_000;
    view.onEvent({
      kind: 'progress',
      address: 'apprunner_service.web',
      action: 'create',
      progress: { status: 'IN_PROGRESS', resourceStatus: 'OPERATION_IN_PROGRESS', operationId: 'op-1' },
    });
    const last = out.chunks.at(-1)!;
    // Redrawn in place: the frame erases the lines it replaces.
    expect(last).toContain(`${ESC}[`);
    const shown = plain(last);
    expect(shown).toMatch(/apprunner_service\.web\s+creating\s+IN_PROGRESS, OPERATION_IN_PROGRESS\s+1m5s/);
    expect(shown).toMatch(/apprunner_vpc_connector\.c\s+destroying\s+1m5s/);
  });

  it('prints a finished change above the block, which keeps only what is still in flight', () => {
    let t = 0;
    const out = fakeStream(true);
    view = createProgressView(out, { color: false, intervalMs: 10_000, now: () => t });
    view.onEvent({ kind: 'start', address: 'apprunner_service.a', action: 'create' });
    view.onEvent({ kind: 'start', address: 'apprunner_service.b', action: 'update' });
    t += 252_000;
    const before = out.chunks.length;
    view.onEvent({
      kind: 'done',
      address: 'apprunner_service.a',
      action: 'create',
      ms: 252_000,
      id: { key: 'arn', value: 'arn:aws:apprunner:eu-west-1:1:service/a/1' },
    });
    const after = out.chunks.slice(before).map(plain).join('');
    const lines = after.split('\n');
    const doneAt = lines.findIndex((l) =>
      l.includes('apprunner_service.a: Creation complete after 4m12s [arn=arn:aws:apprunner:eu-west-1:1:service/a/1]'),
    );
    expect(doneAt).toBeGreaterThanOrEqual(0);
    // The block is drawn again below the finished line, with b alone in it.
    const redrawn = lines.slice(doneAt + 1).join('\n');
    expect(redrawn).toMatch(/apprunner_service\.b\s+modifying/);
    expect(redrawn).not.toContain('apprunner_service.a');
    view.onEvent({ kind: 'failed', address: 'apprunner_service.b', action: 'update', ms: 3_000, message: 'boom' });
    expect(plain(out.text())).toContain('apprunner_service.b: Modifications errored after 3s');
  });

  it('still shows the block on a terminal that reports no size', () => {
    const out = { ...fakeStream(true), columns: 0, rows: 0 };
    const chunks = out.chunks;
    view = createProgressView(out, { color: false, intervalMs: 10_000, now: () => 0 });
    view.onEvent({ kind: 'start', address: 'apprunner_service.web', action: 'create' });
    expect(plain(chunks.join(''))).toMatch(/apprunner_service\.web\s+creating/);
  });

  it('paints with colour only when asked', () => {
    const coloured = fakeStream(true);
    view = createProgressView(coloured, { color: true, intervalMs: 10_000, now: () => 0 });
    view.onEvent({ kind: 'start', address: 'x_y.z', action: 'create' });
    view.onEvent({ kind: 'done', address: 'x_y.z', action: 'create', ms: 0 });
    expect(coloured.text()).toContain('\x1b[32mx_y.z: Creation complete\x1b[0m');
    view.close();
    const bare = fakeStream(true);
    view = createProgressView(bare, { color: false, intervalMs: 10_000, now: () => 0 });
    view.onEvent({ kind: 'start', address: 'x_y.z', action: 'create' });
    view.onEvent({ kind: 'done', address: 'x_y.z', action: 'create', ms: 0 });
    expect(bare.text()).not.toContain('\x1b[32m');
  });
});

describe('progress off a terminal', () => {
  it('writes start, still and complete lines without a control character', async () => {
    const out = fakeStream(false);
    view = createProgressView(out, { color: true, intervalMs: 20 });
    view.onEvent({ kind: 'start', address: 'apprunner_service.web', action: 'create' });
    view.onEvent({
      kind: 'progress',
      address: 'apprunner_service.web',
      action: 'create',
      progress: { status: 'IN_PROGRESS' },
    });
    await new Promise((r) => setTimeout(r, 120));
    view.onEvent({ kind: 'done', address: 'apprunner_service.web', action: 'create', ms: 61_000 });
    const text = out.text();
    expect(hasControl(text)).toBe(false);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('apprunner_service.web: Creating...');
    expect(
      lines.filter((l) => /^apprunner_service\.web: Still creating\.\.\. \[\d+s elapsed\] \(IN_PROGRESS\)$/.test(l))
        .length,
    ).toBeGreaterThanOrEqual(2);
    expect(lines.at(-1)).toBe('apprunner_service.web: Creation complete after 1m1s');
  });
});

describe('elapsed time', () => {
  it('reads as hours, minutes and seconds, in whole seconds', () => {
    expect(elapsedText(0)).toBe('0s');
    expect(elapsedText(59_999)).toBe('59s');
    expect(elapsedText(60_000)).toBe('1m0s');
    expect(elapsedText(252_400)).toBe('4m12s');
    expect(elapsedText(3_605_000)).toBe('1h0m5s');
  });
});

describe('the progress interval', () => {
  it('is 10 s unless RUNFORM_PROGRESS_INTERVAL_MS sets a positive number of milliseconds', () => {
    expect(progressIntervalMs({})).toBe(10_000);
    expect(progressIntervalMs({ RUNFORM_PROGRESS_INTERVAL_MS: '250' })).toBe(250);
    for (const bad of ['0', '-5', 'soon', ''])
      expect(progressIntervalMs({ RUNFORM_PROGRESS_INTERVAL_MS: bad })).toBe(10_000);
  });
});
