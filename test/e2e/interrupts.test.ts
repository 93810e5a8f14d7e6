import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// An interrupt that lands after plan or apply has finished its work, while the process winds down,
// must not replace the exit code the command chose. The command runs in a real process here, and
// lingers on purpose after its handlers are done, so the late signal always lands in that window.

const module = fileURLToPath(new URL('../../dist/cmd/handlers/interrupts.js', import.meta.url));

/** Starts a process that handles interrupts, ends the handling, sets `code` (if any) and lingers. */
async function lateInterrupt(code: number | undefined, signal: NodeJS.Signals) {
  const script = `
    const { onInterrupt } = await import(${JSON.stringify(module)});
    const dispose = onInterrupt(() => console.log('handled'));
    dispose();
    ${code === undefined ? '' : `process.exitCode = ${code};`}
    console.log('ready');
    setTimeout(() => console.log('lingered'), 20000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('ready') && !child.killed) child.kill(signal);
  });
  const [status, by] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  return { status, by, out };
}

describe('an interrupt after the command is done', () => {
  it('keeps the exit code 1 of a cancelled apply instead of dying by SIGINT (130)', async () => {
    const r = await lateInterrupt(1, 'SIGINT');
    expect(r).toEqual({ status: 1, by: null, out: 'ready\n' });
  });

  it('keeps exit code 0 of a finished run on SIGTERM', async () => {
    const r = await lateInterrupt(0, 'SIGTERM');
    expect(r).toEqual({ status: 0, by: null, out: 'ready\n' });
  });

  it('reports the signal (130, 143) when the command chose no exit code yet, and never calls the finished handler', async () => {
    expect(await lateInterrupt(undefined, 'SIGINT')).toEqual({ status: 130, by: null, out: 'ready\n' });
    expect(await lateInterrupt(undefined, 'SIGTERM')).toEqual({ status: 143, by: null, out: 'ready\n' });
  });
});
