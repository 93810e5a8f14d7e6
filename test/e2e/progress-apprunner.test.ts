import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../providers/apprunner/emulator/index.js';
import { serviceHcl } from '../integration/provider/engine-stack.js';
import { runformAsync as runform } from './cli.js';

// Progress with the App Runner provider against the in-process local App Runner: the waiter's
// operation status reaches the progress lines and the JSON stream's apply_progress keeps coming.

const hcl = `
provider "apprunner" {
  region = "eu-west-1"
}
${serviceHcl('web', 'progress-web')}`;

let emulator: RunningEmulator;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  // A create takes 240 s / 80 = 3 s, a delete 1.5 s: long enough for several progress lines.
  emulator = await startEmulator({ latency: 'realistic', timeScale: 80 });
  env = {
    AWS_ENDPOINT_URL_APPRUNNER: emulator.url,
    AWS_ACCESS_KEY_ID: 'progress',
    AWS_SECRET_ACCESS_KEY: 'progress',
    RUNFORM_WAIT_SCALE: '80',
    RUNFORM_PROGRESS_INTERVAL_MS: '300',
  };
});
afterAll(() => emulator?.close());

const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'runform-progress-'));
  writeFileSync(join(dir, 'main.hcl'), hcl);
  return dir;
};

describe('progress of an App Runner service', () => {
  it('CI lines show the operation status while the service is created and deleted', async () => {
    const dir = folder();
    const apply = await runform(['apply', '--auto-approve'], { cwd: dir, env });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/^apprunner_service\.web: Creating\.\.\.$/m);
    expect(apply.stdout).toMatch(
      /^apprunner_service\.web: Still creating\.\.\. \[\d+s elapsed\] \((PENDING|IN_PROGRESS)[^)]*\)$/m,
    );
    expect(apply.stdout).toMatch(
      /^apprunner_service\.web: Creation complete after \d+s \[arn=arn:aws:apprunner:eu-west-1:\d+:service\/progress-web\/\w+\]$/m,
    );
    const destroy = await runform(['destroy', '--auto-approve'], { cwd: dir, env });
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toMatch(/^apprunner_service\.web: Destroying\.\.\. \[arn=arn:aws:apprunner:/m);
    expect(destroy.stdout).toMatch(/^apprunner_service\.web: Destruction complete after \d+s/m);
  }, 120_000);

  it('--json: apply_progress while the service is created, apply_complete with its ARN', async () => {
    const dir = folder();
    const r = await runform(['apply', '--json', '--auto-approve'], { cwd: dir, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const ms = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; hook?: Record<string, unknown> });
    expect(ms.filter((m) => m.type === 'apply_progress').length).toBeGreaterThanOrEqual(2);
    const done = ms.find((m) => m.type === 'apply_complete')!;
    expect(done.hook).toMatchObject({ action: 'create', id_key: 'arn' });
    expect(String(done.hook?.id_value)).toMatch(/^arn:aws:apprunner:eu-west-1:/);
    expect((await runform(['destroy', '--auto-approve'], { cwd: dir, env })).code).toBe(0);
  }, 120_000);
});
