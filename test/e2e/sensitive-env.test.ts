import { describe, expect, it } from 'vitest';
import { serviceHcl } from '../integration/provider/engine-stack.js';
import { appRunnerFolder, emulatorForCli, folder, hasStackTrace, runformAsync as runform } from './cli.js';

// A service's environment variable values are sensitive without being marked so: never printed,
// in the plan or after the apply. Its environment secrets are references (ARNs) and are shown.

const h = emulatorForCli();

const VALUE = 'db-password-plain-value';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-url-AbCdEf';

describe('environment variables and secrets of a service', () => {
  it('hides the variables’ values and shows the secrets’ references, in the plan and the apply', async () => {
    const dir = appRunnerFolder(
      serviceHcl(
        'web',
        'env-web',
        '',
        `        runtime_environment_variables = { DB_PASSWORD = "${VALUE}" }
        runtime_environment_secrets   = { DB_URL = "${SECRET_ARN}" }
`,
      ),
    );
    const plan = await runform(['plan', '.'], { cwd: dir, env: h.env });
    expect([plan.code, plan.stderr]).toEqual([0, '']);
    expect(plan.stdout).toMatch(/DB_PASSWORD\s*=\s*\(sensitive value\)/);
    expect(plan.stdout).toContain(`DB_URL = "${SECRET_ARN}"`);
    const apply = await runform(['apply', '.', '--auto-approve'], { cwd: dir, env: h.env });
    expect(hasStackTrace(apply.stderr)).toBe(false);
    expect(apply.code).toBe(0);
    const show = await runform(['show'], { cwd: dir, env: h.env });
    expect(show.code).toBe(0);
    for (const out of [plan.stdout, apply.stdout, apply.stderr, show.stdout]) expect(out).not.toContain(VALUE);
    expect(show.stdout).toContain(SECRET_ARN);
  });
});

// An error about a sensitive value names the function and the argument, but not the value.
describe('errors about a sensitive variable', () => {
  it('plan --json reports a failed tonumber(var.secret) at the argument without showing the value', async () => {
    const secret = 'S3CRETVALUE';
    const dir = folder({
      'main.hcl': `variable "secret" {
  default   = "${secret}"
  sensitive = true
}
locals {
  a = tonumber(var.secret)
}
`,
    });
    const plan = await runform(['plan', '.', '--json'], { cwd: dir, env: h.env });
    expect(hasStackTrace(plan.stderr)).toBe(false);
    expect(plan.code).toBe(1);
    expect(plan.stdout + plan.stderr).not.toContain(secret);
    const diagnostics = plan.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { type: string; diagnostic?: Record<string, unknown> })
      .filter((m) => m.type === 'diagnostic')
      .map((m) => m.diagnostic);
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        summary: 'Invalid function argument',
        detail: 'Invalid value for "v" parameter of tonumber: the details are hidden because the value is sensitive.',
        range: {
          filename: 'main.hcl',
          start: expect.objectContaining({ line: 6, column: 16 }),
          end: expect.objectContaining({ line: 6, column: 26 }),
        },
      },
    ]);
  });
});
