import {
  type AppRunnerClient,
  AssociateCustomDomainCommand,
  CreateConnectionCommand,
  CreateServiceCommand,
  DeleteConnectionCommand,
  DescribeCustomDomainsCommand,
  DescribeServiceCommand,
  DisassociateCustomDomainCommand,
  ListConnectionsCommand,
  ListOperationsCommand,
} from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../providers/apprunner/emulator/index.js';
import { client, errorOf, PUBLIC_IMAGE, sleep, start } from './helpers.js';

let em: RunningEmulator;
let c: AppRunnerClient;
beforeAll(async () => {
  em = await start({ quotas: { connections: 2 } });
  c = client(em);
});
beforeEach(() => {
  em.admin.reset();
  em.admin.configure({ latency: 'instant', autoHandshake: false });
});
afterAll(() => em.close());

const codeSource = (connectionArn: string) => ({
  CodeRepository: {
    RepositoryUrl: 'https://github.com/example/app',
    SourceCodeVersion: { Type: 'BRANCH' as const, Value: 'main' },
    CodeConfiguration: {
      ConfigurationSource: 'API' as const,
      CodeConfigurationValues: { Runtime: 'NODEJS_18' as const, BuildCommand: 'npm ci', StartCommand: 'node app.js' },
    },
  },
  AuthenticationConfiguration: { ConnectionArn: connectionArn },
});

describe('connections', () => {
  it('stay PENDING_HANDSHAKE until the admin handshake; a service using one before that fails at create', async () => {
    const conn = (await c.send(new CreateConnectionCommand({ ConnectionName: 'github-1', ProviderType: 'GITHUB' })))
      .Connection!;
    expect(conn.Status).toBe('PENDING_HANDSHAKE');
    expect(conn.ConnectionArn).toMatch(/:connection\/github-1\/[0-9a-f]{32}$/);
    const early = await c.send(
      new CreateServiceCommand({ ServiceName: 'code-early', SourceConfiguration: codeSource(conn.ConnectionArn!) }),
    );
    const d = await c.send(new DescribeServiceCommand({ ServiceArn: early.Service!.ServiceArn! }));
    expect(d.Service?.Status).toBe('CREATE_FAILED');
    const ops = await c.send(new ListOperationsCommand({ ServiceArn: early.Service!.ServiceArn! }));
    expect(ops.OperationSummaryList?.[0].Status).toBe('FAILED');

    em.admin.handshakeConnection(conn.ConnectionArn!);
    const listed = await c.send(new ListConnectionsCommand({ ConnectionName: 'github-1' }));
    expect(listed.ConnectionSummaryList?.[0].Status).toBe('AVAILABLE');
    const ok = await c.send(
      new CreateServiceCommand({ ServiceName: 'code-ok', SourceConfiguration: codeSource(conn.ConnectionArn!) }),
    );
    expect((await c.send(new DescribeServiceCommand({ ServiceArn: ok.Service!.ServiceArn! }))).Service?.Status).toBe(
      'RUNNING',
    );
  });

  it('become AVAILABLE on their own with auto-handshake, and count against the quota', async () => {
    em.admin.configure({ autoHandshake: true });
    const a = await c.send(new CreateConnectionCommand({ ConnectionName: 'auto-1', ProviderType: 'BITBUCKET' }));
    expect(a.Connection?.Status).toBe('AVAILABLE');
    await c.send(new CreateConnectionCommand({ ConnectionName: 'auto-2', ProviderType: 'GITHUB' }));
    const e = await errorOf(c.send(new CreateConnectionCommand({ ConnectionName: 'auto-3', ProviderType: 'GITHUB' })));
    expect(e).toMatchObject({ name: 'ServiceQuotaExceededException', status: 402 });
    const del = await c.send(new DeleteConnectionCommand({ ConnectionArn: a.Connection!.ConnectionArn! }));
    expect(del.Connection?.Status).toBe('DELETED');
    expect((await c.send(new ListConnectionsCommand({}))).ConnectionSummaryList).toHaveLength(1);
  });
});

