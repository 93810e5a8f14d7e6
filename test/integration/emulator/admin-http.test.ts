import { request } from 'node:http';
import {
  CreateConnectionCommand,
  CreateServiceCommand,
  DescribeServiceCommand,
  ListConnectionsCommand,
} from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CLOCK_ADVANCE_MS, MAX_CLOCK_OFFSET_MS } from '../../../providers/apprunner/emulator/admin.js';
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

/** Like `admin`, but sends the body with any method (fetch refuses a body on GET). */
function adminRaw(
  method: string,
  path: string,
  body: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    // Without a length Node sends a GET body unframed, and the server would read it as the next request.
    const headers = { 'content-length': String(Buffer.byteLength(body)) };
    const req = request(`${em.url}/_emulator${path}`, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString('utf8');
      });
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> });
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Expects a 400 refusal in the admin API's error style whose message matches `message`. */
function expectRefused(r: { status: number; json: Record<string, unknown> }, message: RegExp): void {
  expect(r.status).toBe(400);
  expect(r.json.__type).toBe('InvalidRequestException');
  expect(r.json.Message).toMatch(message);
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

  it('refuses a clock advance that is not a number of milliseconds in [0, 10 years]', async () => {
    const tooFar = /^Milliseconds must be a number in \[0, 315576000000\] \(at most 10 years\)\.$/;
    for (const ms of [1e308, MAX_CLOCK_ADVANCE_MS + 1, -1, -5, '5', 'NaN', null, true, [1], { n: 1 }]) {
      expectRefused(await admin('POST', '/clock/advance', { Milliseconds: ms }), tooFar);
    }
    expectRefused(await admin('POST', '/clock/advance', {}), /needs a number member Milliseconds/);
    expectRefused(await admin('POST', '/clock/advance', [1000]), /body of POST \/clock\/advance must be a JSON object/);
    expect((await admin('POST', '/clock/advance', { Milliseconds: 0 })).status).toBe(200);
  });

  it('refuses an unknown member in the body of every admin route, naming it, and changes nothing', async () => {
    const arn = `arn:aws:apprunner:eu-west-1:123456789012:connection/x/${'0'.repeat(32)}`;
    const routes: [string, string, Record<string, unknown>][] = [
      ['GET', '/health', {}],
      ['POST', '/reset', {}],
      ['POST', '/connections/handshake', { ConnectionArn: arn }],
      ['POST', '/domains/validate', { ServiceArn: arn, DomainName: 'a.example' }],
      ['POST', '/failures', { Operation: 'CreateService' }],
      ['GET', '/failures', {}],
      ['GET', '/settings', {}],
      ['POST', '/settings', { latency: 'instant' }],
      ['POST', '/clock/advance', { Milliseconds: 1000 }],
      ['GET', '/quotas', {}],
      ['POST', '/quotas', { services: 30 }],
      ['GET', '/stats', {}],
      ['GET', '/calls', {}],
      ['POST', '/stats/reset', {}],
      ['DELETE', '/stats', {}],
    ];
    const before = await admin('GET', '/settings');
    for (const [method, path, body] of routes) {
      const r = await adminRaw(method, path, JSON.stringify({ ...body, Bogus: 1 }));
      // POST /quotas names the member as a quota, as it did before.
      expectRefused(r, new RegExp(`^Unknown (member Bogus(:| in the body of) ${method} ${path}|quota Bogus;)`));
    }
    expect((await admin('GET', '/failures')).json.failures).toEqual([]);
    expect((await admin('GET', '/settings')).json).toEqual(before.json);
    expectRefused(await admin('POST', '/settings', { speed: 2 }), /known: latency, timeScale, jitter/);
    expectRefused(await admin('POST', '/quotas', { rockets: 3 }), /^Unknown quota rockets; known: services/);
  });

  it('refuses members of the wrong type or out of range, naming the member', async () => {
    const refusals: [string, unknown, RegExp][] = [
      ['/settings', { jitter: '0.5' }, /^jitter must be a number in \[0, 1\]/],
      ['/settings', { faultRate: 2 }, /^faultRate must be a number in \[0, 1\]/],
      ['/settings', { timeScale: 0 }, /^timeScale must be a number in \(0, 1000000000\]/],
      ['/settings', { throttleRps: 1e308 }, /^throttleRps must be a number/],
      ['/settings', { autoHandshake: 'yes' }, /^autoHandshake must be a boolean/],
      ['/settings', null, /^The settings must be a JSON object/],
      ['/quotas', { services: 1e308 }, /^services must be an integer in \[0, 1000000\]/],
      ['/quotas', { services: -1 }, /^services must be an integer/],
      ['/quotas', { connections: 1.5 }, /^connections must be an integer/],
      ['/failures', { Operation: 'Launch' }, /^Operation must be one of CreateService/],
      ['/failures', { Operation: 'CreateService', ServiceName: 5 }, /^ServiceName must be a non-empty string/],
      ['/failures', { Operation: 'UpdateService', RollbackFails: 'yes' }, /^RollbackFails must be a boolean/],
      ['/connections/handshake', { ConnectionArn: 7 }, /needs a string member ConnectionArn/],
      ['/domains/validate', { ServiceArn: 'x' }, /needs a string member DomainName/],
    ];
    for (const [path, body, message] of refusals) expectRefused(await admin('POST', path, body), message);
    expect((await admin('GET', '/failures')).json.failures).toEqual([]);
    expect((await admin('GET', '/quotas')).json).toMatchObject({ services: 30 });
  });

  it('bounds the programmatic clock advance too, per call and in all', async () => {
    const other = await start();
    try {
      expect(() => other.admin.advanceClock(1e308)).toThrow(/at most 315576000000 ms \(10 years\) at a time/);
      expect(() => other.admin.advanceClock(Number.NaN)).toThrow(/only moves forward/);
      for (let total = 0; total < MAX_CLOCK_OFFSET_MS; total += MAX_CLOCK_ADVANCE_MS) {
        other.admin.advanceClock(MAX_CLOCK_ADVANCE_MS);
      }
      expect(() => other.admin.advanceClock(1)).toThrow(/at most 3155760000000 ms \(100 years\) ahead/);
    } finally {
      await other.close();
    }
  });
});
