import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppRunnerClient, ListServicesCommand } from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../providers/apprunner/emulator/index.js';
import { hasStackTrace, runformAsync as runform } from './cli.js';

const examples = new URL('../../examples/', import.meta.url).pathname;
const names = readdirSync(examples, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'ci')
  .map((e) => e.name);

let emulator: RunningEmulator;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  // Connections complete their handshake by themselves here; on AWS it is done once in the console.
  emulator = await startEmulator({ latency: 'fast', autoHandshake: true });
  env = {
    AWS_ENDPOINT_URL_APPRUNNER: emulator.url,
    AWS_ACCESS_KEY_ID: 'examples',
    AWS_SECRET_ACCESS_KEY: 'examples',
    RUNFORM_WAIT_SCALE: '1500',
  };
});
afterAll(() => emulator?.close());

/** Live service names in a region of the emulated account, not counting deleted ones. */
async function liveServices(region: string): Promise<string[]> {
  const client = new AppRunnerClient({
    endpoint: emulator.url,
    region,
    credentials: { accessKeyId: 'examples', secretAccessKey: 'examples' },
  });
  const r = await client.send(new ListServicesCommand({}));
  return (r.ServiceSummaryList ?? []).filter((s) => s.Status !== 'DELETED').map((s) => s.ServiceName ?? '');
}

describe('the shipped examples on the local App Runner', () => {
  it.each(names)('%s applies, re-plans with no changes, and destroys', async (name) => {
    const dir = mkdtempSync(join(tmpdir(), `runform-example-${name}-`));
    cpSync(join(examples, name), dir, { recursive: true });
    const apply = await runform(['apply', '.', '--auto-approve'], { cwd: dir, env });
    expect(hasStackTrace(apply.stderr)).toBe(false);
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/Apply complete: \d+ change\(s\) made\./);
    if (name === 'multi-region') {
      expect(await liveServices('eu-west-1')).toContain('hello-eu');
      expect(await liveServices('us-east-1')).toContain('hello-us');
      expect(await liveServices('us-east-1')).not.toContain('hello-eu');
    }
    const replan = await runform(['plan', '.', '--detailed-exitcode'], { cwd: dir, env });
    expect({ code: replan.code, stdout: replan.stdout }).toMatchObject({ code: 0 });
    expect(replan.stdout).toContain('No changes.');
    const plan = await runform(['plan', '.', '--destroy', '--out', 'destroy.plan'], { cwd: dir, env });
    expect(plan.code).toBe(0);
    const destroy = await runform(['apply', 'destroy.plan'], { cwd: dir, env });
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toMatch(/Apply complete: \d+ change\(s\) made\./);
  }, 180_000);
});