describe('custom domains (fast profile)', () => {
  it('go CREATING → PENDING_CERTIFICATE_DNS_VALIDATION with CNAME records → ACTIVE after validation → DELETING → gone', async () => {
    const svc = await c.send(new CreateServiceCommand({ ServiceName: 'web-app', SourceConfiguration: PUBLIC_IMAGE }));
    const arn = svc.Service!.ServiceArn!;
    await c.send(new DescribeServiceCommand({ ServiceArn: arn }));
    em.admin.configure({ latency: 'fast' });
    const a = await c.send(
      new AssociateCustomDomainCommand({ ServiceArn: arn, DomainName: 'example.com', EnableWWWSubdomain: true }),
    );
    expect(a.CustomDomain?.Status).toBe('CREATING');
    expect(a.DNSTarget).toBe(svc.Service?.ServiceUrl);
    await sleep(60);
    const d = await c.send(new DescribeCustomDomainsCommand({ ServiceArn: arn }));
    const domain = d.CustomDomains?.[0];
    expect(domain?.Status).toBe('PENDING_CERTIFICATE_DNS_VALIDATION');
    expect(domain?.CertificateValidationRecords?.map((r) => [r.Type, r.Status])).toEqual([
      ['CNAME', 'PENDING_VALIDATION'],
      ['CNAME', 'PENDING_VALIDATION'],
    ]);
    expect(domain?.CertificateValidationRecords?.[0].Name).toMatch(/^_[0-9a-f]+\.example\.com\.$/);
    expect(domain?.CertificateValidationRecords?.[1].Name).toMatch(/^_[0-9a-f]+\.www\.example\.com\.$/);
    expect(d.DNSTarget).toBe(svc.Service?.ServiceUrl);
    em.admin.validateDomain(arn, 'example.com');
    const active = await c.send(new DescribeCustomDomainsCommand({ ServiceArn: arn }));
    expect(active.CustomDomains?.[0]).toMatchObject({ Status: 'ACTIVE' });
    const dis = await c.send(new DisassociateCustomDomainCommand({ ServiceArn: arn, DomainName: 'example.com' }));
    expect(dis.CustomDomain?.Status).toBe('DELETING');
    await sleep(40);
    expect((await c.send(new DescribeCustomDomainsCommand({ ServiceArn: arn }))).CustomDomains).toEqual([]);
  });

  it('shows one record without www, allows at most five domains, and pages them', async () => {
    const svc = await c.send(new CreateServiceCommand({ ServiceName: 'many', SourceConfiguration: PUBLIC_IMAGE }));
    const arn = svc.Service!.ServiceArn!;
    await c.send(new DescribeServiceCommand({ ServiceArn: arn }));
    for (let i = 1; i <= 5; i++) {
      await c.send(
        new AssociateCustomDomainCommand({
          ServiceArn: arn,
          DomainName: `d${i}.example.org`,
          EnableWWWSubdomain: false,
        }),
      );
    }
    const sixth = await errorOf(
      c.send(new AssociateCustomDomainCommand({ ServiceArn: arn, DomainName: 'd6.example.org' })),
    );
    expect(sixth.name).toBe('InvalidRequestException');
    const p1 = await c.send(new DescribeCustomDomainsCommand({ ServiceArn: arn, MaxResults: 3 }));
    expect(p1.CustomDomains?.[0].CertificateValidationRecords).toHaveLength(1);
    const p2 = await c.send(
      new DescribeCustomDomainsCommand({ ServiceArn: arn, MaxResults: 3, NextToken: p1.NextToken }),
    );
    expect([...(p1.CustomDomains ?? []), ...(p2.CustomDomains ?? [])].map((x) => x.DomainName)).toEqual([
      'd1.example.org',
      'd2.example.org',
      'd3.example.org',
      'd4.example.org',
      'd5.example.org',
    ]);
    expect(p2.NextToken).toBeUndefined();
  });
});
