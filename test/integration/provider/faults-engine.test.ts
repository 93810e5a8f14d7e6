import { ListServicesCommand } from '@aws-sdk/client-apprunner';
import { describe, expect, it } from 'vitest';
import { EngineStack, emulatorForFile, serviceHcl, summaries } from './engine-stack.js';

// A whole apply through the engine while App Runner fails one request in ten and throttles: every
// resource is made, nothing is made twice, and the next plan has nothing to do. Then a change and
// a destroy under the same faults.

function estate(maxSize: number): string {
  let out = '';
  for (let i = 0; i < 3; i++) {
    out += `resource "apprunner_auto_scaling_configuration" "s${i}" {
  auto_scaling_configuration_name = "faulty-${i}"
  max_size                        = ${maxSize}
}

${serviceHcl(`s${i}`, `faulty-${i}`, `  auto_scaling_configuration_arn = apprunner_auto_scaling_configuration.s${i}.arn\n`)}
resource "apprunner_custom_domain" "s${i}" {
  service_arn = apprunner_service.s${i}.arn
  domain_name = "s${i}.faulty.example.com"
}

`;
  }
  return out;
}

const h = emulatorForFile({ latency: 'fast', seed: 11 });

describe('the engine against a faulty App Runner', () => {
  it('applies, changes and destroys through a 10% fault rate and throttling, and plans nothing in between', async () => {
    h.em.admin.configure({ faultRate: 0.1, throttleRps: 20 });
    // Waits and timeouts are scaled down 200×, not 1,000× as elsewhere: a 20 min timeout must still
    // outlast the retries and the throttled pace of a faulty App Runner.
    const stack = new EngineStack(h.em.url, 200);
    const nothingToDo = async () => {
      const p = await stack.plan();
      expect(summaries(p.diagnostics)).toBe('');
      expect(p.plan?.changes.filter((c) => c.action !== 'no-op').map((c) => c.address)).toEqual([]);
    };

    stack.write(estate(5));
    const created = await stack.apply();
    expect(summaries(created.diagnostics)).toBe('');
    expect(created.result?.applied).toBe(9);
    const stats = h.em.admin.stats();
    expect(stats.faults + stats.throttled).toBeGreaterThan(0);
    // A retried create never made a second service.
    const listed = await h.sdk.send(new ListServicesCommand({}));
    expect(listed.ServiceSummaryList?.map((x) => x.ServiceName).sort()).toEqual(['faulty-0', 'faulty-1', 'faulty-2']);
    await nothingToDo();

    stack.write(estate(6));
    const changed = await stack.apply();
    expect(summaries(changed.diagnostics)).toBe('');
    await nothingToDo();

    const destroyed = await stack.apply(undefined, { mode: 'destroy' });
    expect(summaries(destroyed.diagnostics)).toBe('');
    expect(destroyed.result?.applied).toBe(9);
    const left = await stack.plan(undefined, { mode: 'destroy' });
    expect(left.plan?.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
    expect(h.em.admin.stats().faults).toBeGreaterThan(stats.faults);
  }, 120_000);
});
