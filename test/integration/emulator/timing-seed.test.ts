import { CreateServiceCommand, ListOperationsCommand } from '@aws-sdk/client-apprunner';
import { describe, expect, it } from 'vitest';
import { client, PUBLIC_IMAGE, sleep, start } from './helpers.js';

describe('time scale and seed', () => {
  it('holds the documented duration exactly with jitter 0: CreateService 240 s / 600 = 0.4 s', async () => {
    const em = await start({ latency: 'realistic', timeScale: 600, jitter: 0 });
    try {
      const c = client(em);
      const r = await c.send(new CreateServiceCommand({ ServiceName: 'timed', SourceConfiguration: PUBLIC_IMAGE }));
      await sleep(450);
      const op = (await c.send(new ListOperationsCommand({ ServiceArn: r.Service!.ServiceArn! })))
        .OperationSummaryList![0];
      expect(op.Status).toBe('SUCCEEDED');
      expect(op.EndedAt!.getTime() - op.StartedAt!.getTime()).toBe(400);
    } finally {
      await em.close();
    }
  });

  it('produces the same ids for the same seed and different ones for another seed', async () => {
    const ids = async (seed: number) => {
      const em = await start({ seed });
      try {
        const r = await client(em).send(
          new CreateServiceCommand({ ServiceName: 'seeded', SourceConfiguration: PUBLIC_IMAGE }),
        );
        return [r.Service?.ServiceId, r.Service?.ServiceUrl, r.OperationId];
      } finally {
        await em.close();
      }
    };
    const a = await ids(11);
    expect(await ids(11)).toEqual(a);
    expect((await ids(12))[0]).not.toBe(a[0]);
  });
});
