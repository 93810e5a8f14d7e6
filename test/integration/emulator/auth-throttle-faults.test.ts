import { AppRunnerClient, ListServicesCommand } from '@aws-sdk/client-apprunner';
import { describe, expect, it } from 'vitest';
import { client, errorOf, start } from './helpers.js';

describe('strict SigV4 authentication', () => {
  it('accepts the configured key pair and refuses a wrong secret or an unknown key with 403', async () => {
    const em = await start({
      strictAuth: true,
      credentials: [{ accessKeyId: 'AKIDLOCAL', secretAccessKey: 'right-secret' }],
    });
    try {
      const mk = (accessKeyId: string, secretAccessKey: string) =>
        new AppRunnerClient({
          endpoint: em.url,
          region: 'eu-west-1',
          credentials: { accessKeyId, secretAccessKey },
          maxAttempts: 1,
        });
      const ok = await mk('AKIDLOCAL', 'right-secret').send(new ListServicesCommand({}));
      expect(ok.ServiceSummaryList).toEqual([]);
      expect(await errorOf(mk('AKIDLOCAL', 'wrong-secret').send(new ListServicesCommand({})))).toMatchObject({
        name: 'InvalidSignatureException',
        status: 403,
      });
      expect(await errorOf(mk('AKIDOTHER', 'right-secret').send(new ListServicesCommand({})))).toMatchObject({
        name: 'UnrecognizedClientException',
        status: 403,
      });
    } finally {
      await em.close();
    }
  });
});

describe('throttling', () => {
  it('answers 400 ThrottlingException over the rate, which the SDK retries until it succeeds', async () => {
    const em = await start({ throttleRps: 5 });
    try {
      const noRetry = client(em);
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, () => noRetry.send(new ListServicesCommand({}))),
      );
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(rejected.length).toBeGreaterThan(0);
      const reason = (rejected[0] as PromiseRejectedResult).reason as {
        name: string;
        $metadata: { httpStatusCode: number };
      };
      expect(reason.name).toBe('ThrottlingException');
      expect(reason.$metadata.httpStatusCode).toBe(400);

      em.admin.resetStats();
      em.admin.configure({ throttleRps: 5 }); // a full bucket of 5 for the 8 requests below
      const retrying = client(em, { maxAttempts: 6 });
      const out = await Promise.all(Array.from({ length: 8 }, () => retrying.send(new ListServicesCommand({}))));
      expect(out.every((o) => Array.isArray(o.ServiceSummaryList))).toBe(true);
      expect(Math.max(...out.map((o) => o.$metadata.attempts ?? 1))).toBeGreaterThan(1);
      const stats = em.admin.stats();
      expect(stats.throttled).toBeGreaterThan(0);
      expect(stats.requests.ListServices).toBe(8 + stats.throttled);
    } finally {
      await em.close();
    }
  });
});

describe('injected faults', () => {
  it('answer 500 InternalServiceErrorException, reproducibly for a seed', async () => {
    const pattern = async (seed: number): Promise<string> => {
      const em = await start({ faultRate: 0.5, seed });
      try {
        const c = client(em);
        let out = '';
        for (let i = 0; i < 24; i++) {
          const r = await c.send(new ListServicesCommand({})).then(
            () => '.',
            (e: { name: string; $metadata: { httpStatusCode: number } }) => {
              expect(e.name).toBe('InternalServiceErrorException');
              expect(e.$metadata.httpStatusCode).toBe(500);
              return 'F';
            },
          );
          out += r;
        }
        expect(em.admin.stats().faults).toBe(out.split('F').length - 1);
        return out;
      } finally {
        await em.close();
      }
    };
    const a = await pattern(42);
    expect(a).toContain('F');
    expect(a).toContain('.');
    expect(await pattern(42)).toBe(a);
    expect(await pattern(43)).not.toBe(a);
  });

  it('can be switched on and off at run time through the admin API', async () => {
    const em = await start();
    try {
      const c = client(em);
      const res = await fetch(`${em.url}/_emulator/settings`, {
        method: 'POST',
        body: JSON.stringify({ faultRate: 1 }),
      });
      expect(((await res.json()) as { faultRate: number }).faultRate).toBe(1);
      expect((await errorOf(c.send(new ListServicesCommand({})))).name).toBe('InternalServiceErrorException');
      em.admin.configure({ faultRate: 0 });
      await c.send(new ListServicesCommand({}));
    } finally {
      await em.close();
    }
  });
});
