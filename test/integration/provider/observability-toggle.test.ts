import { DescribeServiceCommand, ListServicesCommand } from '@aws-sdk/client-apprunner';
import { describe, expect, it } from 'vitest';
import { EngineStack, emulatorForFile, serviceHcl, summaries } from './engine-stack.js';

// Tracing is off unless the service says otherwise: adding the observability block turns it on,
// and taking the block out again turns it off (App Runner keeps it on until told), with no change
// planned afterwards in either state. Checked through the real engine against the local App Runner.

const tracing = `resource "apprunner_observability_configuration" "trace" {
  observability_configuration_name = "toggle"
  trace_configuration {
    vendor = "AWSXRAY"
  }
}
`;

function config(on: boolean): string {
  const block = on
    ? `  observability_configuration {
    observability_enabled           = true
    observability_configuration_arn = apprunner_observability_configuration.trace.arn
  }
`
    : '';
  return `${tracing}${serviceHcl('web', 'toggle-web', block)}`;
}

const h = emulatorForFile({ latency: 'fast', seed: 3 });

describe('the observability block of a service', () => {
  it('turns tracing on when added and off when removed, and plans nothing afterwards', async () => {
    const stack = new EngineStack(h.em.url, 1000);
    const enabled = async () => {
      const listed = await h.sdk.send(new ListServicesCommand({}));
      const arn = listed.ServiceSummaryList?.find((x) => x.ServiceName === 'toggle-web')?.ServiceArn;
      const d = await h.sdk.send(new DescribeServiceCommand({ ServiceArn: arn }));
      return d.Service?.ObservabilityConfiguration?.ObservabilityEnabled;
    };
    // Each step: write the configuration, apply it, check the service's action and App Runner's
    // tracing, then plan again and find nothing to do.
    for (const [on, action] of [
      [false, 'create'],
      [true, 'update'],
      [false, 'update'],
    ] as const) {
      stack.write(config(on));
      const applied = await stack.apply();
      expect(summaries(applied.diagnostics)).toBe('');
      expect(applied.plan?.changes.find((c) => c.address === 'apprunner_service.web')?.action).toBe(action);
      expect(await enabled()).toBe(on);
      const again = await stack.plan();
      expect(summaries(again.diagnostics)).toBe('');
      expect(again.plan?.changes.filter((c) => c.action !== 'no-op').map((c) => c.address)).toEqual([]);
    }
  });
});
