import { CreateServiceCommand, DescribeServiceCommand } from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../providers/apprunner/emulator/index.js';
import { client, PUBLIC_IMAGE, start } from './helpers.js';

let em: RunningEmulator;
let plain: RunningEmulator;
beforeAll(async () => {
  em = await start({ recordCalls: true });
  plain = await start();
});
afterAll(async () => {
  await em.close();
  await plain.close();
});

describe('the call journal', () => {
  it('keeps every API call in order with its input and error, over HTTP too, and empties on a stats reset', async () => {
    const c = client(em);
    const made = await c.send(
      new CreateServiceCommand({ ServiceName: 'journal-1', SourceConfiguration: PUBLIC_IMAGE }),
    );
    const arn = made.Service?.ServiceArn ?? '';
    await c.send(new DescribeServiceCommand({ ServiceArn: arn }));
    await c.send(new DescribeServiceCommand({ ServiceArn: `${arn}x` })).catch(() => undefined);
    c.destroy();

    const calls = em.admin.calls();
    expect(calls.map((x) => x.operation)).toEqual(['CreateService', 'DescribeService', 'DescribeService']);
    expect(calls[0].input.ServiceName).toBe('journal-1');
    expect(calls[1].input).toEqual({ ServiceArn: arn });
    expect(calls[1].error).toBeUndefined();
    expect(calls[2].error).toBe('ResourceNotFoundException');
    expect(calls[0].at).toBeLessThanOrEqual(calls[1].at);

    const res = await fetch(`${em.url}/_emulator/calls`);
    const body = (await res.json()) as { calls: unknown[] };
    expect(body.calls).toEqual(JSON.parse(JSON.stringify(calls)));

    em.admin.resetStats();
    expect(em.admin.calls()).toEqual([]);
  });

  it('keeps nothing unless asked', async () => {
    const c = client(plain);
    await c.send(new CreateServiceCommand({ ServiceName: 'journal-2', SourceConfiguration: PUBLIC_IMAGE }));
    c.destroy();
    expect(plain.admin.calls()).toEqual([]);
  });
});
