import { DisassociateCustomDomainCommand } from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../providers/provider.js';
import { context, type Harness, harness, rejection, serviceArgs } from './helpers.js';

let h: Harness;
let serviceArn: string;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());
beforeEach(async () => {
  h.em.admin.reset();
  const s = await h.provider.resources.apprunner_service.create(
    { args: serviceArgs('site-1') as unknown as JsonObject },
    context('apprunner_service.site'),
  );
  serviceArn = String(s.arn);
});

const dom = () => h.provider.resources.apprunner_custom_domain;
const ctx = () => context('apprunner_custom_domain.d');
const args = (domain: string, extra: JsonObject = {}): JsonObject => ({
  service_arn: serviceArn,
  domain_name: domain,
  ...extra,
});

describe('apprunner_custom_domain', () => {
  it('waits for the certificate validation records by default', async () => {
    const a = await dom().create({ args: args('example.com') }, ctx());
    expect(a.status).toBe('PENDING_CERTIFICATE_DNS_VALIDATION');
    expect(a.wait_for).toBe('validation_records');
    expect(a.enable_www_subdomain).toBe(true);
    expect(a.dns_target).toMatch(/awsapprunner\.com$/);
    const records = a.certificate_validation_records as JsonObject[];
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual({
      name: expect.stringContaining('example.com'),
      type: 'CNAME',
      value: expect.any(String),
      status: 'PENDING_VALIDATION',
    });
    expect(await dom().read({ prior: a }, ctx())).toEqual({ exists: true, attrs: a });
  });

  it('with wait_for = "active" waits until the DNS is validated', async () => {
    const ac = new AbortController();
    const pending = dom().create(
      { args: args('active.example.com', { wait_for: 'active', enable_www_subdomain: false }) },
      {
        ...ctx(),
        signal: ac.signal,
      },
    );
    // Validate as soon as the records exist, the way a person publishing DNS would.
    for (let i = 0; i < 100; i++) {
      try {
        h.em.admin.validateDomain(serviceArn, 'active.example.com');
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 30));
      }
    }
    const a = await pending;
    expect(a.status).toBe('ACTIVE');
    expect(a.certificate_validation_records).toEqual([expect.objectContaining({ status: 'SUCCESS' })]);
  });

  it('changes wait_for in place without calling App Runner', async () => {
    const a = await dom().create({ args: args('w.example.com') }, ctx());
    h.em.admin.resetStats();
    const b = await dom().update(
      { args: args('w.example.com', { wait_for: 'active' }), prior: a, changed: ['wait_for'] },
      ctx(),
    );
    expect(b.wait_for).toBe('active');
    const calls = Object.keys(h.em.admin.stats().requests);
    expect(calls).toEqual(['DescribeCustomDomains']);
  });

  it('deletes, waiting until the domain is gone; a second delete is a success', async () => {
    const a = await dom().create({ args: args('gone.example.com') }, ctx());
    await dom().delete({ prior: a }, ctx());
    expect(await dom().read({ prior: a }, ctx())).toEqual({ exists: false });
    await expect(dom().delete({ prior: a }, ctx())).resolves.toBeUndefined();
  });

  it('imports by SERVICE_ARN,DOMAIN and finds by service and domain', async () => {
    const a = await dom().create({ args: args('imp.example.com') }, ctx());
    expect(await dom().import({ id: `${serviceArn},imp.example.com` }, ctx())).toEqual(a);
    expect(await dom().findExisting({ args: args('imp.example.com') }, ctx())).toEqual(a);
    expect(await dom().findExisting({ args: args('other.example.com') }, ctx())).toBeUndefined();
    expect((await rejection(dom().import({ id: 'imp.example.com' }, ctx()))).message).toMatch(/SERVICE_ARN,DOMAIN/);
  });

  it('shows drift: validated behind its back, then disassociated directly', async () => {
    const a = await dom().create({ args: args('drift.example.com') }, ctx());
    h.em.admin.validateDomain(serviceArn, 'drift.example.com');
    const r = await dom().read({ prior: a }, ctx());
    expect(r.exists && r.attrs.status).toBe('ACTIVE');
    await h.sdk.send(new DisassociateCustomDomainCommand({ ServiceArn: serviceArn, DomainName: 'drift.example.com' }));
    for (let i = 0; i < 100; i++) {
      if (!(await dom().read({ prior: a }, ctx())).exists) return;
      await new Promise((r) => setTimeout(r, 30));
    }
    throw new Error('the domain never read as gone');
  });
});
