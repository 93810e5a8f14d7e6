import {
  ListConnectionsCommand,
  ListObservabilityConfigurationsCommand,
  ListServicesCommand,
  ListVpcConnectorsCommand,
} from '@aws-sdk/client-apprunner';
import { describe, expect, it } from 'vitest';
import { EngineStack, emulatorForFile, summaries } from './engine-stack.js';

// A change to an argument that App Runner cannot update replaces the resource, for every type that
// has one: a connection, an observability configuration and a VPC connector that a service uses,
// an auto scaling revision, the service itself, and its custom domain, all at once. The order must suit App Runner (an old
// revision or connector goes only once no service uses it): nothing is refused on the way, the old
// objects are gone afterwards, and the next plan has nothing to do.

function estate(v: number): string {
  return `resource "apprunner_connection" "gh" {
  connection_name = "repl-gh-${v}"
  provider_type   = "GITHUB"
}

resource "apprunner_observability_configuration" "trace" {
  observability_configuration_name = "repl-trace-${v}"
  trace_configuration {
    vendor = "AWSXRAY"
  }
}

resource "apprunner_auto_scaling_configuration" "scale" {
  auto_scaling_configuration_name = "repl-scale"
  max_size                        = ${4 + v}
}

resource "apprunner_vpc_connector" "egress" {
  vpc_connector_name = "repl-egress"
  subnets            = ["subnet-0a1b2c3d4e5f6000${v}"]
  security_groups    = ["sg-0a1b2c3d4e5f60001"]
}

resource "apprunner_service" "web" {
  service_name = "repl-web-${v}"
  source_configuration {
    auto_deployments_enabled = false
    image_repository {
      image_identifier      = "public.ecr.aws/nginx/nginx:latest"
      image_repository_type = "ECR_PUBLIC"
    }
  }
  network_configuration {
    egress_configuration {
      egress_type       = "VPC"
      vpc_connector_arn = apprunner_vpc_connector.egress.arn
    }
  }
  observability_configuration {
    observability_enabled           = true
    observability_configuration_arn = apprunner_observability_configuration.trace.arn
  }
  auto_scaling_configuration_arn = apprunner_auto_scaling_configuration.scale.arn
  tags                           = { connection = apprunner_connection.gh.connection_name }
}

resource "apprunner_custom_domain" "www" {
  service_arn          = apprunner_service.web.arn
  domain_name          = "repl-${v}.example.com"
  enable_www_subdomain = false
}
`;
}

const h = emulatorForFile({ latency: 'fast', seed: 5, recordCalls: true });

describe('replacing resources App Runner cannot update', () => {
  it('replaces every type in an order App Runner accepts, leaving only the new objects', async () => {
    const stack = new EngineStack(h.em.url, 1000);
    stack.write(estate(1));
    const first = await stack.apply();
    expect(summaries(first.diagnostics)).toBe('');

    stack.write(estate(2));
    h.em.admin.resetStats();
    const second = await stack.apply();
    expect(summaries(second.diagnostics)).toBe('');
    const actions = Object.fromEntries(second.plan?.changes.map((c) => [c.address, c.action]) ?? []);
    expect(actions).toEqual({
      'apprunner_auto_scaling_configuration.scale': 'replace',
      'apprunner_connection.gh': 'replace',
      'apprunner_observability_configuration.trace': 'replace',
      'apprunner_vpc_connector.egress': 'replace',
      'apprunner_service.web': 'replace',
      'apprunner_custom_domain.www': 'replace',
    });
    // App Runner refused nothing: in particular no delete of an auto scaling revision still in use.
    expect(h.em.admin.calls().filter((c) => c.error)).toEqual([]);

    const names = async () => ({
      // App Runner goes on listing a deleted service for a while, as DELETED.
      services: (await h.sdk.send(new ListServicesCommand({}))).ServiceSummaryList?.filter(
        (s) => s.Status !== 'DELETED',
      ).map((s) => s.ServiceName),
      connections: (await h.sdk.send(new ListConnectionsCommand({}))).ConnectionSummaryList?.map(
        (c) => c.ConnectionName,
      ),
      observability: (
        await h.sdk.send(new ListObservabilityConfigurationsCommand({ LatestOnly: true }))
      ).ObservabilityConfigurationSummaryList?.map((o) => o.ObservabilityConfigurationName),
      connectors: (await h.sdk.send(new ListVpcConnectorsCommand({}))).VpcConnectors?.filter(
        (c) => c.Status === 'ACTIVE',
      ).map((c) => c.Subnets?.join(',')),
    });
    expect(await names()).toEqual({
      services: ['repl-web-2'],
      connections: ['repl-gh-2'],
      observability: ['repl-trace-2'],
      connectors: ['subnet-0a1b2c3d4e5f60002'],
    });
    const again = await stack.plan();
    expect(summaries(again.diagnostics)).toBe('');
    expect(again.plan?.changes.filter((c) => c.action !== 'no-op').map((c) => c.address)).toEqual([]);
  });
});
