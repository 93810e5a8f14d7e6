import {
  type AppRunnerClient,
  CreateAutoScalingConfigurationCommand,
  CreateServiceCommand,
  DeleteAutoScalingConfigurationCommand,
  DeleteServiceCommand,
  DescribeAutoScalingConfigurationCommand,
  DescribeServiceCommand,
  ListAutoScalingConfigurationsCommand,
  ListServicesForAutoScalingConfigurationCommand,
  UpdateDefaultAutoScalingConfigurationCommand,
} from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../providers/apprunner/emulator/index.js';
import { client, errorOf, PUBLIC_IMAGE, start } from './helpers.js';

let em: RunningEmulator;
let c: AppRunnerClient;
beforeAll(async () => {
  em = await start({ quotas: { autoScalingNames: 2 } });
  c = client(em);
});
beforeEach(() => em.admin.reset());
afterAll(() => em.close());

const createAsc = async (name: string, extra: { MaxConcurrency?: number; MinSize?: number; MaxSize?: number } = {}) =>
  (await c.send(new CreateAutoScalingConfigurationCommand({ AutoScalingConfigurationName: name, ...extra })))
    .AutoScalingConfiguration!;

describe('auto scaling configurations', () => {
  it('starts with DefaultConfiguration revision 1 as the account default', async () => {
    const list = await c.send(new ListAutoScalingConfigurationsCommand({}));
    expect(list.AutoScalingConfigurationSummaryList).toHaveLength(1);
    expect(list.AutoScalingConfigurationSummaryList?.[0]).toMatchObject({
      AutoScalingConfigurationName: 'DefaultConfiguration',
      AutoScalingConfigurationRevision: 1,
      IsDefault: true,
      HasAssociatedService: false,
      Status: 'ACTIVE',
    });
    expect(list.AutoScalingConfigurationSummaryList?.[0].AutoScalingConfigurationArn).toMatch(
      /^arn:aws:apprunner:eu-west-1:123456789012:autoscalingconfiguration\/DefaultConfiguration\/1\/[0-9a-f]{32}$/,
    );
  });

  it('numbers revisions per name, marks only the newest Latest, and refuses a sixth with 402', async () => {
    const revs = [];
    for (let i = 0; i < 5; i++) revs.push(await createAsc('scale-a', { MaxSize: 10 + i }));
    expect(revs.map((r) => r.AutoScalingConfigurationRevision)).toEqual([1, 2, 3, 4, 5]);
    const first = await c.send(
      new DescribeAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: revs[0].AutoScalingConfigurationArn }),
    );
    expect(first.AutoScalingConfiguration).toMatchObject({
      Latest: false,
      MaxSize: 10,
      MinSize: 1,
      MaxConcurrency: 100,
    });
    expect(revs[4]).toMatchObject({ Latest: true, IsDefault: false });
    expect(await errorOf(createAsc('scale-a'))).toMatchObject({ name: 'ServiceQuotaExceededException', status: 402 });
    const latest = await c.send(
      new ListAutoScalingConfigurationsCommand({ AutoScalingConfigurationName: 'scale-a', LatestOnly: true }),
    );
    expect(latest.AutoScalingConfigurationSummaryList?.map((s) => s.AutoScalingConfigurationRevision)).toEqual([5]);
    const all = await c.send(new ListAutoScalingConfigurationsCommand({ AutoScalingConfigurationName: 'scale-a' }));
    expect(all.AutoScalingConfigurationSummaryList).toHaveLength(5);
  });

  it('limits the number of names (the default configuration does not count)', async () => {
    await createAsc('name-1');
    await createAsc('name-2');
    expect((await errorOf(createAsc('name-3'))).name).toBe('ServiceQuotaExceededException');
  });

  it('reports services using a revision and refuses to delete it while in use', async () => {
    const asc = await createAsc('used-cfg');
    const svc = await c.send(
      new CreateServiceCommand({
        ServiceName: 'asc-user',
        SourceConfiguration: PUBLIC_IMAGE,
        AutoScalingConfigurationArn: asc.AutoScalingConfigurationArn,
      }),
    );
    const arn = svc.Service!.ServiceArn!;
    const d = await c.send(new DescribeServiceCommand({ ServiceArn: arn }));
    expect(d.Service?.AutoScalingConfigurationSummary).toMatchObject({
      AutoScalingConfigurationArn: asc.AutoScalingConfigurationArn,
      HasAssociatedService: true,
    });
    const users = await c.send(
      new ListServicesForAutoScalingConfigurationCommand({
        AutoScalingConfigurationArn: asc.AutoScalingConfigurationArn,
      }),
    );
    expect(users.ServiceArnList).toEqual([arn]);
    const refused = await errorOf(
      c.send(
        new DeleteAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: asc.AutoScalingConfigurationArn }),
      ),
    );
    expect(refused.name).toBe('InvalidRequestException');
    await c.send(new DeleteServiceCommand({ ServiceArn: arn }));
    await c.send(new DescribeServiceCommand({ ServiceArn: arn })).catch(() => undefined);
    const deleted = await c.send(
      new DeleteAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: asc.AutoScalingConfigurationArn }),
    );
    expect(deleted.AutoScalingConfiguration).toMatchObject({ Status: 'INACTIVE', Latest: false });
    expect(deleted.AutoScalingConfiguration?.DeletedAt).toBeInstanceOf(Date);
  });

  it('deletes every revision of a name with DeleteAllRevisions', async () => {
    const a = await createAsc('all-revs');
    await createAsc('all-revs');
    await createAsc('all-revs');
    await c.send(
      new DeleteAutoScalingConfigurationCommand({
        AutoScalingConfigurationArn: a.AutoScalingConfigurationArn,
        DeleteAllRevisions: true,
      }),
    );
    const left = await c.send(new ListAutoScalingConfigurationsCommand({ AutoScalingConfigurationName: 'all-revs' }));
    expect(left.AutoScalingConfigurationSummaryList).toEqual([]);
  });

  it('moves the account default, which new services then use', async () => {
    const asc = await createAsc('new-default');
    const r = await c.send(
      new UpdateDefaultAutoScalingConfigurationCommand({
        AutoScalingConfigurationArn: asc.AutoScalingConfigurationArn,
      }),
    );
    expect(r.AutoScalingConfiguration?.IsDefault).toBe(true);
    const list = await c.send(new ListAutoScalingConfigurationsCommand({}));
    expect(
      list.AutoScalingConfigurationSummaryList?.filter((s) => s.IsDefault).map((s) => s.AutoScalingConfigurationName),
    ).toEqual(['new-default']);
    const svc = await c.send(new CreateServiceCommand({ ServiceName: 'defaulted', SourceConfiguration: PUBLIC_IMAGE }));
    expect(svc.Service?.AutoScalingConfigurationSummary?.AutoScalingConfigurationArn).toBe(
      asc.AutoScalingConfigurationArn,
    );
  });

  it('refuses MinSize above MaxSize and out-of-range values from the model', async () => {
    expect((await errorOf(createAsc('bad-sizes', { MinSize: 5, MaxSize: 2 }))).name).toBe('InvalidRequestException');
    const e = await errorOf(createAsc('bad-conc', { MaxConcurrency: 201 }));
    expect(e.name).toBe('InvalidRequestException');
    expect(e.message).toContain('MaxConcurrency');
  });
});
