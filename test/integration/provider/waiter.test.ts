import { type AppRunnerClient, CreateServiceCommand, UpdateServiceCommand } from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../providers/apprunner/emulator/index.js';
import { startEmulator } from '../../../providers/apprunner/emulator/index.js';
import {
  AbortError,
  createClient,
  DurationModel,
  OperationFailedError,
  ServicePoller,
  type WaitEnv,
  WaitTimeoutError,
  waitForOperation,
} from '../../../providers/apprunner/index.js';
import type { ProgressEvent } from '../../../providers/provider.js';
import { REGION, rejection } from './helpers.js';

let em: RunningEmulator;
let client: AppRunnerClient;
let env: WaitEnv;
beforeAll(async () => {
  em = await startEmulator({ latency: 'fast', seed: 3 });
  client = createClient({ region: REGION, endpoint: em.url, credentials: { accessKeyId: 't', secretAccessKey: 't' } });
  env = { client, poller: new ServicePoller(client), durations: new DurationModel(1000), scale: 1000 };
});
afterAll(async () => {
  env.poller.close();
  client.destroy();
  await em.close();
});
beforeEach(() => {
  em.admin.reset();
  em.admin.configure({ latency: 'fast' });
});

const IMAGE = {
  ImageRepository: {
    ImageIdentifier: 'public.ecr.aws/nginx/nginx:latest',
    ImageRepositoryType: 'ECR_PUBLIC' as const,
    ImageConfiguration: { Port: '80' },
  },
  AutoDeploymentsEnabled: false,
};

async function createService(name: string) {
  const r = await client.send(new CreateServiceCommand({ ServiceName: name, SourceConfiguration: IMAGE }));
  return { arn: r.Service!.ServiceArn!, operationId: r.OperationId! };
}

describe('operation waiter', () => {
  it('follows a create to SUCCEEDED, reporting each status change with the operation ID', async () => {
    const { arn, operationId } = await createService('wait-ok');
    const events: ProgressEvent[] = [];
    const out = await waitForOperation(env, {
      serviceArn: arn,
      operationId,
      kind: 'CREATE_SERVICE',
      timeoutMs: 30_000,
      signal: new AbortController().signal,
      progress: (e) => events.push(e),
    });
    expect(out).toEqual({ id: operationId, type: 'CREATE_SERVICE', status: 'SUCCEEDED', endedAt: expect.any(Date) });
    expect(events.at(-1)).toMatchObject({ status: 'SUCCEEDED', operationId });
    // Statuses are reported on change only.
    const statuses = events.map((e) => e.status);
    expect(new Set(statuses).size).toBe(statuses.length);
  });

  it('adds the service status to progress when a batched poll sees it', async () => {
    // 240 s / 200 = 1.2 s per create: long enough for polls that several waits share.
    em.admin.configure({ latency: 'realistic', timeScale: 200 });
    const created = await Promise.all(['wb-1', 'wb-2', 'wb-3', 'wb-4'].map((n) => createService(n)));
    const events: ProgressEvent[] = [];
    await Promise.all(
      created.map(({ arn, operationId }) =>
        waitForOperation(env, {
          serviceArn: arn,
          operationId,
          kind: 'CREATE_SERVICE',
          timeoutMs: 30_000,
          signal: new AbortController().signal,
          progress: (e) => events.push(e),
        }),
      ),
    );
    expect(events.some((e) => e.resourceStatus === 'OPERATION_IN_PROGRESS' && e.operationId)).toBe(true);
  });

  it('reports a FAILED create with the operation ID, type and the service status', async () => {
    em.admin.scheduleFailure({ operation: 'CreateService', serviceName: 'wait-bad' });
    const { arn, operationId } = await createService('wait-bad');
    const e = await rejection(
      waitForOperation(env, {
        serviceArn: arn,
        operationId,
        kind: 'CREATE_SERVICE',
        timeoutMs: 30_000,
        signal: new AbortController().signal,
      }),
    );
    expect(e).toBeInstanceOf(OperationFailedError);
    const f = e as OperationFailedError;
    expect([f.operationId, f.operationType, f.status]).toEqual([operationId, 'CREATE_SERVICE', 'FAILED']);
    expect(f.message).toContain(operationId);
    expect(f.reason).toContain('CREATE_FAILED');
  });

  it('reports a rolled-back update as a failure that says the previous configuration runs', async () => {
    const created = await createService('wait-rollback');
    await waitForOperation(env, {
      serviceArn: created.arn,
      operationId: created.operationId,
      kind: 'CREATE_SERVICE',
      timeoutMs: 30_000,
      signal: new AbortController().signal,
    });
    em.admin.scheduleFailure({ operation: 'UpdateService' });
    const u = await client.send(
      new UpdateServiceCommand({ ServiceArn: created.arn, InstanceConfiguration: { Cpu: '2 vCPU', Memory: '4 GB' } }),
    );
    const e = await rejection(
      waitForOperation(env, {
        serviceArn: created.arn,
        operationId: u.OperationId!,
        kind: 'UPDATE_SERVICE',
        timeoutMs: 30_000,
        signal: new AbortController().signal,
      }),
    );
    expect(e).toBeInstanceOf(OperationFailedError);
    expect((e as OperationFailedError).status).toBe('ROLLBACK_SUCCEEDED');
    expect(e.message).toContain(u.OperationId!);
    expect(e.message).toContain('update rolled back; the service runs its previous configuration');
  });

  it('stops promptly with an AbortError when the signal fires', async () => {
    em.admin.configure({ latency: 'realistic', timeScale: 1 });
    const { arn, operationId } = await createService('wait-abort');
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 100);
    const e = await rejection(
      waitForOperation(env, {
        serviceArn: arn,
        operationId,
        kind: 'CREATE_SERVICE',
        timeoutMs: 60_000,
        signal: ac.signal,
      }),
    );
    expect(e).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives up at its timeout with a WaitTimeoutError naming the operation', async () => {
    em.admin.configure({ latency: 'realistic', timeScale: 1 });
    const { arn, operationId } = await createService('wait-slow');
    const started = Date.now();
    const e = await rejection(
      waitForOperation(env, {
        serviceArn: arn,
        operationId,
        kind: 'CREATE_SERVICE',
        timeoutMs: 400,
        signal: new AbortController().signal,
      }),
    );
    expect(e).toBeInstanceOf(WaitTimeoutError);
    expect(e.message).toContain(operationId);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('names the whole timeout of the change, not what was left of it, and never a negative time', async () => {
    em.admin.configure({ latency: 'realistic', timeScale: 1 });
    const { arn, operationId } = await createService('wait-late');
    const request = {
      serviceArn: arn,
      operationId,
      kind: 'CREATE_SERVICE' as const,
      signal: new AbortController().signal,
    };
    // The change had 20 min; earlier calls used them all before the wait began.
    const late = await rejection(waitForOperation(env, { ...request, timeoutMs: -5_000, budgetMs: 1_200_000 }));
    expect(late.message).toBe(`timed out after 1200s waiting for operation ${operationId} (CREATE_SERVICE) on ${arn}`);
    const none = await rejection(waitForOperation(env, { ...request, timeoutMs: -5_000 }));
    expect(none.message).toBe(
      `timed out: no time was left to wait for operation ${operationId} (CREATE_SERVICE) on ${arn}`,
    );
  });
});
