import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasStackTrace } from './cli.js';

const script = new URL('../../scripts/quickstart.mjs', import.meta.url).pathname;

describe('npm run quickstart', () => {
  it('walks every step against the local App Runner and exits 0', () => {
    const r = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const steps = [...r.stdout.matchAll(/^== Step (\d+): /gm)].map((m) => Number(m[1]));
    expect(steps).toEqual([1, 2, 3, 4, 5]);
    expect(r.stdout).toContain('Success! The configuration is valid.');
    expect(r.stdout).toMatch(/CREATE_SERVICE SUCCEEDED/);
    expect(r.stdout).toMatch(/quickstart-web is RUNNING at https:\/\/\w+\.eu-west-1\.awsapprunner\.com/);
    expect(hasStackTrace(r.stdout)).toBe(false);
  }, 150_000);
});
