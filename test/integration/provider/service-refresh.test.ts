import {
  CreateServiceCommand,
  DeleteServiceCommand,
  TagResourceCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../providers/provider.js';
import { context, type Harness, harness, serviceArgs } from './helpers.js';

// A refresh reads many services at once. One ListServices sweep then tells which services moved
// since the state recorded them; only those are described again, and tags are always read.

const COUNT = 6;
let h: Harness;
beforeAll(async () => {
  h = await harness({ latency: 'instant' });
});
afterAll(() => h.close());
beforeEach(() => h.em.admin.reset());

const svc = () => h.provider.resources.apprunner_service;

async function createAll(): Promise<JsonObject[]> {
  return Promise.all(
    Array.from({ length: COUNT }, (_, i) =>
      svc().create({ args: serviceArgs(`refresh-${i}`) as unknown as JsonObject }, context(`apprunner_service.r${i}`)),
    ),
  );
}

/** Reads every prior at once, as the engine's refresh does. */
async function readAll(priors: readonly JsonObject[]) {
  h.em.admin.resetStats();
  const out = await Promise.all(priors.map((prior, i) => svc().read({ prior }, context(`apprunner_service.r${i}`))));
  return { out, requests: h.em.admin.stats().requests };
}

describe('refreshing many services', () => {
  it('answers unchanged services from one ListServices sweep plus their tags, with nothing else to report', async () => {
    const priors = await createAll();
    expect(priors.every((p) => typeof p.updated_at === 'string' && p.updated_at !== '')).toBe(true);
    const { out, requests } = await readAll(priors);
    expect(out).toEqual(priors.map((attrs) => ({ exists: true, attrs })));
    expect(requests.ListServices).toBe(1);
    expect(requests.DescribeService ?? 0).toBe(0);
    expect(requests.ListTagsForResource).toBe(COUNT);
  });

  it('still sees every change made outside: a reconfigured service, new tags, a deleted service', async () => {
    const priors = await createAll();
    // A first burst, so that a stale sweep would be at hand if bursts shared one.
    await readAll(priors);
    const [changed, tagged, deleted] = priors.map((p) => String(p.arn));
    await h.sdk.send(
      new UpdateServiceCommand({ ServiceArn: changed, InstanceConfiguration: { Cpu: '2048', Memory: '4096' } }),
    );
    await h.sdk.send(new TagResourceCommand({ ResourceArn: tagged, Tags: [{ Key: 'owner', Value: 'ops' }] }));
    await h.sdk.send(new DeleteServiceCommand({ ServiceArn: deleted }));

    const { out, requests } = await readAll(priors);
    const [c, t, d, ...rest] = out;
    expect(c.exists && c.attrs.instance_configuration).toMatchObject({ cpu: '2048', memory: '4096' });
    expect(c.exists && c.attrs.updated_at).not.toBe(priors[0].updated_at);
    expect(t.exists && t.attrs.tags).toEqual({ owner: 'ops' });
    expect(d).toEqual({ exists: false });
    expect(rest).toEqual(priors.slice(3).map((attrs) => ({ exists: true, attrs })));
    // Described again: only the reconfigured service, and the deleted one that the sweep no longer
    // lists (with instant latency a deleted service vanishes at once).
    expect(requests.DescribeService).toBe(2);
    expect(requests.ListServices).toBe(1);
  });

  it('never lists more pages than the burst has reads, so a large account costs no more than describing', async () => {
    h.em.admin.setQuotas({ services: 120 });
    // 96 older services fill the first pages of ListServices (oldest first); ours come last.
    for (let i = 0; i < 96; i++) {
      await h.sdk.send(
        new CreateServiceCommand({
          ServiceName: `other-${i}`,
          SourceConfiguration: {
            ImageRepository: {
              ImageIdentifier: 'public.ecr.aws/nginx/nginx:latest',
              ImageRepositoryType: 'ECR_PUBLIC',
            },
            AutoDeploymentsEnabled: false,
          },
        }),
      );
    }
    const priors = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        svc().create({ args: serviceArgs(`late-${i}`) as unknown as JsonObject }, context(`apprunner_service.l${i}`)),
      ),
    );
    const { out, requests } = await readAll(priors);
    expect(out).toEqual(priors.map((attrs) => ({ exists: true, attrs })));
    // Four reads buy at most four of the five pages; not finding their services there, they describe.
    expect(requests.ListServices).toBe(4);
    expect(requests.DescribeService).toBe(4);
  });

  it('reads a lone service by describing it, without a sweep', async () => {
    const [prior] = await createAll();
    await h.sdk.send(
      new UpdateServiceCommand({
        ServiceArn: String(prior.arn),
        InstanceConfiguration: { Cpu: '2048', Memory: '4096' },
      }),
    );
    h.em.admin.resetStats();
    const r = await svc().read({ prior }, context('apprunner_service.r0'));
    expect(r.exists && r.attrs.instance_configuration).toMatchObject({ cpu: '2048' });
    const requests = h.em.admin.stats().requests;
    expect(requests.ListServices ?? 0).toBe(0);
    expect(requests.DescribeService).toBe(1);
  });
});
