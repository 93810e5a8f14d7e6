import type { AppRunnerClient } from '@aws-sdk/client-apprunner';
import { describe, expect, it } from 'vitest';
import { AbortError } from '../../../../providers/apprunner/errors.js';
import { ServicePoller } from '../../../../providers/apprunner/wait/index.js';

/** A stand-in client that answers ListServices from a fixed table, 20 per page, and counts calls. */
function fakeClient(statuses: Record<string, string>) {
  const arns = Object.keys(statuses);
  const calls: string[] = [];
  const client = {
    async send(command: { constructor: { name: string }; input: { NextToken?: string } }) {
      calls.push(command.constructor.name);
      const start = Number(command.input.NextToken ?? 0);
      const page = arns.slice(start, start + 20);
      return {
        ServiceSummaryList: page.map((ServiceArn) => ({ ServiceArn, Status: statuses[ServiceArn] })),
        NextToken: start + 20 < arns.length ? String(start + 20) : undefined,
      };
    },
  };
  return { client: client as unknown as AppRunnerClient, calls };
}

const signal = () => new AbortController().signal;

describe('ServicePoller', () => {
  it('answers services falling due together with ListServices pages, not a call each', async () => {
    const table = Object.fromEntries(
      Array.from({ length: 25 }, (_, i) => [`arn:s${i}`, i < 5 ? 'RUNNING' : 'OPERATION_IN_PROGRESS']),
    );
    const { client, calls } = fakeClient(table);
    const poller = new ServicePoller(client);
    const results = await Promise.all(
      ['arn:s0', 'arn:s7', 'arn:s22', 'arn:gone'].map((a, i) => poller.check(a, 20 + i, 50, signal())),
    );
    expect(results).toEqual([
      { kind: 'status', status: 'RUNNING' },
      { kind: 'status', status: 'OPERATION_IN_PROGRESS' },
      { kind: 'status', status: 'OPERATION_IN_PROGRESS' },
      { kind: 'gone' },
    ]);
    expect(calls).toEqual(['ListServicesCommand', 'ListServicesCommand']);
    poller.close();
  });

  it('leaves a lone service to poll its own operation', async () => {
    const { client, calls } = fakeClient({ 'arn:a': 'RUNNING' });
    const poller = new ServicePoller(client);
    expect(await poller.check('arn:a', 5, 0, signal())).toEqual({ kind: 'individual' });
    expect(calls).toEqual([]);
    poller.close();
  });

  it('does not batch when the account needs more pages than services are due', async () => {
    const table = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`arn:s${i}`, 'RUNNING']));
    const { client, calls } = fakeClient(table);
    const poller = new ServicePoller(client);
    // The first batch learns that a full listing takes five pages.
    await Promise.all(['arn:s0', 'arn:s1', 'arn:missing'].map((a) => poller.check(a, 5, 5, signal())));
    expect(calls).toHaveLength(5);
    const again = await Promise.all(['arn:s0', 'arn:s1', 'arn:s2'].map((a) => poller.check(a, 5, 5, signal())));
    expect(again.every((r) => r.kind === 'individual')).toBe(true);
    expect(calls).toHaveLength(5);
    poller.close();
  });

  it('never answers a poll before it is due, but lets a poll wait within its window to share a batch', async () => {
    const table = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`arn:s${i}`, 'RUNNING']));
    const { client, calls } = fakeClient(table);
    const poller = new ServicePoller(client);
    const started = Date.now();
    const answeredAt: number[] = [];
    // Due at 100, 120 and 130 ms; the first may wait up to 100 ms more, so all three share one page.
    // A fourth, due at 1 s, is outside every window: alone by then, it polls on its own.
    const dues = [100, 120, 130, 1000];
    const windows = [100, 100, 100, 0];
    const results = await Promise.all(
      dues.map((due, i) =>
        poller.check(`arn:s${i}`, due, windows[i], signal()).then((r) => {
          answeredAt.push(Date.now() - started);
          return r;
        }),
      ),
    );
    const sorted = [...answeredAt].sort((a, b) => a - b);
    for (const [i, due] of dues.entries()) expect(sorted[i]).toBeGreaterThanOrEqual(due - 1);
    expect(results.map((r) => r.kind)).toEqual(['status', 'status', 'status', 'individual']);
    expect(calls).toEqual(['ListServicesCommand']);
    poller.close();
  });

  it('rejects a pending check with an AbortError as soon as its signal fires', async () => {
    const { client } = fakeClient({});
    const poller = new ServicePoller(client);
    const ac = new AbortController();
    const p = poller.check('arn:a', 60_000, 0, ac.signal);
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(AbortError);
    poller.close();
  });
});
