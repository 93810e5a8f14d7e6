import { AppRunnerClient, DescribeServiceCommand, ListServicesCommand } from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../../providers/apprunner/emulator/index.js';
import { EngineStack, REGION, serviceHcl, summaries } from './engine-stack.js';

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

let em: RunningEmulator;
let sdk: AppRunnerClient;
beforeAll(async () => {
  em = await startEmulator({ latency: 'fast', seed: 3 });
  sdk = new AppRunnerClient({
    endpoint: em.url,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  sdk.destroy();
  await em.close();
});

describe('the observability block of a service', () => {
  it('turns tracing on when added and off when removed, and plans nothing afterwards', async () => {
    const stack = new EngineStack(em.url, 1000);
    const enabled = async (arn: string) =>
      (await sdk.send(new DescribeServiceCommand({ ServiceArn: arn }))).Service?.ObservabilityConfiguration
        ?.ObservabilityEnabled;
    const settled = async () => {
      const p = await stack.plan();
      expect(summaries(p.diagnostics)).toBe('');
      return p.plan?.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.address}:${c.action}`);
    };

    stack.write(config(false));
    const created = await stack.apply();
    expect(summaries(created.diagnostics)).toBe('');
    const web = created.plan?.changes.find((c) => c.address === 'apprunner_service.web');
    const listed = await sdk.send(new ListServicesCommand({}));
    const arn = String(listed.ServiceSummaryList?.find((x) => x.ServiceName === 'toggle-web')?.ServiceArn);
    expect(web?.action).toBe('create');
    expect(await enabled(arn)).toBe(false);
    expect(await settled()).toEqual([]);

    stack.write(config(true));
    const on = await stack.apply();
    expect(summaries(on.diagnostics)).toBe('');
    expect(on.plan?.changes.find((c) => c.address === 'apprunner_service.web')?.action).toBe('update');
    expect(await enabled(arn)).toBe(true);
    expect(await settled()).toEqual([]);

    stack.write(config(false));
    const off = await stack.apply();
    expect(summaries(off.diagnostics)).toBe('');
    expect(off.plan?.changes.find((c) => c.address === 'apprunner_service.web')?.action).toBe('update');
    expect(await enabled(arn)).toBe(false);
    expect(await settled()).toEqual([]);
  });
});
