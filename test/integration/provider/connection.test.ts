import { DeleteConnectionCommand, TagResourceCommand } from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  checkServiceConnection,
  ensureConnectionAvailable,
  HandshakePendingError,
} from '../../../providers/apprunner/index.js';
import type { JsonObject } from '../../../providers/provider.js';
import { context, type Harness, harness, rejection } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());
beforeEach(() => h.em.admin.reset());

const conn = () => h.provider.resources.apprunner_connection;
const args = (name: string, tags: JsonObject = {}): JsonObject => ({
  connection_name: name,
  provider_type: 'GITHUB',
  tags,
});

function codeService(name: string, connectionArn: string): JsonObject {
  return {
    service_name: name,
    source_configuration: {
      code_repository: {
        repository_url: 'https://github.com/example/app',
        source_code_version: { type: 'BRANCH', value: 'main' },
        code_configuration: { configuration_source: 'REPOSITORY' },
      },
      authentication_configuration: { connection_arn: connectionArn },
      auto_deployments_enabled: false,
    },
  };
}

describe('apprunner_connection', () => {
  it('creates without waiting and says in plain words how to finish the handshake', async () => {
    const ctx = context('apprunner_connection.gh');
    const a = await conn().create({ args: args('gh-1', { t: '1' }) }, ctx);
    expect(a).toMatchObject({
      connection_name: 'gh-1',
      provider_type: 'GITHUB',
      status: 'PENDING_HANDSHAKE',
      tags: { t: '1' },
    });
    expect(ctx.events[0]).toMatchObject({ status: 'PENDING_HANDSHAKE' });
    expect(ctx.events[0].message).toMatch(/console/);
    expect(ctx.events[0].message).toMatch(/AVAILABLE/);
    expect(await conn().read({ prior: a }, ctx)).toEqual({ exists: true, attrs: a });
  });

  it('refuses a service on a pending connection with guidance, and allows it once AVAILABLE', async () => {
    const ctx = context('apprunner_connection.gh');
    const a = await conn().create({ args: args('gh-2') }, ctx);
    const svc = h.provider.resources.apprunner_service;
    const e = await rejection(
      svc.create({ args: codeService('code-1', String(a.arn)) }, context('apprunner_service.c')),
    );
    expect(e).toBeInstanceOf(HandshakePendingError);
    expect(e.message).toMatch(/gh-2 is still PENDING_HANDSHAKE/);
    expect(e.message).toMatch(/Complete handshake/);
    h.em.admin.handshakeConnection(String(a.arn));
    await expect(ensureConnectionAvailable(h.sdk, String(a.arn))).resolves.toBeUndefined();
    const s = await svc.create({ args: codeService('code-1', String(a.arn)) }, context('apprunner_service.c'));
    expect(s.status).toBe('RUNNING');
    const read = await conn().read({ prior: a }, ctx);
    expect(read.exists && read.attrs.status).toBe('AVAILABLE');
  });

  it('offers the engine a pre-flight check that needs only the configured provider', async () => {
    const ctx = context('apprunner_connection.gh');
    const a = await conn().create({ args: args('gh-5') }, ctx);
    const service = codeService('code-2', String(a.arn));
    const e = await rejection(checkServiceConnection(h.provider, service, ctx));
    expect(e).toBeInstanceOf(HandshakePendingError);
    expect((e as HandshakePendingError).connectionName).toBe('gh-5');
    h.em.admin.handshakeConnection(String(a.arn));
    await expect(checkServiceConnection(h.provider, service, ctx)).resolves.toBeUndefined();
    // A service from an image uses no connection: nothing to check, no call made.
    h.em.admin.resetStats();
    await checkServiceConnection(h.provider, { service_name: 'img-1', source_configuration: {} }, ctx);
    expect(h.em.admin.stats().total).toBe(0);
  });

  it('updates tags, imports by name, finds by name, and deletes (twice is fine)', async () => {
    const ctx = context('apprunner_connection.gh');
    const a = await conn().create({ args: args('gh-3') }, ctx);
    const b = await conn().update({ args: args('gh-3', { x: 'y' }), prior: a, changed: ['tags'] }, ctx);
    expect(b.tags).toEqual({ x: 'y' });
    expect(await conn().import({ id: 'gh-3' }, ctx)).toEqual(b);
    expect(await conn().findExisting({ args: args('gh-3') }, ctx)).toEqual(b);
    expect(await conn().findExisting({ args: args('gh-none') }, ctx)).toBeUndefined();
    await conn().delete({ prior: b }, ctx);
    expect(await conn().read({ prior: b }, ctx)).toEqual({ exists: false });
    await expect(conn().delete({ prior: b }, ctx)).resolves.toBeUndefined();
  });

  it('shows drift: a tag added directly, then the connection deleted directly', async () => {
    const ctx = context('apprunner_connection.gh');
    const a = await conn().create({ args: args('gh-4') }, ctx);
    await h.sdk.send(new TagResourceCommand({ ResourceArn: String(a.arn), Tags: [{ Key: 'k', Value: 'v' }] }));
    const r = await conn().read({ prior: a }, ctx);
    expect(r.exists && r.attrs.tags).toEqual({ k: 'v' });
    await h.sdk.send(new DeleteConnectionCommand({ ConnectionArn: String(a.arn) }));
    expect(await conn().read({ prior: a }, ctx)).toEqual({ exists: false });
  });
});
