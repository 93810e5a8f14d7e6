// apprunner_custom_domain: a domain associated with a service. Create waits for the certificate
// validation records (or for ACTIVE, per `wait_for`); delete waits until the domain is gone.
import {
  AssociateCustomDomainCommand,
  type CustomDomain,
  DescribeCustomDomainsCommand,
  DisassociateCustomDomainCommand,
} from '@aws-sdk/client-apprunner';
import type { JsonObject, JsonValue, OpContext, ResourceSchema, ResourceType } from '../../provider.js';
import { CreateFailedError } from '../errors.js';
import { priorString, type Runtime, timeoutFor } from '../runtime.js';
import { NORMALIZERS, resourceSchemas } from '../schemas.js';
import { isInvalidState, isNotFound } from '../sdk.js';
import { type Check, pollUntil } from '../wait/index.js';
import { whenIdle } from './busy.js';

/** Closed set of what a create waits for. */
export type DomainWaitFor = 'validation_records' | 'active';

/** The schema of apprunner_custom_domain. */
export function customDomainSchema(): ResourceSchema {
  const s = resourceSchemas().get('apprunner_custom_domain');
  if (!s) throw new Error('apprunner_custom_domain schema missing');
  return s;
}

/** Splits an import ID `SERVICE_ARN,DOMAIN`. */
export function parseDomainImportId(id: string): { serviceArn: string; domainName: string } {
  const i = id.lastIndexOf(',');
  const serviceArn = id.slice(0, i).trim();
  const domainName = id.slice(i + 1).trim();
  if (i < 0 || !serviceArn.startsWith('arn:') || !domainName) {
    throw new Error(`import apprunner_custom_domain as SERVICE_ARN,DOMAIN; got ${id}`);
  }
  return { serviceArn, domainName };
}

interface Found {
  readonly domain: CustomDomain;
  readonly dnsTarget: string;
}

