import {
  type AppRunnerClient,
  CreateObservabilityConfigurationCommand,
  CreateServiceCommand,
  CreateVpcConnectorCommand,
  CreateVpcIngressConnectionCommand,
  DeleteObservabilityConfigurationCommand,
  DeleteServiceCommand,
  DeleteVpcConnectorCommand,
  DeleteVpcIngressConnectionCommand,
  DescribeObservabilityConfigurationCommand,
  DescribeServiceCommand,
  DescribeVpcConnectorCommand,
  DescribeVpcIngressConnectionCommand,
  ListObservabilityConfigurationsCommand,
  ListVpcConnectorsCommand,
  ListVpcIngressConnectionsCommand,
  UpdateVpcIngressConnectionCommand,
} from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../providers/apprunner/emulator/index.js';
import { client, errorOf, PUBLIC_IMAGE, start } from './helpers.js';

let em: RunningEmulator;
let c: AppRunnerClient;
beforeAll(async () => {
  em = await start({ quotas: { vpcConnectors: 2 } });
  c = client(em);
});
beforeEach(() => em.admin.reset());
afterAll(() => em.close());

async function runningService(
  name: string,
  extra: Partial<ConstructorParameters<typeof CreateServiceCommand>[0]> = {},
) {
  const r = await c.send(new CreateServiceCommand({ ServiceName: name, SourceConfiguration: PUBLIC_IMAGE, ...extra }));
  const arn = r.Service!.ServiceArn!;
  await c.send(new DescribeServiceCommand({ ServiceArn: arn }));
  return arn;
}

describe('observability configurations', () => {
  it('keeps revisions per name and refuses deleting one a service uses', async () => {
    const mk = () =>
      c.send(
        new CreateObservabilityConfigurationCommand({
          ObservabilityConfigurationName: 'tracing',
          TraceConfiguration: { Vendor: 'AWSXRAY' },
        }),
      );
    const r1 = (await mk()).ObservabilityConfiguration!;
    const r2 = (await mk()).ObservabilityConfiguration!;
    expect([r1.ObservabilityConfigurationRevision, r2.ObservabilityConfigurationRevision]).toEqual([1, 2]);
    expect(r1.ObservabilityConfigurationArn).toMatch(/:observabilityconfiguration\/tracing\/1\/[0-9a-f]{32}$/);
    const d1 = await c.send(
      new DescribeObservabilityConfigurationCommand({
        ObservabilityConfigurationArn: r1.ObservabilityConfigurationArn,
      }),
    );
    expect(d1.ObservabilityConfiguration).toMatchObject({ Latest: false, TraceConfiguration: { Vendor: 'AWSXRAY' } });
    const latest = await c.send(new ListObservabilityConfigurationsCommand({ LatestOnly: true }));
    expect(latest.ObservabilityConfigurationSummaryList?.map((s) => s.ObservabilityConfigurationRevision)).toEqual([2]);
    await runningService('traced', {
      ObservabilityConfiguration: {
        ObservabilityEnabled: true,
        ObservabilityConfigurationArn: r2.ObservabilityConfigurationArn,
      },
    });
    const refused = await errorOf(
      c.send(
        new DeleteObservabilityConfigurationCommand({
          ObservabilityConfigurationArn: r2.ObservabilityConfigurationArn,
        }),
      ),
    );
    expect(refused.name).toBe('InvalidRequestException');
    const del = await c.send(
      new DeleteObservabilityConfigurationCommand({ ObservabilityConfigurationArn: r1.ObservabilityConfigurationArn }),
    );
    expect(del.ObservabilityConfiguration?.Status).toBe('INACTIVE');
  });

  it('limits names and revisions per name, answering 402 beyond them', async () => {
    em.admin.setQuotas({ observabilityNames: 1, observabilityRevisions: 2 });
    try {
      const mk = (name: string) =>
        c.send(new CreateObservabilityConfigurationCommand({ ObservabilityConfigurationName: name }));
      await mk('obs-one');
      await mk('obs-one');
      expect(await errorOf(mk('obs-one'))).toMatchObject({ name: 'ServiceQuotaExceededException', status: 402 });
      expect((await errorOf(mk('obs-two'))).name).toBe('ServiceQuotaExceededException');
    } finally {
      em.admin.setQuotas({ observabilityNames: 10, observabilityRevisions: 5 });
    }
  });
});

describe('VPC connectors', () => {
  it('creates revisions, refuses deleting one in use, and enforces the quota', async () => {
    const mk = (name: string) =>
      c.send(
        new CreateVpcConnectorCommand({ VpcConnectorName: name, Subnets: ['subnet-1'], SecurityGroups: ['sg-1'] }),
      );
    const v1 = (await mk('egress')).VpcConnector!;
    const v2 = (await mk('egress')).VpcConnector!;
    expect(v2.VpcConnectorRevision).toBe(2);
    expect(v1.VpcConnectorArn).toMatch(/:vpcconnector\/egress\/1\/[0-9a-f]{32}$/);
    expect((await errorOf(mk('third'))).name).toBe('ServiceQuotaExceededException');
    await runningService('vpc-user', {
      NetworkConfiguration: { EgressConfiguration: { EgressType: 'VPC', VpcConnectorArn: v1.VpcConnectorArn } },
    });
    expect((await errorOf(c.send(new DeleteVpcConnectorCommand({ VpcConnectorArn: v1.VpcConnectorArn })))).name).toBe(
      'InvalidRequestException',
    );
    await c.send(new DeleteVpcConnectorCommand({ VpcConnectorArn: v2.VpcConnectorArn }));
    const d = await c.send(new DescribeVpcConnectorCommand({ VpcConnectorArn: v2.VpcConnectorArn }));
    expect(d.VpcConnector?.Status).toBe('INACTIVE');
    const list = await c.send(new ListVpcConnectorsCommand({}));
    expect(list.VpcConnectors?.map((v) => v.VpcConnectorArn)).toEqual([v1.VpcConnectorArn]);
  });
});

