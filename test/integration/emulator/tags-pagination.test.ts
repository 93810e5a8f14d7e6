import {
  type AppRunnerClient,
  CreateAutoScalingConfigurationCommand,
  CreateConnectionCommand,
  CreateObservabilityConfigurationCommand,
  CreateServiceCommand,
  CreateVpcConnectorCommand,
  CreateVpcIngressConnectionCommand,
  DescribeServiceCommand,
  ListAutoScalingConfigurationsCommand,
  ListConnectionsCommand,
  ListObservabilityConfigurationsCommand,
  ListOperationsCommand,
  ListServicesCommand,
  ListServicesForAutoScalingConfigurationCommand,
  ListTagsForResourceCommand,
  ListVpcConnectorsCommand,
  ListVpcIngressConnectionsCommand,
  PauseServiceCommand,
  ResumeServiceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-apprunner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../providers/apprunner/emulator/index.js';
import { client, errorOf, PUBLIC_IMAGE, start } from './helpers.js';

let em: RunningEmulator;
let c: AppRunnerClient;
let serviceArns: string[] = [];
const taggable: Record<string, string> = {};

beforeAll(async () => {
  em = await start();
  c = client(em);
  const asc = await c.send(new CreateAutoScalingConfigurationCommand({ AutoScalingConfigurationName: 'shared-asc' }));
  taggable.autoscaling = asc.AutoScalingConfiguration!.AutoScalingConfigurationArn!;
  serviceArns = [];
  for (let i = 0; i < 5; i++) {
    const r = await c.send(
      new CreateServiceCommand({
        ServiceName: `page-${i}`,
        SourceConfiguration: PUBLIC_IMAGE,
        AutoScalingConfigurationArn: taggable.autoscaling,
        Tags: [{ Key: 'team', Value: 'web' }],
      }),
    );
    serviceArns.push(r.Service!.ServiceArn!);
    await c.send(new DescribeServiceCommand({ ServiceArn: r.Service!.ServiceArn! }));
  }
  taggable.service = serviceArns[0];
  for (let i = 0; i < 3; i++) {
    await c.send(new CreateAutoScalingConfigurationCommand({ AutoScalingConfigurationName: `asc-${i}` }));
    await c.send(new CreateObservabilityConfigurationCommand({ ObservabilityConfigurationName: `obs-${i}` }));
    await c.send(new CreateVpcConnectorCommand({ VpcConnectorName: `vpc-${i}`, Subnets: ['subnet-1'] }));
    await c.send(new CreateConnectionCommand({ ConnectionName: `conn-${i}`, ProviderType: 'GITHUB' }));
    await c.send(
      new CreateVpcIngressConnectionCommand({
        ServiceArn: serviceArns[i],
        VpcIngressConnectionName: `ing-${i}`,
        IngressVpcConfiguration: { VpcId: 'vpc-1', VpcEndpointId: 'vpce-1' },
      }),
    );
  }
  await c.send(new PauseServiceCommand({ ServiceArn: serviceArns[4] }));
  await c.send(new DescribeServiceCommand({ ServiceArn: serviceArns[4] }));
  await c.send(new ResumeServiceCommand({ ServiceArn: serviceArns[4] }));
  const first = async <T>(p: Promise<T>) => p;
  taggable.observability = (await first(c.send(new ListObservabilityConfigurationsCommand({}))))
    .ObservabilityConfigurationSummaryList![0].ObservabilityConfigurationArn!;
  taggable.vpcConnector = (await c.send(new ListVpcConnectorsCommand({}))).VpcConnectors![0].VpcConnectorArn!;
  taggable.connection = (await c.send(new ListConnectionsCommand({}))).ConnectionSummaryList![0].ConnectionArn!;
  taggable.ingress = (await c.send(new ListVpcIngressConnectionsCommand({}))).VpcIngressConnectionSummaryList![0]
    .VpcIngressConnectionArn!;
});
afterAll(() => em.close());

describe('tags', () => {
  it('tag, list and untag every taggable kind of resource', async () => {
    for (const [kind, arn] of Object.entries(taggable)) {
      await c.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'env', Value: kind }] }));
      const tags = (await c.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags;
      expect(tags, kind).toContainEqual({ Key: 'env', Value: kind });
      await c.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['env'] }));
      const after = (await c.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags ?? [];
      expect(
        after.some((t) => t.Key === 'env'),
        kind,
      ).toBe(false);
    }
    const svcTags = (await c.send(new ListTagsForResourceCommand({ ResourceArn: taggable.service }))).Tags;
    expect(svcTags).toEqual([{ Key: 'team', Value: 'web' }]);
  });

  it('rejects keys starting with aws: and unknown resources', async () => {
    const e = await errorOf(
      c.send(new TagResourceCommand({ ResourceArn: taggable.service, Tags: [{ Key: 'aws:owner', Value: 'x' }] })),
    );
    expect(e.name).toBe('InvalidRequestException');
    expect(e.message).toContain('Key');
    const missing = `arn:aws:apprunner:eu-west-1:123456789012:service/none/${'0'.repeat(32)}`;
    expect((await errorOf(c.send(new ListTagsForResourceCommand({ ResourceArn: missing })))).name).toBe(
      'ResourceNotFoundException',
    );
  });
});

