import {
  CreateAutoScalingConfigurationCommand,
  DeleteObservabilityConfigurationCommand,
  DeleteVpcConnectorCommand,
  TagResourceCommand,
} from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../providers/provider.js';
import { context, type Harness, harness, rejection, serviceArgs } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());
beforeEach(() => h.em.admin.reset());

const res = (t: string) => h.provider.resources[t];
const ctx = () => context('test.x');

describe('apprunner_observability_configuration', () => {
  const args = (extra: JsonObject = {}): JsonObject => ({
    observability_configuration_name: 'trace-1',
    trace_configuration: { vendor: 'AWSXRAY' },
    tags: {},
    ...extra,
  });
  it('creates, reads, tags in place, imports, finds, shows drift and deletes', async () => {
    const r = res('apprunner_observability_configuration');
    const a = await r.create({ args: args() }, ctx());
    expect(a).toMatchObject({ ...args(), revision: 1, latest: true, status: 'ACTIVE' });
    expect(await r.read({ prior: a }, ctx())).toEqual({ exists: true, attrs: a });
    const b = await r.update({ args: args({ tags: { a: '1' } }), prior: a, changed: ['tags'] }, ctx());
    expect(b.tags).toEqual({ a: '1' });
    expect(await r.import({ id: String(a.arn) }, ctx())).toEqual(b);
    expect(await r.findExisting({ args: args() }, ctx())).toEqual(b);
    await h.sdk.send(new TagResourceCommand({ ResourceArn: String(a.arn), Tags: [{ Key: 'b', Value: '2' }] }));
    const drift = await r.read({ prior: b }, ctx());
    expect(drift.exists && drift.attrs.tags).toEqual({ a: '1', b: '2' });
    await h.sdk.send(new DeleteObservabilityConfigurationCommand({ ObservabilityConfigurationArn: String(a.arn) }));
    expect(await r.read({ prior: b }, ctx())).toEqual({ exists: false });
    await expect(r.delete({ prior: b }, ctx())).resolves.toBeUndefined();
  });
});

describe('apprunner_vpc_connector', () => {
  const args = (extra: JsonObject = {}): JsonObject => ({
    vpc_connector_name: 'conn-1',
    subnets: ['subnet-0a1b2c3d'],
    security_groups: ['sg-0a1b2c3d'],
    tags: {},
    ...extra,
  });
  it('creates, reads, tags in place, refuses other changes, imports, finds, shows drift and deletes', async () => {
    const r = res('apprunner_vpc_connector');
    const a = await r.create({ args: args() }, ctx());
    expect(a).toMatchObject({ ...args(), revision: 1, status: 'ACTIVE' });
    expect(await r.read({ prior: a }, ctx())).toEqual({ exists: true, attrs: a });
    const b = await r.update({ args: args({ tags: { a: '1' } }), prior: a, changed: ['tags'] }, ctx());
    expect(b.tags).toEqual({ a: '1' });
    const e = await rejection(
      r.update({ args: args({ subnets: ['subnet-9'] }), prior: b, changed: ['subnets'] }, ctx()),
    );
    expect(e.message).toMatch(/immutable/);
    expect(await r.import({ id: String(a.arn) }, ctx())).toEqual(b);
    expect(await r.findExisting({ args: args() }, ctx())).toEqual(b);
    await h.sdk.send(new DeleteVpcConnectorCommand({ VpcConnectorArn: String(a.arn) }));
    expect(await r.read({ prior: b }, ctx())).toEqual({ exists: false });
    await expect(r.delete({ prior: b }, ctx())).resolves.toBeUndefined();
  });
});

