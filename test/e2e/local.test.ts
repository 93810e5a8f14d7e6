import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppRunnerClient, CreateConnectionCommand } from '@aws-sdk/client-apprunner';
import { afterAll, describe, expect, it } from 'vitest';

const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'runform-local-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Resolves with stdout so far once `pattern` appears in it. */
function waitFor(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; got: ${out}`)), 15_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = out.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
  });
}

describe('runform local', () => {
  it('prints its URL and endpoint line, serves the SDK, and exits 0 on SIGTERM after persisting', async () => {
    const data = join(dir, 'account.json');
    const child = spawn(process.execPath, [
      bin,
      'local',
      '--port',
      '0',
      '--latency',
      'instant',
      '--seed',
      '3',
      '--data',
      data,
    ]);
    try {
      const m = await waitFor(child, /AWS_ENDPOINT_URL_APPRUNNER=(http:\/\/127\.0\.0\.1:\d+)/);
      // Use the printed line exactly as a user would: the SDK reads the service-specific endpoint variable.
      const saved = process.env.AWS_ENDPOINT_URL_APPRUNNER;
      process.env.AWS_ENDPOINT_URL_APPRUNNER = m[1];
      const c = new AppRunnerClient({
        region: 'eu-west-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      const r = await c.send(new CreateConnectionCommand({ ConnectionName: 'from-cli', ProviderType: 'GITHUB' }));
      expect(r.Connection?.ConnectionArn).toMatch(/^arn:aws:apprunner:eu-west-1:123456789012:connection\/from-cli\//);
      c.destroy();
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_APPRUNNER;
      else process.env.AWS_ENDPOINT_URL_APPRUNNER = saved;
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(readFileSync(data, 'utf8')).toContain('from-cli');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('stops cleanly on SIGINT too', async () => {
    const child = spawn(process.execPath, [bin, 'local', '--port', '0', '--latency', 'fast']);
    try {
      await waitFor(child, /listening on http:\/\/127\.0\.0\.1:\d+/);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses an out-of-range option with exit 1 and a message', async () => {
    const child = spawn(process.execPath, [bin, 'local', '--jitter', '2']);
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain('--jitter');
  });

  it('refuses a bad seed, port, latency, repeated option or data file with exit 1, a message and no stack trace', async () => {
    const missing = join(dir, 'missing');
    const cases: [string[], RegExp][] = [
      [['--seed', 'abc'], /^Error: --seed must be an integer in 0\.\.4294967295$/m],
      [['--seed', '1.5'], /^Error: --seed must be an integer in 0\.\.4294967295$/m],
      [['--seed', '-1'], /^Error: --seed must be an integer in 0\.\.4294967295$/m],
      [['--seed', '4294967296'], /^Error: --seed must be an integer in 0\.\.4294967295$/m],
      [['--seed'], /^Error: Not enough arguments following: seed$/m],
      [['--seed', '1', '--seed', '2'], /^Error: --seed was given more than once$/m],
      [['--port', 'http'], /^Error: --port must be an integer in 0\.\.65535$/m],
      [['--port', '65536'], /^Error: --port must be an integer in 0\.\.65535$/m],
      [['--port'], /^Error: Not enough arguments following: port$/m],
      [['--latency', 'warp'], /latency.*warp/s],
      [['--latency', 'fast', '--latency', 'instant'], /^Error: --latency was given more than once$/m],
      [['--time-scale', 'Infinity'], /^Error: --time-scale must be greater than 0 and at most 1e9$/m],
      [['--data', join(missing, 'x.json')], /^Error: --data: the folder .*missing does not exist; create it first$/m],
      [['--data', dir], /^Error: --data must name a file, and .* is a folder$/m],
      [['--data='], /^Error: --data needs a file name$/m],
    ];
    await Promise.all(
      cases.map(async ([args, message]) => {
        // A free port, so that a case refused too late could not clash with another emulator.
        const port = args.some((a) => a.startsWith('--port')) ? [] : ['--port', '0'];
        const child = spawn(process.execPath, [bin, 'local', ...port, ...args]);
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString('utf8');
        });
        child.stderr.on('data', (c: Buffer) => {
          err += c.toString('utf8');
        });
        const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
        expect({ args, code, out }).toEqual({ args, code: 1, out: '' });
        expect(err).toMatch(message);
        expect(err).not.toMatch(/^\s+at /m);
      }),
    );
    expect(existsSync(missing)).toBe(false);
  });
});
