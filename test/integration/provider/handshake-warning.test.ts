import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRange } from '../../../engine/diag/index.js';
import { type RunningEmulator, startEmulator } from '../../../providers/apprunner/emulator/index.js';
import { codeServiceHcl, EngineStack, summaries } from './engine-stack.js';

// A service that builds from a connection still waiting for its handshake gets a plan-time warning
// at the connection_arn argument; the plan itself stands. Run through the real engine and provider.

const CONFIG = `resource "apprunner_connection" "github" {
  connection_name = "warn-github"
  provider_type   = "GITHUB"
}

${codeServiceHcl('api', 'warn-api', 'apprunner_connection.github.arn')}`;

/** Line of `connection_arn` in main.hcl, after the provider block EngineStack writes first (4 lines + blank). */
const CONNECTION_ARN_LINE = CONFIG.split('\n').findIndex((l) => l.includes('connection_arn')) + 1 + 5;

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator({ latency: 'instant', seed: 3 });
});
afterAll(() => em.close());

describe('a service whose connection is PENDING_HANDSHAKE', () => {
  it('plans with a warning at connection_arn until the handshake is done, then without', async () => {
    const stack = new EngineStack(em.url, 1000);
    stack.write(CONFIG);

    // First run: the connection is new, so its ARN is unknown at plan time and nothing is warned;
    // the apply creates it and stops before CreateService with the handshake guidance.
    const first = await stack.apply();
    expect(first.diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
    const failed = first.diagnostics.filter((d) => d.severity === 'error');
    expect(failed.map((d) => d.address)).toEqual(['apprunner_service.api']);
    expect(summaries(failed)).toMatch(/PENDING_HANDSHAKE.*Complete handshake/);

    // Second plan: the connection is known and still pending.
    const second = await stack.plan();
    const warnings = second.diagnostics.filter((d) => d.severity === 'warning');
    expect(second.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(warnings).toHaveLength(1);
    const [w] = warnings;
    expect(w.address).toBe('apprunner_service.api');
    expect(w.summary).toBe('Connection still waits for its handshake');
    expect(w.detail).toContain('warn-github');
    expect(w.detail).toContain('PENDING_HANDSHAKE');
    expect(w.range && formatRange(w.range)).toBe(`main.hcl:${CONNECTION_ARN_LINE}:7`);
    expect(second.plan?.changes.find((c) => c.address === 'apprunner_service.api')?.action).toBe('create');

    // Once the handshake is done in the console, the warning goes and the apply succeeds.
    const arn = second.plan?.changes.find((c) => c.address === 'apprunner_connection.github');
    const connectionArn = arn && 'before' in arn ? String(arn.before.value.arn) : '';
    em.admin.handshakeConnection(connectionArn);
    const third = await stack.plan();
    expect(third.diagnostics).toEqual([]);
    const applied = await stack.apply();
    expect(applied.diagnostics).toEqual([]);
    expect(applied.result?.ok).toBe(true);
  });
});
