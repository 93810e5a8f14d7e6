import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAutoScalingConfigurationCommand,
  CreateServiceCommand,
  DescribeServiceCommand,
  ListOperationsCommand,
} from '@aws-sdk/client-apprunner';
import { afterAll, describe, expect, it } from 'vitest';
import { client, PUBLIC_IMAGE, start } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'runform-emu-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('persistence with a data file', () => {
  it('keeps the account across restarts, resumes operations in flight, and writes atomically', async () => {
    mkdirSync(join(dir, 'nested'));
    const file = join(dir, 'nested', 'account.json');
    // 240 s / 24 = 10 s create: certainly still in flight after the restart, then finished by moving the clock.
    const first = await start({ dataFile: file, latency: 'realistic', timeScale: 24 });
    expect(existsSync(file)).toBe(true);
    const c1 = client(first);
    const asc = await c1.send(new CreateAutoScalingConfigurationCommand({ AutoScalingConfigurationName: 'kept-asc' }));
    const svc = await c1.send(new CreateServiceCommand({ ServiceName: 'kept-svc', SourceConfiguration: PUBLIC_IMAGE }));
    await first.close();
    expect(readdirSync(join(dir, 'nested'))).toEqual(['account.json']);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = await start({ dataFile: file, latency: 'realistic', timeScale: 24 });
    try {
      const c2 = client(second);
      const arn = svc.Service!.ServiceArn!;
      const during = await c2.send(new DescribeServiceCommand({ ServiceArn: arn }));
      expect(during.Service?.Status).toBe('OPERATION_IN_PROGRESS');
      expect(during.Service?.ServiceId).toBe(svc.Service?.ServiceId);
      second.admin.advanceClock(10_000);
      const after = await c2.send(new DescribeServiceCommand({ ServiceArn: arn }));
      expect(after.Service?.Status).toBe('RUNNING');
      const ops = await c2.send(new ListOperationsCommand({ ServiceArn: arn }));
      expect(ops.OperationSummaryList?.[0]).toMatchObject({ Id: svc.OperationId, Status: 'SUCCEEDED' });
      const again = await c2.send(
        new CreateAutoScalingConfigurationCommand({ AutoScalingConfigurationName: 'kept-asc' }),
      );
      expect(again.AutoScalingConfiguration?.AutoScalingConfigurationRevision).toBe(2);
      expect(again.AutoScalingConfiguration?.AutoScalingConfigurationArn).not.toBe(
        asc.AutoScalingConfiguration?.AutoScalingConfigurationArn,
      );
    } finally {
      await second.close();
    }
    // The moved clock is part of the account: after another restart the finished create stays finished.
    const third = await start({ dataFile: file, latency: 'realistic', timeScale: 24 });
    try {
      const d = await client(third).send(new DescribeServiceCommand({ ServiceArn: svc.Service!.ServiceArn! }));
      expect(d.Service?.Status).toBe('RUNNING');
    } finally {
      await third.close();
    }
  });

  it('refuses a data file whose folder does not exist, and creates no folder', async () => {
    const file = join(dir, 'missing', 'account.json');
    await expect(start({ dataFile: file })).rejects.toThrow(/folder .*missing does not exist; create it first/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
