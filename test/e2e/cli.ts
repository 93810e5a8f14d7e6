import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../providers/apprunner/emulator/index.js';

/** The built CLI (npm test builds before running vitest). */
export const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;

/** Runs `runform ARGS` as a child process and returns its exit code and output. */
export function runform(args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd: opts.cwd,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder holding the given files. */
export function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'runform-e2e-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** True when the text contains a JavaScript stack frame. */
export const hasStackTrace = (s: string): boolean => /\n\s+at .+:\d+:\d+/.test(s);

/**
 * Runs `runform ARGS` without blocking this process's event loop: needed when the test also
 * serves something the child talks to (an in-process local App Runner, say).
 */
export function runformAsync(
  args: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * A local App Runner (instant latency) started before a test file's tests and closed after them,
 * with the environment that points runform at it. Read the fields inside tests.
 */
export function emulatorForCli(): { readonly em: RunningEmulator; readonly env: NodeJS.ProcessEnv } {
  const held = {} as { em: RunningEmulator; env: NodeJS.ProcessEnv };
  beforeAll(async () => {
    held.em = await startEmulator({ latency: 'instant' });
    held.env = {
      AWS_ENDPOINT_URL_APPRUNNER: held.em.url,
      AWS_ACCESS_KEY_ID: 'e2e',
      AWS_SECRET_ACCESS_KEY: 'e2e',
      RUNFORM_WAIT_SCALE: '1000',
    };
  });
  afterAll(() => held.em?.close());
  return held;
}

/** A configuration folder whose main.hcl is an App Runner provider block (eu-west-1) plus `resources`. */
export function appRunnerFolder(resources: string): string {
  return folder({ 'main.hcl': `provider "apprunner" {\n  region = "eu-west-1"\n}\n\n${resources}` });
}
