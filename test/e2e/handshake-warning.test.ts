import { AppRunnerClient, CreateConnectionCommand } from '@aws-sdk/client-apprunner';
import { describe, expect, it } from 'vitest';
import { codeServiceHcl } from '../integration/provider/engine-stack.js';
import { appRunnerFolder, emulatorForCli, hasStackTrace, runformAsync as runform } from './cli.js';

// `runform plan` prints a warning, with the source line, for a service whose connection still waits
// for its handshake; the plan is still shown and the exit code says success.

const h = emulatorForCli();

describe('runform plan with a connection awaiting its handshake', () => {
  it('warns at the connection_arn line, still shows the plan and exits 0; the warning goes after the handshake', async () => {
    const client = new AppRunnerClient({
      endpoint: h.em.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' },
    });
    const made = await client.send(
      new CreateConnectionCommand({ ConnectionName: 'cli-github', ProviderType: 'GITHUB' }),
    );
    client.destroy();
    const arn = made.Connection?.ConnectionArn ?? '';
    expect(made.Connection?.Status).toBe('PENDING_HANDSHAKE');
    const dir = appRunnerFolder(codeServiceHcl('api', 'cli-warn-api', `"${arn}"`));

    const pending = await runform(['plan', '.'], { cwd: dir, env: h.env });
    expect(hasStackTrace(pending.stderr)).toBe(false);
    expect(pending.code).toBe(0);
    expect(pending.stderr).toMatch(/main\.hcl:10:7: warning: Connection still waits for its handshake/);
    expect(pending.stderr).toContain('cli-github');
    expect(pending.stderr).toContain('Complete handshake');
    expect(pending.stdout).toContain('apprunner_service.api');

    h.em.admin.handshakeConnection(arn);
    const ready = await runform(['plan', '.'], { cwd: dir, env: h.env });
    expect(ready.code).toBe(0);
    expect(ready.stderr).toBe('');
  });
});

describe('runform apply of a connection', () => {
  it('prints what the new connection still needs (the handshake), as a warning, and succeeds', async () => {
    const dir = appRunnerFolder(`resource "apprunner_connection" "gh" {
  connection_name = "cli-apply-gh"
  provider_type   = "GITHUB"
}
`);
    const r = await runform(['apply', '--auto-approve', '--no-color', '.'], { cwd: dir, env: h.env });
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Warning: connection cli-apply-gh was created in PENDING_HANDSHAKE');
    expect(r.stderr).toContain('Complete handshake');
    expect(r.stdout).toContain('Apply complete');
  });
});