/** Reads every page at `pageSize`, returning the page count and all items. */
async function drain<T>(
  fetch: (token?: string) => Promise<{ items: T[]; next?: string }>,
): Promise<{ pages: number; items: T[] }> {
  const items: T[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const r = await fetch(token);
    items.push(...r.items);
    token = r.next;
    pages++;
  } while (token);
  return { pages, items };
}

describe('pagination on all nine paginated operations', () => {
  const cases: [string, (max?: number, token?: string) => Promise<{ items: unknown[]; next?: string }>][] = [
    [
      'ListServices',
      async (m, t) => {
        const r = await c.send(new ListServicesCommand({ MaxResults: m, NextToken: t }));
        return { items: r.ServiceSummaryList ?? [], next: r.NextToken };
      },
    ],
    [
      'ListOperations',
      async (m, t) => {
        const r = await c.send(new ListOperationsCommand({ ServiceArn: serviceArns[4], MaxResults: m, NextToken: t }));
        return { items: r.OperationSummaryList ?? [], next: r.NextToken };
      },
    ],
    [
      'ListAutoScalingConfigurations',
      async (m, t) => {
        const r = await c.send(new ListAutoScalingConfigurationsCommand({ MaxResults: m, NextToken: t }));
        return { items: r.AutoScalingConfigurationSummaryList ?? [], next: r.NextToken };
      },
    ],
    [
      'ListObservabilityConfigurations',
      async (m, t) => {
        const r = await c.send(new ListObservabilityConfigurationsCommand({ MaxResults: m, NextToken: t }));
        return { items: r.ObservabilityConfigurationSummaryList ?? [], next: r.NextToken };
      },
    ],
    [
      'ListVpcConnectors',
      async (m, t) => {
        const r = await c.send(new ListVpcConnectorsCommand({ MaxResults: m, NextToken: t }));
        return { items: r.VpcConnectors ?? [], next: r.NextToken };
      },
    ],
    [
      'ListConnections',
      async (m, t) => {
        const r = await c.send(new ListConnectionsCommand({ MaxResults: m, NextToken: t }));
        return { items: r.ConnectionSummaryList ?? [], next: r.NextToken };
      },
    ],
    [
      'ListVpcIngressConnections',
      async (m, t) => {
        const r = await c.send(new ListVpcIngressConnectionsCommand({ MaxResults: m, NextToken: t }));
        return { items: r.VpcIngressConnectionSummaryList ?? [], next: r.NextToken };
      },
    ],
    [
      'ListServicesForAutoScalingConfiguration',
      async (m, t) => {
        const r = await c.send(
          new ListServicesForAutoScalingConfigurationCommand({
            AutoScalingConfigurationArn: taggable.autoscaling,
            MaxResults: m,
            NextToken: t,
          }),
        );
        return { items: r.ServiceArnList ?? [], next: r.NextToken };
      },
    ],
  ];

  it.each(cases)('%s: MaxResults 2 pages through exactly what one unbounded call returns', async (_name, call) => {
    const all = await call();
    expect(all.next).toBeUndefined();
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    const paged = await drain((t) => call(2, t));
    expect(paged.items).toEqual(all.items);
    expect(paged.pages).toBe(Math.ceil(all.items.length / 2));
  });

  it('DescribeCustomDomains is covered with its own limit of 5 in connections-domains.test.ts; here a bad token is refused', async () => {
    const e = await errorOf(c.send(new ListServicesCommand({ NextToken: 'not-a-token' })));
    expect(e.name).toBe('InvalidRequestException');
  });
});