describe('apprunner_vpc_ingress_connection', () => {
  it('creates and waits until AVAILABLE, updates in place with its own wait, imports, finds and deletes', async () => {
    const s = await res('apprunner_service').create(
      { args: serviceArgs('private-1') as unknown as JsonObject },
      context('apprunner_service.p'),
    );
    const r = res('apprunner_vpc_ingress_connection');
    const args = (endpoint: string): JsonObject => ({
      vpc_ingress_connection_name: 'ingress-1',
      service_arn: s.arn,
      ingress_vpc_configuration: { vpc_id: 'vpc-0a1b2c3d', vpc_endpoint_id: endpoint },
      tags: {},
    });
    const c = ctx();
    const a = await r.create({ args: args('vpce-0001') }, c);
    expect(a).toMatchObject({ ...args('vpce-0001'), status: 'AVAILABLE' });
    expect(a.domain_name).not.toBe('');
    expect(await r.read({ prior: a }, ctx())).toEqual({ exists: true, attrs: a });
    const u = ctx();
    const b = await r.update({ args: args('vpce-0002'), prior: a, changed: ['ingress_vpc_configuration'] }, u);
    expect(b.ingress_vpc_configuration).toEqual({ vpc_id: 'vpc-0a1b2c3d', vpc_endpoint_id: 'vpce-0002' });
    expect(b.status).toBe('AVAILABLE');
    expect(await r.import({ id: String(a.arn) }, ctx())).toEqual(b);
    expect(await r.findExisting({ args: args('x') }, ctx())).toEqual(b);
    await r.delete({ prior: b }, ctx());
    expect(await r.read({ prior: b }, ctx())).toEqual({ exists: false });
    await expect(r.delete({ prior: b }, ctx())).resolves.toBeUndefined();
  });
});

describe('apprunner_default_auto_scaling_configuration', () => {
  it('points the account default at a revision, reads it, and hands it back to DefaultConfiguration on delete', async () => {
    const r = res('apprunner_default_auto_scaling_configuration');
    const before = await r.findExisting({ args: {} }, ctx());
    expect(String(before?.auto_scaling_configuration_arn)).toMatch(/DefaultConfiguration/);
    const made = await h.sdk.send(
      new CreateAutoScalingConfigurationCommand({ AutoScalingConfigurationName: 'mine-1' }),
    );
    const arn = made.AutoScalingConfiguration!.AutoScalingConfigurationArn!;
    const a = await r.create({ args: { auto_scaling_configuration_arn: arn } }, ctx());
    expect(await r.read({ prior: a }, ctx())).toEqual({ exists: true, attrs: { auto_scaling_configuration_arn: arn } });
    await r.delete({ prior: a }, ctx());
    expect(await r.read({ prior: a }, ctx())).toEqual({ exists: true, attrs: before });
  });
});

describe('data sources', () => {
  it('read a service by name and by ARN, the latest auto scaling revision, and a connection', async () => {
    const s = await res('apprunner_service').create(
      { args: serviceArgs('lookup-1', { tags: { a: 'b' } }) as unknown as JsonObject },
      context('apprunner_service.l'),
    );
    const ds = h.provider.dataSources;
    expect(await ds.apprunner_service.read({ args: { service_name: 'lookup-1' } }, ctx())).toEqual(s);
    expect(await ds.apprunner_service.read({ args: { arn: s.arn } }, ctx())).toEqual(s);
    expect((await rejection(ds.apprunner_service.read({ args: { service_name: 'nope-1' } }, ctx()))).message).toMatch(
      /no App Runner service/,
    );
    const asc = res('apprunner_auto_scaling_configuration');
    await asc.create({ args: { auto_scaling_configuration_name: 'look-1', max_size: 3 } }, ctx());
    const second = await asc.create({ args: { auto_scaling_configuration_name: 'look-1', max_size: 4 } }, ctx());
    const latest = await ds.apprunner_auto_scaling_configuration.read(
      { args: { auto_scaling_configuration_name: 'look-1' } },
      ctx(),
    );
    expect(latest).toMatchObject({ arn: second.arn, revision: 2, max_size: 4 });
    const conn = await res('apprunner_connection').create(
      { args: { connection_name: 'look-gh', provider_type: 'GITHUB' } },
      ctx(),
    );
    expect(await ds.apprunner_connection.read({ args: { connection_name: 'look-gh' } }, ctx())).toEqual(conn);
  });
});
