import { DeleteServiceCommand, DescribeServiceCommand, UpdateServiceCommand } from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../providers/provider.js';
import { context, type Harness, harness, serviceArgs } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());
beforeEach(() => h.em.admin.reset());

const svc = () => h.provider.resources.apprunner_service;

describe('apprunner_service lifecycle', () => {
  it('creates a service, waits until RUNNING, and reads back what was configured', async () => {
    const ctx = context('apprunner_service.web');
    const args = serviceArgs('web-1', {
      instance_configuration: { cpu: '1 vCPU', memory: '2 GB' },
      tags: { team: 'core' },
    }) as unknown as JsonObject;
    const attrs = await svc().create({ args }, ctx);
    expect(attrs.status).toBe('RUNNING');
    expect(attrs.arn).toMatch(/^arn:aws:apprunner:eu-west-1:\d{12}:service\/web-1\//);
    expect(attrs.service_id).toMatch(/^[0-9a-f]{32}$/);
    expect(attrs.service_url).toMatch(/awsapprunner\.com$/);
    expect(attrs.tags).toEqual({ team: 'core' });
    expect(attrs.paused).toBe(false);
    expect(attrs.instance_configuration).toMatchObject({ cpu: '1024', memory: '2048' });
    expect(attrs.source_configuration).toMatchObject(args.source_configuration as JsonObject);
    expect(ctx.events.map((e) => e.status)).toContain('SUCCEEDED');
    expect(ctx.events.every((e) => e.operationId)).toBe(true);

    const read = await svc().read({ prior: attrs }, context('apprunner_service.web'));
    expect(read).toEqual({ exists: true, attrs });
  });

  it('updates each block in place, tags and pause without an UpdateService call', async () => {
    const ctx = context('apprunner_service.web');
    const args = serviceArgs('web-2') as unknown as JsonObject;
    const a0 = await svc().create({ args }, ctx);

    const a1 = await svc().update(
      {
        args: { ...args, instance_configuration: { cpu: '2 vCPU', memory: '4 GB' } },
        prior: a0,
        changed: ['instance_configuration'],
      },
      ctx,
    );
    expect(a1.instance_configuration).toMatchObject({ cpu: '2048', memory: '4096' });

    const health = {
      protocol: 'HTTP',
      path: '/healthz',
      interval: 10,
      timeout: 5,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
    };
    const a2 = await svc().update(
      { args: { ...args, health_check_configuration: health }, prior: a1, changed: ['health_check_configuration'] },
      ctx,
    );
    expect(a2.health_check_configuration).toEqual(health);

    const source = {
      image_repository: {
        image_identifier: 'public.ecr.aws/nginx/nginx:1.27',
        image_repository_type: 'ECR_PUBLIC',
        image_configuration: { port: '8080', runtime_environment_variables: { MODE: 'prod' } },
      },
      auto_deployments_enabled: false,
    };
    const a3 = await svc().update(
      { args: { ...args, source_configuration: source }, prior: a2, changed: ['source_configuration'] },
      ctx,
    );
    expect(a3.source_configuration).toMatchObject(source);

    const network = { ingress_configuration: { is_publicly_accessible: true }, ip_address_type: 'DUAL_STACK' };
    const a4 = await svc().update(
      { args: { ...args, network_configuration: network }, prior: a3, changed: ['network_configuration'] },
      ctx,
    );
    expect(a4.network_configuration).toMatchObject(network);

    await h.em.admin.resetStats();
    const a5 = await svc().update(
      { args: { ...args, tags: { env: 'test' }, paused: true }, prior: a4, changed: ['tags', 'paused'] },
      ctx,
    );
    expect(a5.tags).toEqual({ env: 'test' });
    expect(a5.paused).toBe(true);
    expect(a5.status).toBe('PAUSED');
    const stats = h.em.admin.stats();
    expect(stats.requests.UpdateService ?? 0).toBe(0);
    expect(stats.requests.PauseService).toBe(1);

    const a6 = await svc().update(
      { args: { ...args, tags: {}, paused: false }, prior: a5, changed: ['tags', 'paused'] },
      ctx,
    );
    expect(a6.paused).toBe(false);
    expect(a6.tags).toEqual({});
  });

  it('updates a service that stays paused by resuming it for the update and pausing it again', async () => {
    const ctx = context('apprunner_service.web');
    const args = serviceArgs('web-6', { paused: true }) as unknown as JsonObject;
    const a0 = await svc().create({ args }, ctx);
    expect(a0.status).toBe('PAUSED');
    const a1 = await svc().update(
      {
        args: { ...args, instance_configuration: { cpu: '2 vCPU', memory: '4 GB' } },
        prior: a0,
        changed: ['instance_configuration'],
      },
      ctx,
    );
    expect(a1.instance_configuration).toMatchObject({ cpu: '2048', memory: '4096' });
    expect(a1.status).toBe('PAUSED');
    expect(a1.paused).toBe(true);
  });

  it('deletes a service, waits until it is gone, and counts a second delete as success', async () => {
    const ctx = context('apprunner_service.web');
    const attrs = await svc().create({ args: serviceArgs('web-3') as unknown as JsonObject }, ctx);
    await svc().delete({ prior: attrs }, ctx);
    expect(await svc().read({ prior: attrs }, ctx)).toEqual({ exists: false });
    await expect(svc().delete({ prior: attrs }, ctx)).resolves.toBeUndefined();
  });

  it('imports by ARN and finds an existing service by name', async () => {
    const ctx = context('apprunner_service.web');
    const attrs = await svc().create(
      { args: serviceArgs('web-4', { tags: { a: 'b' } }) as unknown as JsonObject },
      ctx,
    );
    expect(await svc().import({ id: String(attrs.arn) }, ctx)).toEqual(attrs);
    expect(await svc().findExisting({ args: serviceArgs('web-4') as unknown as JsonObject }, ctx)).toEqual(attrs);
    expect(await svc().findExisting({ args: serviceArgs('nobody') as unknown as JsonObject }, ctx)).toBeUndefined();
  });

  it('shows drift made behind its back, and a service deleted directly as gone', async () => {
    const ctx = context('apprunner_service.web');
    const attrs = await svc().create({ args: serviceArgs('web-5') as unknown as JsonObject }, ctx);
    const arn = String(attrs.arn);
    await h.sdk.send(
      new UpdateServiceCommand({ ServiceArn: arn, InstanceConfiguration: { Cpu: '2 vCPU', Memory: '4 GB' } }),
    );
    await waitRunning(arn);
    const drifted = await svc().read({ prior: attrs }, ctx);
    expect(drifted.exists && drifted.attrs.instance_configuration).toMatchObject({ cpu: '2048', memory: '4096' });
    await h.sdk.send(new DeleteServiceCommand({ ServiceArn: arn }));
    await waitGone(arn);
    expect(await svc().read({ prior: attrs }, ctx)).toEqual({ exists: false });
  });
});

async function waitRunning(arn: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const s = await h.sdk.send(new DescribeServiceCommand({ ServiceArn: arn }));
    if (s.Service?.Status === 'RUNNING') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('service never became RUNNING');
}

async function waitGone(arn: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const s = await h.sdk.send(new DescribeServiceCommand({ ServiceArn: arn })).catch(() => undefined);
    if (!s || s.Service?.Status === 'DELETED') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('service never went away');
}
