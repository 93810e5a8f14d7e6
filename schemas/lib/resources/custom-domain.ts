// apprunner_custom_domain: a domain name associated with a service, with its certificate validation.
import { STATUS } from './common.js';
import { type ResourceDef, timeouts } from './types.js';

/** Definition of apprunner_custom_domain. */
export const customDomain: ResourceDef = {
  type: 'apprunner_custom_domain',
  description:
    'A custom domain served by an App Runner service. App Runner answers with DNS records that prove ' +
    'ownership of the domain; the domain becomes active once they are published and checked.',
  input: 'AssociateCustomDomainRequest',
  members: ['ServiceArn', 'DomainName', 'EnableWWWSubdomain'],
  attributes: {
    service_arn: { description: 'ARN of the service the domain points to.', forcesReplacement: true },
    domain_name: { description: 'The domain (or subdomain) to associate.', forcesReplacement: true },
    enable_www_subdomain: {
      description: 'Also associate `www.` in front of the domain name.',
      forcesReplacement: true,
      // App Runner's documented behaviour when the member is omitted; the model has no default trait.
      default: true,
    },
  },
  extraArgs: {
    wait_for: {
      // Only changes how long apply waits, so it is changed in place: replacing the domain for it
      // would start certificate validation over.
      description:
        'How far apply waits after associating: `validation_records` (until the records to publish are known) ' +
        'or `active` (until the certificate is validated).',
      schema: { type: 'string', enum: ['validation_records', 'active'] },
      default: 'validation_records',
    },
  },
  computed: {
    dns_target: {
      description: 'The host name to point a CNAME record of the domain at.',
      from: 'DescribeCustomDomainsResponse$DNSTarget',
      alwaysRefresh: true,
    },
    certificate_validation_records: {
      description: 'DNS records to publish so that App Runner can validate the certificate of the domain.',
      from: 'CustomDomain$CertificateValidationRecords',
    },
    'certificate_validation_records.*.name': {
      description: 'Name of the record to publish.',
      from: 'CertificateValidationRecord$Name',
    },
    'certificate_validation_records.*.type': {
      description: 'Type of the record, e.g. `CNAME`.',
      from: 'CertificateValidationRecord$Type',
    },
    'certificate_validation_records.*.value': {
      description: 'Value of the record.',
      from: 'CertificateValidationRecord$Value',
    },
    'certificate_validation_records.*.status': {
      description: 'Whether App Runner has seen the record: `PENDING_VALIDATION`, `SUCCESS` or `FAILED`.',
      from: 'CertificateValidationRecord$Status',
    },
    status: { ...STATUS, from: 'CustomDomain$Status' },
  },
  timeouts: timeouts(10 * 60_000),
};
