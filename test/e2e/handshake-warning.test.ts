import { AppRunnerClient, CreateConnectionCommand } from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../providers/apprunner/emulator/index.js';
import { codeServiceHcl } from '../integration/provider/engine-stack.js';
import { folder, hasStackTrace, runformAsync as runform } from './cli.js';

// `runform plan` prints a warning, with the source line, for a service whose connection still waits
// for its handshake; the plan is still shown and the exit code says success.

let em: RunningEmulator;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  em = await startEmulator({ latency: 'instant' });
  env = {
    AWS_ENDPOINT_URL_APPRUNNER: em.url,
    AWS_ACCESS_KEY_ID: 'e2e',
    AWS_SECRET_ACCESS_KEY: 'e2e',
    RUNFORM_WAIT_SCALE: '1000',
  };
});
afterAll(() => em?.close());

function config(connectionArn: string): string {
  return `provider "apprunner" {
  region = "eu-west-1"
}

${codeServiceHcl('api', 'cli-warn-api', `"${connectionArn}"`)}`;
}

describe('runform plan with a connection awaiting its handshake', () => {
  it('warns at the connection_arn line, still shows the plan and exits 0; the warning goes after the handshake', async () => {
    const client = new AppRunnerClient({
      endpoint: em.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' },
    });
    const made = await client.send(
      new CreateConnectionCommand({ ConnectionName: 'cli-github', ProviderType: 'GITHUB' }),
    );
    client.destroy();
    const arn = made.Connection?.ConnectionArn ?? '';
    expect(made.Connection?.Status).toBe('PENDING_HANDSHAKE');
    const dir = folder({ 'main.hcl': config(arn) });

    const pending = await runform(['plan', '.'], { cwd: dir, env });
    expect(hasStackTrace(pending.stderr)).toBe(false);
    expect(pending.code).toBe(0);
    expect(pending.stderr).toMatch(/main\.hcl:10:7: warning: Connection still waits for its handshake/);
    expect(pending.stderr).toContain('cli-github');
    expect(pending.stderr).toContain('Complete handshake');
    expect(pending.stdout).toContain('apprunner_service.api');

    em.admin.handshakeConnection(arn);
    const ready = await runform(['plan', '.'], { cwd: dir, env });
    expect(ready.code).toBe(0);
    expect(ready.stderr).toBe('');
  });
});

describe('runform apply of a connection', () => {
  it('prints what the new connection still needs (the handshake), as a warning, and succeeds', async () => {
    const dir = folder({
      'main.hcl': `provider "apprunner" {
  region = "eu-west-1"
}

resource "apprunner_connection" "gh" {
  connection_name = "cli-apply-gh"
  provider_type   = "GITHUB"
}
`,
    });
    const r = await runform(['apply', '--auto-approve', '--no-color', '.'], { cwd: dir, env });
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Warning: connection cli-apply-gh was created in PENDING_HANDSHAKE');
    expect(r.stderr).toContain('Complete handshake');
    expect(r.stdout).toContain('Apply complete');
  });
});
