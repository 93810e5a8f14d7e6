import {
  type AppRunnerClient,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeServiceCommand,
  ListOperationsCommand,
  ListServicesCommand,
  PauseServiceCommand,
  ResumeServiceCommand,
  StartDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../providers/apprunner/emulator/index.js';
import { client, errorOf, PUBLIC_IMAGE, start } from './helpers.js';

let em: RunningEmulator;
let c: AppRunnerClient;
beforeAll(async () => {
  em = await start({ quotas: { services: 3 } });
  c = client(em);
});
beforeEach(() => em.admin.reset());
afterAll(() => em.close());

async function create(name: string, extra: Partial<ConstructorParameters<typeof CreateServiceCommand>[0]> = {}) {
  const r = await c.send(new CreateServiceCommand({ ServiceName: name, SourceConfiguration: PUBLIC_IMAGE, ...extra }));
  return r.Service!.ServiceArn!;
}

async function status(arn: string): Promise<string | undefined> {
  return (await c.send(new DescribeServiceCommand({ ServiceArn: arn }))).Service?.Status;
}

describe('service lifecycle (instant profile)', () => {
  it('creates a service OPERATION_IN_PROGRESS with a CREATE_SERVICE operation, then RUNNING', async () => {
    const r = await c.send(new CreateServiceCommand({ ServiceName: 'life-1', SourceConfiguration: PUBLIC_IMAGE }));
    expect(r.Service?.Status).toBe('OPERATION_IN_PROGRESS');
    expect(r.OperationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.Service?.ServiceId).toMatch(/^[0-9a-f]{32}$/);
    expect(r.Service?.ServiceUrl).toMatch(/^[a-z0-9]+\.eu-west-1\.awsapprunner\.com$/);
    expect(await status(r.Service!.ServiceArn!)).toBe('RUNNING');
    const ops = await c.send(new ListOperationsCommand({ ServiceArn: r.Service!.ServiceArn! }));
    expect(ops.OperationSummaryList?.map((o) => [o.Id, o.Type, o.Status])).toEqual([
      [r.OperationId, 'CREATE_SERVICE', 'SUCCEEDED'],
    ]);
  });

  it('pauses only a RUNNING service and resumes only a PAUSED one, listing operations newest first', async () => {
    const arn = await create('life-2');
    expect((await errorOf(c.send(new ResumeServiceCommand({ ServiceArn: arn })))).name).toBe('InvalidStateException');
    await c.send(new PauseServiceCommand({ ServiceArn: arn }));
    expect(await status(arn)).toBe('PAUSED');
    expect((await errorOf(c.send(new PauseServiceCommand({ ServiceArn: arn })))).name).toBe('InvalidStateException');
    await c.send(new ResumeServiceCommand({ ServiceArn: arn }));
    expect(await status(arn)).toBe('RUNNING');
    const dep = await c.send(new StartDeploymentCommand({ ServiceArn: arn }));
    const ops = await c.send(new ListOperationsCommand({ ServiceArn: arn }));
    expect(ops.OperationSummaryList?.map((o) => o.Type)).toEqual([
      'START_DEPLOYMENT',
      'RESUME_SERVICE',
      'PAUSE_SERVICE',
      'CREATE_SERVICE',
    ]);
    expect(ops.OperationSummaryList?.[0].Id).toBe(dep.OperationId);
  });

  it('updates a service and answers the new configuration in numeric Cpu/Memory form', async () => {
    const arn = await create('life-3', { InstanceConfiguration: { Cpu: '0.25 vCPU', Memory: '0.5 GB' } });
    const d = await c.send(new DescribeServiceCommand({ ServiceArn: arn }));
    expect(d.Service?.InstanceConfiguration).toMatchObject({ Cpu: '256', Memory: '512' });
    const u = await c.send(
      new UpdateServiceCommand({ ServiceArn: arn, InstanceConfiguration: { Cpu: '2 vCPU', Memory: '6 GB' } }),
    );
    expect(u.Service?.Status).toBe('OPERATION_IN_PROGRESS');
    const after = await c.send(new DescribeServiceCommand({ ServiceArn: arn }));
    expect(after.Service?.Status).toBe('RUNNING');
    expect(after.Service?.InstanceConfiguration).toMatchObject({ Cpu: '2048', Memory: '6144' });
  });

  it('accepts every allowed Cpu/Memory pair and refuses the others', async () => {
    const allowed: [string, string][] = [
      ['0.25 vCPU', '0.5 GB'],
      ['256', '1024'],
      ['0.5 vCPU', '1 GB'],
      ['1 vCPU', '2 GB'],
      ['1024', '3072'],
      ['1 vCPU', '4 GB'],
      ['2 vCPU', '4 GB'],
      ['2048', '6144'],
      ['4 vCPU', '8 GB'],
      ['4096', '10240'],
      ['4 vCPU', '12 GB'],
    ];
    const arn = await create('sizes');
    for (const [Cpu, Memory] of allowed) {
      await c.send(new UpdateServiceCommand({ ServiceArn: arn, InstanceConfiguration: { Cpu, Memory } }));
      expect(await status(arn)).toBe('RUNNING');
    }
    for (const [Cpu, Memory] of [
      ['0.25 vCPU', '2 GB'],
      ['0.5 vCPU', '2 GB'],
      ['1 vCPU', '6 GB'],
      ['2 vCPU', '3 GB'],
      ['4 vCPU', '4 GB'],
    ]) {
      const e = await errorOf(
        c.send(new UpdateServiceCommand({ ServiceArn: arn, InstanceConfiguration: { Cpu, Memory } })),
      );
      expect(e.name, `${Cpu}/${Memory}`).toBe('InvalidRequestException');
    }
  });

  it('keeps names unique among live services and enforces the service quota with 402', async () => {
    await create('dup-1');
    expect((await errorOf(create('dup-1'))).name).toBe('InvalidRequestException');
    await create('dup-2');
    await create('dup-3');
    const e = await errorOf(create('dup-4'));
    expect(e).toMatchObject({ name: 'ServiceQuotaExceededException', status: 402 });
  });

  it('deletes: DELETED for a while, then ResourceNotFoundException; the name is reusable meanwhile', async () => {
    em.admin.configure({ latency: 'realistic', timeScale: 1 });
    try {
      const arn = await create('gone-1');
      em.admin.advanceClock(240_000);
      expect(await status(arn)).toBe('RUNNING');
      const d = await c.send(new DeleteServiceCommand({ ServiceArn: arn }));
      expect(d.Service?.Status).toBe('OPERATION_IN_PROGRESS');
      em.admin.advanceClock(120_000);
      expect(await status(arn)).toBe('DELETED');
      const listed = await c.send(new ListServicesCommand({}));
      expect(listed.ServiceSummaryList?.find((x) => x.ServiceArn === arn)?.Status).toBe('DELETED');
      await create('gone-1');
      em.admin.advanceClock(600_000);
      expect((await errorOf(status(arn))).name).toBe('ResourceNotFoundException');
    } finally {
      em.admin.configure({ latency: 'instant' });
    }
  });
});

describe('operations in flight (realistic profile, scaled)', () => {
  it('goes PENDING → IN_PROGRESS → SUCCEEDED and refuses mutations meanwhile', async () => {
    // A 240 s create: PENDING for its first tenth; the admin clock moves time instead of sleeping.
    em.admin.configure({ latency: 'realistic', timeScale: 1 });
    try {
      const r = await c.send(new CreateServiceCommand({ ServiceName: 'slow-1', SourceConfiguration: PUBLIC_IMAGE }));
      const arn = r.Service!.ServiceArn!;
      const opStatus = async () =>
        (await c.send(new ListOperationsCommand({ ServiceArn: arn }))).OperationSummaryList?.[0].Status;
      expect(await opStatus()).toBe('PENDING');
      const mutations = [
        () => c.send(new PauseServiceCommand({ ServiceArn: arn })),
        () =>
          c.send(
            new UpdateServiceCommand({ ServiceArn: arn, InstanceConfiguration: { Cpu: '2 vCPU', Memory: '4 GB' } }),
          ),
        () => c.send(new DeleteServiceCommand({ ServiceArn: arn })),
        () => c.send(new StartDeploymentCommand({ ServiceArn: arn })),
      ];
      for (const m of mutations) expect((await errorOf(m())).name).toBe('InvalidStateException');
      em.admin.advanceClock(60_000);
      expect(await opStatus()).toBe('IN_PROGRESS');
      expect(await status(arn)).toBe('OPERATION_IN_PROGRESS');
      em.admin.advanceClock(180_000);
      expect(await opStatus()).toBe('SUCCEEDED');
      expect(await status(arn)).toBe('RUNNING');
    } finally {
      em.admin.configure({ latency: 'instant', timeScale: 1 });
    }
  });
});

describe('scheduled failures', () => {
  it('fails the next CreateService of a name: CREATE_FAILED with the operation FAILED', async () => {
    em.admin.scheduleFailure({ operation: 'CreateService', serviceName: 'doomed' });
    const arn = await create('doomed');
    expect(await status(arn)).toBe('CREATE_FAILED');
    const ops = await c.send(new ListOperationsCommand({ ServiceArn: arn }));
    expect(ops.OperationSummaryList?.[0]).toMatchObject({ Type: 'CREATE_SERVICE', Status: 'FAILED' });
    expect(await status(await create('fine-after'))).toBe('RUNNING');
  });

  it('rolls back the next UpdateService: ROLLBACK_SUCCEEDED and RUNNING with the previous configuration', async () => {
    const arn = await create('rolled', { InstanceConfiguration: { Cpu: '1 vCPU', Memory: '2 GB' } });
    await status(arn);
    em.admin.scheduleFailure({ operation: 'UpdateService' });
    await c.send(
      new UpdateServiceCommand({ ServiceArn: arn, InstanceConfiguration: { Cpu: '4 vCPU', Memory: '8 GB' } }),
    );
    const d = await c.send(new DescribeServiceCommand({ ServiceArn: arn }));
    expect(d.Service?.Status).toBe('RUNNING');
    expect(d.Service?.InstanceConfiguration).toMatchObject({ Cpu: '1024', Memory: '2048' });
    const ops = await c.send(new ListOperationsCommand({ ServiceArn: arn }));
    expect(ops.OperationSummaryList?.[0]).toMatchObject({ Type: 'UPDATE_SERVICE', Status: 'ROLLBACK_SUCCEEDED' });
  });

  it('fails the next DeleteService: DELETE_FAILED, and a later delete succeeds', async () => {
    const arn = await create('sticky');
    await status(arn);
    em.admin.scheduleFailure({ operation: 'DeleteService', serviceName: 'sticky' });
    await c.send(new DeleteServiceCommand({ ServiceArn: arn }));
    expect(await status(arn)).toBe('DELETE_FAILED');
    const ops = await c.send(new ListOperationsCommand({ ServiceArn: arn }));
    expect(ops.OperationSummaryList?.[0]).toMatchObject({ Type: 'DELETE_SERVICE', Status: 'FAILED' });
    await c.send(new DeleteServiceCommand({ ServiceArn: arn }));
    expect((await errorOf(status(arn))).name).toBe('ResourceNotFoundException');
  });
});
