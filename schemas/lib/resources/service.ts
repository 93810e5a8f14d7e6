// apprunner_service: a running App Runner service, from an image or a code repository.
import { ARN, requiredWhen, STATUS, TAGS } from './common.js';
import { sourceAttributes } from './service-source.js';
import { type AttrDef, type ResourceDef, timeouts } from './types.js';

// Defaults marked "documented" are App Runner's behaviour when the member is omitted, stated in the
// API reference but not as default traits in the model (whose only defaults here are `false` on
// booleans). `is_publicly_accessible` overrides the model: its `false` comes from the shared
// Boolean shape, while an omitted ingress setting leaves a service public.

const HEALTH = 'health_check_configuration';
const NET = 'network_configuration';
const OBS = 'observability_configuration';

const instanceAttributes: Record<string, AttrDef> = {
  instance_configuration: { description: 'Size and identity of each instance.', computed: true },
  'instance_configuration.cpu': {
    description: 'CPU per instance, as `1024` or `1 vCPU` (the two spellings are the same value).',
    default: '1024', // documented
    normalize: 'cpu',
  },
  'instance_configuration.memory': {
    description: 'Memory per instance, as `2048` or `2 GB` (the two spellings are the same value).',
    default: '2048', // documented
    normalize: 'memory',
  },
  'instance_configuration.instance_role_arn': {
    description: 'ARN of the IAM role the application runs as when it calls AWS.',
  },
};

const healthAttributes: Record<string, AttrDef> = {
  [HEALTH]: { description: 'How App Runner decides that an instance is healthy.', computed: true },
  [`${HEALTH}.protocol`]: { description: '`TCP` checks the port; `HTTP` requests `path`.', default: 'TCP' }, // documented
  [`${HEALTH}.path`]: { description: 'Path requested by HTTP checks.', default: '/' }, // documented
  [`${HEALTH}.interval`]: { description: 'Seconds between checks.', default: 5 }, // documented
  [`${HEALTH}.timeout`]: { description: 'Seconds to wait for an answer.', default: 2 }, // documented
  [`${HEALTH}.healthy_threshold`]: {
    description: 'Consecutive passes before an instance counts as healthy.',
    default: 1, // documented
  },
  [`${HEALTH}.unhealthy_threshold`]: {
    description: 'Consecutive failures before an instance counts as unhealthy.',
    default: 5, // documented
  },
};

const networkAttributes: Record<string, AttrDef> = {
  [NET]: { description: 'Inbound and outbound networking.', computed: true },
  [`${NET}.egress_configuration`]: {
    description: 'Where outbound traffic goes.',
    computed: true,
    schema: requiredWhen('egress_type', 'VPC', 'vpc_connector_arn'),
  },
  [`${NET}.egress_configuration.egress_type`]: {
    description: '`DEFAULT` for the public internet, `VPC` through a VPC connector.',
    default: 'DEFAULT', // documented
  },
  [`${NET}.egress_configuration.vpc_connector_arn`]: {
    description: 'ARN of the VPC connector; required when `egress_type` is `VPC`.',
  },
  [`${NET}.ingress_configuration`]: { description: 'Who can reach the service.', computed: true },
  [`${NET}.ingress_configuration.is_publicly_accessible`]: {
    description: 'Reachable from the internet; when false, only through VPC ingress connections.',
    default: true, // documented; see above
  },
  [`${NET}.ip_address_type`]: { description: 'IPv4 only, or IPv4 and IPv6.', default: 'IPV4' }, // documented
};

const observabilityAttributes: Record<string, AttrDef> = {
  [OBS]: {
    description: 'Request tracing for the service; leaving the block out turns tracing off.',
    // Off when absent, as App Runner has it, so that removing the block turns tracing off again.
    default: { observability_enabled: false },
    schema: requiredWhen('observability_enabled', true, 'observability_configuration_arn'),
  },
  [`${OBS}.observability_enabled`]: { description: 'Turn tracing on; needs `observability_configuration_arn`.' },
  [`${OBS}.observability_configuration_arn`]: { description: 'ARN of the observability configuration revision.' },
};

/** Definition of apprunner_service. */
export const service: ResourceDef = {
  type: 'apprunner_service',
  description: 'An App Runner service: builds or pulls its source, runs it, scales it and serves it over HTTPS.',
  input: 'CreateServiceRequest',
  members: [
    'ServiceName',
    'SourceConfiguration',
    'InstanceConfiguration',
    'HealthCheckConfiguration',
    'AutoScalingConfigurationArn',
    'NetworkConfiguration',
    'ObservabilityConfiguration',
    'EncryptionConfiguration',
    'Tags',
  ],
  attributes: {
    service_name: { description: 'Name of the service, unique in the account and region.', forcesReplacement: true },
    ...sourceAttributes,
    ...instanceAttributes,
    ...healthAttributes,
    auto_scaling_configuration_arn: {
      description: 'ARN of the auto scaling configuration revision; the account default when omitted.',
      computed: true,
    },
    ...networkAttributes,
    ...observabilityAttributes,
    encryption_configuration: {
      description: 'A customer managed KMS key for the source copy and logs; it can only be set at creation.',
      forcesReplacement: true,
    },
    'encryption_configuration.kms_key': { description: 'ARN of the KMS key.' },
    tags: TAGS,
  },
  extraArgs: {
    paused: {
      description: 'Keep the service paused (no instances, no traffic); false resumes it.',
      schema: { type: 'boolean' },
      default: false,
    },
  },
  computed: {
    arn: { ...ARN, from: 'Service$ServiceArn' },
    service_id: {
      description: 'The identifier App Runner gave the service, unique within the region.',
      from: 'Service$ServiceId',
    },
    service_url: {
      description: 'The default host name on which App Runner serves the service.',
      from: 'Service$ServiceUrl',
    },
    status: { ...STATUS, from: 'Service$Status' },
    updated_at: {
      description: 'When App Runner last changed the service: its configuration or its status (ISO 8601).',
      from: 'Service$UpdatedAt',
      sideEffect: true,
    },
  },
  timeouts: timeouts(20 * 60_000),
};
