import {
  CreateConnectionCommand,
  CreateServiceCommand,
  DescribeServiceCommand,
  ListConnectionsCommand,
} from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../providers/apprunner/emulator/index.js';
import { client, PUBLIC_IMAGE, start } from './helpers.js';

let em: RunningEmulator;
beforeAll(async () => {
  em = await start();
});
afterAll(() => em.close());

async function admin(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${em.url}/_emulator${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('admin HTTP API under /_emulator/', () => {
  it('counts API calls per operation and resets the counters', async () => {
    await admin('POST', '/stats/reset');
    const c = client(em);
    await c.send(new ListConnectionsCommand({}));
    await c.send(new ListConnectionsCommand({}));
    const s = await admin('GET', '/stats');
    expect(s.json).toEqual({ requests: { ListConnections: 2 }, total: 2, throttled: 0, faults: 0 });
    await admin('DELETE', '/stats');
    expect((await admin('GET', '/stats')).json.total).toBe(0);
  });

  it('handshakes a connection, schedules a failure, changes latency, and resets the account', async () => {
    const c = client(em);
    const conn = await c.send(new CreateConnectionCommand({ ConnectionName: 'admin-conn', ProviderType: 'GITHUB' }));
    expect(
      (await admin('POST', '/connections/handshake', { ConnectionArn: conn.Connection?.ConnectionArn })).status,
    ).toBe(200);
    expect((await c.send(new ListConnectionsCommand({}))).ConnectionSummaryList?.[0].Status).toBe('AVAILABLE');

    const f = await admin('POST', '/failures', { Operation: 'CreateService', ServiceName: 'will-fail' });
    expect(f.json.failures).toEqual([{ operation: 'CreateService', serviceName: 'will-fail' }]);
    const svc = await c.send(new CreateServiceCommand({ ServiceName: 'will-fail', SourceConfiguration: PUBLIC_IMAGE }));
    expect((await c.send(new DescribeServiceCommand({ ServiceArn: svc.Service!.ServiceArn! }))).Service?.Status).toBe(
      'CREATE_FAILED',
    );

    const s = await admin('POST', '/settings', { latency: 'realistic', timeScale: 600, jitter: 0.1 });
    expect(s.json).toMatchObject({ latency: 'realistic', timeScale: 600, jitter: 0.1 });
    expect((await admin('POST', '/settings', { latency: 'warp' })).status).toBe(400);
    await admin('POST', '/settings', { latency: 'instant', jitter: 0 });

    await admin('POST', '/reset');
    expect((await c.send(new ListConnectionsCommand({}))).ConnectionSummaryList).toEqual([]);
  });

  it('moves the clock forward so that long operations complete without waiting', async () => {
    const c = client(em);
    await admin('POST', '/settings', { latency: 'realistic', timeScale: 1 });
    try {
      const svc = await c.send(new CreateServiceCommand({ ServiceName: 'clocked', SourceConfiguration: PUBLIC_IMAGE }));
      const arn = svc.Service!.ServiceArn!;
      expect((await c.send(new DescribeServiceCommand({ ServiceArn: arn }))).Service?.Status).toBe(
        'OPERATION_IN_PROGRESS',
      );
      expect((await admin('POST', '/clock/advance', { Milliseconds: 230_000 })).status).toBe(200);
      expect((await c.send(new DescribeServiceCommand({ ServiceArn: arn }))).Service?.Status).toBe(
        'OPERATION_IN_PROGRESS',
      );
      await admin('POST', '/clock/advance', { Milliseconds: 10_000 });
      expect((await c.send(new DescribeServiceCommand({ ServiceArn: arn }))).Service?.Status).toBe('RUNNING');
      expect((await admin('POST', '/clock/advance', { Milliseconds: -5 })).status).toBe(400);
    } finally {
      await admin('POST', '/settings', { latency: 'instant' });
      await admin('POST', '/reset');
    }
  });

  it('changes quotas at run time and refuses unknown ones', async () => {
    const c = client(em);
    expect((await admin('POST', '/quotas', { connections: 1 })).json).toMatchObject({ connections: 1, services: 30 });
    await c.send(new CreateConnectionCommand({ ConnectionName: 'quota-1', ProviderType: 'GITHUB' }));
    const e = await c
      .send(new CreateConnectionCommand({ ConnectionName: 'quota-2', ProviderType: 'GITHUB' }))
      .catch((x: Error) => x);
    expect((e as Error).name).toBe('ServiceQuotaExceededException');
    expect((await admin('POST', '/quotas', { rockets: 3 })).status).toBe(400);
    await admin('POST', '/quotas', { connections: 10 });
    await admin('POST', '/reset');
  });

  it('answers 404 for an unknown route and for validating a domain that does not exist', async () => {
    expect((await admin('GET', '/nope')).status).toBe(404);
    const missing = `arn:aws:apprunner:eu-west-1:123456789012:service/x/${'0'.repeat(32)}`;
    expect((await admin('POST', '/domains/validate', { ServiceArn: missing, DomainName: 'a.example' })).status).toBe(
      404,
    );
  });
});
