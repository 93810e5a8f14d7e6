import { DescribeServiceCommand, StartDeploymentCommand } from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AbortError,
  CreateFailedError,
  OperationFailedError,
  WaitTimeoutError,
} from '../../../providers/apprunner/index.js';
import type { JsonObject } from '../../../providers/provider.js';
import { context, type Harness, harness, rejection, serviceArgs } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.em.admin.reset();
  h.em.admin.configure({ latency: 'fast', faultRate: 0, throttleRps: 0 });
});

const svc = () => h.provider.resources.apprunner_service;
const args = (name: string, extra: Record<string, unknown> = {}) => serviceArgs(name, extra) as unknown as JsonObject;

describe('apprunner_service failure paths', () => {
  it('reports CREATE_FAILED as a failed create naming the service and its operation', async () => {
    h.em.admin.scheduleFailure({ operation: 'CreateService', serviceName: 'broken-1' });
    const e = await rejection(svc().create({ args: args('broken-1') }, context('apprunner_service.b')));
    expect(e).toBeInstanceOf(CreateFailedError);
    expect(e.message).toMatch(/creating service broken-1 failed/);
    expect((e as CreateFailedError).resourceArn).toMatch(/service\/broken-1\//);
    expect(e.cause).toBeInstanceOf(OperationFailedError);
    const op = e.cause as OperationFailedError;
    expect(op.operationId).not.toBe('');
    expect(e.message).toContain(`operation ${op.operationId} (CREATE_SERVICE) ended FAILED`);
  });

  /** Creates service `name`, schedules its next update to fail, and returns the update's error. */
  async function failedUpdate(name: string, rollbackFails: boolean) {
    const ctx = context(`apprunner_service.${name}`);
    const a0 = await svc().create({ args: args(name) }, ctx);
    h.em.admin.scheduleFailure({
      operation: 'UpdateService',
      serviceName: name,
      ...(rollbackFails ? { rollbackFails } : {}),
    });
    const e = await rejection(
      svc().update(
        {
          args: { ...args(name), instance_configuration: { cpu: '2 vCPU', memory: '4 GB' } },
          prior: a0,
          changed: ['instance_configuration'],
        },
        ctx,
      ),
    );
    expect(e).toBeInstanceOf(OperationFailedError);
    return { e: e as OperationFailedError, live: await svc().read({ prior: a0 }, ctx) };
  }

  it('reports a rolled-back update as an error naming the operation', async () => {
    const { e, live } = await failedUpdate('rollback-1', false);
    expect([e.operationType, e.status]).toEqual(['UPDATE_SERVICE', 'ROLLBACK_SUCCEEDED']);
    expect(e.message).toContain(e.operationId);
    expect(e.message).toContain('rolled back');
    expect(live.exists && live.attrs.instance_configuration).toMatchObject({ cpu: '1024', memory: '2048' });
  });

  it('reports an update whose rollback failed too as an error naming the operation and ROLLBACK_FAILED', async () => {
    const { e } = await failedUpdate('rollback-2', true);
    expect([e.operationType, e.status]).toEqual(['UPDATE_SERVICE', 'ROLLBACK_FAILED']);
    expect(e.message).toContain(`operation ${e.operationId} (UPDATE_SERVICE) ended ROLLBACK_FAILED`);
    expect(e.message).toContain('the rollback failed too');
  });

  it('waits for a deployment already in flight, then retries the update', async () => {
    h.em.admin.configure({ latency: 'realistic', timeScale: 300, jitter: 0 });
    const ctx = context('apprunner_service.d');
    const a0 = await svc().create({ args: args('busy-1') }, ctx);
    const dep = await h.sdk.send(new StartDeploymentCommand({ ServiceArn: String(a0.arn) }));
    const a1 = await svc().update(
      {
        args: { ...args('busy-1'), instance_configuration: { cpu: '2 vCPU', memory: '4 GB' } },
        prior: a0,
        changed: ['instance_configuration'],
      },
      ctx,
    );
    expect(a1.instance_configuration).toMatchObject({ cpu: '2048', memory: '4096' });
    expect(ctx.lines.some((l) => l.includes(String(dep.OperationId)))).toBe(true);
  }, 60_000);

  it('converges through a 10% fault rate and throttling, retried through the client pacer', async () => {
    h.em.admin.configure({ faultRate: 0.1, throttleRps: 15 });
    const ctx = context('apprunner_service.f');
    const a0 = await svc().create({ args: args('flaky-1', { tags: { a: '1' } }) }, ctx);
    expect(a0.status).toBe('RUNNING');
    const a1 = await svc().update(
      {
        args: { ...args('flaky-1', { tags: { a: '2' } }), instance_configuration: { cpu: '2 vCPU', memory: '4 GB' } },
        prior: a0,
        changed: ['instance_configuration', 'tags'],
      },
      ctx,
    );
    expect(a1.instance_configuration).toMatchObject({ cpu: '2048' });
    expect(a1.tags).toEqual({ a: '2' });
    await svc().delete({ prior: a1 }, ctx);
    expect(await svc().read({ prior: a1 }, ctx)).toEqual({ exists: false });
    const stats = h.em.admin.stats();
    expect(stats.faults + stats.throttled).toBeGreaterThan(0);
  }, 60_000);

  it('keeps environment variable values out of logs and progress while creating and updating', async () => {
    const secret = 'hunter2-very-secret';
    const withSecret = (value: string) =>
      serviceArgs('leaky-1', {
        source_configuration: {
          image_repository: {
            image_identifier: 'public.ecr.aws/nginx/nginx:latest',
            image_repository_type: 'ECR_PUBLIC',
            image_configuration: { port: '80', runtime_environment_variables: { TOKEN: value } },
          },
          auto_deployments_enabled: false,
        },
      }) as unknown as JsonObject;
    const ctx = context('apprunner_service.s');
    const a0 = await svc().create({ args: withSecret(secret) }, ctx);
    await svc().update({ args: withSecret(`${secret}-2`), prior: a0, changed: ['source_configuration'] }, ctx);
    const printed = [...ctx.lines, ...ctx.events.map((e) => JSON.stringify(e))].join('\n');
    expect(printed.length).toBeGreaterThan(0);
    expect(printed).not.toContain(secret);
  });

  it('stops a create promptly when the run is cancelled', async () => {
    h.em.admin.configure({ latency: 'realistic', timeScale: 1 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 150);
    const started = Date.now();
    const e = await rejection(
      svc().create({ args: args('cancel-1') }, context('apprunner_service.c', { signal: ac.signal })),
    );
    expect(e).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('gives up a create at the timeout the context sets', async () => {
    h.em.admin.configure({ latency: 'realistic', timeScale: 1 });
    const started = Date.now();
    const e = await rejection(
      svc().create({ args: args('slow-1') }, context('apprunner_service.t', { timeouts: { create: 500 } })),
    );
    expect(e).toBeInstanceOf(WaitTimeoutError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reads a service whose create failed as existing, so the engine can keep it tainted', async () => {
    h.em.admin.scheduleFailure({ operation: 'CreateService', serviceName: 'broken-2' });
    const e = await rejection(svc().create({ args: args('broken-2') }, context('apprunner_service.b')));
    const arn = (e as CreateFailedError).resourceArn;
    const d = await h.sdk.send(new DescribeServiceCommand({ ServiceArn: arn }));
    expect(d.Service?.Status).toBe('CREATE_FAILED');
    const read = await svc().read({ prior: { arn } }, context('apprunner_service.b'));
    expect(read.exists && read.attrs.status).toBe('CREATE_FAILED');
  });
});