describe('VPC ingress connections (realistic profile, clock moved by the admin API)', () => {
  it('goes PENDING_CREATION → AVAILABLE → PENDING_UPDATE → AVAILABLE → PENDING_DELETION, blocking service deletion while AVAILABLE', async () => {
    const svc = await runningService('private-svc');
    em.admin.configure({ latency: 'realistic', timeScale: 1 });
    try {
      const created = await c.send(
        new CreateVpcIngressConnectionCommand({
          ServiceArn: svc,
          VpcIngressConnectionName: 'ingress-1',
          IngressVpcConfiguration: { VpcId: 'vpc-1', VpcEndpointId: 'vpce-1' },
        }),
      );
      const arn = created.VpcIngressConnection!.VpcIngressConnectionArn!;
      expect(arn).toMatch(/:vpcingressconnection\/ingress-1\/[0-9a-f]{32}$/);
      expect(created.VpcIngressConnection?.Status).toBe('PENDING_CREATION');
      const describe = async () =>
        (await c.send(new DescribeVpcIngressConnectionCommand({ VpcIngressConnectionArn: arn }))).VpcIngressConnection;
      expect(
        (await errorOf(c.send(new DeleteVpcIngressConnectionCommand({ VpcIngressConnectionArn: arn })))).name,
      ).toBe('InvalidStateException');
      em.admin.advanceClock(60_000);
      expect((await describe())?.Status).toBe('AVAILABLE');
      expect((await errorOf(c.send(new DeleteServiceCommand({ ServiceArn: svc })))).name).toBe(
        'InvalidRequestException',
      );
      const upd = await c.send(
        new UpdateVpcIngressConnectionCommand({
          VpcIngressConnectionArn: arn,
          IngressVpcConfiguration: { VpcId: 'vpc-2', VpcEndpointId: 'vpce-2' },
        }),
      );
      expect(upd.VpcIngressConnection?.Status).toBe('PENDING_UPDATE');
      em.admin.advanceClock(60_000);
      expect(await describe()).toMatchObject({ Status: 'AVAILABLE', IngressVpcConfiguration: { VpcId: 'vpc-2' } });
      const list = await c.send(new ListVpcIngressConnectionsCommand({ Filter: { VpcEndpointId: 'vpce-2' } }));
      expect(list.VpcIngressConnectionSummaryList).toEqual([{ VpcIngressConnectionArn: arn, ServiceArn: svc }]);
      const del = await c.send(new DeleteVpcIngressConnectionCommand({ VpcIngressConnectionArn: arn }));
      expect(del.VpcIngressConnection?.Status).toBe('PENDING_DELETION');
      em.admin.advanceClock(60_000);
      expect((await describe())?.Status).toBe('DELETED');
      await c.send(new DeleteServiceCommand({ ServiceArn: svc }));
      em.admin.advanceClock(600_000);
      expect((await errorOf(describe())).name).toBe('ResourceNotFoundException');
    } finally {
      em.admin.configure({ latency: 'instant' });
    }
  });
});

describe('VPC ingress failures scheduled through the admin API', () => {
  it('end in FAILED_CREATION, FAILED_UPDATE and FAILED_DELETION; a failed connection can still be deleted', async () => {
    const svc = await runningService('failing-ingress');
    const mk = (name: string) =>
      c.send(
        new CreateVpcIngressConnectionCommand({
          ServiceArn: svc,
          VpcIngressConnectionName: name,
          IngressVpcConfiguration: { VpcId: 'vpc-1', VpcEndpointId: 'vpce-1' },
        }),
      );
    const describe = async (arn: string) =>
      (await c.send(new DescribeVpcIngressConnectionCommand({ VpcIngressConnectionArn: arn }))).VpcIngressConnection
        ?.Status;
    em.admin.scheduleFailure({ operation: 'CreateVpcIngressConnection', serviceName: 'ing-fail' });
    const failed = (await mk('ing-fail')).VpcIngressConnection!.VpcIngressConnectionArn!;
    expect(await describe(failed)).toBe('FAILED_CREATION');
    await c.send(new DeleteVpcIngressConnectionCommand({ VpcIngressConnectionArn: failed }));
    // Instant profile: deleted, and past the (zero) retention, by the next read.
    expect((await errorOf(describe(failed))).name).toBe('ResourceNotFoundException');

    const ok = (await mk('ing-ok')).VpcIngressConnection!.VpcIngressConnectionArn!;
    expect(await describe(ok)).toBe('AVAILABLE');
    em.admin.scheduleFailure({ operation: 'UpdateVpcIngressConnection' });
    await c.send(
      new UpdateVpcIngressConnectionCommand({
        VpcIngressConnectionArn: ok,
        IngressVpcConfiguration: { VpcId: 'vpc-9' },
      }),
    );
    expect(await describe(ok)).toBe('FAILED_UPDATE');
    em.admin.scheduleFailure({ operation: 'DeleteVpcIngressConnection', serviceName: 'ing-ok' });
    await c.send(new DeleteVpcIngressConnectionCommand({ VpcIngressConnectionArn: ok }));
    expect(await describe(ok)).toBe('FAILED_DELETION');
    await c.send(new DeleteVpcIngressConnectionCommand({ VpcIngressConnectionArn: ok }));
    expect((await errorOf(describe(ok))).name).toBe('ResourceNotFoundException');
  });
});
