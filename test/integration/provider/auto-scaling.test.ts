import {
  CreateAutoScalingConfigurationCommand,
  DeleteAutoScalingConfigurationCommand,
  TagResourceCommand,
} from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RevisionInUseError } from '../../../providers/apprunner/index.js';
import type { JsonObject } from '../../../providers/provider.js';
import { context, type Harness, harness, rejection, serviceArgs } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());
beforeEach(() => h.em.admin.reset());

const asc = () => h.provider.resources.apprunner_auto_scaling_configuration;
const ctx = () => context('apprunner_auto_scaling_configuration.a');
const args = (name: string, extra: JsonObject = {}): JsonObject => ({
  auto_scaling_configuration_name: name,
  max_concurrency: 50,
  min_size: 2,
  max_size: 10,
  tags: {},
  ...extra,
});

describe('apprunner_auto_scaling_configuration', () => {
  it('creates a revision and reads it back as configured', async () => {
    const a = await asc().create({ args: args('scale-1', { tags: { t: '1' } }) }, ctx());
    expect(a).toMatchObject({ ...args('scale-1', { tags: { t: '1' } }), revision: 1, latest: true, status: 'ACTIVE' });
    expect(a.arn).toMatch(/autoscalingconfiguration\/scale-1\/1\//);
    expect(await asc().read({ prior: a }, ctx())).toEqual({ exists: true, attrs: a });
  });

  it('changes tags in place and refuses any other in-place change', async () => {
    const a = await asc().create({ args: args('scale-2') }, ctx());
    const b = await asc().update({ args: args('scale-2', { tags: { x: 'y' } }), prior: a, changed: ['tags'] }, ctx());
    expect(b.tags).toEqual({ x: 'y' });
    expect(b.arn).toBe(a.arn);
    const e = await rejection(
      asc().update({ args: args('scale-2', { max_size: 3 }), prior: b, changed: ['max_size'] }, ctx()),
    );
    expect(e.message).toMatch(/immutable/);
  });

  it('deletes a revision (a second delete is a success) and reads it as gone', async () => {
    const a = await asc().create({ args: args('scale-3') }, ctx());
    await asc().delete({ prior: a }, ctx());
    expect(await asc().read({ prior: a }, ctx())).toEqual({ exists: false });
    await expect(asc().delete({ prior: a }, ctx())).resolves.toBeUndefined();
  });

  it('imports by ARN and finds the latest active revision by name', async () => {
    await asc().create({ args: args('scale-4') }, ctx());
    const second = await asc().create({ args: args('scale-4', { max_size: 12 }) }, ctx());
    expect(second.revision).toBe(2);
    expect(await asc().import({ id: String(second.arn) }, ctx())).toEqual(second);
    const found = await asc().findExisting({ args: args('scale-4') }, ctx());
    expect(found).toMatchObject({ arn: second.arn, max_size: 12, latest: true });
    expect(await asc().findExisting({ args: args('none-such') }, ctx())).toBeUndefined();
  });

  it('shows drift: tags changed directly, then the revision deleted directly', async () => {
    const a = await asc().create({ args: args('scale-5') }, ctx());
    await h.sdk.send(new TagResourceCommand({ ResourceArn: String(a.arn), Tags: [{ Key: 'k', Value: 'v' }] }));
    const r = await asc().read({ prior: a }, ctx());
    expect(r.exists && r.attrs.tags).toEqual({ k: 'v' });
    await h.sdk.send(new DeleteAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: String(a.arn) }));
    expect(await asc().read({ prior: a }, ctx())).toEqual({ exists: false });
  });

  it('refuses to delete a revision in use and names the services using it', async () => {
    const a = await asc().create({ args: args('scale-6') }, ctx());
    const sctx = context('apprunner_service.s');
    const svc = h.provider.resources.apprunner_service;
    await svc.create(
      { args: serviceArgs('user-1', { auto_scaling_configuration_arn: a.arn }) as unknown as JsonObject },
      sctx,
    );
    await svc.create(
      { args: serviceArgs('user-2', { auto_scaling_configuration_arn: a.arn }) as unknown as JsonObject },
      sctx,
    );
    const e = await rejection(asc().delete({ prior: a }, ctx()));
    expect(e).toBeInstanceOf(RevisionInUseError);
    expect((e as RevisionInUseError).serviceNames.slice().sort()).toEqual(['user-1', 'user-2']);
    expect(e.message).toContain('user-1');
    expect(e.message).toContain('user-2');
  });

  it('reads back a service pointing at the revision', async () => {
    const made = await h.sdk.send(
      new CreateAutoScalingConfigurationCommand({ AutoScalingConfigurationName: 'scale-7', MaxSize: 4 }),
    );
    const arn = made.AutoScalingConfiguration!.AutoScalingConfigurationArn!;
    const s = await h.provider.resources.apprunner_service.create(
      { args: serviceArgs('user-3', { auto_scaling_configuration_arn: arn }) as unknown as JsonObject },
      context('apprunner_service.s'),
    );
    expect(s.auto_scaling_configuration_arn).toBe(arn);
  });
});
