import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasStackTrace } from './cli.js';

const script = new URL('../../scripts/quickstart.mjs', import.meta.url).pathname;

/** The output of one numbered step. */
function stepText(out: string, n: number): string {
  const start = out.indexOf(`== Step ${n}: `);
  const end = out.indexOf(`== Step ${n + 1}: `);
  return start < 0 ? '' : out.slice(start, end < 0 ? undefined : end);
}

describe('npm run quickstart', () => {
  it('runs validate, plan, apply, output, a clean re-plan, drift catching a change made outside, and destroy', () => {
    const r = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect([...out.matchAll(/^== Step (\d+): /gm)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(stepText(out, 1)).toContain('Success! The configuration is valid.');
    expect(stepText(out, 3)).toContain('Plan: 3 to add, 0 to change, 0 to replace, 0 to destroy.');
    expect(stepText(out, 4)).toMatch(/apprunner_service\.web: Creation complete after/);
    expect(stepText(out, 4)).toContain('Apply complete: 3 change(s) made.');
    expect(stepText(out, 5)).toMatch(/^service_url = "\w+\.eu-west-1\.awsapprunner\.com"$/m);
    expect(stepText(out, 5)).toMatch(/^dns_target = "/m);
    expect(stepText(out, 3)).toContain('Saved the plan to reviewed.plan.');
    expect(stepText(out, 4)).toContain('$ runform apply reviewed.plan');
    expect(stepText(out, 6)).toContain('No changes. The infrastructure matches the configuration.');
    expect(stepText(out, 6)).not.toMatch(/^Plan: /m);
    // A service starting to use its auto scaling revision is our own doing, not a change made outside.
    expect(stepText(out, 6)).not.toContain('changed outside');
    const caught = stepText(out, 8);
    expect(caught).toContain('$ runform drift .');
    expect(caught).toContain('apprunner_service.web has changed:');
    expect(caught).toMatch(/tags\.owner\s+"platform" -> "someone-else"/);
    expect(caught).toContain('Drift: 1 of 3 resource(s) changed outside runform.');
    // "1 vCPU" in the configuration and "1024" from App Runner are the same size: never a change.
    expect(caught).not.toContain('instance_configuration');
    expect(stepText(out, 9)).toContain('Plan: 0 to add, 0 to change, 0 to replace, 3 to destroy.');
    expect(stepText(out, 9)).toContain('$ runform destroy . --auto-approve');
    expect(stepText(out, 9)).toContain('Destroy complete: 3 change(s) made.');
    expect(out).not.toContain('"change-me"');
    expect(hasStackTrace(out)).toBe(false);
  }, 300_000);
});
