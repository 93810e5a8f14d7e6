// Custom domains: CREATING → PENDING_CERTIFICATE_DNS_VALIDATION (with CNAME validation records) → ACTIVE once
// DNS is validated (through the admin API here); disassociation goes DELETING, then the domain is gone.
import { type Ctx, duration } from './context.js';
import { fail } from './errors.js';
import { bool, reqStr } from './input.js';
import type { JsonObject } from './json.js';
import { paginate } from './pagination.js';
import { getService } from './service-view.js';
import type { DomainRecord, ServiceRecord } from './store.js';
import { vpcDnsTargets } from './vpc-ingress.js';

/** The CustomDomain structure; validation records appear once the certificate request exists. */
export function domainView(d: DomainRecord): JsonObject {
  const recordStatus = d.status === 'ACTIVE' ? 'SUCCESS' : 'PENDING_VALIDATION';
  return {
    DomainName: d.name,
    EnableWWWSubdomain: d.www,
    CertificateValidationRecords: d.status === 'CREATING' ? [] : d.records.map((r) => ({ ...r, Status: recordStatus })),
    Status: d.status,
  };
}

function envelope(ctx: Ctx, svc: ServiceRecord, extra: JsonObject): JsonObject {
  return { DNSTarget: svc.url, ServiceArn: svc.arn, ...extra, VpcDNSTargets: vpcDnsTargets(ctx, svc.arn) };
}

function validationRecord(ctx: Ctx, host: string): { Name: string; Type: string; Value: string } {
  const ids = ctx.env.rng.ids;
  return {
    Name: `_${ids.hex(32)}.${host}.`,
    Type: 'CNAME',
    Value: `_${ids.hex(32)}.${ids.hex(10)}.acm-validations.aws.`,
  };
}

/** AssociateCustomDomain: at most the quota of domains per service; the service must be RUNNING. */
export function associateCustomDomain(input: JsonObject, ctx: Ctx): JsonObject {
  const svc = getService(ctx, reqStr(input, 'ServiceArn'));
  if (svc.status !== 'RUNNING') throw fail.state(`The service ${svc.name} is ${svc.status}; it must be RUNNING.`);
  const name = reqStr(input, 'DomainName').toLowerCase();
  if (svc.domains.some((d) => d.name === name)) throw fail.invalid(`${name} is already associated with ${svc.name}.`);
  const max = ctx.env.quotas.customDomainsPerService;
  if (svc.domains.length >= max) throw fail.invalid(`A service can have at most ${max} custom domains.`);
  const www = bool(input, 'EnableWWWSubdomain') ?? true;
  const records = [validationRecord(ctx, name)];
  if (www) records.push(validationRecord(ctx, `www.${name}`));
  const d: DomainRecord = {
    name,
    www,
    status: 'CREATING',
    until: ctx.now + duration(ctx, 'AssociateCustomDomain'),
    records,
  };
  svc.domains.push(d);
  return envelope(ctx, svc, { CustomDomain: domainView(d) });
}

/** DescribeCustomDomains (paginated, at most five per page by the model). */
export function describeCustomDomains(input: JsonObject, ctx: Ctx): JsonObject {
  const svc = getService(ctx, reqStr(input, 'ServiceArn'));
  const page = paginate(svc.domains, input.MaxResults, input.NextToken);
  return envelope(ctx, svc, { CustomDomains: page.items.map(domainView), NextToken: page.nextToken });
}

/** DisassociateCustomDomain. */
export function disassociateCustomDomain(input: JsonObject, ctx: Ctx): JsonObject {
  const svc = getService(ctx, reqStr(input, 'ServiceArn'));
  const name = reqStr(input, 'DomainName').toLowerCase();
  const d = svc.domains.find((x) => x.name === name);
  if (!d) throw fail.notFound(`${name} is not associated with ${svc.name}.`);
  if (d.status === 'DELETING') throw fail.state(`${name} is already being disassociated.`);
  d.status = 'DELETING';
  d.until = ctx.now + duration(ctx, 'DisassociateCustomDomain');
  return envelope(ctx, svc, { CustomDomain: domainView(d) });
}

/** The admin "DNS validated" step: a domain waiting for validation becomes ACTIVE. */
export function validateDomain(ctx: Ctx, serviceArn: string, domainName: string): DomainRecord {
  const svc = getService(ctx, serviceArn, true);
  const d = svc.domains.find((x) => x.name === domainName.toLowerCase());
  if (!d) throw fail.notFound(`${domainName} is not associated with ${svc.name}.`);
  if (d.status !== 'PENDING_CERTIFICATE_DNS_VALIDATION') {
    throw fail.state(`${domainName} is ${d.status}; only a domain pending DNS validation can be validated.`);
  }
  d.status = 'ACTIVE';
  return d;
}