async function findDomain(
  rt: Runtime,
  serviceArn: string,
  name: string,
  signal: AbortSignal,
): Promise<Found | undefined> {
  const wanted = name.toLowerCase();
  let token: string | undefined;
  try {
    do {
      const r = await rt.client.send(new DescribeCustomDomainsCommand({ ServiceArn: serviceArn, NextToken: token }), {
        abortSignal: signal,
      });
      const d = r.CustomDomains?.find((x) => x.DomainName?.toLowerCase() === wanted);
      if (d) return { domain: d, dnsTarget: r.DNSTarget ?? '' };
      token = r.NextToken;
    } while (token);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  return undefined;
}

function attrsOf(serviceArn: string, f: Found, waitFor: JsonValue | undefined): JsonObject {
  const d = f.domain;
  return {
    service_arn: serviceArn,
    domain_name: d.DomainName ?? '',
    enable_www_subdomain: d.EnableWWWSubdomain ?? true,
    wait_for: typeof waitFor === 'string' ? waitFor : 'validation_records',
    dns_target: f.dnsTarget,
    certificate_validation_records: (d.CertificateValidationRecords ?? []).map((r) => ({
      name: r.Name ?? '',
      type: r.Type ?? '',
      value: r.Value ?? '',
      status: r.Status ?? '',
    })),
    status: d.Status ?? '',
  };
}

function reached(d: CustomDomain, waitFor: DomainWaitFor): boolean {
  switch (waitFor) {
    case 'active':
      return d.Status === 'ACTIVE';
    case 'validation_records':
      return d.Status === 'ACTIVE' || (d.CertificateValidationRecords?.length ?? 0) > 0;
  }
}

/** Builds the apprunner_custom_domain resource type. */
export function customDomainResource(rt: Runtime): ResourceType {
  const schema = customDomainSchema();

  async function waitForState(serviceArn: string, name: string, waitFor: DomainWaitFor, ctx: OpContext, ms: number) {
    return pollUntil(
      rt,
      {
        kind: 'ASSOCIATE_CUSTOM_DOMAIN',
        what: `${name} on ${serviceArn}`,
        timeoutMs: ms,
        signal: ctx.signal,
        progress: ctx.progress,
        startedJustNow: true,
      },
      async (): Promise<Check<Found>> => {
        const f = await findDomain(rt, serviceArn, name, ctx.signal);
        if (!f) throw new CreateFailedError(serviceArn, `custom domain ${name} disappeared while being associated`);
        if (f.domain.Status === 'CREATE_FAILED') {
          throw new CreateFailedError(serviceArn, `associating custom domain ${name} failed (CREATE_FAILED)`);
        }
        return reached(f.domain, waitFor) ? { done: true, value: f } : { done: false, status: f.domain.Status ?? '' };
      },
    );
  }

  return {
    schema,
    identityArgs: ['service_arn', 'domain_name', 'wait_for'],
    normalizers: NORMALIZERS,
    async read({ prior }, ctx) {
      const f = await findDomain(rt, priorString(prior, 'service_arn'), priorString(prior, 'domain_name'), ctx.signal);
      if (!f) return { exists: false };
      return { exists: true, attrs: attrsOf(priorString(prior, 'service_arn'), f, prior.wait_for) };
    },
    async create({ args }, ctx) {
      const serviceArn = String(args.service_arn);
      const name = String(args.domain_name);
      const waitFor: DomainWaitFor = args.wait_for === 'active' ? 'active' : 'validation_records';
      const timeout = timeoutFor(rt, ctx, schema, 'create');
      const deadline = Date.now() + timeout;
      await whenIdle(rt, { serviceArn, deadline, signal: ctx.signal, log: (m) => ctx.log.info(m) }, () =>
        rt.client.send(
          new AssociateCustomDomainCommand({
            ServiceArn: serviceArn,
            DomainName: name,
            EnableWWWSubdomain: args.enable_www_subdomain !== false,
          }),
          { abortSignal: ctx.signal },
        ),
      );
      const f = await waitForState(serviceArn, name, waitFor, ctx, deadline - Date.now());
      return attrsOf(serviceArn, f, waitFor);
    },
    async update({ args, prior }, ctx) {
      // Only wait_for can change in place, and it only matters during a create: nothing to call.
      const f = await findDomain(rt, priorString(prior, 'service_arn'), priorString(prior, 'domain_name'), ctx.signal);
      if (!f) throw new Error(`custom domain ${String(prior.domain_name)} no longer exists`);
      return attrsOf(priorString(prior, 'service_arn'), f, args.wait_for);
    },
    async delete({ prior }, ctx) {
      const serviceArn = priorString(prior, 'service_arn');
      const name = priorString(prior, 'domain_name');
      try {
        await rt.client.send(new DisassociateCustomDomainCommand({ ServiceArn: serviceArn, DomainName: name }), {
          abortSignal: ctx.signal,
        });
      } catch (e) {
        if (isNotFound(e)) return;
        // Already being disassociated: wait for it like our own.
        if (!isInvalidState(e)) throw e;
      }
      await pollUntil(
        rt,
        {
          kind: 'DISASSOCIATE_CUSTOM_DOMAIN',
          what: `removal of ${name} from ${serviceArn}`,
          timeoutMs: timeoutFor(rt, ctx, schema, 'delete'),
          signal: ctx.signal,
          progress: ctx.progress,
        },
        async (): Promise<Check<undefined>> => {
          const f = await findDomain(rt, serviceArn, name, ctx.signal);
          if (!f) return { done: true, value: undefined };
          if (f.domain.Status === 'DELETE_FAILED') throw new Error(`disassociating custom domain ${name} failed`);
          return { done: false, status: f.domain.Status ?? '' };
        },
      );
    },
    async import({ id }, ctx) {
      const { serviceArn, domainName } = parseDomainImportId(id);
      const f = await findDomain(rt, serviceArn, domainName, ctx.signal);
      if (!f) throw new Error(`${domainName} is not associated with ${serviceArn}`);
      return attrsOf(serviceArn, f, 'validation_records');
    },
    async findExisting({ args }, ctx) {
      const serviceArn = String(args.service_arn);
      const f = await findDomain(rt, serviceArn, String(args.domain_name), ctx.signal);
      return f ? attrsOf(serviceArn, f, args.wait_for) : undefined;
    },
  };
}
